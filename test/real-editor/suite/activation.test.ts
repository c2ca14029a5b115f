/** The extension activates on the fixture workspace and its language server answers. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, addFixtureModel, closeAllEditors, deleteFiles, eventloomDiagnostics, openFixture, waitFor } from './helpers.js';

describe('Activation', () => {
    afterEach(closeAllEditors);

    it('is active in a workspace with .loom files (workspaceContains), before any model is opened', async () => {
        const extension = vscode.extensions.getExtension('eventloom.eventloom');
        assert.ok(extension, 'extension eventloom.eventloom is installed');
        // workspaceContains:**/*.loom activates it on its own; wait for that rather than activate() it.
        await waitFor(() => extension.isActive ? true : undefined, () => 'extension not active', 20_000);
    });

    it('gives .loom files the eventloom language', async () => {
        await activateExtension();
        const editor = await openFixture('banking.loom');
        assert.equal(editor.document.languageId, 'eventloom');
    });

    it('registers a handler for every command it contributes to the palette', async () => {
        const extension = await activateExtension();
        const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map(c => c.command);
        assert.deepEqual([...contributed].sort(), ['eventloom.exportMermaid', 'eventloom.exportSvg', 'eventloom.generate', 'eventloom.newModelFromTemplate', 'eventloom.openPreview', 'eventloom.runScenario']);
        const registered = new Set(await vscode.commands.getCommands(true));
        assert.deepEqual(contributed.filter(command => !registered.has(command)), [], 'contributed commands without a handler');
    });

    it('starts the language server: a valid model gets no diagnostics, an invalid one does', async () => {
        await activateExtension();
        const banking = await openFixture('banking.loom');
        const delivery = await addFixtureModel('delivery.loom');
        try {
            // The invalid file proves the server is up; only then does "no diagnostics" mean something.
            await waitFor(() => eventloomDiagnostics(delivery.document.uri).length > 0 ? true : undefined,
                () => 'no diagnostics for delivery.loom: is the language server running?');
            assert.deepEqual(eventloomDiagnostics(banking.document.uri), []);
        } finally {
            await closeAllEditors();
            await deleteFiles('delivery.loom');
        }
    });
});
