import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import type { ResponseError } from 'vscode-languageserver';
import { BANKING, SHIPPING, applyWorkspaceEdit, lsp, openBankingAndShipping, openWorkspace, positionOf, problemsOf, textDocumentPosition } from './lsp-test-kit.js';

describe('rename', () => {
    let banking: LangiumDocument;
    let shipping: LangiumDocument;

    beforeEach(async () => {
        ({ banking, shipping } = await openBankingAndShipping());
    });

    async function rename(document: LangiumDocument, at: string, newName: string, shift = 1): Promise<Map<string, string>> {
        const edit = await lsp.lsp.RenameProvider!.rename(document, { ...textDocumentPosition(document, positionOf(document, at, { shift })), newName });
        assert.ok(edit, 'expected a workspace edit');
        return applyWorkspaceEdit(edit, [banking, shipping]);
    }

    it('renames an event in emits, on, given and in another context\'s qualified reference, keeping the qualifier', async () => {
        const texts = await rename(banking, 'event Opened', 'AccountOpened', 7);
        const newBanking = texts.get(banking.uri.toString())!;
        const newShipping = texts.get(shipping.uri.toString())!;
        assert.equal(newBanking, BANKING
            .replace('emits Opened', 'emits AccountOpened')
            .replace('event Opened', 'event AccountOpened')
            .replace('on Opened', 'on AccountOpened')
            .replace('given Opened', 'given AccountOpened'));
        assert.equal(newShipping, SHIPPING.replace('Banking.Opened', 'Banking.AccountOpened'));
        // The renamed workspace still links and validates as before.
        const renamed = await openWorkspace({ 'banking.loom': newBanking, 'shipping.loom': newShipping });
        assert.deepEqual(problemsOf(Object.values(renamed)), []);
    });

    it('renames from a qualified reference too, and prepares only the name part for editing', async () => {
        const at = positionOf(shipping, 'Banking.Opened', { shift: 10 });
        const range = await lsp.lsp.RenameProvider!.prepareRename(shipping, textDocumentPosition(shipping, at));
        assert.equal(shipping.textDocument.getText(range as never), 'Opened');
        const texts = await rename(shipping, 'Banking.Opened', 'AccountOpened', 10);
        assert.match(texts.get(banking.uri.toString())!, /event AccountOpened \{/);
        assert.match(texts.get(shipping.uri.toString())!, /on Banking\.AccountOpened, Dispatched/);
    });

    it('renames a command\'s field where scenario data uses it', async () => {
        const texts = await rename(banking, 'amount: decimal\n    note', 'sum');
        const newBanking = texts.get(banking.uri.toString())!;
        assert.match(newBanking, /command Withdraw \{\n {4}sum: decimal/);
        assert.match(newBanking, /when Withdraw \{ sum: 150 \}/);
        // The event's and the read model's own `amount` fields are other fields.
        assert.match(newBanking, /event Withdrawn \{ amount: decimal \}/);
        assert.match(newBanking, /amount: decimal = 0/);
    });

    it('refuses names that are not identifiers, keywords, and names already taken, with a message', async () => {
        const attempt = async (newName: string) => lsp.lsp.RenameProvider!.rename(banking, { ...textDocumentPosition(banking, positionOf(banking, 'event Opened', { shift: 7 })), newName });
        await assert.rejects(attempt('Account Opened'), (e: ResponseError<void>) => /'Account Opened' is not a valid name/.test(e.message));
        await assert.rejects(attempt('command'), (e: ResponseError<void>) => /'command' is a keyword of the language and cannot name an event/.test(e.message));
        await assert.rejects(attempt('Withdrawn'), (e: ResponseError<void>) => /Context Banking already has an event named 'Withdrawn'/.test(e.message));
        await assert.rejects(attempt('Open'), (e: ResponseError<void>) => /already has a command named 'Open'/.test(e.message));
    });
});
