/** Diagnostics as you type: edits through the editor API, waits on the server with a deadline. */
import * as vscode from 'vscode';
import { activateExtension, addFixtureModel, closeAllEditors, deleteFiles, expectDiagnostics, openFixture, replaceText } from './helpers.js';

describe('Diagnostics as you type', () => {
    before(activateExtension);
    afterEach(closeAllEditors);

    it('reports the fixture model\'s problems with exact messages and ranges', async () => {
        const editor = await addFixtureModel('delivery.loom');
        try {
            await expectDiagnostics(editor.document.uri, [
                { severity: 'error', range: '4:11-4:17', message: 'Aggregate Parcel has no stream id: add one line `id parcelId: uuid` to it.' },
                { severity: 'warning', range: '10:9-10:23', message: 'Event names are PascalCase: rename \'parcel_shipped\' to \'ParcelShipped\'.' },
                { severity: 'error', range: '16:6-16:20', message: 'Event parcel_shipped cannot supply the key \'parcelId\' of read model ParcelStatus: add a field `parcelId: uuid` to the event, or handle it in a read model keyed by a field the event has.' }
            ]);
        } finally {
            await closeAllEditors();
            await deleteFiles('delivery.loom');
        }
    });

    it('reports an unknown event while typing, and clears it once the name is fixed', async () => {
        const editor = await openFixture('banking.loom');
        const uri = editor.document.uri;
        await expectDiagnostics(uri, []);

        await replaceText(editor, 'emits MoneyWithdrawn', 'emits MoneyWithdrawnn');
        await expectDiagnostics(uri, [{
            severity: 'error', range: '22:11-22:26',
            message: 'Unknown event \'MoneyWithdrawnn\' in context Banking: declare `event MoneyWithdrawnn { … }` in the aggregate that records it, or fix the name. Did you mean \'MoneyWithdrawn\'?'
        }, {
            // The event lost its only emitter, which the flow validator points out at once.
            severity: 'warning', range: '27:9-27:23',
            message: 'No command emits MoneyWithdrawn: add it to the `emits` of a command of BankAccount, or remove the event.'
        }]);

        await replaceText(editor, 'emits MoneyWithdrawnn', 'emits MoneyWithdrawn');
        await expectDiagnostics(uri, []);
    });

    it('re-validates the other files: removing an event breaks the context that consumes it', async () => {
        const banking = await openFixture('banking.loom');
        const reporting = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(banking.document.uri, '../reporting.loom'));
        await expectDiagnostics(reporting.uri, []);

        await replaceText(banking, '  event MoneyWithdrawn { amount: decimal }\n', '');
        await expectDiagnostics(reporting.uri, [{
            severity: 'error', range: '7:6-7:28',
            message: 'Context \'Banking\' has no event \'MoneyWithdrawn\'. Check the context and the name; only events can be used from another context.'
        }]);
    });
});
