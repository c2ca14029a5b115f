/** The quick fix for a bumped event version: the `upcast` skeleton with the previous shape. */
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import { applyWorkspaceEdit, clearWorkspace, lsp, openWorkspace } from './lsp-test-kit.js';

const BUMPED = `context Banking
enum Currency { EUR, USD }
aggregate BankAccount {
  id accountId: uuid
  command OpenAccount { customerId: uuid, currency: Currency, emits AccountOpened }
  event AccountOpened version 2 { customerId: uuid, currency: Currency }
}
`;

describe('quick fix: add the upcast of a bumped version', () => {
    afterEach(clearWorkspace);

    it('writes `upcast E from 1` with the shape before the bump, right after the event', async () => {
        const { 'banking.loom': document } = await openWorkspace({ 'banking.loom': BUMPED });
        const diagnostics = (document.diagnostics ?? []).filter((d: Diagnostic) => (d.data as { code?: string })?.code === IssueCodes.MissingUpcast);
        assert.equal(diagnostics.length, 1);
        const actions = await lsp.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostics[0].range, context: { diagnostics }
        }) as CodeAction[];
        assert.deepEqual(actions.map(action => action.title), ['Add `upcast AccountOpened from 1` with its shape']);
        const text = applyWorkspaceEdit(actions[0].edit!, [document]).get(document.uri.toString());
        assert.equal(text, BUMPED.replace(
            '  event AccountOpened version 2 { customerId: uuid, currency: Currency }\n',
            '  event AccountOpened version 2 { customerId: uuid, currency: Currency }\n  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } {}\n'));
        // The skeleton is a valid upcast: the chain is complete, nothing is left to map.
        const { 'banking.loom': fixed } = await openWorkspace({ 'banking.loom': text! });
        assert.deepEqual((fixed.diagnostics ?? []).map(d => d.message), []);
    });
});
