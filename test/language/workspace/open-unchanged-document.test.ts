/**
 * Opening a file reports it as changed: when the editor's text is the text the workspace built,
 * the document keeps its parse and links (nothing else is re-linked either) and is only validated,
 * with the diagnostics a fresh build of the same text gives.
 */
import * as assert from 'node:assert/strict';
import { DocumentState, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import type { Model } from '../../../src/language/generated/ast.js';
import type { IncrementalDocumentFactory } from '../../../src/language/workspace/incremental-document-factory.js';
import { BILLING, SALES, SHIPPING } from './three-contexts.js';

/** Sales with something to report: a name that is not PascalCase, an unknown event. */
const SALES_WITH_FINDINGS = SALES.replace('event OrderPlaced', 'command cancelOrder { emits OrderGone }\n  event OrderPlaced');
const FAST = { validation: { categories: ['built-in', 'fast'] } };

interface File { path: string; text: string }

/** Builds the files as the language server's workspace build does (validate: false) or as an update does. */
async function workspace(files: readonly File[], validate: boolean) {
    const { shared } = createEventloomServices(EmptyFileSystem);
    const documents = files.map(file => {
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(file.text, URI.file(file.path));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, validate ? FAST : { validation: false });
    return { shared, documents };
}

const FILES = (sales: string): File[] => [
    { path: '/ws/sales.loom', text: sales }, { path: '/ws/billing.loom', text: BILLING }, { path: '/ws/shipping.loom', text: SHIPPING }
];

const shown = (diagnostics: readonly Diagnostic[] | undefined) => (diagnostics ?? []).map(d => ({ message: d.message, range: d.range, severity: d.severity }));

/** The editor opens the document with `text`; what the build did meanwhile. */
async function open(shared: ReturnType<typeof createEventloomServices>['shared'], document: LangiumDocument, text: string) {
    const factory = shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory;
    const all = shared.workspace.LangiumDocuments.all.toArray();
    const parsesBefore = all.map(each => factory.parseCount(each.uri));
    const linked: string[] = [];
    const validated: string[] = [];
    const builder = shared.workspace.DocumentBuilder;
    const listeners = [
        builder.onDocumentPhase(DocumentState.Linked, each => { linked.push(each.uri.path); }),
        builder.onDocumentPhase(DocumentState.Validated, each => { validated.push(each.uri.path); })
    ];
    const opened = TextDocument.create(document.uri.toString(), 'eventloom', 1, text);
    shared.workspace.TextDocuments?.set(opened);
    await builder.update([document.uri], []);
    listeners.forEach(listener => listener.dispose());
    const parsedAgain = all.filter((each, i) => factory.parseCount(each.uri) !== parsesBefore[i]).map(each => each.uri.path);
    return { linked, validated, parsedAgain, opened };
}

describe('opening a file the workspace has built', () => {
    for (const validate of [false, true]) {
        it(`keeps its parse and links and validates it${validate ? ' again (already validated)' : ' (the server\'s workspace build validates nothing)'}: the diagnostics of a fresh build`, async () => {
            const { shared, documents: [sales, billing] } = await workspace(FILES(SALES_WITH_FINDINGS), validate);
            const billingTarget = (billing.parseResult.value.elements[0] as { handles: Array<{ ref: unknown }> }).handles[0].ref;
            const root = sales.parseResult.value;
            const { linked, validated, parsedAgain, opened } = await open(shared, sales, SALES_WITH_FINDINGS);
            assert.deepEqual(parsedAgain, []);
            assert.deepEqual(linked, [], 'nothing linked again');
            // Langium validates every document not validated yet with the first update, the open one first.
            assert.deepEqual(validated, validate ? ['/ws/sales.loom'] : ['/ws/sales.loom', '/ws/billing.loom', '/ws/shipping.loom'],
                'the opened file validated (its diagnostics published)');
            assert.equal(sales.parseResult.value, root);
            assert.equal(sales.textDocument, opened, 'the document reads the editor\'s copy of the text');
            assert.equal((billing.parseResult.value.elements[0] as { handles: Array<{ ref: unknown }> }).handles[0].ref, billingTarget);
            assert.equal(billing.state, DocumentState.Validated);

            const fresh = await workspace(FILES(SALES_WITH_FINDINGS), true);
            assert.ok(shown(fresh.documents[0].diagnostics).length >= 2, 'the fixture has findings');
            assert.deepEqual(shown(sales.diagnostics), shown(fresh.documents[0].diagnostics));
        });
    }

    it('builds it again when the editor\'s text differs, and a keystroke after an unchanged open builds as usual', async () => {
        const { shared, documents: [sales, billing] } = await workspace(FILES(SALES), false);
        const changed = await open(shared, sales, SALES_WITH_FINDINGS);
        assert.deepEqual(changed.parsedAgain, ['/ws/sales.loom']);
        assert.deepEqual(shown(sales.diagnostics), shown((await workspace(FILES(SALES_WITH_FINDINGS), true)).documents[0].diagnostics));

        const reopened = await open(shared, sales, SALES_WITH_FINDINGS);
        assert.deepEqual(reopened.parsedAgain, []);
        const renamed = SALES_WITH_FINDINGS.replace('event OrderPlaced', 'event OrderGone');
        const typed = await open(shared, sales, renamed);
        assert.deepEqual(typed.parsedAgain, ['/ws/sales.loom']);
        const fresh = await workspace(FILES(renamed), true);
        assert.deepEqual(shown(sales.diagnostics), shown(fresh.documents[0].diagnostics));
        assert.deepEqual(shown(billing.diagnostics), shown(fresh.documents[1].diagnostics));
        assert.ok(shown(billing.diagnostics).length > 0, 'billing now refers to an event that is gone');
    });
});
