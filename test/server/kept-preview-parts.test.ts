/**
 * The preview's answers keep the flow's nodes (per document) and the board's contexts (per
 * context) from one request to the next, rebuilding only what a change touched: the answer is the
 * one building everything afresh gives, on the shop as opened, after an edit in one context (whose
 * readers are rebuilt with it: Ordering shows Shipping's events), after a closed file changed on
 * disk, after a file was deleted, and after it came back (a reference that did not resolve does).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Model } from '../../src/language/generated/ast.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import type { LaidOutBoardNote } from '../../src/protocol/board.js';
import type { FlowGraphResult } from '../../src/protocol/flow-graph-request.js';
import { registerScenarioCheck } from '../../src/semantics/scenario-check.js';
import { flowGraphOfWorkspace, KeptPreviewParts } from '../../src/server/flow-graph-handler.js';
import { MemoryFileSystem } from '../kit/memory-file-system.js';
import { REPO_ROOT } from '../kit/paths.js';


describe('preview answers with the parts of earlier answers', function () {
    this.timeout(120_000);
    const disk = new MemoryFileSystem();
    const { shared, Eventloom } = createEventloomServices({ fileSystemProvider: () => disk });
    const check = registerScenarioCheck(Eventloom);
    const kept = new KeptPreviewParts(shared);
    const folder = path.join(REPO_ROOT, 'templates/online-shop');
    const uriOf = (name: string) => URI.file(`/shop/${name}`);
    const originals = new Map(readdirSync(folder).map(name => [name, readFileSync(path.join(folder, name), 'utf8')]));

    before(async () => {
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        for (const [name, text] of originals) disk.texts.set(uriOf(name).toString(), text);
        await buildDocuments(shared, [...originals].map(([name, text]) => ({ path: `/shop/${name}`, text })));
    });

    const models = () => (shared.workspace.LangiumDocuments.all.toArray() as Array<LangiumDocument<Model>>).map(document => document.parseResult.value);
    const textOf = (name: string) => shared.workspace.LangiumDocuments.getDocument(uriOf(name))!.textDocument.getText();
    const replaced = (name: string, from: string, to: string) => {
        const text = textOf(name);
        assert.ok(text.includes(from), `${name} has '${from}'`);
        return text.replace(from, to);
    };
    const changeOnDisk = async (name: string, text: string) => {
        disk.texts.set(uriOf(name).toString(), text);
        await shared.workspace.DocumentBuilder.update([uriOf(name)], []);
    };
    /** The board's part of a context as kept now (undefined: it would be built again). */
    const keptPart = (context: string) => kept.boardContexts.store(models(), true).get(context);

    /** The board answer with kept parts equals the one built afresh; so does the flow's answer. */
    async function assertSameAsFresh(what: string): Promise<FlowGraphResult> {
        const withKept = await flowGraphOfWorkspace(shared, { board: true }, check.forms, kept);
        assert.deepEqual(withKept, await flowGraphOfWorkspace(shared, { board: true }, check.forms), what);
        assert.deepEqual(await flowGraphOfWorkspace(shared, {}, check.forms, kept), await flowGraphOfWorkspace(shared, {}, check.forms), `${what}: the flow view`);
        return withKept;
    }
    const notesOf = (result: FlowGraphResult, context: string): LaidOutBoardNote[] =>
        result.board!.contexts.find(board => board.name === context)?.slices.flatMap(slice => slice.notes) ?? [];
    const nodeOf = (result: FlowGraphResult, id: string) => result.graph.nodes.find(node => node.id === id);

    it('as opened, and again with every part kept', async () => {
        const first = await assertSameAsFresh('the shop as opened');
        const payments = keptPart('Payments');
        assert.ok(payments, 'Payments\' part is kept');
        const again = await assertSameAsFresh('asked again');
        assert.equal(keptPart('Payments'), payments, 'nothing changed: the same part');
        assert.equal(nodeOf(again, 'event:Payments.PaymentCaptured'), nodeOf(first, 'event:Payments.PaymentCaptured'), 'the same node');
    });

    it('after an edit in Shipping, rebuilds Shipping and Ordering, which shows its events, and keeps Payments', async () => {
        const before = await assertSameAsFresh('before the edit');
        const [payments, ordering, shipping] = ['Payments', 'Ordering', 'Shipping'].map(keptPart);
        const version = 2;
        // A line above its events: the places Ordering shows them at move down.
        shared.workspace.TextDocuments!.set(TextDocument.create(uriOf('shipping.loom').toString(), 'eventloom', version,
            replaced('shipping.loom', 'enum Carrier { Dhl, Ups, LocalCourier }', 'enum Carrier { Dhl, Ups, LocalCourier }\nenum Box { Small, Large }')));
        await shared.workspace.DocumentBuilder.update([uriOf('shipping.loom')], []);
        const after = await assertSameAsFresh('after the Shipping edit');
        assert.equal(keptPart('Payments'), payments, 'Payments shows nothing of Shipping: kept');
        assert.notEqual(keptPart('Shipping'), shipping, 'Shipping is built again');
        assert.notEqual(keptPart('Ordering'), ordering, 'Ordering, which shows Shipping\'s ParcelDispatched, is built again');
        const dispatched = (result: FlowGraphResult) => notesOf(result, 'Ordering').find(note => note.declaration === 'event:Shipping.ParcelDispatched')!;
        assert.equal(dispatched(after).location!.range.start.line, dispatched(before).location!.range.start.line + 1, 'at its new place');
        assert.equal(nodeOf(after, 'event:Payments.PaymentCaptured'), nodeOf(before, 'event:Payments.PaymentCaptured'), 'Payments\' nodes are kept');
        assert.notEqual(nodeOf(after, 'event:Shipping.ParcelDispatched'), nodeOf(before, 'event:Shipping.ParcelDispatched'), 'Shipping\'s are built again');
    });

    it('after a closed file changed on disk (same document, version 0)', async () => {
        const payments = shared.workspace.LangiumDocuments.getDocument(uriOf('payments.loom'))!;
        await changeOnDisk('payments.loom', replaced('payments.loom', 'refunded: 4.99, lastCapturedAt', 'refunded: 5.99, lastCapturedAt'));
        assert.equal(shared.workspace.LangiumDocuments.getDocument(uriOf('payments.loom')), payments, 'the same document');
        assert.equal(payments.textDocument.version, 0, 'at the same version');
        const result = await assertSameAsFresh('after the change on disk');
        const ledger = result.board!.contexts.flatMap(context => context.slices).find(slice => slice.title === 'the ledger counts captures and refunds');
        assert.equal(ledger?.run?.outcome, 'failed', 'the board runs the new text');
    });

    it('after a file was deleted, and after it came back', async () => {
        disk.texts.delete(uriOf('shipping.loom').toString());
        await shared.workspace.DocumentBuilder.update([], [uriOf('shipping.loom')]);
        const deleted = await assertSameAsFresh('after deleting shipping.loom');
        assert.equal(deleted.board!.contexts.some(context => context.name === 'Shipping'), false);
        assert.equal(notesOf(deleted, 'Ordering').some(note => note.declaration.startsWith('event:Shipping.')), false, 'Ordering shows no Shipping event');

        await changeOnDisk('shipping.loom', originals.get('shipping.loom')!);
        const back = await assertSameAsFresh('after shipping.loom came back');
        assert.ok(notesOf(back, 'Ordering').some(note => note.declaration === 'event:Shipping.ParcelDispatched'), 'Ordering\'s `on Shipping.ParcelDispatched` resolves again');
    });
});
