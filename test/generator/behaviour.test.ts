/**
 * Behaviour, not just shape: the online-shop template's generated Order decider, with decide and
 * evolve bodies this test writes into the generated file (as a user would), regenerated (the bodies
 * must survive), then imported and run against a sequence of commands: the events, rejections,
 * state and projected read models must be the ones the rules say. Emmett's own
 * `DeciderSpecification` runs the bridged decider too.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from 'ts-morph';
import { generateModel } from '../../src/generator/generate-model.js';
import { writeOutput } from '../../src/generator/output-folder.js';
import { loadModels, readModelFiles, scratchPackage, typeCheck } from './generator-test-kit.js';

/** The hand-written bodies, by function name, as a user would write them in ordering/order.ts. */
const orderBodies: Record<string, string> = {
    decideStartOrder: `{
    return [{ type: 'OrderStarted', data: { customerId: command.data.customerId } }];
}`,
    decideAddItem: `{
    if (state.status !== 'Draft') return { kind: 'Rejection', type: 'OrderNotEditable', data: { status: state.status } };
    if (command.data.line.quantity <= 0) return { kind: 'Rejection', type: 'InvalidQuantity', data: { quantity: command.data.line.quantity } };
    return [{ type: 'ItemAdded', data: { line: command.data.line } }];
}`,
    decideRemoveItem: `{
    if (state.status !== 'Draft') return { kind: 'Rejection', type: 'OrderNotEditable', data: { status: state.status } };
    const removed = state.lines.filter(line => line.sku === command.data.sku).reduce((sum, line) => sum + line.quantity, 0);
    return [{ type: 'ItemRemoved', data: { sku: command.data.sku, quantity: removed } }];
}`,
    decidePlaceOrder: `{
    if (state.status !== 'Draft') return { kind: 'Rejection', type: 'OrderNotEditable', data: { status: state.status } };
    if (state.lines.length === 0) return { kind: 'Rejection', type: 'EmptyCart', data: {} };
    // Decimal amounts are exact text: add them up in cents.
    const cents = state.lines.reduce((sum, line) => sum + line.quantity * Math.round(Number(line.unitPrice.amount) * 100), 0);
    return [{
        type: 'OrderPlaced',
        data: {
            customerId: state.customerId!,
            total: { amount: (cents / 100).toFixed(2), currency: state.lines[0].unitPrice.currency },
            shippingAddress: command.data.shippingAddress,
            placedAt: context.now
        }
    }];
}`,
    decideCancelOrder: `{
    if (state.status === 'Shipped') return { kind: 'Rejection', type: 'AlreadyShipped', data: { trackingCode: 'unknown' } };
    return [{ type: 'OrderCancelled', data: { reason: command.data.reason } }];
}`,
    evolveItemAdded: `{
    return { ...state, lines: [...state.lines, event.data.line] };
}`,
    evolveItemRemoved: `{
    return { ...state, lines: state.lines.filter(line => line.sku !== event.data.sku) };
}`,
    evolveOrderPlaced: `{
    return { ...state, status: 'Placed', placedAt: event.data.placedAt };
}`,
    evolveOrderMarkedPaid: `{ return { ...state, status: 'Paid' }; }`,
    evolveOrderMarkedShipped: `{ return { ...state, status: 'Shipped' }; }`,
    evolveOrderCancelled: `{ return { ...state, status: 'Cancelled' }; }`
};

function writeBodies(path: string, bodies: Record<string, string>): void {
    const project = new Project({ useInMemoryFileSystem: true });
    const file = project.createSourceFile('/file.ts', readFileSync(path, 'utf8'));
    for (const [name, body] of Object.entries(bodies)) {
        const block = file.getFunctionOrThrow(name).getBodyOrThrow();
        block.replaceWithText(body);
    }
    writeFileSync(path, file.getFullText());
}

type Message = { type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> };

describe('the generated decider runs the rules the user writes into it', function () {
    this.timeout(60_000);
    let root: string;
    let ordering: Record<string, any>;
    let shared: Record<string, any>;

    before(async () => {
        root = scratchPackage();
        const files = generateModel(await loadModels(readModelFiles('templates/online-shop')));
        await writeOutput(join(root, 'generated'), files);
        writeBodies(join(root, 'generated/ordering/order.ts'), orderBodies);
        const edited = readFileSync(join(root, 'generated/ordering/order.ts'), 'utf8');
        // Regenerating from the same model keeps every body: the file is byte-identical.
        const again = await writeOutput(join(root, 'generated'), files);
        assert.deepEqual(again.written, []);
        assert.equal(readFileSync(join(root, 'generated/ordering/order.ts'), 'utf8'), edited);
        // The hand-written bodies type-check against the generated types (rejections included).
        const written = files.map(file => ({ path: file.path, text: readFileSync(join(root, 'generated', file.path), 'utf8') }));
        assert.deepEqual(typeCheck(written, 'nodenext'), []);
        ordering = await import(pathToFileURL(join(root, 'generated/ordering/index.ts')).href);
        shared = await import(pathToFileURL(join(root, 'generated/eventloom.ts')).href);
    });

    after(() => rmSync(root, { recursive: true, force: true }));

    const customerId = '4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f';
    const orderId = 'b0a1c2d3-0000-4000-8000-000000000001';
    const book = { sku: 'BOOK-1', quantity: 2, unitPrice: { amount: '12.50', currency: 'EUR' } };
    const pen = { sku: 'PEN-1', quantity: 1, unitPrice: { amount: '1.99', currency: 'EUR' } };
    const placedAt = new Date('2026-11-26T10:00:00.000Z');

    it('decides, rejects and evolves through a whole order', () => {
        const decider = ordering.orderDecider;
        assert.deepEqual(decider.initialState(), { status: 'Draft', lines: [] });
        let state: Record<string, unknown> = decider.initialState();
        const stream: Message[] = [];
        const run = (command: Message) => {
            const result = decider.decide(command, state, { now: '2026-11-26T10:00:00.000Z', newId: () => orderId });
            if (shared.isRejection(result)) return result;
            for (const event of result) {
                state = decider.evolve(state, event);
                stream.push(event);
            }
            return result;
        };

        assert.deepEqual(run({ type: 'StartOrder', data: { customerId } }), [{ type: 'OrderStarted', data: { customerId } }]);
        assert.equal(state.customerId, customerId, 'the generated evolve stub copies the same-named field');
        assert.deepEqual(run({ type: 'PlaceOrder', data: { shippingAddress: '1 Main St' } }), { kind: 'Rejection', type: 'EmptyCart', data: {} });
        assert.deepEqual(run({ type: 'AddItem', data: { line: { ...book, quantity: 0 } } }), { kind: 'Rejection', type: 'InvalidQuantity', data: { quantity: 0 } });
        assert.deepEqual(run({ type: 'AddItem', data: { line: book } }), [{ type: 'ItemAdded', data: { line: book } }]);
        run({ type: 'AddItem', data: { line: pen } });
        run({ type: 'RemoveItem', data: { sku: 'PEN-1' } });
        assert.deepEqual(state.lines, [book]);
        assert.deepEqual(run({ type: 'PlaceOrder', data: { shippingAddress: '1 Main St' }, metadata: { now: placedAt } }), [{
            type: 'OrderPlaced',
            data: { customerId, total: { amount: '25.00', currency: 'EUR' }, shippingAddress: '1 Main St', placedAt: '2026-11-26T10:00:00.000Z' }
        }]);
        assert.deepEqual(run({ type: 'AddItem', data: { line: pen } }), { kind: 'Rejection', type: 'OrderNotEditable', data: { status: 'Placed' } });
        run({ type: 'MarkOrderPaid', data: {} });
        assert.deepEqual(run({ type: 'MarkOrderShipped', data: { trackingCode: 'JD0001' } }), [{ type: 'OrderMarkedShipped', data: { trackingCode: 'JD0001' } }]);
        assert.deepEqual(run({ type: 'CancelOrder', data: {} }), { kind: 'Rejection', type: 'AlreadyShipped', data: { trackingCode: 'unknown' } });
        assert.deepEqual(state, { status: 'Shipped', lines: [book], customerId, placedAt: '2026-11-26T10:00:00.000Z' });
        assert.deepEqual(stream.map(event => event.type),
            ['OrderStarted', 'ItemAdded', 'ItemAdded', 'ItemRemoved', 'OrderPlaced', 'OrderMarkedPaid', 'OrderMarkedShipped']);

        // Replaying the stream from the initial state rebuilds the same state (a left fold).
        assert.deepEqual(stream.reduce(decider.evolve, decider.initialState()), state);

        // The read models, projected from the stored stream (OrderHistory's projection is modelled, so generated).
        const stored = stream.map(event => ({ ...event, metadata: { streamName: shared.streamNameOf('Order', orderId) } }));
        const history = stored.reduce((document, event) => ordering.orderHistoryProjection.evolve(document, event), null);
        assert.deepEqual(history, {
            orderId, status: 'Shipped', itemCount: 2, customerId, total: { amount: '25.00', currency: 'EUR' }, trackingCode: 'JD0001'
        });
        assert.equal(ordering.orderHistoryProjection.getDocumentId(stored[0]), orderId, 'keyed by the aggregate id, from the stream name');
        const customerOrders = stored.filter(event => ordering.customerOrdersProjection.canHandle.includes(event.type));
        assert.deepEqual(customerOrders.map(event => ordering.customerOrdersProjection.getDocumentId(event)), [customerId, customerId],
            'keyed by the same-named event field');
    });

    it('toEmmettDecider throws rejections, and Emmett\'s DeciderSpecification runs it', async () => {
        const { DeciderSpecification } = await import('@event-driven-io/emmett');
        const emmettDecider = shared.toEmmettDecider(ordering.orderDecider);
        assert.throws(() => emmettDecider.decide({ type: 'PlaceOrder', data: { shippingAddress: 'x' } }, emmettDecider.initialState()),
            (error: any) => error instanceof shared.RejectionError && error.rejection.type === 'EmptyCart'
                && shared.isRejectionError(error, ordering.isOrderRejection) && !shared.isRejectionError(new Error('other')));
        const given = DeciderSpecification.for(emmettDecider);
        given([{ type: 'OrderStarted', data: { customerId } }, { type: 'ItemAdded', data: { line: book } }])
            .when({ type: 'PlaceOrder', data: { shippingAddress: '1 Main St' }, metadata: { now: placedAt } })
            .then([{ type: 'OrderPlaced', data: { customerId, total: { amount: '25.00', currency: 'EUR' }, shippingAddress: '1 Main St', placedAt: placedAt.toISOString() } }]);
        given([{ type: 'OrderStarted', data: { customerId } }])
            .when({ type: 'PlaceOrder', data: { shippingAddress: '1 Main St' } })
            .thenThrows((error: any) => error.rejection?.type === 'EmptyCart');
    });
});
