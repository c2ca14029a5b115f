/**
 * The language server's side of the Test Explorer: the scenarios of the workspace listed per file
 * and grouped, only real changes notified, and runs against the generated code with the user's
 * hand-written bodies (in memory while Generate has not written the output folder, from the folder
 * once it has, brought up to date first), with what keeps a run from happening said precisely.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Model } from '../../src/language/generated/ast.js';
import { registerScenarioCheck } from '../../src/semantics/scenario-check.js';
import { generateWorkspace } from '../../src/server/generate-handler.js';
import { listScenarios, runScenarios, ScenarioChanges } from '../../src/server/scenario-handlers.js';
import { buildWorkspace } from '../kit/workspace.js';
import { REPO_ROOT, scratchFolder } from '../generator/generator-test-kit.js';
import { HAND_WRITTEN_BANK, PROJECTION_SCENARIO, writeWithdrawRule } from '../kit/hand-written-bank.js';


describe('the scenarios of the Test Explorer in the language server', function () {
    this.timeout(120_000);
    let folder: string;
    beforeEach(() => { folder = scratchFolder('scenario-handlers'); });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    async function workspace(files: Record<string, string>) {
        const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
        registerScenarioCheck(Eventloom);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const documents = await buildWorkspace(files, { shared, folder: '/workspace' });
        return { shared, documents };
    }

    it('lists every file with its scenarios, grouped by aggregate or read model, each from its scenario line', async () => {
        const bank = HAND_WRITTEN_BANK + PROJECTION_SCENARIO;
        const { shared } = await workspace({ 'banking.loom': bank, 'empty.loom': 'context Empty\n' });
        const files = await listScenarios(shared);
        assert.deepEqual(files.map(file => file.uri), ['file:///workspace/banking.loom', 'file:///workspace/empty.loom']);
        assert.deepEqual(files[1].scenarios, []);
        const lines = bank.split('\n');
        assert.deepEqual(files[0].scenarios.map(scenario => ({ ...scenario, range: { start: scenario.range.start, endLine: scenario.range.end.line } })), [
            { name: 'an account opens', context: 'Banking', group: { kind: 'aggregate', name: 'BankAccount' },
                range: { start: { line: lines.indexOf('scenario "an account opens" {'), character: 0 }, endLine: lines.indexOf('scenario "an account opens" {') + 3 } },
            { name: 'cannot overdraw', context: 'Banking', group: { kind: 'aggregate', name: 'BankAccount' },
                range: { start: { line: lines.indexOf('scenario "cannot overdraw" {'), character: 0 }, endLine: lines.indexOf('scenario "cannot overdraw" {') + 4 } },
            { name: 'withdrawals lower the balance', context: 'Banking', group: { kind: 'readModel', name: 'Balance' },
                range: { start: { line: lines.indexOf('scenario "withdrawals lower the balance" {'), character: 0 }, endLine: lines.indexOf('scenario "withdrawals lower the balance" {') + 3 } }
        ]);
    });

    it('notifies a file only when its scenarios changed, and a removed file once', async () => {
        const first = (await workspace({ 'banking.loom': HAND_WRITTEN_BANK })).documents;
        const changes = new ScenarioChanges();
        assert.deepEqual(changes.changed(first).map(file => file.scenarios.length), [2]);
        assert.deepEqual(changes.changed(first), [], 'the same scenarios again: nothing to tell');
        // An edit elsewhere in the file keeps the scenarios as they are; renaming one changes them.
        const edited = (await workspace({ 'banking.loom': HAND_WRITTEN_BANK.replace('owner: string, emits', 'owner: string\n    emits') })).documents;
        assert.equal(changes.changed(edited).length, 1, 'lines moved: the ranges changed');
        const renamed = (await workspace({ 'banking.loom': HAND_WRITTEN_BANK.replace('owner: string, emits', 'owner: string\n    emits').replace('"cannot overdraw"', '"no overdraft"') })).documents;
        assert.deepEqual(changes.changed(renamed)[0].scenarios.map(scenario => scenario.name), ['an account opens', 'no overdraft']);
        assert.deepEqual(changes.removed(['file:///workspace/banking.loom', 'file:///workspace/other.loom']), ['file:///workspace/banking.loom']);
        assert.deepEqual(changes.removed(['file:///workspace/banking.loom']), []);
    });

    it('without generated code runs the code generated in memory and creates no folder: the stub fails "cannot overdraw" at its line', async () => {
        const { shared } = await workspace({ 'banking.loom': HAND_WRITTEN_BANK });
        const outDir = join(folder, 'src/generated');
        const result = await runScenarios(shared, { outDir });
        assert.equal(result.codeFrom, 'memory');
        assert.ok(!existsSync(outDir), 'a test run does not create the output folder');
        assert.deepEqual(result.modelErrors, []);
        assert.deepEqual(result.problems, []);
        const line = (text: string) => HAND_WRITTEN_BANK.split('\n').indexOf(text);
        assert.deepEqual(result.scenarios, [
            { uri: 'file:///workspace/banking.loom', context: 'Banking', name: 'an account opens', line: line('scenario "an account opens" {'), outcome: { kind: 'passed' } },
            {
                uri: 'file:///workspace/banking.loom', context: 'Banking', name: 'cannot overdraw', line: line('scenario "cannot overdraw" {'),
                outcome: { kind: 'failed', expected: 'rejected InsufficientFunds { requested: 150 }', actual: 'MoneyWithdrawn { amount: 150 }' }
            }
        ]);
    });

    it('with generated code runs the user\'s body from the folder, and brings a stale folder up to date first', async () => {
        const { shared } = await workspace({ 'banking.loom': HAND_WRITTEN_BANK });
        const outDir = join(folder, 'src/generated');
        await generateWorkspace(shared, { outDir });
        const file = join(outDir, 'banking/bank-account.ts');
        writeFileSync(file, writeWithdrawRule(readFileSync(file, 'utf8')));
        const result = await runScenarios(shared, { outDir });
        assert.equal(result.codeFrom, 'outputFolder');
        assert.deepEqual(result.updated, [], 'up to date: nothing written');
        assert.deepEqual(result.scenarios.map(scenario => `${scenario.name}: ${scenario.outcome.kind}`),
            ['an account opens: passed', 'cannot overdraw: passed']);

        const stale = await workspace({ 'banking.loom': HAND_WRITTEN_BANK.replace('command OpenAccount { owner: string, emits AccountOpened }', 'command OpenAccount { owner: string, emits AccountOpened }\n  command Close { emits Closed }\n  event Closed {}') });
        const again = await runScenarios(stale.shared, { outDir });
        assert.ok(again.updated.includes('banking/bank-account.ts'), again.updated.join(', '));
        assert.match(readFileSync(file, 'utf8'), /Number\(command\.data\.amount\) > Number\(state\.balance\)/, 'the hand-written body is kept');
        assert.deepEqual(again.scenarios.map(scenario => scenario.outcome.kind), ['passed', 'passed']);
    });

    it('generated code that does not load: the scenarios of its context are not run, with the file and the reason', async () => {
        const { shared } = await workspace({ 'banking.loom': HAND_WRITTEN_BANK });
        const outDir = join(folder, 'src/generated');
        await generateWorkspace(shared, { outDir });
        const file = join(outDir, 'banking/bank-account.ts');
        writeFileSync(file, readFileSync(file, 'utf8').replace('// below this line are kept as they are.\n',
            "// below this line are kept as they are.\n\nimport { nothing } from 'no-such-library';\nexport const mine = nothing;\n"));
        const result = await runScenarios(shared, { outDir });
        assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
        assert.equal(result.problems[0].file, file);
        assert.match(result.problems[0].message, /^it does not load: Cannot find module 'no-such-library'/);
        assert.equal(result.scenarios.length, 2);
        for (const scenario of result.scenarios) {
            assert.equal(scenario.outcome.kind, 'notRun');
            assert.deepEqual(scenario.outcome.kind === 'notRun' && scenario.outcome.reason, 'the generated code of Banking does not load');
            assert.deepEqual(scenario.outcome.kind === 'notRun' && scenario.outcome.problems, result.problems);
        }
    });

    it('a model with errors runs nothing and lists them; a scenario the model\'s own rules fail is no such error', async () => {
        const { shared } = await workspace({ 'broken.loom': 'context Broken\naggregate Thing {\n  id thingId: uuid\n  command Make { emits Made }\n}\n' });
        const result = await runScenarios(shared, { outDir: join(folder, 'out') });
        assert.deepEqual(result.scenarios, []);
        assert.equal(result.modelErrors.length, 1, JSON.stringify(result.modelErrors));
        assert.equal(result.modelErrors[0].uri, 'file:///workspace/broken.loom');
        assert.equal(result.modelErrors[0].range.start.line, 3);
        assert.match(result.modelErrors[0].message, /Made/);

        const failing = await workspace({
            'ledger.loom': `context Ledger
aggregate Entry {
  id entryId: uuid
  command Book {
    amount: decimal
    requires 1 > 2 else NotPositive
    emits Booked
  }
  event Booked { amount: decimal }
  error NotPositive
}
scenario "a positive amount is booked" {
  when Book { amount: 100.10 }
  then Booked { amount: 100.1 }
}
`
        });
        const errors = (failing.documents as Array<LangiumDocument<Model>>).flatMap(document => document.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1);
        assert.equal(errors.length, 1, 'the scenario check reports the failing scenario');
        const run = await runScenarios(failing.shared, { outDir: join(folder, 'out') });
        assert.deepEqual(run.modelErrors, []);
        assert.equal(run.scenarios.length, 1);
    });

    it('the modelled bank template passes every scenario with no hand-written line; a broken rule fails exactly the scenario it decides', async () => {
        const template = readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8');
        const outDir = join(folder, 'src/generated');
        const verdicts = (result: Awaited<ReturnType<typeof runScenarios>>) => result.scenarios.map(scenario => `${scenario.name}: ${scenario.outcome.kind}`);
        const names = [...template.matchAll(/^scenario "([^"]+)"/gm)].map(match => match[1]);
        const passing = await runScenarios((await workspace({ 'banking.loom': template })).shared, { outDir });
        assert.deepEqual(passing.modelErrors, []);
        assert.deepEqual(verdicts(passing), names.map(name => `${name}: passed`));

        const rule = 'requires amount.amount <= balance + overdraftLimit\n';
        assert.ok(template.includes(rule));
        const broken = template.replace(rule, 'requires amount.amount <= balance + overdraftLimit + 1\n');
        const failing = await runScenarios((await workspace({ 'banking.loom': broken })).shared, { outDir });
        assert.deepEqual(failing.modelErrors, [], 'a scenario the rules fail is not a model error: it is what the run shows');
        // The rule decides two scenarios: the overdraft's limit, and an account opened before overdrafts existed.
        const decided = ['cannot overdraw', 'an account opened before overdrafts existed has none'];
        assert.deepEqual(verdicts(failing), names.map(name => `${name}: ${decided.includes(name) ? 'failed' : 'passed'}`));
        const overdraw = failing.scenarios.find(scenario => scenario.name === 'cannot overdraw')!;
        assert.equal(overdraw.line, broken.split('\n').indexOf('scenario "cannot overdraw" {'));
        assert.equal(overdraw.outcome.kind === 'failed' && overdraw.outcome.expected, 'rejected InsufficientFunds { requested: 150.01, available: 150 }');
        assert.match(overdraw.outcome.kind === 'failed' ? overdraw.outcome.actual : '', /^MoneyWithdrawn \{/);
    });
});

