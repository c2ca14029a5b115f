/** Layout: elkjs places every note without overlap, left to right, for every template and view. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { exportSvg } from '../../src/preview/export/export-svg.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { nodeWidth } from '../../src/preview/drawing/node-metrics.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import {
    assertCleanLayout, assertEdgesAvoidNotes, assertFramesContainTheirNotes, assertNoSharedLines, assertQueriesReadLeftwards, FIXTURES, modelsOf, parseXml,
    readModelFolder, REPO_ROOT, templates
} from './preview-test-kit.js';

/** Notes apart, every edge on its own line and clear of the notes, frames around their notes, queries reading leftwards. */
function assertReadable(graph: LaidOutFlowGraph, label: string): void {
    assertCleanLayout(graph, label);
    assertEdgesAvoidNotes(graph, label);
    assertNoSharedLines(graph, label);
    assertFramesContainTheirNotes(graph, label);
    assertQueriesReadLeftwards(graph, label);
}

/** Which frames share a row: frames whose tops are level. */
function rowsOf(graph: LaidOutFlowGraph): string[][] {
    const tops = [...new Set(graph.groups.map(group => group.y))].sort((a, b) => a - b);
    return tops.map(top => graph.groups.filter(group => group.y === top).sort((a, b) => a.x - b.x).map(group => group.context));
}

describe('layoutFlowGraph', () => {
    for (const template of templates()) {
        const name = path.basename(template);
        it(`lays out the ${name} template with no overlapping notes, in every context view`, async () => {
            const models = await modelsOf(readModelFolder(template));
            const whole = buildFlowGraph(models);
            assert.ok(whole.nodes.length > 5, `${name} should draw a real flow`);
            for (const aspect of [0.5, 1.6, 4]) assertReadable(await layoutFlowGraph(whole, { aspect }), `${name} at ${aspect} : 1`);
            for (const context of whole.contexts) {
                assertReadable(await layoutFlowGraph(buildFlowGraph(models, { context })), `${name} / ${context}`);
            }
            for (const aggregate of whole.aggregates) {
                assertReadable(await layoutFlowGraph(buildFlowGraph(models, { aggregate })), `${name} / ${aggregate}`);
            }
        });

        it(`exports the whole ${name} template as an SVG no wider than 3 : 1`, async () => {
            const root = parseXml(exportSvg(await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(template)))))).attributes;
            const [width, height] = [Number(root.width), Number(root.height)];
            assert.ok(width / height <= 3 && height / width <= 3, `${name}: ${width} × ${height}`);
        });
    }

    it('wraps the contexts\' frames into rows, so the flow takes the shape of the view', async () => {
        const whole = buildFlowGraph(await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop'))));
        // Side by side the shop's three contexts are 4.8 : 1; a view of 1.6 : 1 gets two rows, in model order.
        const landscape = await layoutFlowGraph(whole);
        assert.deepEqual(rowsOf(landscape), [['Ordering'], ['Payments', 'Shipping']]);
        assert.ok(landscape.width / landscape.height > 1.2 && landscape.width / landscape.height < 2.2, `${landscape.width} × ${landscape.height}`);
        // A tall view stacks them, a very wide one puts them side by side.
        assert.deepEqual(rowsOf(await layoutFlowGraph(whole, { aspect: 0.5 })), [['Ordering'], ['Payments'], ['Shipping']]);
        assert.deepEqual(rowsOf(await layoutFlowGraph(whole, { aspect: 5 })), [['Ordering', 'Payments', 'Shipping']]);
        // The edges between contexts still join the same notes: a route from its source's border to its target's.
        const triggers = landscape.edges.find(edge => edge.id === 'event:Payments.PaymentCaptured->policy:Ordering.MarkPaidWhenPaymentCaptured')!;
        const policy = landscape.nodes.find(node => node.id === triggers.target)!;
        const event = landscape.nodes.find(node => node.id === triggers.source)!;
        assert.deepEqual(triggers.points[0], { x: event.x + event.width, y: triggers.points[0].y });
        assert.equal(triggers.points[triggers.points.length - 1].x, policy.x);
    });

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
