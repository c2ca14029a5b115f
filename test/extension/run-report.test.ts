/**
 * What a run tells the user, from real runs of the language server: a failure at its scenario's
 * line with expected and actual, the CLI's line in the output; a model with errors, code that does
 * not load and a scenario that cannot run yet each say what to do, on the right items.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { registerScenarioCheck } from '../../src/semantics/scenario-check.js';
import { generateWorkspace } from '../../src/server/generate-handler.js';
import { runScenarios } from '../../src/server/scenario-handlers.js';
import { reportRun, type ReportWords } from '../../src/extension/scenarios/run-report.js';
import { scenarioId } from '../../src/extension/scenarios/scenario-tree.js';
import { scratchFolder } from '../generator/generator-test-kit.js';
import { HAND_WRITTEN_BANK } from '../kit/hand-written-bank.js';
import { buildWorkspace } from '../kit/workspace.js';

const URI = 'file:///workspace/banking.loom';
const line = (text: string) => HAND_WRITTEN_BANK.split('\n').indexOf(text);

describe('the report of a scenario run in the editor', function () {
    this.timeout(120_000);
    let folder: string;
    let words: ReportWords;
    beforeEach(() => {
        folder = scratchFolder('run-report');
        words = { outDir: 'src/generated', fileLabel: file => file.replace('file:///workspace/', '').replace(`${folder}/`, ''), fileUri: file => `file://${file}` };
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    async function workspace(files: Record<string, string>) {
        const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
        registerScenarioCheck(Eventloom);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        await buildWorkspace(files, { shared, folder: '/workspace' });
        return shared;
    }

    it('a pass, a failure at its line with expected vs actual, and a scenario gone meanwhile, for the items asked for', async () => {
        const result = await runScenarios(await workspace({ 'banking.loom': HAND_WRITTEN_BANK }), { outDir: join(folder, 'src/generated') });
        const asked = ['an account opens', 'cannot overdraw'].map(name => scenarioId(URI, 'Banking', name));
        const report = reportRun(result, [...asked, scenarioId(URI, 'Banking', 'renamed meanwhile')], words);
        const overdraw = line('scenario "cannot overdraw" {');
        assert.deepEqual(report.items, [
            { id: asked[0], verdict: 'passed' },
            {
                id: asked[1], verdict: 'failed', message: 'Expected rejected InsufficientFunds { requested: 150 }, got MoneyWithdrawn { amount: 150 }',
                expected: 'rejected InsufficientFunds { requested: 150 }', actual: 'MoneyWithdrawn { amount: 150 }', location: { uri: URI, line: overdraw, character: 0 }
            },
            { id: scenarioId(URI, 'Banking', 'renamed meanwhile'), verdict: 'skipped' }
        ]);
        assert.deepEqual(report.output.map(entry => entry.text), [
            'No generated code in src/generated yet: the scenarios ran against code generated in memory (the model\'s rules, and stubs where a rule is hand-written). "Eventloom: Generate Code" writes it there, for you to fill in the stubs.',
            `banking.loom:${overdraw + 1}:1: error: scenario "cannot overdraw": expected rejected InsufficientFunds { requested: 150 }, got MoneyWithdrawn { amount: 150 }`,
            'not run: Banking/renamed meanwhile is no longer in the model.',
            '1 passed, 1 failed, 1 not run'
        ]);
        assert.equal(report.summary, '1 passed, 1 failed, 1 not run');
        assert.equal(report.output[1].id, asked[1], 'the line shows in that test\'s output too');
        assert.equal(report.output[1].location, undefined, 'the failure\'s message is already at that line');
    });

    it('a stale output folder is said to be brought up to date; code that does not load names the file and line to fix', async () => {
        const shared = await workspace({ 'banking.loom': HAND_WRITTEN_BANK });
        const outDir = join(folder, 'src/generated');
        await generateWorkspace(shared, { outDir });
        const file = join(outDir, 'banking/bank-account.ts');
        writeFileSync(file, readFileSync(file, 'utf8').replace('// below this line are kept as they are.\n',
            "// below this line are kept as they are.\n\nimport { nothing } from 'no-such-library';\nexport const mine = nothing;\n"));
        rmSync(join(outDir, 'banking/index.ts'));
        const result = await runScenarios(shared, { outDir });
        const id = scenarioId(URI, 'Banking', 'an account opens');
        const report = reportRun(result, [id], words);
        assert.equal(report.output[0].text, 'The generated code in src/generated was stale: updated 1 file first (banking/index.ts); your hand-written bodies are kept.');
        assert.match(report.output[1].text, /^src\/generated\/banking\/bank-account\.ts:1:1: error: it does not load: Cannot find module 'no-such-library'/);
        assert.equal(report.items.length, 1);
        const [item] = report.items;
        assert.equal(item.verdict, 'errored');
        assert.match(item.message!, /^Not run: the generated code of Banking does not load: src\/generated\/banking\/bank-account\.ts:1:1: it does not load: Cannot find module 'no-such-library'.*\. Fix it there \(or regenerate\), then run again\.$/s);
        assert.deepEqual(item.location, { uri: `file://${file}`, line: 0, character: 0 });
    });

    it('a model with an error: every item says what to fix and where, the output lists the errors', async () => {
        const broken = HAND_WRITTEN_BANK.replace('emits MoneyWithdrawn,', 'emits MoneyTaken,');
        const result = await runScenarios(await workspace({ 'banking.loom': broken }), { outDir: join(folder, 'src/generated') });
        const ids = [scenarioId(URI, 'Banking', 'an account opens'), scenarioId(URI, 'Banking', 'cannot overdraw')];
        const report = reportRun(result, ids, words);
        const errorLine = broken.split('\n').findIndex(text => text.includes('MoneyTaken'));
        const column = broken.split('\n')[errorLine].indexOf('MoneyTaken');
        const message = "Unknown event 'MoneyTaken' in context Banking: declare `event MoneyTaken { … }` in the aggregate that records it, or fix the name.";
        assert.deepEqual(result.modelErrors, [{ uri: URI, range: { start: { line: errorLine, character: column }, end: { line: errorLine, character: column + 10 } }, message }]);
        for (const item of report.items) {
            assert.equal(item.verdict, 'errored');
            assert.equal(item.message, `Not run: the model has an error. Fix it first: banking.loom:${errorLine + 1}:${column + 1}: ${message}`);
            assert.deepEqual(item.location, { uri: URI, line: errorLine, character: column });
        }
        assert.deepEqual(report.output.map(entry => entry.text), ['The model has 1 error; no scenario was run. Fix it first:', `banking.loom:${errorLine + 1}:${column + 1}: error: ${message}`]);
    });
});
