/**
 * `given E v1 { … }` in the generated `scenarios.test.ts` (DESIGN §2d, §5): the old shape's data
 * goes through the generated upcasters before evolve, as the interpreter upcasts it. Compiled with
 * tsc --strict and run under `node --test`: a version-1 account decides with the overdraft its
 * upcast gives it, a version-2 one with its own, and a scenario the upcast contradicts fails at
 * its line — the verdicts the editor's own run gives (test/semantics/upcast-scenarios.test.ts).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { generateModel } from '../../src/generator/generate-model.js';
import { writeOutput } from '../../src/generator/output-folder.js';
import { loadModels, scratchPackage, compileToJavaScript } from './generator-test-kit.js';

const MODEL = `context Banking
enum AccountStatus { Pending, Open }
aggregate BankAccount {
  id accountId: uuid
  state { status: AccountStatus = Pending, overdraftLimit: decimal = 0, balance: decimal = 0, tier: string = "none" }
  command OpenAccount { owner: string, overdraftLimit: decimal, tier: string, emits AccountOpened }
  command Withdraw { amount: decimal, emits MoneyWithdrawn, rejects InsufficientFunds }
  event AccountOpened version 3 { owner: string, overdraftLimit: decimal, tier: string }
  upcast AccountOpened from 1 { owner: string } { overdraftLimit: 50 }
  upcast AccountOpened from 2 { owner: string, overdraftLimit: decimal } { tier: "basic" }
  event MoneyWithdrawn { amount: decimal }
  error InsufficientFunds
}

scenario "a version-1 account keeps the overdraft its upcast gives it" {
  given AccountOpened v1 { owner: "Ann" }
  when Withdraw { amount: 50 }
  then MoneyWithdrawn { amount: 50 }
}
scenario "a version-2 account keeps its own limit" {
  given AccountOpened v2 { owner: "Bo", overdraftLimit: 10 }
  when Withdraw { amount: 20 }
  then rejected InsufficientFunds
}
scenario "a version-3 account is read as it is" {
  given AccountOpened v3 { owner: "Di", overdraftLimit: 70, tier: "gold" }
  when Withdraw { amount: 70 }
  then MoneyWithdrawn { amount: 70 }
}
scenario "wrong on purpose: version 1 had no overdraft of 60" {
  given AccountOpened v1 { owner: "Cy" }
  when Withdraw { amount: 60 }
  then MoneyWithdrawn { amount: 60 }
}
`;

/** The rules a user writes in the generated bank-account.ts. */
const BODIES: Record<string, string> = {
    decideOpenAccount: 'return [{ type: \'AccountOpened\', data: command.data }];',
    decideWithdraw: [
        'if (decimal.compare(command.data.amount, decimal.add(state.balance, state.overdraftLimit)) > 0) return { kind: \'Rejection\', type: \'InsufficientFunds\', data: {} };',
        'return [{ type: \'MoneyWithdrawn\', data: { amount: command.data.amount } }];'
    ].join('\n'),
    evolveAccountOpened: 'return { ...state, status: \'Open\', overdraftLimit: event.data.overdraftLimit, tier: event.data.tier };',
    evolveMoneyWithdrawn: 'return { ...state, balance: decimal.subtract(state.balance, event.data.amount) };'
};


describe('generated scenarios with old versions in given', function () {
    this.timeout(180_000);

    it('upcast `given E v1` and `v2` through the generated upcasters: node --test after tsc --strict gives the interpreter\'s verdicts', async () => {
        const root = scratchPackage();
        try {
            const files = generateModel(await loadModels({ 'bank.loom': MODEL }));
            const scenarios = files.find(file => file.path === 'banking/scenarios.ts')!.text;
            assert.match(scenarios, /import \{ upcastAccountOpenedFrom1, upcastAccountOpenedFrom2 \} from '\.\/upcasts\.js';/);
            assert.ok(scenarios.includes('upcastAccountOpenedFrom2(upcastAccountOpenedFrom1({ type: \'AccountOpened\', data: { owner: \'Ann\' } }))'), scenarios);
            assert.ok(scenarios.includes('upcastAccountOpenedFrom2({ type: \'AccountOpened\', data: { owner: \'Bo\', overdraftLimit: \'10\' } })'), scenarios);
            await writeOutput(join(root, 'generated'), files);
            const project = new Project({ skipAddingFilesFromTsConfig: true });
            const account = project.addSourceFileAtPath(join(root, 'generated/banking/bank-account.ts'));
            account.addStatements('import { decimal } from \'../eventloom.js\';');
            for (const [name, body] of Object.entries(BODIES)) account.getFunctionOrThrow(name).setBodyText(body);
            account.saveSync();

            assert.deepEqual(compileToJavaScript(root), []);
            const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'dist/banking/scenarios.test.js'], {
                cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', VITEST: '', NO_COLOR: '1' }
            });
            const output = `${result.stdout}\n${result.stderr}`;
            assert.equal(result.status, 1, output);
            assert.match(output, /^ok 1 - scenario "a version-1 account keeps the overdraft its upcast gives it"/m);
            assert.match(output, /^ok 2 - scenario "a version-2 account keeps its own limit"/m);
            assert.match(output, /^ok 3 - scenario "a version-3 account is read as it is"/m);
            const line = MODEL.split('\n').findIndex(text => text.startsWith('scenario "wrong on purpose')) + 1;
            assert.ok(output.includes(`not ok 4 - scenario "wrong on purpose: version 1 had no overdraft of 60" (bank.loom:${line}:1)`), output);
            assert.ok(output.includes(`bank.loom:${line}:1: error: scenario "wrong on purpose: version 1 had no overdraft of 60": expected MoneyWithdrawn { amount: 60 }, got rejected InsufficientFunds`), output);
            assert.match(output, /# pass 3\n# fail 1/);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
