/**
 * The quick fixes for behaviour (DESIGN §2b) in the real editor: the warning's and the error's
 * fixes as the light bulb offers them, and the action at the cursor on a `rejects` name, until
 * the model is clean; the text they leave is exact.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, createFile, deleteFiles, expectDiagnostics, positionOf, waitFor } from './helpers.js';

const OWN_FILE = 'behaviour-fixes.loom';

const MODEL = `context BehaviourFixes

enum Status { Pending, Open }

aggregate Account {
  id accountId: uuid
  state { status: Status = Pending, balance: decimal = 0 }

  command OpenAccount {
    requires status == Pending else AccountAlreadyOpen
    emits AccountOpened
  }
  command Withdraw {
    amount: decimal
    requires status == Open else AccountNotOpen
    emits MoneyWithdrawn { transactionId: newId }
    rejects InsufficientFunds
  }

  event AccountOpened {}
  event MoneyWithdrawn { amount: decimal, transactionId: uuid, bookedAt: timestamp }
  error AccountAlreadyOpen
  error AccountNotOpen
  error InsufficientFunds { requested: decimal }

  on AccountOpened { status = Open }
  on MoneyWithdrawn { balance -= amount, lastBookedAt = bookedAt }
}
`;

const FIXED = MODEL
    .replace('balance: decimal = 0 }', 'balance: decimal = 0, lastBookedAt: timestamp }')
    .replace('emits MoneyWithdrawn { transactionId: newId }', 'emits MoneyWithdrawn { transactionId: newId, bookedAt: now }')
    .replace('    requires status == Open else AccountNotOpen\n', '    requires status == Open else AccountNotOpen\n    requires true else InsufficientFunds { requested: 0 }\n');

function rangeOf(uri: vscode.Uri, message: string): vscode.Range {
    const diagnostic = vscode.languages.getDiagnostics(uri).find(candidate => candidate.message === message);
    assert.ok(diagnostic, `'${message}' is reported`);
    return diagnostic.range;
}

/** Applies the code action titled `title` offered for `range` (with the diagnostics there, as the light bulb asks). */
async function apply(editor: vscode.TextEditor, range: vscode.Range, title: string): Promise<void> {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range, vscode.CodeActionKind.QuickFix.value);
    const action = actions.find(candidate => candidate.title === title);
    assert.ok(action?.edit, `'${title}' is offered; offered: ${actions.map(candidate => candidate.title).join(' | ')}`);
    const before = editor.document.version;
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    await waitFor(() => (editor.document.version > before ? true : undefined), () => 'the edit to land');
}

describe('Quick fixes for behaviour', () => {
    before(activateExtension);
    afterEach(closeAllEditors);

    it('maps the missing field, declares the assigned state field, models the rejection: the model is clean', async () => {
        const editor = await createFile(OWN_FILE, MODEL);
        const uri = editor.document.uri;
        try {
            const unmapped = {
                severity: 'warning', range: '16:11-16:25',
                message: "Command Withdraw states its rules, but MoneyWithdrawn's field 'bookedAt' gets no value, so its decide stays hand-written: map it (`emits MoneyWithdrawn { bookedAt: … }`), or add a same-named field to the command."
            } as const;
            const undeclared = {
                severity: 'error', range: '27:42-27:54',
                message: "'lastBookedAt' is not a field of the state of aggregate Account: an `on` block assigns only those; declare it in `state { lastBookedAt: Type }`. Its fields: status, balance."
            } as const;
            await expectDiagnostics(uri, [unmapped, undeclared]);
            // Each fix once the server has re-validated after the one before.
            await apply(editor, rangeOf(uri, unmapped.message), 'Map \'bookedAt\' in `emits MoneyWithdrawn { … }`');
            await expectDiagnostics(uri, [undeclared]);
            await apply(editor, rangeOf(uri, undeclared.message), 'Declare `lastBookedAt: timestamp` in the state of Account');
            await expectDiagnostics(uri, []);
            // `rejects E` alone is no mistake: the action is offered at the cursor, without a diagnostic.
            const rejection = positionOf(editor.document, 'InsufficientFunds\n');
            await apply(editor, new vscode.Range(rejection, rejection), 'Add `requires true else InsufficientFunds` (then write when it rejects)');
            assert.equal(editor.document.getText(), FIXED);
            await expectDiagnostics(uri, []);
        } finally {
            await closeAllEditors();
            await deleteFiles(OWN_FILE);
        }
    });
});
