/**
 * The guard of issue 16 (no timing): an edit inside one declaration of a large file re-parses only
 * that declaration — the parser sees its text and nothing else, every other declaration keeps its
 * AST node — and the document then links and validates as a freshly loaded copy of the new text does.
 */
import * as assert from 'node:assert/strict';
import { DocumentState, EmptyFileSystem, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import type { Model } from '../../../src/language/generated/ast.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';
import type { IncrementalDocumentFactory } from '../../../src/language/workspace/incremental-document-factory.js';
import { generateBenchModel } from '../../bench/model/bench-model.js';

const LARGE = generateBenchModel({ contexts: 1, aggregates: 40, commands: 240, events: 240, readModels: 80, layout: 'single', hubUses: 10 }).files[0].text;

async function openLarge() {
    const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
    const [document] = await buildDocuments(shared, [{ path: '/ws/model.loom', text: LARGE }]);
    const parsed: string[] = [];
    const parser = Eventloom.parser.LangiumParser;
    const parse = parser.parse.bind(parser);
    parser.parse = ((text: string, options?: { rule?: string }) => {
        parsed.push(text);
        return parse(text, options);
    }) as typeof parser.parse;
    const edit = async (text: string) => {
        shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, text));
        await shared.workspace.DocumentBuilder.update([document.uri], []);
    };
    return { shared, document, parsed, edit, factory: shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory };
}

const diagnosticsOf = (document: LangiumDocument) =>
    (document.diagnostics ?? []).map(d => `${d.range.start.line}:${d.range.start.character} ${String(d.message)}`).sort();

describe('an edit inside one declaration of a large file', function () {
    this.timeout(120_000);

    it('re-parses only that declaration', async () => {
        const { document, parsed, edit, factory } = await openLarge();
        assert.ok(LARGE.split('\n').length > 4000, 'a large file');
        const before = [...(document.parseResult.value as Model).elements];
        // A field name in the command of the 20th aggregate.
        const aggregate = LARGE.indexOf('aggregate ', LARGE.length / 2);
        const field = LARGE.indexOf('    amount: decimal', aggregate) + '    amount'.length;
        await edit(LARGE.slice(0, field) + 'Due' + LARGE.slice(field));

        assert.equal(parsed.length, 1, 'one parse');
        const declarationEnd = LARGE.indexOf('\n}', aggregate) + 2;
        assert.equal(parsed[0], (LARGE.slice(0, field) + 'Due' + LARGE.slice(field)).slice(aggregate, declarationEnd + 3), 'the parser saw that declaration only');
        const splice = factory.spliceOf(document);
        assert.ok(splice, 'spliced');
        const after = (document.parseResult.value as Model).elements;
        assert.equal(after.length, before.length);
        const replaced = after.filter((element, i) => element !== before[i]);
        assert.deepEqual(replaced, [after[splice.index]], 'every other declaration is the same object');
    });

    it('gives the same diagnostics as the new text loaded afresh, and recovers when the edit is undone', async () => {
        const { document, edit, factory } = await openLarge();
        const event = LARGE.indexOf('  event ', LARGE.length / 3) + '  event '.length + 3;
        const renamed = LARGE.slice(0, event) + 'q' + LARGE.slice(event);
        await edit(renamed);
        assert.ok(factory.spliceOf(document), 'spliced');
        const fresh = createEventloomServices(EmptyFileSystem);
        const [reference] = await buildDocuments(fresh.shared, [{ path: '/ws/model.loom', text: renamed }]);
        assert.ok(diagnosticsOf(reference).length > 0, 'renaming an event breaks what uses it');
        assert.deepEqual(diagnosticsOf(document), diagnosticsOf(reference));
        await edit(LARGE);
        assert.ok(factory.spliceOf(document), 'spliced back');
        assert.deepEqual(diagnosticsOf(document), []);
    });
});

describe('the files that refer into an edited file, after a splice', () => {
    const SALES = `context Sales
aggregate Order {
  id orderId: uuid
  command PlaceOrder { total: decimal, emits OrderPlaced }
  event OrderPlaced { orderId: uuid }
}
aggregate Quote {
  id quoteId: uuid
  command OfferQuote { price: decimal, emits QuoteOffered }
  event QuoteOffered { quoteId: uuid }
}`;
    const BILLING = `context Billing
readmodel OpenOrders {
  key orderId: uuid
  on Sales.OrderPlaced
}
readmodel Offers {
  key quoteId: uuid
  on Sales.QuoteOfferedLater
}`;

    async function workspace() {
        const { shared } = createEventloomServices(EmptyFileSystem);
        const [sales, billing] = await buildDocuments(shared, [{ path: '/ws/sales.loom', text: SALES }, { path: '/ws/billing.loom', text: BILLING }]);
        const linked: string[] = [];
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => { linked.push(document.uri.path.split('/').pop()!); });
        const edit = async (text: string) => {
            linked.length = 0;
            shared.workspace.TextDocuments?.set(TextDocument.create(sales.uri.toString(), 'eventloom', 2, text));
            await shared.workspace.DocumentBuilder.update([sales.uri], []);
        };
        return { sales, billing, linked, edit };
    }

    it('are not re-linked when the edited declaration is not what they use and adds no name', async () => {
        const { billing, linked, edit } = await workspace();
        const before = diagnosticsOf(billing);
        assert.equal(before.length, 1, 'the unknown QuoteOfferedLater');
        await edit(SALES.replace('price: decimal', 'priceTotal: decimal'));
        assert.deepEqual(linked, ['sales.loom']);
        assert.deepEqual(diagnosticsOf(billing), before);
    });

    it('are re-linked when the declaration they use changes, or one adds a name they look for', async () => {
        const { billing, linked, edit } = await workspace();
        await edit(SALES.replace('total: decimal', 'totalDue: decimal'));
        assert.deepEqual(linked, ['sales.loom', 'billing.loom'], 'OpenOrders links into Order');
        await edit(SALES.replace('QuoteOffered {', 'QuoteOfferedLater {').replace('emits QuoteOffered', 'emits QuoteOfferedLater'));
        assert.deepEqual(linked, ['sales.loom', 'billing.loom'], 'the name Offers looks for');
        assert.deepEqual(diagnosticsOf(billing), []);
    });
});
