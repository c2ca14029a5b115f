/**
 * The language server's reference index is recorded when the user pauses: a keystroke's build does
 * not describe the edited document's references, and find references, rename and "which files does
 * this edit affect" still answer exactly as with an eager index — they describe what is pending first.
 */
import * as assert from 'node:assert/strict';
import { AstUtils, EmptyFileSystem, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { isEvent, type Model } from '../../../src/language/generated/ast.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';
import { generateBenchModel } from '../../bench/model/bench-model.js';
import { DeferredReferenceIndexManager, PAUSE_MS, type SynchronousReferenceDescriptionProvider } from '../../../src/language/workspace/deferred-reference-index.js';

const SALES = `context Sales
aggregate Order {
  id orderId: uuid
  command PlaceOrder { orderId: uuid emits OrderPlaced }
  command CancelOrder { orderId: uuid emits OrderCancelled }
  event OrderPlaced { orderId: uuid }
  event OrderCancelled { orderId: uuid }
}`;

const BILLING = `context Billing
readmodel OpenOrders {
  key orderId: uuid
  on Sales.OrderPlaced
}`;

async function workspace() {
    const services = createEventloomServices(EmptyFileSystem);
    const { shared, Eventloom } = services;
    const [sales, billing] = await buildDocuments(shared, [{ path: '/ws/sales.loom', text: SALES }, { path: '/ws/billing.loom', text: BILLING }]);
    const index = shared.workspace.IndexManager as DeferredReferenceIndexManager;
    const provider = Eventloom.workspace.ReferenceDescriptionProvider as SynchronousReferenceDescriptionProvider;
    const described: string[] = [];
    // Each document once its description is complete (at once for a request, in slices after a pause).
    const describeUntil = provider.describeUntil.bind(provider);
    provider.describeUntil = (progress, deadline) => {
        const done = describeUntil(progress, deadline);
        if (done) described.push(progress.document.uri.path);
        return done;
    };
    // What the initial build left pending is described before the tests' edits.
    index.describePending();
    described.length = 0;
    const edit = async (document: LangiumDocument, text: string) => {
        shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, text));
        await shared.workspace.DocumentBuilder.update([document.uri], []);
    };
    return { services, sales, billing, index, described, edit };
}

const eventNamed = (document: LangiumDocument, name: string) =>
    AstUtils.streamAst((document.parseResult.value as Model)).find(node => isEvent(node) && node.name === name)!;

/** Where the references to an event are, as `file:line:column`, sorted. */
function referencesTo(services: ReturnType<typeof createEventloomServices>, document: LangiumDocument, event: string): string[] {
    return services.Eventloom.references.References.findReferences(eventNamed(document, event), { includeDeclaration: false })
        .map(reference => `${reference.sourceUri.path}:${reference.segment.range.start.line}:${reference.segment.range.start.character}`)
        .toArray().sort();
}

/** A one-file bench model, built; its reference index described one declaration per slice, the slices counted. */
async function slicedLargeFile() {
    const model = generateBenchModel({ contexts: 1, aggregates: 6, commands: 18, events: 18, readModels: 6, layout: 'single', hubUses: 4 });
    const [file] = model.files;
    const path = `/ws/${file.path}`;
    const services = createEventloomServices(EmptyFileSystem);
    const [document] = await buildDocuments(services.shared, [{ path, text: file.text }]);
    const index = services.shared.workspace.IndexManager as DeferredReferenceIndexManager;
    index.sliceMs = 0; // one declaration per turn
    const provider = services.Eventloom.workspace.ReferenceDescriptionProvider as SynchronousReferenceDescriptionProvider;
    const counted = { slices: 0 };
    const describeUntil = provider.describeUntil.bind(provider);
    provider.describeUntil = (progress, deadline) => {
        counted.slices++;
        return describeUntil(progress, deadline);
    };
    /** The references to the hub event as an index built eagerly, in fresh services, finds them. */
    const eagerReferences = async () => {
        const fresh = createEventloomServices(EmptyFileSystem);
        const [freshDocument] = await buildDocuments(fresh.shared, [{ path, text: file.text }]);
        return referencesTo(fresh, freshDocument, model.hub.name);
    };
    return { services, document, index, counted, hub: model.hub.name, eagerReferences };
}

describe('the deferred reference index (language server)', function () {
    this.timeout(60_000);

    it('is the one the language server uses', async () => {
        const { index } = await workspace();
        assert.ok(index instanceof DeferredReferenceIndexManager);
    });

    it('does not describe the edited document\'s references during the keystroke\'s build', async () => {
        const { sales, index, described, edit } = await workspace();
        await edit(sales, SALES.replace('command CancelOrder { orderId: uuid', 'command CancelOrder { orderId: uuid\n    reason: string'));
        assert.deepEqual(described, []);
        assert.equal(index.hasPending, true);
    });

    it('answers find references right after an edit as a fresh workspace does', async () => {
        const { services, sales, described, edit } = await workspace();
        // A new use of OrderPlaced in the edited file.
        const edited = SALES.replace('emits OrderCancelled', 'emits OrderCancelled, OrderPlaced');
        await edit(sales, edited);
        const found = referencesTo(services, sales, 'OrderPlaced');
        // Billing was re-linked too (its event sits in the re-parsed aggregate): both were pending.
        assert.deepEqual(described.sort(), ['/ws/billing.loom', '/ws/sales.loom'], 'the pending documents were described for the request');

        const fresh = createEventloomServices(EmptyFileSystem);
        const [freshSales] = await buildDocuments(fresh.shared, [{ path: '/ws/sales.loom', text: edited }, { path: '/ws/billing.loom', text: BILLING }]);
        assert.deepEqual(found, referencesTo(fresh, freshSales, 'OrderPlaced'));
        assert.deepEqual(found, ['/ws/billing.loom:3:5', '/ws/sales.loom:3:43', '/ws/sales.loom:4:60']);
    });

    it('renames right after an edit, including the use the edit added', async () => {
        const { services, sales, edit } = await workspace();
        const edited = SALES.replace('emits OrderCancelled', 'emits OrderCancelled, OrderPlaced');
        await edit(sales, edited);
        const position = sales.textDocument.positionAt(edited.indexOf('event OrderPlaced') + 'event '.length);
        const rename = await services.Eventloom.lsp.RenameProvider!.rename(sales, { textDocument: { uri: sales.uri.toString() }, position, newName: 'OrderOpened' });
        const lines = Object.entries(rename?.changes ?? {}).flatMap(([uri, edits]) => edits.map(e => `${uri.split('/').pop()}:${e.range.start.line}:${e.newText}`)).sort();
        assert.deepEqual(lines, ['billing.loom:3:OrderOpened', 'sales.loom:3:OrderOpened', 'sales.loom:4:OrderOpened', 'sales.loom:5:OrderOpened']);
    });

    it('re-links a file that refers into a file edited after it, told so by its pending links', async () => {
        const { sales, billing, edit } = await workspace();
        // Billing's references are pending after its own edit; then Sales renames the event Billing uses.
        await edit(billing, BILLING.replace('key orderId: uuid', 'key orderId: uuid\n  total: int'));
        await edit(sales, SALES.replace('event OrderPlaced', 'event OrderOpened').replace('emits OrderPlaced', 'emits OrderOpened'));
        assert.match((billing.diagnostics ?? []).map(d => d.message).join('\n'), /OrderPlaced/);
    });

    it('does not re-link a file with pending links when the edited file is not one it refers into', async () => {
        const { sales, billing, index, edit } = await workspace();
        await edit(sales, SALES.replace('id orderId: uuid', 'id orderId: uuid\n  placedAt: timestamp'));
        assert.equal(index.isAffected(billing, new Set([sales.uri.toString()])), true, 'billing refers into sales');
        assert.equal(index.isAffected(sales, new Set([billing.uri.toString()])), false, 'sales refers to nothing in billing');
        assert.equal(index.isAffected(billing, new Set(['file:///ws/other.loom'])), false);
    });

    it('describes what is pending once the user pauses', async () => {
        const { sales, index, described, edit } = await workspace();
        await edit(sales, SALES.replace('id orderId: uuid', 'id orderId: uuid\n  placedAt: timestamp'));
        assert.equal(index.hasPending, true);
        const deadline = Date.now() + 30_000;
        while (index.hasPending && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
        assert.equal(index.hasPending, false);
        assert.deepEqual(described.sort(), ['/ws/billing.loom', '/ws/sales.loom']);
    });

    it('does not count a build still under way as a pause', async () => {
        const { services, sales, index, described, edit } = await workspace();
        await edit(sales, SALES.replace('id orderId: uuid', 'id orderId: uuid\n  placedAt: timestamp'));
        // A build that outlasts the pause timer (a slow keystroke's validation, the dependents' pause): the workspace's write.
        let endBuild!: () => void;
        const build = services.shared.workspace.WorkspaceLock.write(() => new Promise<void>(resolve => { endBuild = resolve; }));
        await new Promise(resolve => setTimeout(resolve, 3 * PAUSE_MS));
        assert.deepEqual(described, [], 'nothing described while the build runs');
        assert.equal(index.hasPending, true);
        endBuild();
        await build;
        const deadline = Date.now() + 30_000;
        while (index.hasPending && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
        assert.deepEqual(described.sort(), ['/ws/billing.loom', '/ws/sales.loom'], 'described once the build has ended');
    });

    it('describes a large file after a pause in slices, letting a keystroke\'s build go first, with the eager index\'s answers', async () => {
        const { services, document, index, counted, hub, eagerReferences } = await slicedLargeFile();
        // Wait for the pause's description to be under way, then queue a write (a keystroke's build).
        const deadline = Date.now() + 30_000;
        while (counted.slices === 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10));
        assert.ok(counted.slices > 0 && index.hasPending, 'the description started and is not done');
        const slicesBeforeWrite = counted.slices;
        let atWrite = { slices: 0, pending: false };
        await services.shared.workspace.WorkspaceLock.write(() => {
            atWrite = { slices: counted.slices, pending: index.hasPending };
        });
        assert.ok(atWrite.pending, 'the write ran before the description ended');
        assert.ok(atWrite.slices <= slicesBeforeWrite + 1, `the write waited for ${atWrite.slices - slicesBeforeWrite} slices`);
        while (index.hasPending && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10));
        assert.equal(index.hasPending, false);
        const declarations = document.parseResult.value.elements.length;
        assert.ok(counted.slices >= declarations, `${counted.slices} slices for ${declarations} declarations`);
        const found = referencesTo(services, document, hub);
        assert.ok(found.length >= 4, `${found.length} references found`);
        assert.deepEqual(found, await eagerReferences());
    });

    it('finishes a description a pause left halfway when a request needs the index', async () => {
        const { services, document, index, counted, hub, eagerReferences } = await slicedLargeFile();
        const deadline = Date.now() + 30_000;
        while (counted.slices < 3 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 5));
        assert.equal(index.hasPending, true);
        const halfway = referencesTo(services, document, hub);
        assert.equal(index.hasPending, false);
        assert.deepEqual(halfway, await eagerReferences());
        assert.ok(halfway.length >= 4, `${halfway.length} references found`);
    });
});
