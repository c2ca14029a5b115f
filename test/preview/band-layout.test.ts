/** The band layout that large views use: no overlaps, edges only through the gaps, fast enough to be linear. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { bandLayout } from '../../src/preview/layout/band-layout.js';
import { ELK_MAX_NODES, layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { generateBenchModel } from '../bench/model/bench-model.js';
import { aspectOf, assertCleanLayout, assertEdgesAvoidNotes, assertFramesContainTheirNotes, assertNoSharedLines, assertQueriesReadLeftwards, FIXTURES, modelsOf, readModelFolder, templates } from './preview-test-kit.js';

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
});
