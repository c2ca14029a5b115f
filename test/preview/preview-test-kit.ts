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
