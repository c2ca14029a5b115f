/**
 * The quick fix that models a `rejects E` with `requires true else E`, with the scenario check
 * running as in the editor: before it the command is hand-written and its scenario is not run;
 * after it the command is modelled, and the scenario that expects the rejection fails on its
 * `then` line until the user writes the condition.
 */
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver';
import { applyWorkspaceEdit, positionOf } from '../language/lsp/lsp-test-kit.js';
import { BANK } from './bank-model.js';
import { buildWorkspace, checked, otherErrors, scenarioErrors } from './scenario-test-kit.js';

const GUARD = '    requires amount.amount <= balance + overdraftLimit\n      else InsufficientFunds { requested: amount.amount, available: balance + overdraftLimit }\n';
const EMITS = '    emits MoneyWithdrawn { transactionId: newId, bookedAt: now }\n';
const SCENARIO = `
scenario "cannot overdraw" {
  given AccountOpened { customerId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", currency: EUR, overdraftLimit: 0, openedAt: "2026-02-01T08:00:00Z" }
  when WithdrawMoney { amount: { amount: 150, currency: EUR } }
  then rejected InsufficientFunds
}
`;
const HAND_WRITTEN = BANK.replace(GUARD, '').replace(EMITS, `${EMITS}    rejects InsufficientFunds\n`) + SCENARIO;

describe('modelling a `rejects` with the quick fix, scenarios checked', () => {
    it('turns a hand-written rejection into a guard whose scenario then says what the model does', async () => {
        const { 'bank.loom': before } = await buildWorkspace({ 'bank.loom': HAND_WRITTEN });
        assert.deepEqual([...otherErrors(before), ...scenarioErrors(before).map(e => e.message)], [], 'hand-written: the scenario is left to the generated tests');
        const at = positionOf(before, 'InsufficientFunds\n');
        const actions = await checked.Eventloom.lsp.CodeActionProvider!.getCodeActions(before, {
            textDocument: { uri: before.uri.toString() }, range: { start: at, end: at }, context: { diagnostics: [] }
        }) as CodeAction[];
        assert.deepEqual(actions.map(action => action.title), ['Add `requires true else InsufficientFunds` (then write when it rejects)']);
        const fixedText = applyWorkspaceEdit(actions[0].edit!, [before]).get(before.uri.toString())!;
        assert.ok(fixedText.includes('    requires status == Open else AccountNotOpen\n    requires true else InsufficientFunds { requested: 0, available: 0 }\n'));
        const { 'bank.loom': after } = await buildWorkspace({ 'bank.loom': fixedText });
        assert.deepEqual(otherErrors(after), []);
        const [failing, ...more] = scenarioErrors(after);
        assert.deepEqual(more, []);
        assert.deepEqual({ line: failing.line, text: failing.text }, { line: 67, text: 'then rejected InsufficientFunds' });
        assert.match(failing.message, /^Scenario fails: expected rejected InsufficientFunds, but the model gives MoneyWithdrawn \{ .* \}: every requires of WithdrawMoney held /);
    });
});
