/** "Eventloom: Generate Code" in the real editor: the server generates the workspace's models into the configured folder. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, createFile, deleteFiles, openFixture, waitFor, workspaceFile } from './helpers.js';

const COMMAND = 'eventloom.generate';

interface GenerateResult { written: string[]; unchanged: string[]; obsolete: string[]; outDir: string }

async function readText(relativePath: string): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(relativePath)));
}

describe('Generate Code', () => {
    before(activateExtension);
    afterEach(closeAllEditors);
    after(() => deleteFiles('generated-by-test', 'not-ours'));

    it('generates every context of the workspace, then regenerates keeping a hand-written body', async () => {
        const editor = await openFixture('banking.loom');
        const result = await vscode.commands.executeCommand<GenerateResult>(COMMAND, { uri: editor.document.uri.toString(), outDir: 'generated-by-test', quiet: true });
        assert.ok(result, 'the command returns its result');
        assert.equal(result.outDir, workspaceFile('generated-by-test').fsPath);
        assert.ok(result.written.includes('banking/index.ts'), result.written.join(', '));
        assert.match(await readText('generated-by-test/banking/index.ts'), /export \{ bankAccountDecider,/);

        // A body written by hand survives the next Generate.
        const aggregate = 'generated-by-test/banking/bank-account.ts';
        const original = await readText(aggregate);
        const edited = original.replace(/(export function evolveMoneyWithdrawn\([^)]*\): BankAccountState \{\n)[^}]*\}/, "$1    return { ...state, balance: String(Number(state.balance) - Number(event.data.amount)) }; // mine\n}");
        assert.notEqual(edited, original);
        await vscode.workspace.fs.writeFile(workspaceFile(aggregate), new TextEncoder().encode(edited));
        const again = await vscode.commands.executeCommand<GenerateResult>(COMMAND, { outDir: 'generated-by-test', quiet: true });
        assert.deepEqual(again.written, []);
        assert.equal(await readText(aggregate), edited);
    });

    it('writes the app on Emmett too with the setting eventloom.generate.runtime = emmett', async () => {
        const settings = vscode.workspace.getConfiguration('eventloom');
        await settings.update('generate.runtime', 'emmett', vscode.ConfigurationTarget.Workspace);
        try {
            await openFixture('banking.loom');
            const result = await vscode.commands.executeCommand<GenerateResult>(COMMAND, { outDir: 'generated-by-test-app', quiet: true });
            assert.ok(['app.ts', 'runtime.ts', 'http.ts', 'server.ts'].every(file => result.written.includes(file)), result.written.join(', '));
            assert.match(await readText('generated-by-test-app/app.ts'), /export function createApp\(options: AppOptions\)/);
        } finally {
            await settings.update('generate.runtime', undefined, vscode.ConfigurationTarget.Workspace);
            await deleteFiles('generated-by-test-app');
        }
    });

    it('refuses while the model has an error, and a folder of someone else\'s files', async () => {
        await vscode.workspace.fs.writeFile(workspaceFile('not-ours/readme.txt'), new TextEncoder().encode('mine'));
        await assert.rejects(
            Promise.resolve(vscode.commands.executeCommand(COMMAND, { outDir: 'not-ours', quiet: true })),
            /did not write \(readme\.txt\)/);
        const broken = await createFile('broken-for-generate.loom', 'context Broken\naggregate Thing {\n  id thingId: uuid\n  command Make { emits Made }\n}\n');
        try {
            await waitFor(() => vscode.languages.getDiagnostics(broken.document.uri).some(d => d.severity === vscode.DiagnosticSeverity.Error) ? true : undefined,
                () => 'the broken model gets its error');
            await assert.rejects(
                Promise.resolve(vscode.commands.executeCommand(COMMAND, { outDir: 'generated-by-test', quiet: true })),
                /Nothing generated: the model has \d+ error/);
        } finally {
            await closeAllEditors();
            await deleteFiles('broken-for-generate.loom').catch(error => {
                // Say what lingers, should this ever fail again (seen once under heavy load).
                throw new Error(`${error}: ${JSON.stringify(vscode.languages.getDiagnostics(broken.document.uri))}`);
            });
        }
    });
});
