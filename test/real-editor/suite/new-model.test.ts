/** "Eventloom: New Model from Template", scripted through its arguments (the UI e2e drives the prompts). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, deleteFiles, expectDiagnostics, workspaceFile } from './helpers.js';

const COMMAND = 'eventloom.newModelFromTemplate';

async function readText(uri: vscode.Uri): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('New Model from Template', () => {
    before(activateExtension);
    afterEach(closeAllEditors);
    // Leave the shared workspace as it was for the suites that follow.
    after(() => deleteFiles('treasury.loom', 'online-shop', 'ledger.loom'));

    it('writes the banking template under the new context name, opens it, and it validates clean', async () => {
        const written = await vscode.commands.executeCommand<vscode.Uri[]>(COMMAND, { template: 'banking.loom', contextName: 'Treasury' });
        assert.deepEqual(written?.map(uri => vscode.workspace.asRelativePath(uri)), ['treasury.loom']);
        const text = await readText(workspaceFile('treasury.loom'));
        assert.match(text, /^context Treasury$/m);
        assert.doesNotMatch(text, /^context Banking$/m);
        assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), workspaceFile('treasury.loom').toString());
        await expectDiagnostics(workspaceFile('treasury.loom'), []);
    });

    it('writes a folder template, renaming its first context and the qualified references to it', async () => {
        const written = await vscode.commands.executeCommand<vscode.Uri[]>(COMMAND, { template: 'online-shop', contextName: 'Sales' });
        assert.deepEqual(written?.map(uri => vscode.workspace.asRelativePath(uri)).sort(),
            ['online-shop/payments.loom', 'online-shop/sales.loom', 'online-shop/shipping.loom']);
        assert.match(await readText(workspaceFile('online-shop/sales.loom')), /^context Sales$/m);
        const payments = await readText(workspaceFile('online-shop/payments.loom'));
        assert.match(payments, /\bSales\.OrderPlaced\b/);
        assert.doesNotMatch(payments, /\bOrdering\.OrderPlaced\b/);
        for (const file of ['online-shop/sales.loom', 'online-shop/payments.loom', 'online-shop/shipping.loom']) {
            await vscode.workspace.openTextDocument(workspaceFile(file));
            await expectDiagnostics(workspaceFile(file), []);
        }
    });

    it('never overwrites an existing file unless allowed', async () => {
        const target = workspaceFile('ledger.loom');
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('context Ledger\n'));
        const refused = await vscode.commands.executeCommand<vscode.Uri[] | undefined>(COMMAND, { template: 'banking.loom', contextName: 'Ledger', overwrite: false });
        assert.equal(refused, undefined);
        assert.equal(await readText(target), 'context Ledger\n');

        const written = await vscode.commands.executeCommand<vscode.Uri[]>(COMMAND, { template: 'banking.loom', contextName: 'Ledger', overwrite: true });
        assert.equal(written?.length, 1);
        assert.match(await readText(target), /^aggregate BankAccount \{$/m);
    });

    it('rejects a context name that is not PascalCase, writing nothing', async () => {
        const written = await vscode.commands.executeCommand<vscode.Uri[] | undefined>(COMMAND, { template: 'banking.loom', contextName: 'petty_cash' });
        assert.equal(written, undefined);
        await assert.rejects(async () => vscode.workspace.fs.stat(workspaceFile('petty-cash.loom')));
        await assert.rejects(async () => vscode.workspace.fs.stat(workspaceFile('petty_cash.loom')));
    });
});
