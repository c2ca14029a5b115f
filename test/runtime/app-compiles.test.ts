/**
 * `eventloom generate --runtime emmett`: the app files are written beside the model's code, and
 * they type-check with `tsc --strict` (NodeNext, against the installed Emmett packages and
 * @types/node) for every template, before any hand edit.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { generateModel } from '../../src/generator/generate-model.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadModels, readModelFiles, REPO_ROOT, scratchPackage } from '../generator/generator-test-kit.js';

function typeCheckApp(files: ReadonlyArray<{ path: string; text: string }>): string[] {
    const root = scratchPackage();
    const paths = files.map(file => {
        const path = join(root, file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
        return path;
    });
    const program = ts.createProgram(paths, {
        strict: true, noEmit: true, noUnusedLocals: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: ['node'], skipLibCheck: true,
        module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext
    });
    return ts.getPreEmitDiagnostics(program).map(diagnostic => {
        const where = diagnostic.file ? `${relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: ` : '';
        return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
}

describe('generate --runtime emmett', function () {
    this.timeout(120_000);

    it('adds app.ts, runtime.ts, http.ts and server.ts; without it, none of them', async () => {
        const models = await loadModels(readModelFiles('templates/banking.loom'));
        const plain = generateModel(models).map(file => file.path);
        const withApp = generateModel(models, { runtime: 'emmett' }).map(file => file.path);
        assert.deepEqual(withApp.filter(path => !plain.includes(path)), ['app.ts', 'runtime.ts', 'http.ts', 'server.ts']);
        assert.ok(!plain.some(path => /^(app|runtime|http|server)\.ts$/.test(path)));
    });

    for (const template of readdirSync(join(REPO_ROOT, 'templates'))) {
        it(`type-checks for templates/${template} under tsc --strict (NodeNext, noUnusedLocals)`, async () => {
            const files = generateModel(await loadModels(readModelFiles(`templates/${template}`)), { runtime: 'emmett' });
            assert.deepEqual(typeCheckApp(files), []);
        });
    }

    it('type-checks for a model whose read model and aggregate meet a versioned event (the upcasts wired in)', async () => {
        const files = generateModel(await loadModels(readModelFiles('test/runtime/models/evolution')), { runtime: 'emmett' });
        const app = files.find(file => file.path === 'app.ts')!.text;
        assert.match(app, /name: 'Banking_AccountSummary', upcast: Banking\.upcastBankingEvent \}/);
        assert.match(app, /upcast: Banking\.upcastBankingEvent, withSchemaVersion: Banking\.withBankingSchemaVersion,/);
        assert.deepEqual(typeCheckApp(files), []);
    });

    it('type-checks for a read model that handles versioned events of two contexts (both upcasts, one after the other)', async () => {
        const orders = `context Orders
aggregate Order {
  id orderId: uuid
  command PlaceOrder { total: decimal, emits OrderPlaced }
  event OrderPlaced version 2 { total: decimal, channel: string }
  upcast OrderPlaced from 1 { total: decimal } { channel: "shop" }
}
readmodel Activity {
  key orderId: uuid
  last: string = ""
  on OrderPlaced, Payments.PaymentTaken
}
query GetActivity { orderId: uuid } returns Activity
`;
        const payments = `context Payments
aggregate Payment {
  id orderId: uuid
  command TakePayment { amount: decimal, emits PaymentTaken }
  event PaymentTaken version 2 { amount: decimal, method: string }
  upcast PaymentTaken from 1 { amount: decimal } { method: "card" }
}
`;
        const files = generateModel(await loadModels({ 'orders.loom': orders, 'payments.loom': payments }), { runtime: 'emmett' });
        const app = files.find(file => file.path === 'app.ts')!.text;
        assert.match(app, /name: 'Orders_Activity', upcast: \(event: Parameters<typeof Orders\.upcastOrdersEvent>\[0\]\) => Payments\.upcastPaymentsEvent\(Orders\.upcastOrdersEvent\(event\)\) \}/);
        assert.deepEqual(typeCheckApp(files), []);
    });

    it('type-checks for a policy that reads two read models (their documents passed as the handler\'s reads)', async () => {
        const files = generateModel(await loadModels(readModelFiles('test/runtime/models/reads')), { runtime: 'emmett' });
        const app = files.find(file => file.path === 'app.ts')!.text;
        assert.match(app, /reads: \{ limits: \(await documents\.get\('Treasury_Limits', streamId\)\) \?\? undefined, customerTotals: \(await documents\.get\('Treasury_CustomerTotals', String\(trigger\.data\.customerId\)\)\) \?\? undefined \}/);
        assert.deepEqual(typeCheckApp(files), []);
    });

    it('type-checks for a model with a read model but no query and no policy that reads (no unused documents)', async () => {
        const model = `context Counting
aggregate Counter {
  id counterId: uuid
  command Tick { emits Ticked }
  event Ticked {}
}
readmodel Ticks {
  key counterId: uuid
  count: int = 0
  on Ticked { count += 1 }
}
`;
        const files = generateModel(await loadModels({ 'counting.loom': model }), { runtime: 'emmett' });
        assert.doesNotMatch(files.find(file => file.path === 'app.ts')!.text, /const documents/);
        assert.deepEqual(typeCheckApp(files), []);
    });

    it('type-checks for policies that name their commands\' streams (a mapped id, an event field, the stream id, across contexts)', async () => {
        const files = generateModel(await loadModels(readModelFiles('test/generator/models/routing')), { runtime: 'emmett' });
        assert.match(files.find(file => file.path === 'ledger/policies.ts')!.text, /commands\.push\(\{ type: 'Credit', data: \{ transferId: context\.streamId, amount: event\.data\.amount \}, streamId: event\.data\.to \}\)/);
        assert.deepEqual(typeCheckApp(files), []);
    });

    it('type-checks for a policy whose command starts a new aggregate (newId in its mapping)', async () => {
        const files = generateModel(await loadModels({ ...readModelFiles('templates/banking.loom'), ...readModelFiles('test/runtime/models/template-bank-risk') }), { runtime: 'emmett' });
        assert.match(files.find(file => file.path === 'risk/policies.ts')!.text, /const newId = newIdOfPolicy\(context\);/);
        assert.deepEqual(typeCheckApp(files), []);
    });

    it('a command field with a default may be left out of the typed function; a wrong one still does not compile', async () => {
        const files = generateModel(await loadModels(readModelFiles('templates/online-shop')), { runtime: 'emmett' });
        const errors = typeCheckApp([...files, {
            path: 'use.ts',
            text: 'import { createApp, openEventStore } from \'./app.js\';\nconst app = createApp({ eventStore: await openEventStore(\'memory:\') });\n' +
                'await app.payments.payment.requestPayment(\'id\', { orderId: \'o\', amount: \'25.00\' });\n' +
                'await app.payments.payment.requestPayment(\'id\', { orderId: \'o\', amount: \'25.00\', method: \'Wallet\' });\n' +
                'await app.payments.payment.requestPayment(\'id\', { orderId: \'o\', amount: \'25.00\', method: \'Cash\' });\n'
        }]);
        assert.equal(errors.length, 1, errors.join('\n'));
        assert.match(errors[0], /^use\.ts:5: Type '"Cash"' is not assignable to type 'PaymentMethod/);
    });

    it('the type check can fail: a command called with the wrong data does not compile', async () => {
        const files = generateModel(await loadModels(readModelFiles('templates/banking.loom')), { runtime: 'emmett' });
        const errors = typeCheckApp([...files, {
            path: 'use.ts',
            text: 'import { createApp, openEventStore } from \'./app.js\';\nconst app = createApp({ eventStore: await openEventStore(\'memory:\') });\nawait app.banking.bankAccount.withdrawMoney(\'id\', { amount: { amount: 12, currency: \'EUR\' } });\n'
        }]);
        assert.equal(errors.length, 1, errors.join('\n'));
        assert.match(errors[0], /^use\.ts:3: Type 'number' is not assignable to type 'string'/);
    });

    it('refuses an unknown --runtime with exit code 2, saying which exist', async () => {
        const lines: string[] = [];
        const output = { cwd: REPO_ROOT, out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
        assert.equal(await runCli(['generate', 'templates/banking.loom', '--out', '.cache/never', '--runtime', 'akka'], output), 2);
        assert.deepEqual(lines, ['eventloom: Unknown --runtime "akka": use emmett (also writes app.ts, the application on Emmett) or none.']);
    });
});
