/** The language configuration: comment toggling, auto-closing pairs, indentation on Enter. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, createFile } from './helpers.js';

async function typeAt(editor: vscode.TextEditor, position: vscode.Position, text: string): Promise<void> {
    editor.selection = new vscode.Selection(position, position);
    // The `type` command goes through the same path as the keyboard, so auto-closing and onEnter rules apply.
    await vscode.commands.executeCommand('type', { text });
}

describe('Language configuration', () => {
    before(activateExtension);
    afterEach(closeAllEditors);

    it('toggles line comments with //', async () => {
        const editor = await createFile('comments.loom', 'context Comments\nenum Color { Red }\n');
        editor.selection = new vscode.Selection(1, 0, 1, 0);
        await vscode.commands.executeCommand('editor.action.commentLine');
        assert.equal(editor.document.lineAt(1).text, '// enum Color { Red }');
        await vscode.commands.executeCommand('editor.action.commentLine');
        assert.equal(editor.document.lineAt(1).text, 'enum Color { Red }');
    });

    it('closes braces and quotes, and indents the line after an opening brace', async () => {
        const editor = await createFile('typing.loom', 'context Typing\n\n');
        await typeAt(editor, new vscode.Position(1, 0), 'aggregate Parcel {');
        assert.equal(editor.document.lineAt(1).text, 'aggregate Parcel {}');
        await vscode.commands.executeCommand('type', { text: '\n' });
        assert.deepEqual([1, 2, 3].map(line => editor.document.lineAt(line).text), ['aggregate Parcel {', '  ', '}']);
        await vscode.commands.executeCommand('type', { text: 'scenario "' });
        assert.equal(editor.document.lineAt(2).text, '  scenario ""');
    });
});
