/** Diagram ↔ editor: which node the cursor is in, and the view maths behind pan, zoom and fit. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { nodeAtPosition } from '../../src/preview/panel/node-at-position.js';
import { centreOn, fitView, zoomAt } from '../../src/preview/webview/view-transform.js';
import { FIXTURES, modelsOf, readModelFolder } from './preview-test-kit.js';

describe('cursor → node', () => {
    it('finds the innermost declaration under the cursor', async () => {
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop')))));
        const uri = graph.nodes.find(node => node.id === 'command:Shop.PlaceOrder')!.location!.uri;
        const at = (line: number, character: number) => nodeAtPosition(graph.nodes, uri, { line, character })?.id;
        assert.equal(at(14, 4), 'command:Shop.PlaceOrder', 'inside the command, which is inside the aggregate');
        assert.equal(at(12, 10), 'command:Shop.PlaceOrder', 'on its name');
        assert.equal(at(8, 4), 'aggregate:Shop.Order', 'in the aggregate\'s state');
        assert.equal(at(40, 4), 'policy:Shop.InvoicePlacedOrders');
        assert.equal(at(1, 3), undefined, 'the context line is no node');
        assert.equal(nodeAtPosition(graph.nodes, 'file:///elsewhere.loom', { line: 14, character: 4 }), undefined);
    });
});

describe('view transform', () => {
    it('zooms around the pointer, keeping the point under it in place', () => {
        const view = zoomAt({ x: 10, y: 20, scale: 1 }, 2, 110, 70);
        assert.deepEqual(view, { x: -90, y: -30, scale: 2 });
        // The diagram point under the pointer, (100, 50), is still at (110, 70).
        assert.equal(100 * view.scale + view.x, 110);
        assert.equal(50 * view.scale + view.y, 70);
    });

    it('fits a diagram into the canvas, centred, and never blows a small one up beyond 1.5×', () => {
        assert.deepEqual(fitView(2000, 500, 1032, 532), { scale: 0.5, x: 16, y: 141 });
        assert.equal(fitView(100, 50, 1000, 800).scale, 1.5);
        assert.deepEqual(centreOn({ x: 0, y: 0, scale: 2 }, 50, 25, 400, 300), { x: 100, y: 100, scale: 2 });
    });
});
