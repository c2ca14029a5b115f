/**
 * Scenarios in VS Code's Test Explorer (DESIGN §9), in a real extension host: a new model's
 * scenarios appear as test items (file, aggregate, scenario at its line) and follow edits; the
 * "Run scenario" lens runs one against the generated code — in memory before Generate, then with
 * the hand-written body from the output folder — and a failure is reported at the scenario's line
 * with expected vs actual; a model with an error says what to fix; the modelled bank template passes
 * with no hand-written line until a rule is broken. Screenshots of the Test
 * Explorer, the run's output and a model error land in test-results/screenshots/scenarios-*.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HAND_WRITTEN_BANK, PROJECTION_SCENARIO, writeWithdrawRule } from '../../kit/hand-written-bank.js';
import { activateExtension, closeAllEditors, createFile, deleteFiles, replaceText, screenshot, waitFor, workspaceFile } from './helpers.js';

interface ItemReport { id: string; verdict: string; message?: string; expected?: string; actual?: string; location?: { uri: string; line: number; character: number } }

/** Another context than the fixture's Banking, so that the two models do not clash. */
const MODEL = (HAND_WRITTEN_BANK + PROJECTION_SCENARIO).replace('context Banking', 'context Vault');
const FILE = 'explorer/vault.loom';
const MODELLED_FILE = 'explorer/modelled-bank.loom';
/** The suite runs from out/test/real-editor/. */
const TEMPLATE = path.resolve(__dirname, '../../../templates/banking.loom');
const lineOf = (text: string) => MODEL.split('\n').indexOf(text);

describe('Scenarios in the Test Explorer', function () {
    this.timeout(180_000);
    let controller: vscode.TestController;
    let api: { scenarioTests: vscode.TestController; scenarioProfile: vscode.TestRunProfile; onDidRunScenarios: vscode.Event<ItemReport[]> };
    before(async () => {
        const extension = await activateExtension();
        api = extension.exports as typeof api;
        controller = api.scenarioTests;
        assert.ok(controller, 'the extension exports its scenario test controller');
    });
    afterEach(closeAllEditors);
    after(() => deleteFiles(FILE, MODELLED_FILE, 'explorer', 'src'));

    /** The scenario items of a file by name, once the tree shows them as `ready` wants. */
    async function itemsOf(uri: vscode.Uri, ready: (names: string[]) => boolean, what: string): Promise<Map<string, vscode.TestItem>> {
        let shown: string[] = [];
        return waitFor(() => {
            const items = new Map<string, vscode.TestItem>();
            shown = [];
            controller.items.get(uri.toString())?.children.forEach(group => group.children.forEach(item => {
                items.set(item.label, item);
                shown.push(`${group.label} (${group.description}) > ${item.label} @ ${item.range?.start.line}`);
            }));
            return ready([...items.keys()]) ? items : undefined;
        }, () => `the Test Explorer lists ${what} in ${uri.path}; it has ${JSON.stringify(shown)}`, 30_000);
    }
    const threeScenarios = (names: string[]) => names.length === 3;

    async function runFromLens(document: vscode.TextDocument, name: string): Promise<ItemReport> {
        const line = document.getText().split('\n').indexOf(`scenario "${name}" {`);
        const lenses = await waitFor(async () => {
            const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri))
                .filter(lens => lens.command?.title === 'Run scenario' && lens.range.start.line === line);
            return found.length === 1 ? found : undefined;
        }, () => `one "Run scenario" lens on line ${line + 1}`);
        const { command, arguments: args = [] } = lenses[0].command!;
        const reports = await vscode.commands.executeCommand<ItemReport[]>(command, ...args);
        assert.equal(reports.length, 1, JSON.stringify(reports));
        return reports[0];
    }

    it('lists a new model\'s scenarios, runs them from the lens: one passes, one fails at its line with expected vs actual', async () => {
        const editor = await createFile(FILE, MODEL);
        const items = await itemsOf(editor.document.uri, threeScenarios, 'three scenarios');
        const file = controller.items.get(editor.document.uri.toString())!;
        assert.equal(file.label, FILE);
        const groups: string[] = [];
        file.children.forEach(group => {
            const names: string[] = [];
            group.children.forEach(child => names.push(child.label));
            groups.push(`${group.label} (${group.description}): ${names.join(', ')}`);
        });
        assert.deepEqual(groups.sort(), ['Balance (Vault read model): withdrawals lower the balance', 'BankAccount (Vault aggregate): an account opens, cannot overdraw']);
        assert.equal(items.get('cannot overdraw')!.range!.start.line, lineOf('scenario "cannot overdraw" {'));

        assert.deepEqual(await runFromLens(editor.document, 'an account opens'), { id: items.get('an account opens')!.id, verdict: 'passed' });
        const failure = await runFromLens(editor.document, 'cannot overdraw');
        assert.deepEqual(failure, {
            id: items.get('cannot overdraw')!.id, verdict: 'failed',
            message: 'Expected rejected InsufficientFunds { requested: 150 }, got MoneyWithdrawn { amount: 150 }',
            expected: 'rejected InsufficientFunds { requested: 150 }', actual: 'MoneyWithdrawn { amount: 150 }',
            location: { uri: editor.document.uri.toString(), line: lineOf('scenario "cannot overdraw" {'), character: 0 }
        });

        await vscode.commands.executeCommand('workbench.view.testing.focus');
        for (const item of items.values()) await vscode.commands.executeCommand('vscode.revealTestInExplorer', item);
        await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
        await screenshot('scenarios-01-explorer-pass-fail');
        // The run's output in the Test Results panel: the failure as the CLI prints it, and the summary.
        await vscode.commands.executeCommand('testing.showMostRecentOutput');
        await screenshot('scenarios-02-run-output');
    });

    it('runs the hand-written body once Generate wrote the code, and follows a renamed scenario', async () => {
        const editor = await createFile(FILE, MODEL);
        await itemsOf(editor.document.uri, threeScenarios, 'three scenarios');
        await vscode.commands.executeCommand('eventloom.generate', { uri: editor.document.uri.toString(), quiet: true });
        const aggregate = workspaceFile('src/generated/vault/bank-account.ts');
        const generated = new TextDecoder().decode(await vscode.workspace.fs.readFile(aggregate));
        await vscode.workspace.fs.writeFile(aggregate, new TextEncoder().encode(writeWithdrawRule(generated)));
        assert.equal((await runFromLens(editor.document, 'cannot overdraw')).verdict, 'passed');

        await replaceText(editor, '"cannot overdraw"', '"no overdraft"');
        const items = await itemsOf(editor.document.uri, names => threeScenarios(names) && names.includes('no overdraft') && !names.includes('cannot overdraw'),
            'the renamed scenario instead of the old one');
        assert.equal((await runFromLens(editor.document, 'no overdraft')).id, items.get('no overdraft')!.id);
    });

    it('a model with an error runs nothing and says what to fix, where', async () => {
        const editor = await createFile(FILE, MODEL);
        await itemsOf(editor.document.uri, threeScenarios, 'three scenarios');
        await replaceText(editor, 'emits MoneyWithdrawn,', 'emits MoneyTaken,');
        await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).some(diagnostic => diagnostic.severity === vscode.DiagnosticSeverity.Error) ? true : undefined,
            () => 'the unknown event is an error');
        const line = lineOf('  command Withdraw { amount: decimal, emits MoneyWithdrawn, rejects InsufficientFunds }');
        const column = MODEL.split('\n')[line].indexOf('MoneyWithdrawn');
        const report = await runFromLens(editor.document, 'an account opens');
        assert.equal(report.verdict, 'errored');
        assert.equal(report.message, `Not run: the model has an error. Fix it first: ${FILE}:${line + 1}:${column + 1}: Unknown event 'MoneyTaken' in context Vault: declare \`event MoneyTaken { … }\` in the aggregate that records it, or fix the name.`);
        assert.deepEqual(report.location, { uri: editor.document.uri.toString(), line, character: column });
        await screenshot('scenarios-03-model-error');
    });

    // Saving generated code also starts a run; not tested here: opening a .ts editor starts
    // TypeScript's language server in code-server, which slows every later suite past its deadlines.
    it('a continuous run runs the watched scenario again as the model is edited', async () => {
        await deleteFiles('src');
        const editor = await createFile(FILE, MODEL);
        const item = (await itemsOf(editor.document.uri, threeScenarios, 'three scenarios')).get('cannot overdraw')!;
        const reports: ItemReport[][] = [];
        const subscription = api.onDidRunScenarios(report => reports.push(report));
        const watch = new vscode.CancellationTokenSource();
        const watching = api.scenarioProfile.runHandler(new vscode.TestRunRequest([item], undefined, api.scenarioProfile, true), watch.token);
        const nextVerdict = async (what: string) => {
            const seen = reports.length;
            return waitFor(() => reports.length > seen ? reports.at(-1)!.map(report => `${report.id.split('/').pop()}: ${report.verdict}`).join(', ') : undefined,
                () => `a continuous run after ${what}`, 30_000);
        };
        try {
            // What the stub emits, expected: the edit alone (unsaved) makes it pass; back as it was, it fails.
            let verdict = nextVerdict('the edit');
            await replaceText(editor, 'then rejected InsufficientFunds { requested: 150 }', 'then MoneyWithdrawn { amount: 150 }');
            assert.equal(await verdict, 'cannot overdraw: passed');
            verdict = nextVerdict('undoing the edit');
            await replaceText(editor, 'then MoneyWithdrawn { amount: 150 }', 'then rejected InsufficientFunds { requested: 150 }');
            assert.equal(await verdict, 'cannot overdraw: failed');
        } finally {
            watch.cancel();
            await watching;
            subscription.dispose();
        }
    });

    it('the modelled bank template: a scenario passes with no hand-written line, and a broken rule fails it at its line with expected vs actual', async () => {
        await deleteFiles('src');
        // Its own context, beside the fixture's Banking.
        const bank = fs.readFileSync(TEMPLATE, 'utf8').replace('context Banking', 'context ModelledBank');
        const editor = await createFile(MODELLED_FILE, bank);
        await itemsOf(editor.document.uri, names => names.includes('cannot overdraw'), '"cannot overdraw"');
        assert.equal((await runFromLens(editor.document, 'cannot overdraw')).verdict, 'passed');

        await replaceText(editor, 'requires amount.amount <= balance + overdraftLimit\n', 'requires amount.amount <= balance + overdraftLimit + 1\n');
        const line = bank.split('\n').indexOf('scenario "cannot overdraw" {');
        await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).some(diagnostic => diagnostic.message.startsWith('Scenario fails:')) ? true : undefined,
            () => 'the editor\'s own scenario check reports the broken rule');
        const report = await runFromLens(editor.document, 'cannot overdraw');
        assert.equal(report.verdict, 'failed', JSON.stringify(report));
        assert.equal(report.expected, 'rejected InsufficientFunds { requested: 150.01, available: 150 }');
        assert.match(report.actual ?? '', /^MoneyWithdrawn \{/);
        assert.deepEqual(report.location, { uri: editor.document.uri.toString(), line, character: 0 });
        await vscode.commands.executeCommand('workbench.view.testing.focus');
        await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(line, 0, line, 0) });
        await screenshot('scenarios-04-modelled-bank-broken-rule');
    });
});

