/** Layout: elkjs places every note without overlap, left to right, for every template and view. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { nodeWidth } from '../../src/preview/drawing/node-metrics.js';
import { assertCleanLayout, assertFramesContainTheirNotes, assertQueriesReadLeftwards, FIXTURES, modelsOf, readModelFolder, REPO_ROOT, templates } from './preview-test-kit.js';

describe('layoutFlowGraph', () => {
    for (const template of templates()) {
        const name = path.basename(template);
        it(`lays out the ${name} template with no overlapping notes, in every context view`, async () => {
            const models = await modelsOf(readModelFolder(template));
            const whole = buildFlowGraph(models);
            assert.ok(whole.nodes.length > 5, `${name} should draw a real flow`);
            assertCleanLayout(await layoutFlowGraph(whole), name);
            for (const context of whole.contexts) {
                assertCleanLayout(await layoutFlowGraph(buildFlowGraph(models, { context })), `${name} / ${context}`);
            }
            for (const aggregate of whole.aggregates) {
                assertCleanLayout(await layoutFlowGraph(buildFlowGraph(models, { aggregate })), `${name} / ${aggregate}`);
            }
        });
    }

    it('frames each context of a view of several (compound nodes), its notes inside, frames apart', async () => {
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const whole = await layoutFlowGraph(buildFlowGraph(models));
        assert.deepEqual(whole.groups.map(group => group.context), ['Ordering', 'Payments', 'Shipping']);
        assertFramesContainTheirNotes(whole, 'online-shop');
        assertQueriesReadLeftwards(whole, 'online-shop');
        // A context view frames its context and each context its external events come from.
        const payments = await layoutFlowGraph(buildFlowGraph(models, { context: 'Payments' }));
        assert.deepEqual(payments.groups.map(group => group.context).sort(), ['Ordering', 'Payments']);
        assertFramesContainTheirNotes(payments, 'online-shop / Payments');
        // One context alone needs no frame.
        const bank = await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/banking.loom')))));
        assert.deepEqual(bank.groups, []);
        assertQueriesReadLeftwards(bank, 'banking');
    });

    it('flows left to right: command before aggregate before event before read model', async () => {
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop')))));
        const x = (id: string) => graph.nodes.find(node => node.id === id)!.x;
        assert.ok(x('command:Shop.PlaceOrder') < x('aggregate:Shop.Order'));
        assert.ok(x('aggregate:Shop.Order') < x('event:Shop.OrderPlaced'));
        assert.ok(x('event:Shop.OrderPlaced') < x('readModel:Shop.OrderList'));
        assert.ok(x('event:Shop.OrderPlaced') < x('policy:Shop.InvoicePlacedOrders'));
        // Every edge is routed from its source's border to its target's border.
        for (const edge of graph.edges) {
            const target = graph.nodes.find(node => node.id === edge.target)!;
            const end = edge.points[edge.points.length - 1];
            const onBorder = Math.abs(end.x - target.x) < 1 || Math.abs(end.x - (target.x + target.width)) < 1
                || Math.abs(end.y - target.y) < 1 || Math.abs(end.y - (target.y + target.height)) < 1;
            assert.ok(onBorder, `edge ${edge.id} ends at (${end.x},${end.y}), not on ${target.id}`);
        }
    });

    it('sizes notes from their labels, so long names get wider notes', async () => {
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop')))));
        const policy = graph.nodes.find(node => node.id === 'policy:Shop.InvoicePlacedOrders')!;
        const command = graph.nodes.find(node => node.id === 'command:Shop.ShipOrder')!;
        assert.equal(policy.width, nodeWidth(policy));
        assert.ok(policy.width > command.width, 'InvoicePlacedOrders needs more room than ShipOrder');
    });

    it('lays out an empty graph', async () => {
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf({ 'empty.loom': 'context Empty\n' })));
        assert.deepEqual(graph.nodes, []);
        assert.deepEqual(graph.edges, []);
    });
});
