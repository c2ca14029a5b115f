/**
 * Scenarios run in the editor (DESIGN §9): a scenario the model's rules fail is an error in the
 * Problems panel on its `then` line, and it disappears once the rule is fixed, without generating.
 */
import { activateExtension, closeAllEditors, createFile, deleteFiles, expectDiagnostics, replaceText } from './helpers.js';

const MODEL = `context Ledger

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
`;

describe('Scenarios in the editor', () => {
    before(activateExtension);
    afterEach(closeAllEditors);

    it('shows a failing scenario at its then line and clears it when the rule is fixed', async () => {
        const editor = await createFile('ledger-scenarios.loom', MODEL);
        try {
            await expectDiagnostics(editor.document.uri, [{
                severity: 'error', range: '16:3-16:32',
                message: 'Scenario fails: expected Booked { amount: 100.1 }, but the model gives rejected NotPositive: `requires 1 > 2 else NotPositive` (line 7) rejected Book with the state {}.'
            }]);
            await replaceText(editor, 'requires 1 > 2', 'requires 2 > 1');
            await expectDiagnostics(editor.document.uri, []);
        } finally {
            await closeAllEditors();
            await deleteFiles('ledger-scenarios.loom');
        }
    });
});
