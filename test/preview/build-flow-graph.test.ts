/** Model → graph: every edge kind, both filters, stable ids, and what a node carries for the hover card. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import type { FlowGraph } from '../../src/protocol/flow-graph.js';
import { FIXTURES, modelsOf, readModelFolder } from './preview-test-kit.js';

const shop = () => modelsOf(readModelFolder(path.join(FIXTURES, 'shop')));

function nodesOf(graph: FlowGraph): string[] {
    return graph.nodes.map(node => `${node.kind} ${node.context}.${node.name}`).sort();
}

function edgesOf(graph: FlowGraph): string[] {
    return graph.edges.map(edge => `${edge.source} -${edge.kind}-> ${edge.target}`).sort();
}

describe('buildFlowGraph', () => {
    it('draws every declaration of the flow and every edge kind', async () => {
        const graph = buildFlowGraph(await shop());
        assert.deepEqual(nodesOf(graph), [
            'aggregate Shop.Invoice', 'aggregate Shop.Order', 'aggregate Warehouse.Shipment',
            'command Shop.PlaceOrder', 'command Shop.SendInvoice', 'command Shop.ShipOrder', 'command Warehouse.PrepareShipment',
            'event Shop.InvoiceSent', 'event Shop.OrderPlaced', 'event Shop.OrderShipped', 'event Warehouse.ShipmentPrepared',
            'policy Shop.InvoicePlacedOrders', 'policy Warehouse.PrepareWhenPlaced',
            'query Shop.ListOrders',
            'readModel Shop.OrderList', 'readModel Warehouse.Backlog'
        ]);
        assert.deepEqual(edgesOf(graph), [
            'aggregate:Shop.Invoice -emits-> event:Shop.InvoiceSent',
            'aggregate:Shop.Order -emits-> event:Shop.OrderPlaced',
            'aggregate:Shop.Order -emits-> event:Shop.OrderShipped',
            'aggregate:Warehouse.Shipment -emits-> event:Warehouse.ShipmentPrepared',
            'command:Shop.PlaceOrder -handles-> aggregate:Shop.Order',
            'command:Shop.SendInvoice -handles-> aggregate:Shop.Invoice',
            'command:Shop.ShipOrder -handles-> aggregate:Shop.Order',
            'command:Warehouse.PrepareShipment -handles-> aggregate:Warehouse.Shipment',
            'event:Shop.OrderPlaced -projects-> readModel:Shop.OrderList',
            'event:Shop.OrderPlaced -projects-> readModel:Warehouse.Backlog',
            'event:Shop.OrderPlaced -triggers-> policy:Shop.InvoicePlacedOrders',
            'event:Shop.OrderPlaced -triggers-> policy:Warehouse.PrepareWhenPlaced',
            'event:Shop.OrderShipped -projects-> readModel:Shop.OrderList',
            'event:Warehouse.ShipmentPrepared -projects-> readModel:Warehouse.Backlog',
            'policy:Shop.InvoicePlacedOrders -issues-> command:Shop.SendInvoice',
            'policy:Warehouse.PrepareWhenPlaced -issues-> command:Warehouse.PrepareShipment',
            'query:Shop.ListOrders -reads-> readModel:Shop.OrderList'
        ]);
        assert.deepEqual(graph.contexts, ['Shop', 'Warehouse']);
        assert.deepEqual(graph.aggregates, ['Shop.Invoice', 'Shop.Order', 'Warehouse.Shipment']);
    });

    it('keeps node ids stable across an edit that moves declarations', async () => {
        const files = readModelFolder(path.join(FIXTURES, 'shop'));
        const before = buildFlowGraph(await modelsOf(files)).nodes.map(node => node.id).sort();
        const edited = { ...files, 'shop.loom': `// a comment that shifts every line\n\n${files['shop.loom']}` };
        const after = buildFlowGraph(await modelsOf(edited)).nodes.map(node => node.id).sort();
        assert.deepEqual(after, before);
    });

    it('gives each node its declaration, doc comment and fields for navigation and the hover card', async () => {
        const graph = buildFlowGraph(await shop());
        const placeOrder = graph.nodes.find(node => node.id === 'command:Shop.PlaceOrder');
        assert.ok(placeOrder);
        assert.equal(placeOrder.doc, 'Places the order.');
        assert.equal(placeOrder.aggregate, 'Shop.Order');
        assert.deepEqual(placeOrder.fields, [
            { name: 'customerId', type: 'uuid', optional: false },
            { name: 'note', type: 'string', optional: true }
        ]);
        assert.match(placeOrder.location?.uri ?? '', /\/shop\.loom$/);
        // Line 13 (0-based 12): `  command PlaceOrder {`; the name starts at column 10.
        assert.deepEqual(placeOrder.location?.nameRange, { start: { line: 12, character: 10 }, end: { line: 12, character: 20 } });
        assert.deepEqual(placeOrder.location?.range.start, { line: 12, character: 2 });

        const order = graph.nodes.find(node => node.id === 'aggregate:Shop.Order');
        assert.deepEqual(order?.fields, [
            { name: 'orderId', type: 'uuid', optional: false, identity: true },
            { name: 'placed', type: 'boolean', optional: true }
        ]);
        assert.equal(order?.doc, 'A customer\'s order.');
        const list = graph.nodes.find(node => node.id === 'readModel:Shop.OrderList');
        assert.deepEqual(list?.fields.map(field => field.name), ['orderId', 'customerId']);
        assert.equal(graph.nodes.find(node => node.id === 'command:Shop.ShipOrder')?.doc, undefined);
    });

    it('filters by context: its declarations plus the other contexts\' events it consumes', async () => {
        const graph = buildFlowGraph(await shop(), { context: 'Warehouse' });
        assert.deepEqual(nodesOf(graph), [
            'aggregate Warehouse.Shipment', 'command Warehouse.PrepareShipment', 'event Warehouse.ShipmentPrepared',
            'externalEvent Shop.OrderPlaced', 'policy Warehouse.PrepareWhenPlaced', 'readModel Warehouse.Backlog'
        ]);
        assert.deepEqual(edgesOf(graph), [
            'aggregate:Warehouse.Shipment -emits-> event:Warehouse.ShipmentPrepared',
            'command:Warehouse.PrepareShipment -handles-> aggregate:Warehouse.Shipment',
            'event:Shop.OrderPlaced -projects-> readModel:Warehouse.Backlog',
            'event:Shop.OrderPlaced -triggers-> policy:Warehouse.PrepareWhenPlaced',
            'event:Warehouse.ShipmentPrepared -projects-> readModel:Warehouse.Backlog',
            'policy:Warehouse.PrepareWhenPlaced -issues-> command:Warehouse.PrepareShipment'
        ]);
        assert.deepEqual(graph.filter, { context: 'Warehouse' });
        // The menus still offer the whole model.
        assert.deepEqual(graph.contexts, ['Shop', 'Warehouse']);
    });

    it('filters by aggregate: commands it takes, events it emits, their consumers, the policies\' commands and the queries on its read models', async () => {
        const graph = buildFlowGraph(await shop(), { aggregate: 'Order' });
        assert.deepEqual(nodesOf(graph), [
            'aggregate Shop.Order',
            'command Shop.PlaceOrder', 'command Shop.SendInvoice', 'command Shop.ShipOrder', 'command Warehouse.PrepareShipment',
            'event Shop.OrderPlaced', 'event Shop.OrderShipped',
            'policy Shop.InvoicePlacedOrders', 'policy Warehouse.PrepareWhenPlaced',
            'query Shop.ListOrders',
            'readModel Shop.OrderList', 'readModel Warehouse.Backlog'
        ]);
        assert.ok(!graph.nodes.some(node => node.name === 'Invoice' || node.name === 'InvoiceSent'), 'other aggregates stay out');
        assert.ok(edgesOf(graph).includes('policy:Shop.InvoicePlacedOrders -issues-> command:Shop.SendInvoice'));
        // Notes of another context than the aggregate's are marked, so that they are drawn apart.
        assert.deepEqual(graph.nodes.filter(node => node.foreign).map(node => node.id), ['command:Warehouse.PrepareShipment', 'policy:Warehouse.PrepareWhenPlaced', 'readModel:Warehouse.Backlog']);
    });

    it('filters by qualified aggregate name and by context and aggregate together', async () => {
        const models = await shop();
        const qualified = buildFlowGraph(models, { aggregate: 'Warehouse.Shipment' });
        assert.deepEqual(nodesOf(qualified), [
            'aggregate Warehouse.Shipment', 'command Warehouse.PrepareShipment', 'event Warehouse.ShipmentPrepared',
            'policy Warehouse.PrepareWhenPlaced', 'readModel Warehouse.Backlog'
        ]);
        // The policy issuing its command is kept (it reacts to another context's event).
        assert.ok(edgesOf(qualified).includes('policy:Warehouse.PrepareWhenPlaced -issues-> command:Warehouse.PrepareShipment'));
        const both = buildFlowGraph(models, { context: 'Shop', aggregate: 'Order' });
        assert.deepEqual(nodesOf(both), [
            'aggregate Shop.Order', 'command Shop.PlaceOrder', 'command Shop.SendInvoice', 'command Shop.ShipOrder',
            'event Shop.OrderPlaced', 'event Shop.OrderShipped', 'policy Shop.InvoicePlacedOrders', 'query Shop.ListOrders', 'readModel Shop.OrderList'
        ]);
        assert.deepEqual(buildFlowGraph(models, { aggregate: 'Nope' }).nodes, []);
    });

    it('draws what resolves in a model that still has errors, skipping unresolved references', async () => {
        const models = await modelsOf({
            'broken.loom': `context Draft
aggregate Cart {
  id cartId: uuid
  command AddItem { emits ItemAdded, ItemAddedTwice }
  event ItemAdded {}
}
policy Notify { on ItemAdded, Missing issues AddItem }`
        }, { allowErrors: true });
        const graph = buildFlowGraph(models);
        assert.deepEqual(edgesOf(graph), [
            'aggregate:Draft.Cart -emits-> event:Draft.ItemAdded',
            'command:Draft.AddItem -handles-> aggregate:Draft.Cart',
            'event:Draft.ItemAdded -triggers-> policy:Draft.Notify',
            'policy:Draft.Notify -issues-> command:Draft.AddItem'
        ]);
    });
});
