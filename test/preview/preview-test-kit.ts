/**
 * Shared set-up for the preview tests: real models parsed, linked and validated from text or
 * from disk, and geometry checks on laid-out graphs.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import sax from 'sax';
import { clearDocuments } from 'langium/test';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Model } from '../../src/language/generated/ast.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import { updateGolden, UPDATE_GOLDEN_VARIABLE } from '../kit/golden.js';
import { REPO_ROOT } from '../kit/paths.js';
import { assertNoErrors, buildWorkspace, freshFolder } from '../kit/workspace.js';

export { REPO_ROOT };
export const FIXTURES = path.join(REPO_ROOT, 'test/preview/fixtures');
export const GOLDEN = path.join(REPO_ROOT, 'test/preview/golden');

const services = createEventloomServices(EmptyFileSystem);

/**
 * Builds the files as the whole workspace (earlier documents are removed: each test sees only its
 * own model); fails on any error diagnostic unless told otherwise.
 */
export async function modelsOf(files: Record<string, string>, options: { allowErrors?: boolean } = {}): Promise<Model[]> {
    await clearDocuments(services.shared);
    const documents = await buildWorkspace(files, { shared: services.shared, folder: freshFolder('/preview-test/workspace') });
    if (!options.allowErrors) assertNoErrors(documents, 'the test model must be valid');
    return documents.map(document => document.parseResult.value);
}

/** Every `.loom` file under a folder, keyed by its path relative to the folder. */
export function readModelFolder(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const visit = (dir: string) => {
        for (const name of readdirSync(dir).sort()) {
            const full = path.join(dir, name);
            if (statSync(full).isDirectory()) visit(full);
            else if (name.endsWith('.loom')) files[path.relative(folder, full)] = readFileSync(full, 'utf8');
        }
    };
    if (statSync(folder).isDirectory()) visit(folder);
    else files[path.basename(folder)] = readFileSync(folder, 'utf8');
    return files;
}

/** The templates users start from: each `.loom` file and each folder under templates/. */
export function templates(): string[] {
    const root = path.join(REPO_ROOT, 'templates');
    return readdirSync(root).sort().map(name => path.join(root, name))
        .filter(entry => statSync(entry).isDirectory() || entry.endsWith('.loom'));
}

/** No two notes overlap, every note lies inside the diagram, every edge has a route. */
export function assertCleanLayout(graph: LaidOutFlowGraph, label: string): void {
    const nodes = graph.nodes;
    for (const node of nodes) {
        assert.ok(node.width > 0 && node.height > 0, `${label}: ${node.id} has no size`);
        assert.ok(node.x >= 0 && node.y >= 0 && node.x + node.width <= graph.width + 0.01 && node.y + node.height <= graph.height + 0.01,
            `${label}: ${node.id} at (${node.x},${node.y}) ${node.width}x${node.height} lies outside the ${graph.width}x${graph.height} diagram`);
    }
    for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
            const [a, b] = [nodes[i], nodes[j]];
            const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            assert.ok(apart, `${label}: ${a.id} (${a.x},${a.y} ${a.width}x${a.height}) overlaps ${b.id} (${b.x},${b.y} ${b.width}x${b.height})`);
        }
    }
    for (const edge of graph.edges) {
        assert.ok(edge.points.length >= 2, `${label}: edge ${edge.id} has no route`);
    }
}

interface ParsedElement {
    name: string;
    attributes: Record<string, string>;
    text: string;
    children: ParsedElement[];
}

/** Parses with sax in strict mode: throws on anything that is not well-formed XML. */
export function parseXml(xml: string): ParsedElement {
    const parser = sax.parser(true, { xmlns: false });
    const root: ParsedElement = { name: '#document', attributes: {}, text: '', children: [] };
    const stack = [root];
    parser.onerror = error => { throw error; };
    parser.onopentag = tag => {
        const element: ParsedElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '', children: [] };
        stack[stack.length - 1].children.push(element);
        stack.push(element);
    };
    parser.onclosetag = () => { stack.pop(); };
    parser.ontext = text => { stack[stack.length - 1].text += text; };
    parser.write(xml).close();
    assert.equal(root.children.length, 1, 'one root element');
    return root.children[0];
}

export function allElements(element: ParsedElement): ParsedElement[] {
    return [element, ...element.children.flatMap(allElements)];
}

/** Compares with the golden file; `EVENTLOOM_UPDATE_GOLDEN=1` rewrites it (then review the diff). */
export function expectGolden(actual: string, file: string): void {
    const golden = path.join(GOLDEN, file);
    if (updateGolden) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(golden, actual);
    }
    assert.equal(actual, readFileSync(golden, 'utf8'), `${file} differs from the golden file (${UPDATE_GOLDEN_VARIABLE}=1 rewrites it)`);
}

/**
 * Contexts' frames (a view of one context has none): each note of a framed context lies inside one of that context's frames (an
 * external event may sit in the frame of the context it feeds), and frames do not overlap.
 */
export function assertFramesContainTheirNotes(graph: LaidOutFlowGraph, label: string): void {
    if (graph.groups.length === 0) {
        assert.ok(new Set(graph.nodes.map(node => node.context)).size <= 1, `${label}: a view of several contexts has frames`);
        return;
    }
    const inside = (node: LaidOutFlowGraph['nodes'][number], group: LaidOutFlowGraph['groups'][number]) =>
        node.x >= group.x && node.y >= group.y && node.x + node.width <= group.x + group.width + 0.01 && node.y + node.height <= group.y + group.height + 0.01;
    for (const node of graph.nodes) {
        const frames = graph.groups.filter(group => group.context === node.context);
        if (node.kind === 'externalEvent' && frames.length === 0) {
            assert.ok(graph.groups.some(group => inside(node, group)), `${label}: ${node.id} lies in some frame`);
            continue;
        }
        assert.ok(frames.some(group => inside(node, group)), `${label}: ${node.id} lies in a frame of ${node.context}`);
    }
    for (let i = 0; i < graph.groups.length; i++) {
        for (let j = i + 1; j < graph.groups.length; j++) {
            const [a, b] = [graph.groups[i], graph.groups[j]];
            const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            assert.ok(apart, `${label}: the frames of ${a.context} and ${b.context} overlap`);
        }
    }
}

/** Every `reads` edge leaves its query on the left and enters the read model on the right (one direction in every layout). */
export function assertQueriesReadLeftwards(graph: LaidOutFlowGraph, label: string): void {
    const byId = new Map(graph.nodes.map(node => [node.id, node]));
    for (const edge of graph.edges.filter(candidate => candidate.kind === 'reads')) {
        const [query, readModel] = [byId.get(edge.source)!, byId.get(edge.target)!];
        const [start, end] = [edge.points[0], edge.points[edge.points.length - 1]];
        assert.ok(readModel.x + readModel.width <= query.x, `${label}: ${query.id} lies right of ${readModel.id}`);
        assert.ok(Math.abs(start.x - query.x) < 1, `${label}: ${edge.id} leaves the query's left side`);
        assert.ok(Math.abs(end.x - (readModel.x + readModel.width)) < 1, `${label}: ${edge.id} enters the read model's right side`);
    }
}

/** Width : height of the larger side to the smaller. */
export function aspectOf(graph: { width: number; height: number }): number {
    return Math.max(graph.width, graph.height) / Math.min(graph.width, graph.height);
}

/** No edge segment runs through a note (endpoints touch their own notes' borders only). */
export function assertEdgesAvoidNotes(graph: LaidOutFlowGraph, label: string): void {
    for (const edge of graph.edges) {
        for (let i = 1; i < edge.points.length; i++) {
            const [a, b] = [edge.points[i - 1], edge.points[i]];
            assert.ok(a.x === b.x || a.y === b.y, `${label}: ${edge.id} has a diagonal segment`);
            for (const node of graph.nodes) {
                const inside = Math.max(a.x, b.x) > node.x + 0.5 && Math.min(a.x, b.x) < node.x + node.width - 0.5
                    && Math.max(a.y, b.y) > node.y + 0.5 && Math.min(a.y, b.y) < node.y + node.height - 0.5;
                assert.ok(!inside, `${label}: ${edge.id} crosses ${node.id}`);
            }
        }
        const source = graph.nodes.find(node => node.id === edge.source)!;
        const target = graph.nodes.find(node => node.id === edge.target)!;
        const [start, end] = [edge.points[0], edge.points[edge.points.length - 1]];
        assert.ok(start.x === source.x || start.x === source.x + source.width, `${label}: ${edge.id} starts on a side of ${source.id}`);
        assert.ok(end.x === target.x || end.x === target.x + target.width, `${label}: ${edge.id} ends on a side of ${target.id}`);
    }
}

/** No two edges run along one line: collinear segments of different edges never overlap (no shared trunks). */
export function assertNoSharedLines(graph: LaidOutFlowGraph, label: string): void {
    const lines = new Map<string, Array<{ edge: string; from: number; to: number }>>();
    for (const edge of graph.edges) {
        for (let i = 1; i < edge.points.length; i++) {
            const [a, b] = [edge.points[i - 1], edge.points[i]];
            const key = a.x === b.x ? `x${a.x}` : `y${a.y}`;
            const [from, to] = a.x === b.x ? [Math.min(a.y, b.y), Math.max(a.y, b.y)] : [Math.min(a.x, b.x), Math.max(a.x, b.x)];
            let list = lines.get(key);
            if (!list) lines.set(key, list = []);
            for (const other of list) {
                assert.ok(other.edge === edge.id || other.to <= from || to <= other.from, `${label}: ${edge.id} and ${other.edge} share the line ${key} over ${Math.max(from, other.from)}..${Math.min(to, other.to)}`);
            }
            list.push({ edge: edge.id, from, to });
        }
    }
}
