/**
 * "Nothing reads this event": what the rule leaves alone (rule-cases.ts has what it flags), and
 * when it runs — in the 'slow' category, so on full builds and on save, never on a keystroke.
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';
import { EventloomDocumentUpdateHandler } from '../../../src/language/workspace/document-update-handler.js';
import { clearWorkspace, codeOf, expectClean, validateFiles } from '../language-test-kit.js';

const ACCOUNT = `context Banking
aggregate Account {
  id accountId: uuid
  command Open { owner: string, emits Opened }
  command Freeze { emits Frozen }
  event Opened { owner: string }
  event Frozen {}
}
`;

const SUMMARY = 'readmodel Summary { key accountId: uuid, owner: string, on Opened }';

describe('event without effect', () => {
    afterEach(clearWorkspace);

    it('leaves alone an aggregate none of whose events is handled: a write side being sketched', async () => {
        const results = await validateFiles({ 'account.loom': ACCOUNT });
        expectClean(results['account.loom']);
    });

    it('leaves alone an aggregate with state, which its events may change', async () => {
        const results = await validateFiles({ 'account.loom': `${ACCOUNT.replace('  id accountId: uuid\n', '  id accountId: uuid\n  state { frozen: boolean = false }\n')}${SUMMARY}` });
        expectClean(results['account.loom']);
    });

    it('leaves an event no command emits to its own warning', async () => {
        const results = await validateFiles({ 'account.loom': `${ACCOUNT.replace('emits Frozen', 'emits Opened')}${SUMMARY}` });
        const codes = results['account.loom'].diagnostics.map(codeOf);
        assert.deepEqual(codes, [IssueCodes.EventNeverEmitted]);
    });

    it('counts a policy of another context handling the event as `Other.Event`', async () => {
        const results = await validateFiles({
            'account.loom': `${ACCOUNT}${SUMMARY}`,
            'risk.loom': 'context Risk\naggregate Case { id caseId: uuid\n  command OpenCase { emits CaseOpened }\n  event CaseOpened {} }\npolicy Watch { on Banking.Frozen issues OpenCase }'
        });
        for (const result of Object.values(results)) expectClean(result);
    });

    describe('in the editor', () => {
        async function editor(files: Record<string, string>) {
            const { shared } = createEventloomServices(EmptyFileSystem);
            await shared.workspace.WorkspaceManager.initializeWorkspace([]);
            const documents = await buildDocuments(shared, Object.entries(files).map(([name, text]) => ({ path: `/ws/${name}`, text })));
            let version = 1;
            const edit = async (document: LangiumDocument, text: string) => {
                shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', ++version, text));
                await shared.workspace.DocumentBuilder.update([document.uri], []);
            };
            const handler = shared.lsp.DocumentUpdateHandler;
            assert.ok(handler instanceof EventloomDocumentUpdateHandler);
            const save = (document: LangiumDocument) => handler.didSaveDocument({ document: document.textDocument });
            return { documents, edit, save };
        }
        const warned = (document: LangiumDocument) => (document.diagnostics ?? []).filter(d => codeOf(d) === IssueCodes.EventWithoutEffect).length;

        it('skips the check on a keystroke and runs it on save', async () => {
            const { documents: [account], edit, save } = await editor({ 'account.loom': `${ACCOUNT}${SUMMARY}` });
            assert.equal(warned(account), 1, 'a full build runs the slow checks');
            await edit(account, `${ACCOUNT}${SUMMARY}\n`);
            assert.equal(warned(account), 0, 'an edit runs only the fast checks');
            await save(account);
            assert.equal(warned(account), 1, 'saving runs the slow checks');
        });

        it('clears the warning in one file when a handler is added in another and saved', async () => {
            const { documents: [account, views], edit, save } = await editor({ 'account.loom': ACCOUNT, 'views.loom': `context Banking\n${SUMMARY}` });
            assert.equal(warned(account), 1);
            await edit(views, `context Banking\n${SUMMARY}\nreadmodel FrozenAccounts { key accountId: uuid, on Frozen }`);
            await save(views);
            assert.equal(warned(account), 0);
            assert.deepEqual([...account.diagnostics ?? [], ...views.diagnostics ?? []], [], 'both files are clean');
        });
    });
});
