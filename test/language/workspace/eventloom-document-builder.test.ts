/**
 * The two-pass update: the edited document is linked and validated before the documents that refer
 * into it, which are still re-linked and re-validated afterwards; workspace-wide phases are
 * announced once, when every document has reached them.
 */
import * as assert from 'node:assert/strict';
import { Cancellation, DocumentState, EmptyFileSystem, isOperationCancelled, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LangiumSharedServices } from 'langium/lsp';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { isAggregate, isEvent, isReadModel, type Model } from '../../../src/language/generated/ast.js';
import type { IncrementalDocumentFactory } from '../../../src/language/workspace/incremental-document-factory.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';
import { BILLING, SALES, SHIPPING } from './three-contexts.js';


async function workspace() {
    const { shared } = createEventloomServices(EmptyFileSystem);
    const [sales, billing, shipping] = await buildDocuments(shared, [
        { path: '/ws/sales.loom', text: SALES }, { path: '/ws/billing.loom', text: BILLING }, { path: '/ws/shipping.loom', text: SHIPPING }
    ]);
    /** Applies new text to a document the way the language server does on `didChange`. */
    const edit = async (document: LangiumDocument, text: string) => {
        shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, text));
        await shared.workspace.DocumentBuilder.update([document.uri], []);
    };
    return { shared, sales, billing, shipping, edit };
}

const messages = (document: LangiumDocument) => (document.diagnostics ?? []).map(d => String(d.message));
const modelOf = (document: LangiumDocument) => document.parseResult.value as Model;

/**
 * The editor's text for `document`, whose update a keystroke cancels right after the file is
 * parsed (Langium then skips the Parsed-phase listeners, and the next update's splice starts
 * from this parse).
 */
async function cancelledAfterParse(shared: LangiumSharedServices, document: LangiumDocument, text: string): Promise<void> {
    const factory = shared.workspace.LangiumDocumentFactory;
    const parse = factory.update.bind(factory);
    const keystroke = new Cancellation.CancellationTokenSource();
    factory.update = async (updated, cancelToken) => {
        const parsed = await parse(updated, cancelToken);
        keystroke.cancel();
        return parsed;
    };
    try {
        shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, text));
        await assert.rejects(shared.workspace.DocumentBuilder.update([document.uri], [], keystroke.token), (error: unknown) => isOperationCancelled(error));
    } finally {
        factory.update = parse;
    }
}

describe('EventloomDocumentBuilder', () => {
    it('validates the edited document before it re-links the documents that refer to it', async () => {
        const { shared, sales, billing, edit } = await workspace();
        const events: string[] = [];
        const name = (document: LangiumDocument) => document.uri.path.split('/').pop();
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => { events.push(`linked ${name(document)}`); });
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => { events.push(`validated ${name(document)}`); });
        await edit(sales, SALES.replaceAll('OrderPlaced', 'OrderTaken'));
        assert.deepEqual(events, ['linked sales.loom', 'validated sales.loom', 'linked billing.loom', 'validated billing.loom']);
        assert.equal(billing.state, DocumentState.Validated);
    });

    it('still re-links and re-validates the dependents: a renamed event breaks them, renaming it back heals them', async () => {
        const { sales, billing, shipping, edit } = await workspace();
        assert.deepEqual(messages(billing), []);
        await edit(sales, SALES.replaceAll('OrderPlaced', 'OrderTaken'));
        assert.equal(messages(billing).length, 1);
        assert.match(messages(billing)[0], /Context 'Sales' has no event 'OrderPlaced'.*Did you mean 'Sales.OrderTaken'\?/);
        assert.equal(shipping.state, DocumentState.Validated);
        await edit(sales, SALES);
        assert.deepEqual(messages(billing), []);
        const readModel = modelOf(billing).elements.find(isReadModel)!;
        assert.ok(isEvent(readModel.handles[0].ref), 'the read model handles the event again');
    });

    it('re-links the documents that refer into a deleted file, alone or with an edit elsewhere: they report what a fresh build of them reports', async () => {
        const fresh = async (files: Array<{ path: string; text: string }>) => {
            const documents = await buildDocuments(createEventloomServices(EmptyFileSystem).shared, files);
            return documents.map(messages);
        };
        const [billingAlone] = await fresh([{ path: '/ws/billing.loom', text: BILLING }]);
        assert.ok(billingAlone.length > 0, 'billing without sales has an unresolved event');

        const deleted = await workspace();
        await deleted.shared.workspace.DocumentBuilder.update([], [deleted.sales.uri]);
        assert.deepEqual(messages(deleted.billing), billingAlone);

        const withEdit = await workspace();
        withEdit.shared.workspace.TextDocuments?.set(TextDocument.create(withEdit.shipping.uri.toString(), 'eventloom', 2, `${SHIPPING}\nenum Speed { Fast }`));
        await withEdit.shared.workspace.DocumentBuilder.update([withEdit.shipping.uri], [withEdit.sales.uri]);
        assert.deepEqual(messages(withEdit.billing), billingAlone);
        assert.equal(withEdit.billing.state, DocumentState.Validated);
    });

    it('decides which dependents to re-link in the turn of the parse: an update cancelled right after it leaves none with stale links', async () => {
        const salesText = `${SALES}\nenum Channel { Web }`;
        const { shared } = createEventloomServices(EmptyFileSystem);
        const [sales, billing] = await buildDocuments(shared, [{ path: '/ws/sales.loom', text: salesText }, { path: '/ws/billing.loom', text: BILLING }]);
        assert.deepEqual(messages(billing), []);
        const factory = shared.workspace.LangiumDocumentFactory;
        const renamed = salesText.replaceAll('OrderPlaced', 'OrderTaken');
        await cancelledAfterParse(shared, sales, renamed);
        // The next keystroke re-parses another declaration only: billing's link into the renamed event must still go.
        const typed = renamed.replace('Web }', 'Webs }');
        shared.workspace.TextDocuments?.set(TextDocument.create(sales.uri.toString(), 'eventloom', 3, typed));
        await shared.workspace.DocumentBuilder.update([sales.uri], []);
        assert.ok((factory as IncrementalDocumentFactory).spliceOf(sales), 'the second keystroke was spliced');
        assert.equal(billing.state, DocumentState.Validated);
        const [fresh] = await buildDocuments(createEventloomServices(EmptyFileSystem).shared, [{ path: '/ws/billing.loom', text: BILLING }, { path: '/ws/sales.loom', text: typed }]);
        assert.equal(messages(billing).length, 1);
        assert.deepEqual(messages(billing), messages(fresh));
        assert.match(messages(billing)[0], /Context 'Sales' has no event 'OrderPlaced'/);
    });

    it('never builds a dependent deleted after a cancelled update chose to re-link it: the file may be gone', async () => {
        // The long fuzz's server died of ENOENT: an update cancelled after the edited file's parse had
        // chosen its dependents for re-linking; one of them was closed (and so deleted) before the next
        // update, which still parsed it from a file that was never on disk.
        const reports = 'context Reports\nreadmodel Placed {\n  key orderId: uuid\n  on Sales.OrderPlaced\n}';
        const { shared } = createEventloomServices(EmptyFileSystem);
        const [sales, billing, report] = await buildDocuments(shared, [
            { path: '/ws/sales.loom', text: SALES }, { path: '/ws/billing.loom', text: BILLING }, { path: '/ws/reports.loom', text: reports }
        ]);
        await cancelledAfterParse(shared, sales, SALES.replaceAll('OrderPlaced', 'OrderTaken'));
        assert.ok(billing.state < DocumentState.Validated, 'billing was chosen for re-linking');

        await shared.workspace.DocumentBuilder.update([], [billing.uri]);
        assert.equal(shared.workspace.LangiumDocuments.hasDocument(billing.uri), false);
        assert.equal(shared.workspace.IndexManager.allElements().some(description => description.documentUri.toString() === billing.uri.toString()), false, 'nothing of billing is indexed again');
        assert.equal(report.state, DocumentState.Validated);
        assert.match(messages(report)[0] ?? '', /Context 'Sales' has no event 'OrderPlaced'/);
    });

    it('announces workspace-wide phases once, with every rebuilt document, when all have reached them', async () => {
        const { shared, sales, billing, edit } = await workspace();
        const announced: Array<{ state: DocumentState; documents: string[]; allThere: boolean }> = [];
        for (const state of [DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated]) {
            shared.workspace.DocumentBuilder.onBuildPhase(state, documents => {
                announced.push({
                    state, documents: documents.map(d => d.uri.path).sort(),
                    allThere: shared.workspace.LangiumDocuments.all.every(d => d.state >= state).valueOf()
                });
            });
        }
        await edit(sales, SALES.replace('orderId: uuid }', 'orderId: uuid, total: decimal }'));
        assert.deepEqual(announced.map(a => a.state), [DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated]);
        for (const phase of announced) {
            assert.deepEqual(phase.documents, [billing.uri.path, sales.uri.path].sort());
            assert.ok(phase.allThere, `every document had reached ${DocumentState[phase.state]} when it was announced`);
        }
    });

    it('lets a workspace-wide request wait for the dependents (find references sees them)', async () => {
        const { shared, sales, edit } = await workspace();
        const update = edit(sales, SALES.replace('command PlaceOrder', 'command PlaceOrders'));
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.IndexedReferences);
        const index = shared.workspace.IndexManager;
        const event = modelOf(sales).elements.find(isAggregate)!.members.find(isEvent)!;
        const references = index.findAllReferences(event, '/elements@0/members@2').toArray();
        // The read model in billing.loom and the command's `emits` in sales.loom.
        assert.equal(references.length, 2);
        await update;
    });

    // Found by the fuzzer: a flow-graph request that waited for the validated workspace for ever.
    describe('waiting for a workspace state', () => {
        /** One turn of the event loop: where the language server reads its next message. */
        const nextMessage = () => new Promise(resolve => setImmediate(resolve));

        it('ends when the wait starts while the build announces the state', async () => {
            const { shared, sales, edit } = await workspace();
            const builder = shared.workspace.DocumentBuilder;
            let waited: Promise<unknown> | undefined;
            let reached = false;
            // The build yields between two listeners of the announcement, and a request comes in.
            builder.onBuildPhase(DocumentState.Validated, async () => {
                waited ??= builder.waitUntil(DocumentState.Validated).then(() => { reached = true; });
                await nextMessage();
            });
            await edit(sales, SALES.replace('command PlaceOrder', 'command PlaceOrders'));
            await nextMessage();
            assert.ok(waited, 'the build announced the validated workspace');
            assert.ok(reached, 'the wait ended with the build');
        });

        it('ends when an update that rebuilds nothing reaches the state', async () => {
            const { shared } = await workspace();
            const builder = shared.workspace.DocumentBuilder;
            let waited: Promise<unknown> | undefined;
            let reached = false;
            builder.onUpdate(async () => {
                waited ??= builder.waitUntil(DocumentState.Validated).then(() => { reached = true; });
                await nextMessage();
            });
            // As after a watched file that is no model changed: nothing to rebuild, so nothing announced.
            await builder.update([], []);
            await nextMessage();
            assert.ok(waited, 'the update told its listeners');
            assert.ok(reached, 'the wait ended with the update');
        });
    });
});
