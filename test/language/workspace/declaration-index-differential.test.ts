/**
 * The declaration index after keystrokes (per-declaration exports, per-name replacement), the
 * index of handled events (per declaration while its links are kept), and the name checks that
 * read the former (whose clean results are kept per declaration): differential against a fresh
 * build. Chains of edits that rename declarations of two files of one context among a few
 * names, so that duplicates, clashing generated files and derived-name clashes come and go, mixed
 * with random edits and line breaks (a duplicate's message quotes the other's line); after every
 * edit the index answers, and every file's diagnostics (in order), are those of a fresh build.
 */
import * as assert from 'node:assert/strict';
import { AstUtils, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { isEvent, type Model } from '../../../src/language/generated/ast.js';
import { splitQualifiedName } from '../../../src/language/scoping/qualified-names.js';
import { generatedFileOf } from '../../../src/language/typescript-names.js';
import type { IncrementalDocumentFactory } from '../../../src/language/workspace/incremental-document-factory.js';
import { random, randomEdit } from '../../kit/random-edits.js';

const FAST = { validation: { categories: ['built-in', 'fast'] } };

const ORDERS = `context Sales
aggregate Order {
  id orderId: uuid
  command PlaceOrder { amount: decimal emits OrderPlaced }
  command CancelOrder { emits OrderCancelled }
  event OrderPlaced { amount: decimal }
  event OrderCancelled {}
}
readmodel OrderList {
  key orderId: uuid
  on OrderPlaced
}
type Money { amount: decimal }
enum Status { Open, Closed }`;

const CARTS = `context Sales
aggregate Cart {
  id cartId: uuid
  command AddItem { emits ItemAdded }
  event ItemAdded {}
}
readmodel CartView {
  key cartId: uuid
  on ItemAdded
}
type Item { sku: string }`;

/** Names a declaration is renamed to: each collides with something (a duplicate, `order.ts`, `OrderEvent`, `CartState`). */
const NAMES = ['Order', 'ORDER', 'OrderEvent', 'OrderState', 'Cart', 'CartState', 'CART', 'OrderPlaced', 'Money', 'Item', 'Status', 'OrderList', 'Basket'];

const DECLARED = /\b(aggregate|command|event|readmodel|type|enum) ([A-Za-z_]\w*)/g;

/** One edit: rename a declaration to a name of the pool (half of them), a line break, or a random edit. */
function nameEdit(text: string, next: () => number): string {
    const kind = next();
    if (kind < 0.5) {
        const declared = [...text.matchAll(DECLARED)];
        if (declared.length > 0) {
            const match = declared[Math.floor(next() * declared.length)];
            const start = match.index + match[1].length + 1;
            const name = NAMES[Math.floor(next() * NAMES.length)];
            return text.slice(0, start) + name + text.slice(start + match[2].length);
        }
    }
    if (kind < 0.65) {
        const at = text.indexOf('\n', Math.floor(next() * text.length));
        if (at >= 0) return text.slice(0, at) + '\n' + text.slice(at);
    }
    return randomEdit(text, next);
}

type Services = ReturnType<typeof createEventloomServices>;

async function build(texts: readonly string[]): Promise<{ services: Services; documents: LangiumDocument[] }> {
    const services = createEventloomServices(EmptyFileSystem);
    const documents = texts.map((text, i) => {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file(`/ws/file${i}.loom`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await services.shared.workspace.DocumentBuilder.build(documents, FAST);
    return { services, documents };
}

/** Every answer of the index about the names the workspace exports: declarations per name, elements per generated file. */
function indexAnswers(services: Services): string[] {
    const index = services.Eventloom.workspace.DeclarationIndex;
    const exported = services.shared.workspace.IndexManager.allElements().toArray();
    const answers: string[] = [];
    for (const name of [...new Set(exported.map(description => description.name))].sort()) {
        const declared = index.declarationsNamed(name).map(d => `${d.documentUri.path}#${d.path} ${d.type} ${d.nameSegment?.range.start.line}`);
        answers.push(`${name}: ${declared.join(', ')}`);
    }
    const files = new Set<string>();
    for (const description of exported) {
        const split = splitQualifiedName(description.name);
        const file = split && generatedFileOf(description.type, split.name);
        if (split && file) files.add(`${split.context}\n${file}`);
    }
    for (const key of [...files].sort()) {
        const [context, file] = key.split('\n');
        answers.push(`${context}/${file}: ${index.elementsSharingFile(context, file, '').join(', ')}`);
    }
    for (const context of ['Sales', 'SALES']) answers.push(`folder of ${context}: ${index.contextsSharingFolderWith(context).map(c => c.name).join(', ')}`);
    // The index of handled events (read models' and policies' `on`), kept per declaration too.
    const handlers = services.Eventloom.workspace.EventHandlerIndex;
    for (const document of services.shared.workspace.LangiumDocuments.all) {
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (isEvent(node)) answers.push(`${document.uri.path} event ${node.name} handled: ${handlers.isHandled(node)}`);
        }
    }
    return answers;
}

function diagnosticsOf(documents: readonly LangiumDocument[]): string[][] {
    return documents.map(document => (document.diagnostics ?? [])
        .map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.message)}`));
}

describe('declaration index and name checks after keystrokes (differential against a fresh build)', function () {
    this.timeout(900_000);

    it('answer and report as a fresh build after each of 240 renaming and random edits of two files of one context', async () => {
        let spliced = 0;
        let duplicatesSeen = 0;
        for (let chain = 0; chain < 12; chain++) {
            const seed = 16_000 + chain;
            const next = random(seed);
            const texts = [ORDERS, CARTS];
            const { services, documents } = await build(texts);
            const factory = services.shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory;
            for (let step = 0; step < 20; step++) {
                const edited = Math.floor(next() * 2);
                texts[edited] = nameEdit(texts[edited], next);
                services.shared.workspace.TextDocuments?.set(TextDocument.create(documents[edited].uri.toString(), 'eventloom', step + 2, texts[edited]));
                await services.shared.workspace.DocumentBuilder.update([documents[edited].uri], []);
                if (factory.spliceOf(documents[edited])) spliced++;

                const context = `seed ${seed}, step ${step}, file${edited} now:\n${texts[edited]}`;
                const fresh = await build(texts);
                assert.deepEqual(indexAnswers(services), indexAnswers(fresh.services), context);
                const diagnostics = diagnosticsOf(documents);
                assert.deepEqual(diagnostics, diagnosticsOf(fresh.documents), context);
                if (diagnostics.flat().some(message => /Duplicate|would both be generated|clashes with the type/.test(message))) duplicatesSeen++;
            }
        }
        assert.ok(spliced > 80, `only ${spliced} of 240 edits were spliced`);
        assert.ok(duplicatesSeen > 40, `only ${duplicatesSeen} of 240 states had a name clash`);
    });
});
