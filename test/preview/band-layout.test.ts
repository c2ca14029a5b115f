/** The band layout that large views use: no overlaps, edges only through the gaps, fast enough to be linear. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { bandLayout } from '../../src/preview/layout/band-layout.js';
import { ELK_MAX_NODES, layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { exportSvg } from '../../src/preview/export/export-svg.js';
import { generateBenchModel } from '../bench/model/bench-model.js';
import { allElements, aspectOf, assertCleanLayout, assertEdgesAvoidNotes, assertFramesContainTheirNotes, assertNoSharedLines, assertQueriesReadLeftwards, FIXTURES, modelsOf, parseXml, readModelFolder, templates } from './preview-test-kit.js';

describe('bandLayout', () => {
    for (const template of templates()) {
        const name = path.basename(template);
        it(`lays out the ${name} template without overlaps, edges through the gaps`, async () => {
            const graph = bandLayout(buildFlowGraph(await modelsOf(readModelFolder(template))));
            assertCleanLayout(graph, name);
            assertEdgesAvoidNotes(graph, name);
            assertFramesContainTheirNotes(graph, name);
            assertQueriesReadLeftwards(graph, name);
            assertNoSharedLines(graph, name);
        });
    }

    it('keeps the flow\'s layers left to right and an aggregate\'s notes in one band', async () => {
        const graph = bandLayout(buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop')))));
        const at = (id: string) => graph.nodes.find(node => node.id === id)!;
        assert.ok(at('command:Shop.PlaceOrder').x < at('aggregate:Shop.Order').x);
        assert.ok(at('aggregate:Shop.Order').x < at('event:Shop.OrderPlaced').x);
        assert.ok(at('event:Shop.OrderPlaced').x < at('readModel:Shop.OrderList').x);
        assert.ok(at('readModel:Shop.OrderList').x < at('query:Shop.ListOrders').x);
        // Order's band lies above Invoice's.
        const orderBottom = Math.max(...['command:Shop.PlaceOrder', 'command:Shop.ShipOrder', 'event:Shop.OrderPlaced', 'event:Shop.OrderShipped'].map(id => at(id).y + at(id).height));
        assert.ok(orderBottom <= at('aggregate:Shop.Invoice').y);
    });

    it('takes over from elkjs above the size elkjs can keep live, and stays clean on a large model', async () => {
        const model = generateBenchModel({ contexts: 2, aggregates: 30, commands: 150, events: 150, readModels: 50, layout: 'per-context', hubUses: 10 });
        const models = await modelsOf(Object.fromEntries(model.files.map(file => [file.path, file.text])));
        const graph = buildFlowGraph(models);
        assert.ok(graph.nodes.length > ELK_MAX_NODES, `${graph.nodes.length} nodes`);
        const laidOut = await layoutFlowGraph(graph);
        assert.deepEqual(laidOut, bandLayout(graph), 'large views use the band layout');
        assertCleanLayout(laidOut, 'bench model');
        assertEdgesAvoidNotes(laidOut, 'bench model');
        assertFramesContainTheirNotes(laidOut, 'bench model');
        assertQueriesReadLeftwards(laidOut, 'bench model');
        assertNoSharedLines(laidOut, 'bench model');
    });

    it('wraps a large model\'s frames into columns: the diagram is about as wide as a view, not a strip', async () => {
        const model = generateBenchModel({ contexts: 4, aggregates: 40, commands: 160, events: 200, readModels: 60, layout: 'per-context', hubUses: 10 });
        const graph = bandLayout(buildFlowGraph(await modelsOf(Object.fromEntries(model.files.map(file => [file.path, file.text])))));
        const columns = new Set(graph.groups.map(group => group.x));
        assert.ok(columns.size > 1, `the frames lie in ${columns.size} column(s)`);
        assert.ok(graph.width > graph.height / 2 && aspectOf(graph) <= 3, `${graph.width} × ${graph.height}`);
        assert.deepEqual(new Set(graph.groups.map(group => group.context)), new Set(graph.nodes.map(node => node.context)), 'a frame (or more) per context');
        assert.equal(new Set(graph.nodes.map(node => node.context)).size, 4);
        assertFramesContainTheirNotes(graph, 'bench model, 4 contexts');
        // Exactly the edges between columns are marked far (drawn faint).
        const column = (id: string) => graph.groups.find(group => { const n = graph.nodes.find(node => node.id === id)!; return n.x >= group.x && n.x <= group.x + group.width; })!.x;
        for (const edge of graph.edges) assert.equal(edge.far === true, column(edge.source) !== column(edge.target), `${edge.id} far: ${edge.far}`);
        assert.ok(graph.edges.some(edge => edge.far));
        assertEdgesAvoidNotes(graph, 'bench model, 4 contexts');
    });

    it('draws an edge between columns as two labelled stubs: no bundle in the gutters, each label readable and naming the other end', async () => {
        const model = generateBenchModel({ contexts: 4, aggregates: 40, commands: 160, events: 200, readModels: 60, layout: 'per-context', hubUses: 10 });
        const graph = bandLayout(buildFlowGraph(await modelsOf(Object.fromEntries(model.files.map(file => [file.path, file.text])))));
        const far = graph.edges.filter(edge => edge.far);
        assert.ok(far.length > 20, `${far.length} edges between columns`);
        for (const edge of far) {
            const stubs = edge.stubs!;
            assert.ok(stubs, `${edge.id} has stubs`);
            // The stubs start where the edge starts and end where it ends (the arrowhead on the target).
            assert.deepEqual(stubs.source[0], edge.points[0], `${edge.id}: the source stub leaves the source`);
            assert.deepEqual(stubs.target.at(-1), edge.points.at(-1), `${edge.id}: the target stub enters the target`);
        }
        assert.ok(graph.edges.every(edge => !edge.stubs || edge.far), 'only far edges are stubbed');
        // What is drawn: every stub and every other edge on its own lines, clear of the notes.
        const drawn = {
            ...graph, edges: graph.edges.flatMap(edge => edge.stubs
                ? [{ ...edge, id: `${edge.id} (source stub)`, points: edge.stubs.source }, { ...edge, id: `${edge.id} (target stub)`, points: edge.stubs.target }]
                : [edge])
        };
        assertNoSharedLines(drawn, 'stubs');
        for (const edge of drawn.edges) {
            for (let i = 1; i < edge.points.length; i++) {
                const [a, b] = [edge.points[i - 1], edge.points[i]];
                assert.ok(a.x === b.x || a.y === b.y, `${edge.id} has a diagonal segment`);
                for (const node of graph.nodes) {
                    const inside = Math.max(a.x, b.x) > node.x + 0.5 && Math.min(a.x, b.x) < node.x + node.width - 0.5 && Math.max(a.y, b.y) > node.y + 0.5 && Math.min(a.y, b.y) < node.y + node.height - 0.5;
                    assert.ok(!inside, `${edge.id} crosses ${node.id}`);
                }
            }
        }
        // The labels, as the SVG draws them: each names the other end, none overlaps another label or a note.
        const labels = allElements(parseXml(exportSvg(graph))).filter(element => element.attributes.class === 'stub-label');
        assert.equal(labels.length, 2 * far.length);
        const texts = new Set(labels.map(label => label.text));
        const shortened = (text: string) => text.length <= 30 ? text : `${text.slice(0, 29)}…`;
        const named = (id: string) => id.slice(id.indexOf(':') + 1);
        const verb = { projects: 'updates', triggers: 'triggers' } as Record<string, string>;
        for (const edge of far) {
            assert.ok(texts.has(shortened(`from ${named(edge.source)}`)), `a label at ${edge.target}'s end says where ${edge.id} comes from`);
            assert.ok(texts.has(shortened(`${verb[edge.kind]} ${named(edge.target)}`)), `a label at ${edge.source}'s end says where ${edge.id} goes`);
        }
        // The export's legend and margin sit above the diagram: boxes in the diagram's coordinates.
        const boxes = labels.map(label => {
            const width = label.text.length * 5.4;
            const x = Number(label.attributes.x);
            const left = label.attributes['text-anchor'] === 'end' ? x - width : x;
            return { text: label.text, left, right: left + width, top: Number(label.attributes.y) - 9, bottom: Number(label.attributes.y) + 2 };
        });
        const apart = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) assert.ok(apart(boxes[i], boxes[j]), `the labels "${boxes[i].text}" and "${boxes[j].text}" overlap`);
            for (const node of graph.nodes) {
                assert.ok(apart(boxes[i], { left: node.x, right: node.x + node.width, top: node.y, bottom: node.y + node.height }), `the label "${boxes[i].text}" covers ${node.id}`);
            }
        }
    });
});
