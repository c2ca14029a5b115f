/**
 * Friction found when the generated code met Emmett's runtime, fixed: several contexts' indexes
 * import side by side (no name exported twice), what they share comes once from `eventloom.ts`,
 * a caught rejection keeps its type through one guard for every context, a projection can delete
 * its document, and a policy takes the event as Emmett's command handler returns it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from 'ts-morph';
import { generateModel } from '../../src/generator/generate-model.js';
import { writeOutput } from '../../src/generator/output-folder.js';
import { loadModels, readModelFiles, scratchPackage, typeCheck } from './generator-test-kit.js';

describe('contexts side by side', function () {
    this.timeout(60_000);

    it('no two contexts\' index.ts export the same name (online-shop: three contexts)', async () => {
        const files = generateModel(await loadModels(readModelFiles('templates/online-shop')));
        const project = new Project({ useInMemoryFileSystem: true });
        const owners = new Map<string, string>();
        const clashes: string[] = [];
        for (const file of files.filter(file => file.path.endsWith('/index.ts'))) {
            const source = project.createSourceFile(`/${file.path}`, file.text);
            for (const declaration of source.getExportDeclarations()) {
                for (const specifier of declaration.getNamedExports()) {
                    const name = specifier.getName();
                    if (owners.has(name)) clashes.push(`${name}: ${owners.get(name)} and ${file.path}`);
                    owners.set(name, file.path);
                }
            }
        }
        assert.ok(owners.size > 50, 'the indexes export the contexts\' names');
        assert.deepEqual(clashes, []);
        assert.ok(!owners.has('toEmmettDecider') && !owners.has('RejectionError') && !owners.has('Decimal'), 'shared helpers are not in a context index');
    });

    it('a user imports every context and the shared helpers by name in one file, and it compiles', async () => {
        const files = generateModel(await loadModels(readModelFiles('templates/online-shop')));
        const app = [
            "import { orderDecider, isOrderRejection, type OrderCommand } from './generated/ordering/index.js';",
            "import { paymentDecider, isPaymentRejection, requestPaymentForPlacedOrderPolicy } from './generated/payments/index.js';",
            "import { parcelDecider } from './generated/shipping/index.js';",
            "import { toEmmettDecider, isRejectionError, type Decimal } from './generated/eventloom.js';",
            'export const deciders = [toEmmettDecider(orderDecider), toEmmettDecider(paymentDecider), toEmmettDecider(parcelDecider)];',
            'export function why(error: unknown): string {',
            "    if (isRejectionError(error, isOrderRejection)) { const type: 'OrderNotEditable' | 'EmptyCart' | 'InvalidQuantity' | 'AlreadyShipped' = error.rejection.type; return type; }",
            '    if (isRejectionError(error, isPaymentRejection)) return error.rejection.type;',
            "    return isRejectionError(error) ? `some context refused: ${error.rejection.type}` : 'not a rejection';",
            '}',
            'export const command: OrderCommand = { type: \'CancelOrder\', data: {} };',
            'export const amount: Decimal = \'1.00\';',
            "export const issued = requestPaymentForPlacedOrderPolicy.handle({ type: 'OrderPlaced', data: { customerId: 'c', total: { amount: '1', currency: 'EUR' }, shippingAddress: 'x', placedAt: 't' } }, { streamId: 'o-1' });"
        ].join('\n');
        const errors = typeCheck(files, 'nodenext', { 'app.ts': app });
        // The narrowed type of an order rejection is Order's rejections: assigning it to their literal union compiles.
        assert.deepEqual(errors, []);
        const narrowedWrongly = typeCheck(files, 'nodenext', { 'app.ts': app.replace(" | 'AlreadyShipped' = error", ' = error') });
        assert.equal(narrowedWrongly.length, 1, narrowedWrongly.join('\n'));
        assert.match(narrowedWrongly[0], /^app\.ts:7: Type '"OrderNotEditable" \| "InvalidQuantity" \| "EmptyCart" \| "AlreadyShipped"' is not assignable/);
    });

    it('isRejectionError narrows across contexts and ignores other errors; a projection handler returning null deletes', async () => {
        const root = scratchPackage();
        try {
            const models = await loadModels(readModelFiles('templates/online-shop'));
            await writeOutput(join(root, 'generated'), generateModel(models));
            // The user's handler deletes the document when the order is cancelled.
            const history = join(root, 'generated/ordering/order-history.projection.ts');
            const text = readFileSync(history, 'utf8');
            const handler = text.indexOf('export function orderHistoryOnOrderCancelled(');
            writeFileSync(history, text.slice(0, handler) + text.slice(handler).replace(/\{\n[^]*?\n\}/, '{\n    return null;\n}'));
            assert.deepEqual(typeCheck(generateModel(models).map(file => ({ path: file.path, text: readFileSync(join(root, 'generated', file.path), 'utf8') })), 'nodenext'), []);
            const shared = await import(pathToFileURL(join(root, 'generated/eventloom.ts')).href);
            const ordering = await import(pathToFileURL(join(root, 'generated/ordering/index.ts')).href);
            const payments = await import(pathToFileURL(join(root, 'generated/payments/index.ts')).href);
            const orderRefusal = new shared.RejectionError({ kind: 'Rejection', type: 'EmptyCart', data: {} });
            assert.equal(shared.isRejectionError(orderRefusal), true);
            assert.equal(shared.isRejectionError(orderRefusal, ordering.isOrderRejection), true);
            assert.equal(shared.isRejectionError(orderRefusal, payments.isPaymentRejection), false);
            assert.equal(shared.isRejectionError(new Error('boom')), false);
            assert.equal(shared.isRejectionError({ rejection: { kind: 'Rejection', type: 'EmptyCart' } }), false, 'not an Error');
            // Emmett's in-memory projections delete a document whose evolve returns null: ours passes it on.
            const metadata = { streamName: shared.streamNameOf('Order', 'o-1') };
            const started = ordering.orderHistoryProjection.evolve(null, { type: 'OrderStarted', data: { customerId: 'c-1' }, metadata });
            assert.equal(started.orderId, 'o-1');
            assert.equal(ordering.orderHistoryProjection.evolve(started, { type: 'OrderCancelled', data: {}, metadata }), null);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
