/**
 * The board request reads the rules forms the scenario check keeps (one per context, rebuilt only
 * when its files change) instead of building the whole model's form again: its answer is the one
 * a freshly built form gives, on the shop as opened and after each kind of change — an edit in the
 * editor, an edit in a context others read, and a closed file changed on disk (parsed again into
 * the same document at the same version 0).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { isScenario, type Model, type Scenario } from '../../src/language/generated/ast.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import type { FlowGraphResult } from '../../src/protocol/flow-graph-request.js';
import { registerScenarioCheck } from '../../src/semantics/scenario-check.js';
import { flowGraphOfWorkspace } from '../../src/server/flow-graph-handler.js';
import { MemoryFileSystem } from '../kit/memory-file-system.js';
import { REPO_ROOT } from '../kit/paths.js';


describe('board request with the scenario check\'s forms', function () {
    this.timeout(120_000);
    const disk = new MemoryFileSystem();
    const { shared, Eventloom } = createEventloomServices({ fileSystemProvider: () => disk });
    const check = registerScenarioCheck(Eventloom);
    const folder = path.join(REPO_ROOT, 'templates/online-shop');
    const uriOf = (name: string) => URI.file(`/shop/${name}`);
    const versions = new Map<string, number>();

    before(async () => {
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const files = readdirSync(folder).map(name => ({ path: `/shop/${name}`, text: readFileSync(path.join(folder, name), 'utf8') }));
        for (const file of files) disk.texts.set(URI.file(file.path).toString(), file.text);
        await buildDocuments(shared, files);
    });

    const documents = () => shared.workspace.LangiumDocuments.all.toArray() as Array<LangiumDocument<Model>>;
    const textOf = (name: string) => shared.workspace.LangiumDocuments.getDocument(uriOf(name))!.textDocument.getText();
    const replaced = (name: string, from: string, to: string) => {
        const text = textOf(name);
        assert.ok(text.includes(from), `${name} has '${from}'`);
        return text.replace(from, to);
    };
    /** As the editor does: the open document's new text at a new version, then the update. */
    const editInEditor = async (name: string, text: string) => {
        const version = (versions.get(name) ?? 1) + 1;
        versions.set(name, version);
        shared.workspace.TextDocuments!.set(TextDocument.create(uriOf(name).toString(), 'eventloom', version, text));
        await shared.workspace.DocumentBuilder.update([uriOf(name)], []);
    };
    /** As the file watcher does for a file not open in the editor. */
    const changeOnDisk = async (name: string, text: string) => {
        disk.texts.set(uriOf(name).toString(), text);
        await shared.workspace.DocumentBuilder.update([uriOf(name)], []);
    };

    async function assertSameAsFresh(what: string): Promise<FlowGraphResult> {
        const withForms = await flowGraphOfWorkspace(shared, { board: true }, check.forms);
        const fresh = await flowGraphOfWorkspace(shared, { board: true });
        assert.deepEqual(withForms, fresh, what);
        return withForms;
    }
    const outcomeOf = (result: FlowGraphResult, title: string) =>
        result.board?.contexts.flatMap(context => context.slices).find(slice => slice.title === title)?.run?.outcome;
    const contextForm = (name: string) => check.forms.modelFormOf(documents()).contexts.find(context => context.name === name);

    it('answers as a fresh form does, and takes the very forms the check ran the scenarios on', async () => {
        const result = await assertSameAsFresh('the shop as opened');
        assert.equal(result.errorCount, 0);
        assert.equal(outcomeOf(result, 'the ledger counts captures and refunds'), 'passed');
        const scenario = (shared.workspace.LangiumDocuments.getDocument(uriOf('payments.loom'))!.parseResult.value as Model).elements.find(isScenario) as Scenario;
        const checked = check.forms.of(scenario)!.model.contexts.find(context => context.name === 'Payments');
        assert.ok(checked, 'the check ran Payments\' scenarios on a form');
        assert.equal(contextForm('Payments'), checked, 'the board reads the same object: nothing is built again');
        assert.equal(check.forms.modelFormOf(documents()), check.forms.modelFormOf(documents()), 'indexed once while the forms are the same');
    });

    it('after a closed file changed on disk (same document, version 0), runs its new text', async () => {
        const payments = shared.workspace.LangiumDocuments.getDocument(uriOf('payments.loom'))!;
        assert.equal(payments.textDocument.version, 0);
        await changeOnDisk('payments.loom', replaced('payments.loom', 'refunded: 4.99, lastCapturedAt', 'refunded: 5.99, lastCapturedAt'));
        assert.equal(shared.workspace.LangiumDocuments.getDocument(uriOf('payments.loom')), payments, 'the same document');
        assert.equal(payments.textDocument.version, 0, 'at the same version');
        const result = await assertSameAsFresh('after the change on disk');
        assert.equal(outcomeOf(result, 'the ledger counts captures and refunds'), 'failed');
    });

    it('after an edit in the editor, runs the new rules, and keeps the forms of contexts the edit does not reach', async () => {
        const payments = contextForm('Payments');
        const shipping = contextForm('Shipping');
        await editInEditor('shipping.loom', replaced('shipping.loom', 'itemCount = count(items), packed = true', 'itemCount = count(items), packed = false'));
        const result = await assertSameAsFresh('after the Shipping edit');
        assert.equal(outcomeOf(result, 'a packed parcel waits in the queue'), 'failed');
        assert.notEqual(contextForm('Shipping'), shipping, 'Shipping is built again');
        assert.equal(contextForm('Payments'), payments, 'Payments reads nothing of Shipping: its form is kept');

        await editInEditor('payments.loom', replaced('payments.loom', 'captured += amount,', 'captured += amount + amount,'));
        const edited = await assertSameAsFresh('after the Payments edit');
        const documentsOfLedger = edited.board!.contexts.flatMap(context => context.slices).find(slice => slice.title === 'the ledger counts captures and refunds')!.run!.steps[0].documents;
        assert.deepEqual(documentsOfLedger[0].fields.find(field => field.field === 'captured'), { field: 'captured', value: '50.00' }, 'the step shows the new rule\'s document');
    });

    it('a context rebuilt after an edit of its own still follows the contexts its unchanged declarations read', async () => {
        // Shipping's policy reads Payments; the edit is in Shipping's read model, the policy keeps its links.
        const before = contextForm('Shipping');
        await editInEditor('shipping.loom', replaced('shipping.loom', 'on ParcelDispatched { delete }', 'on ParcelDispatched { delete }\n'));
        await assertSameAsFresh('after the Shipping edit');
        const rebuilt = contextForm('Shipping');
        assert.notEqual(rebuilt, before, 'Shipping is built again');
        await editInEditor('payments.loom', replaced('payments.loom', 'event PaymentRefunded { amount: decimal }', 'event PaymentRefunded { amount: decimal }\n'));
        await assertSameAsFresh('after the Payments edit');
        assert.notEqual(contextForm('Shipping'), rebuilt, 'Shipping reads Payments (its policy): built again');
    });
});
