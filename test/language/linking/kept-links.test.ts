/**
 * Links of unchanged declarations survive a keystroke (src/language/linking/kept-links.ts).
 * Differential: chains of random edits of one file of a workspace, each applied through the
 * document builder as the language server does; after every edit each reference of every file
 * resolves as in a fresh build of the same texts (same target, or the same unresolved message),
 * and the diagnostics are the same. Plus a guard: an edit inside one declaration links again only
 * that declaration and the declarations with a reference into it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, Cancellation, EmptyFileSystem, isOperationCancelled, isReference, type AstNode, type LangiumDocument, type MultiReference, type Reference } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';

const { CancellationTokenSource } = Cancellation;
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import type { Model } from '../../../src/language/generated/ast.js';
import { declarationOf } from '../../../src/language/linking/kept-links.js';
import type { IncrementalDocumentFactory } from '../../../src/language/workspace/incremental-document-factory.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';
import { generateBenchModel } from '../../bench/model/bench-model.js';
import { REPO_ROOT } from '../../kit/paths.js';
import { random, randomEdit } from '../../kit/random-edits.js';

type Files = Array<{ path: string; text: string }>;

/** What a reference resolved to (Eventloom has no multi-references). */
function targetOf(reference: Reference | MultiReference): AstNode | undefined {
    return isReference(reference) ? reference.ref : undefined;
}

/** A declaration as its kind and name: comparable across two builds, and readable when an assertion fails. */
function label(node: AstNode): string {
    return `${node.$type} ${(node as { name?: string }).name ?? ''}`;
}

/** Every reference of the documents as `file@offset text -> target` (a target as file#path, or the error). */
function linksOf(services: ReturnType<typeof createEventloomServices>, documents: readonly LangiumDocument[]): string[] {
    const locator = services.Eventloom.workspace.AstNodeLocator;
    return documents.flatMap(document => AstUtils.streamAst(document.parseResult.value).flatMap(node => AstUtils.streamReferences(node)).map(({ reference }) => {
        const target = targetOf(reference);
        const where = `${document.uri.path}@${reference.$refNode?.offset} ${reference.$refText}`;
        if (!target) return `${where} -> error: ${reference.error?.message}`;
        return `${where} -> ${AstUtils.getDocument(target).uri.path}#${locator.getAstNodePath(target)}`;
    }).toArray());
}

function diagnosticsOf(documents: readonly LangiumDocument[]): string[] {
    return documents.flatMap(document => (document.diagnostics ?? [])
        .map(d => `${document.uri.path}:${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.message)}`)).sort();
}

interface Tally { edits: number; spliced: number }

async function runChains(name: string, files: Files, edited: number, chains: number, length: number, seed: number): Promise<Tally> {
    const tally: Tally = { edits: 0, spliced: 0 };
    for (let chain = 0; chain < chains; chain++) {
        const services = createEventloomServices(EmptyFileSystem);
        const documents = await buildDocuments(services.shared, files);
        const factory = services.shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory;
        const document = documents[edited];
        const next = random(seed + chain);
        const texts = files.map(file => file.text);
        for (let step = 0; step < length; step++) {
            texts[edited] = randomEdit(texts[edited], next);
            services.shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', step + 2, texts[edited]));
            await services.shared.workspace.DocumentBuilder.update([document.uri], []);
            tally.edits++;
            if (factory.spliceOf(document)) tally.spliced++;

            const context = `${name}, seed ${seed + chain}, step ${step}`;
            const fresh = createEventloomServices(EmptyFileSystem);
            const freshDocuments = await buildDocuments(fresh.shared, files.map((file, i) => ({ path: file.path, text: texts[i] })));
            assert.deepEqual(linksOf(services, documents), linksOf(fresh, freshDocuments), context);
            assert.deepEqual(diagnosticsOf(documents), diagnosticsOf(freshDocuments), context);
        }
    }
    return tally;
}

describe('links kept across a keystroke (differential against a fresh build)', function () {
    this.timeout(900_000);

    it('resolve as a fresh build after each of 100 random edits of a bench model file', async () => {
        const model = generateBenchModel({ contexts: 2, aggregates: 4, commands: 12, events: 12, readModels: 4, layout: 'per-context', hubUses: 4 });
        const files = model.files.map(file => ({ path: `/ws/${file.path}`, text: file.text }));
        const tally = await runChains('bench model', files, 0, 10, 10, 7_000);
        assert.ok(tally.spliced > tally.edits / 8, `only ${tally.spliced} of ${tally.edits} edits were spliced`);
    });

    it('resolve as a fresh build after each of 100 random edits of the online shop\'s ordering context', async () => {
        const folder = join(REPO_ROOT, 'templates/online-shop');
        const files = ['ordering.loom', 'payments.loom', 'shipping.loom'].map(name => ({ path: `/ws/${name}`, text: readFileSync(join(folder, name), 'utf8') }));
        const tally = await runChains('online shop', files, 0, 10, 10, 8_000);
        assert.ok(tally.spliced > tally.edits / 10, `only ${tally.spliced} of ${tally.edits} edits were spliced`);
    });

    it('link again only the edited declaration and the declarations that referred into it', async () => {
        const model = generateBenchModel({ contexts: 1, aggregates: 20, commands: 60, events: 60, readModels: 20, layout: 'single', hubUses: 4 });
        const services = createEventloomServices(EmptyFileSystem);
        const [document] = await buildDocuments(services.shared, [{ path: '/ws/model.loom', text: model.files[0].text }]);
        const linker = services.Eventloom.references.Linker as unknown as { doLink(info: { container: AstNode }, document: LangiumDocument): void };
        const linkedIn = new Set<string>();
        const doLink = linker.doLink.bind(linker);
        linker.doLink = (info, doc) => {
            linkedIn.add(label(declarationOf(info.container)));
            doLink(info, doc);
        };
        const text = model.files[0].text;
        const aggregate = text.indexOf('aggregate ', text.length / 2);
        const field = text.indexOf('    amount: decimal', aggregate) + '    amount'.length;
        const edited = text.slice(0, field) + 'Due' + text.slice(field);
        services.shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, edited));
        await services.shared.workspace.DocumentBuilder.update([document.uri], []);

        const splice = (services.shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory).spliceOf(document);
        assert.ok(splice, 'spliced');
        assert.equal(splice.newElements.length, 1, 'one declaration re-parsed');
        const fresh = createEventloomServices(EmptyFileSystem);
        const [freshDocument] = await buildDocuments(fresh.shared, [{ path: '/ws/model.loom', text: edited }]);
        // Expected from the fresh build: the edited aggregate and every declaration with a reference into it.
        const declarations = (freshDocument.parseResult.value as Model).elements;
        const editedName = label(splice.newElements[0]);
        const referringIn = declarations.filter(declaration => label(declaration) === editedName || AstUtils.streamAst(declaration)
            .some(node => AstUtils.streamReferences(node).some(({ reference }) => targetOf(reference) !== undefined && label(declarationOf(targetOf(reference)!)) === editedName)));
        assert.deepEqual([...linkedIn].sort(), referringIn.map(label).sort(), 'linked again: the re-parsed declaration and those referring into it');
        assert.ok(linkedIn.size * 10 < declarations.length, `${linkedIn.size} of ${declarations.length} declarations linked again`);
        assert.equal(document.references.length, freshDocument.references.length, 'every kept link is the document\'s again');
        assert.deepEqual(linksOf(services, [document]), linksOf(fresh, [freshDocument]));

        // Each declaration linked again comes with its references as listed by the linker: those of its subtree, in stream order.
        const epochs = services.Eventloom.workspace.LinkEpochs;
        for (const declaration of (document.parseResult.value as Model).elements) {
            const listed = epochs.referencesOf(declaration);
            if (!linkedIn.has(label(declaration))) {
                assert.equal(listed, undefined, `${label(declaration)}: linked by the first, whole-document linking, no list`);
                continue;
            }
            const streamed = AstUtils.streamAst(declaration).flatMap(node => AstUtils.streamReferences(node)).map(info => info.reference).toArray();
            assert.ok(streamed.length > 0 && listed?.length === streamed.length && listed.every((reference, i) => reference === streamed[i]), `${label(declaration)}: its references listed`);
        }
    });

    it('leave no link behind when a keystroke cancels the linking half-way: the next build resolves as a fresh build', async () => {
        const model = generateBenchModel({ contexts: 1, aggregates: 20, commands: 60, events: 60, readModels: 20, layout: 'single', hubUses: 4 });
        const services = createEventloomServices(EmptyFileSystem);
        const [document] = await buildDocuments(services.shared, [{ path: '/ws/model.loom', text: model.files[0].text }]);
        const linker = services.Eventloom.references.Linker as unknown as { doLink(info: { container: AstNode }, document: LangiumDocument): void };
        const source = new CancellationTokenSource();
        const doLink = linker.doLink.bind(linker);
        // The first reference linked again (in the edited declaration, half-way down the file) cancels the build.
        linker.doLink = (info, doc) => {
            source.cancel();
            doLink(info, doc);
        };
        const text = model.files[0].text;
        const field = text.indexOf('    amount: decimal', text.indexOf('aggregate ', text.length / 2)) + '    amount'.length;
        const first = text.slice(0, field) + 'Due' + text.slice(field);
        services.shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, first));
        await assert.rejects(services.shared.workspace.DocumentBuilder.update([document.uri], [], source.token), isOperationCancelled);
        linker.doLink = doLink;

        const second = first.slice(0, field) + 'X' + first.slice(field);
        services.shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 3, second));
        await services.shared.workspace.DocumentBuilder.update([document.uri], []);
        assert.ok((services.shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory).spliceOf(document), 'spliced');
        const fresh = createEventloomServices(EmptyFileSystem);
        const [freshDocument] = await buildDocuments(fresh.shared, [{ path: '/ws/model.loom', text: second }]);
        assert.equal(document.references.length, freshDocument.references.length, 'every link is the document\'s');
        assert.deepEqual(linksOf(services, [document]), linksOf(fresh, [freshDocument]));
        assert.deepEqual(diagnosticsOf([document]), diagnosticsOf([freshDocument]));
    });

    it('link again, in a file that refers into the edited one, only the declarations with a reference into the edited declaration', async () => {
        const model = generateBenchModel({ contexts: 3, aggregates: 9, commands: 27, events: 27, readModels: 9, layout: 'per-context', hubUses: 6 });
        const files = model.files.map(file => ({ path: `/ws/${file.path}`, text: file.text }));
        const services = createEventloomServices(EmptyFileSystem);
        const documents = await buildDocuments(services.shared, files);
        const linker = services.Eventloom.references.Linker as unknown as { doLink(info: { container: AstNode }, document: LangiumDocument): void };
        const linkedIn = new Set<string>();
        const doLink = linker.doLink.bind(linker);
        linker.doLink = (info, doc) => {
            linkedIn.add(`${doc.uri.path} ${label(declarationOf(info.container))}`);
            doLink(info, doc);
        };
        const edited = files.findIndex(file => file.path.endsWith('/sales.loom'));
        const dependent = files.findIndex(file => file.path.endsWith('/billing.loom'));
        const text = files[edited].text;
        const aggregate = text.indexOf('aggregate Order0x0 {');
        const field = text.indexOf('    amount: decimal', aggregate) + '    amount'.length;
        const editedText = text.slice(0, field) + 'Due' + text.slice(field);
        services.shared.workspace.TextDocuments?.set(TextDocument.create(documents[edited].uri.toString(), 'eventloom', 2, editedText));
        await services.shared.workspace.DocumentBuilder.update([documents[edited].uri], []);
        assert.ok((services.shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory).spliceOf(documents[edited]), 'spliced');

        const fresh = createEventloomServices(EmptyFileSystem);
        const freshDocuments = await buildDocuments(fresh.shared, files.map((file, i) => ({ path: file.path, text: i === edited ? editedText : file.text })));
        const intoEdited = (declaration: AstNode) => AstUtils.streamAst(declaration).some(node => AstUtils.streamReferences(node).some(({ reference }) => {
            const target = targetOf(reference);
            return target !== undefined && AstUtils.getDocument(target).uri.path.endsWith('/sales.loom') && label(declarationOf(target)) === 'Aggregate Order0x0';
        }));
        const path = documents[dependent].uri.path;
        const expected = (freshDocuments[dependent].parseResult.value as Model).elements.filter(intoEdited).map(declaration => `${path} ${label(declaration)}`);
        const linkedInDependent = [...linkedIn].filter(entry => entry.startsWith(`${path} `));
        assert.ok(expected.length > 0, 'the dependent refers into the edited declaration');
        assert.deepEqual(linkedInDependent.sort(), expected.sort(), 'linked again in the dependent: the declarations referring into the edited one');
        assert.equal(documents[dependent].references.length, freshDocuments[dependent].references.length, 'every kept link is the document\'s again');
        assert.deepEqual(linksOf(services, documents), linksOf(fresh, freshDocuments));
        assert.deepEqual(diagnosticsOf(documents), diagnosticsOf(freshDocuments));
    });
});
