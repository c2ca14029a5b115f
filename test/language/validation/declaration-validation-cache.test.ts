/**
 * Re-validate what changed (src/language/validation/incremental-document-validator.ts): the
 * checks of a declaration whose inputs did not change report their cached results again.
 * Differential: chains of random edits of one file of a workspace, each applied through the
 * document builder as the language server does (with the scenario check registered, as the server
 * does); after every edit each document's diagnostics equal those of a fresh build of the same
 * texts — the same diagnostics, and the validators' in the same order. Plus a guard: an edit
 * inside one declaration checks again only the declarations that reach it through references.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, CstUtils, DocumentValidator, EmptyFileSystem, isReference, URI, type AstNode, type BuildOptions, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import type { Model } from '../../../src/language/generated/ast.js';
import { declarationOf } from '../../../src/language/linking/kept-links.js';
import type { IncrementalDocumentFactory } from '../../../src/language/workspace/incremental-document-factory.js';
import type { IncrementalDocumentValidator } from '../../../src/language/validation/incremental-document-validator.js';
import { registerScenarioCheck } from '../../../src/semantics/scenario-check.js';
import { generateBenchModel } from '../../bench/model/bench-model.js';
import { REPO_ROOT } from '../../kit/paths.js';
import { random, randomEdit } from '../../kit/random-edits.js';

type Files = Array<{ path: string; text: string }>;
type Services = ReturnType<typeof createEventloomServices>;

/** What the editor runs on an edit (Langium's update options), used for the first build too. */
const EDITOR_CATEGORIES: BuildOptions = { validation: { categories: ['built-in', 'fast'] } };
const BUILT_IN = new Set<unknown>([DocumentValidator.LexingError, DocumentValidator.ParsingError, DocumentValidator.LinkingError]);

function servicesWithScenarioCheck(): Services {
    const services = createEventloomServices(EmptyFileSystem);
    registerScenarioCheck(services.Eventloom);
    return services;
}

async function build(services: Services, files: Files, options = EDITOR_CATEGORIES): Promise<Array<LangiumDocument<Model>>> {
    const documents = files.map(file => {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString<Model>(file.text, URI.file(file.path));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await services.shared.workspace.DocumentBuilder.build(documents, options);
    return documents;
}

function describeDiagnostic(document: LangiumDocument, d: Diagnostic): string {
    const at = (range: Diagnostic['range']) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
    const related = (d.relatedInformation ?? []).map(info => `${info.location.uri}@${at(info.location.range)} ${info.message}`).join('; ');
    return `${document.uri.path}:${at(d.range)} ${d.severity} ${(d.data as { code?: string } | undefined)?.code} ${d.message}${related ? ` [${related}]` : ''}`;
}

/** Every diagnostic, sorted; and the validators' own (no lexer, parser or linking error) in the order reported. */
function diagnosticsOf(documents: readonly LangiumDocument[]): { all: string[]; validatorsInOrder: string[] } {
    return {
        all: documents.flatMap(document => (document.diagnostics ?? []).map(d => describeDiagnostic(document, d))).sort(),
        validatorsInOrder: documents.flatMap(document => (document.diagnostics ?? [])
            .filter(d => !BUILT_IN.has((d.data as { code?: string } | undefined)?.code)).map(d => describeDiagnostic(document, d)))
    };
}

function validatorOf(services: Services): IncrementalDocumentValidator {
    return services.Eventloom.validation.DocumentValidator as IncrementalDocumentValidator;
}

/** Over the edits that were spliced (a full re-parse makes every declaration new: nothing to reuse). */
interface Tally { spliced: number; reused: number; checked: number }

async function runChains(name: string, files: Files, edited: number, chains: number, length: number, seed: number): Promise<Tally> {
    const tally: Tally = { spliced: 0, reused: 0, checked: 0 };
    for (let chain = 0; chain < chains; chain++) {
        const services = servicesWithScenarioCheck();
        const documents = await build(services, files);
        const document = documents[edited];
        const next = random(seed + chain);
        const texts = files.map(file => file.text);
        for (let step = 0; step < length; step++) {
            texts[edited] = randomEdit(texts[edited], next);
            services.shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', step + 2, texts[edited]));
            await services.shared.workspace.DocumentBuilder.update([document.uri], []);
            const stats = validatorOf(services).statsOf(document.parseResult.value);
            if ((services.shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory).spliceOf(document) && stats) {
                tally.spliced++;
                tally.reused += stats.reused;
                tally.checked += stats.checked.length;
            }

            const fresh = await build(servicesWithScenarioCheck(), files.map((file, i) => ({ path: file.path, text: texts[i] })));
            assert.deepEqual(diagnosticsOf(documents), diagnosticsOf(fresh), `${name}, seed ${seed + chain}, step ${step}`);
        }
    }
    return tally;
}

function label(node: AstNode): string {
    return `${node.$type} ${(node as { name?: string }).name ?? ''}`;
}

describe('declarations re-validated only when their inputs changed (differential against a fresh build)', function () {
    this.timeout(900_000);

    it('gives a fresh build\'s diagnostics after each of 100 random edits of a modelled bench model (scenarios run)', async () => {
        const model = generateBenchModel({ contexts: 2, aggregates: 4, commands: 12, events: 12, readModels: 4, layout: 'per-context', hubUses: 4, behaviour: true });
        const files = model.files.map(file => ({ path: `/ws/${file.path}`, text: file.text }));
        const tally = await runChains('modelled bench model', files, 0, 10, 10, 9_000);
        assert.ok(tally.spliced >= 10, `only ${tally.spliced} edits spliced`);
        assert.ok(tally.reused > tally.checked, `after the ${tally.spliced} spliced edits only ${tally.reused} of ${tally.reused + tally.checked} declarations' checks reused`);
    });

    it('gives a fresh build\'s diagnostics after each of 100 random edits of the banking template', async () => {
        const files = [{ path: '/ws/banking.loom', text: readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8') }];
        const tally = await runChains('banking', files, 0, 10, 10, 10_000);
        // A small model where most declarations reach the edited one: fewer are reused than in the bench model.
        assert.ok(tally.reused > 0, `after the ${tally.spliced} spliced edits no declaration's checks reused`);
    });

    it('gives a fresh build\'s diagnostics after each of 100 random edits of the online shop\'s ordering context', async () => {
        const folder = join(REPO_ROOT, 'templates/online-shop');
        const files = ['ordering.loom', 'payments.loom', 'shipping.loom'].map(name => ({ path: `/ws/${name}`, text: readFileSync(join(folder, name), 'utf8') }));
        const tally = await runChains('online shop', files, 0, 10, 10, 11_000);
        assert.ok(tally.reused > 0, `after the ${tally.spliced} spliced edits no declaration's checks reused`);
    });

    it('reuses a validation of every category (a save) on the next keystroke, but not a keystroke\'s on the next save', async () => {
        const text = readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8');
        const services = servicesWithScenarioCheck();
        const [document] = await build(services, [{ path: '/ws/banking.loom', text }], { validation: true });
        const edited = text.replace(/(\n\s*amount)(: decimal)/, '$1Due$2');
        assert.notEqual(edited, text);
        services.shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, edited));
        await services.shared.workspace.DocumentBuilder.update([document.uri], []);
        const afterSave = validatorOf(services).statsOf(document.parseResult.value)!;
        assert.ok(afterSave.reused > 0, `${afterSave.reused} reused, ${afterSave.checked.length} checked`);
        const [fresh] = await build(servicesWithScenarioCheck(), [{ path: '/ws/banking.loom', text: edited }]);
        assert.deepEqual(diagnosticsOf([document]), diagnosticsOf([fresh]));

        await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        // What the keystroke checked (without the slow checks) is checked again; what it reused was from the save.
        const save = validatorOf(services).statsOf(document.parseResult.value)!;
        assert.deepEqual(save.checked, afterSave.checked);
        const [freshAll] = await build(servicesWithScenarioCheck(), [{ path: '/ws/banking.loom', text: edited }], { validation: true });
        assert.deepEqual(diagnosticsOf([document]), diagnosticsOf([freshAll]));
    });

    it('checks again only the edited declaration and the declarations that reach it through references', async () => {
        const model = generateBenchModel({ contexts: 1, aggregates: 20, commands: 60, events: 60, readModels: 20, layout: 'single', hubUses: 4, behaviour: true });
        const services = servicesWithScenarioCheck();
        const [document] = await build(services, [{ path: '/ws/model.loom', text: model.files[0].text }]);
        const text = model.files[0].text;
        const aggregate = text.indexOf('aggregate ', text.length / 2);
        const field = text.indexOf('    amount: decimal', aggregate) + '    amount'.length;
        const edited = text.slice(0, field) + 'Due' + text.slice(field);
        services.shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', 2, edited));
        await services.shared.workspace.DocumentBuilder.update([document.uri], []);
        const stats = validatorOf(services).statsOf(document.parseResult.value)!;

        // Expected from a fresh build: the declarations from which a chain of references leads into the edited one.
        const [fresh] = await build(servicesWithScenarioCheck(), [{ path: '/ws/model.loom', text: edited }]);
        const declarations = fresh.parseResult.value.elements;
        const targets = new Map(declarations.map(declaration => [label(declaration), new Set(AstUtils.streamAst(declaration)
            .flatMap(node => AstUtils.streamReferences(node)).map(({ reference }) => isReference(reference) ? reference.ref : undefined)
            .filter(target => target !== undefined).map(target => label(declarationOf(target))))]));
        const editedLabel = label(declarationOf(CstUtils.findLeafNodeAtOffset(fresh.parseResult.value.$cstNode!, field)!.astNode));
        const reaching = new Set([editedLabel]);
        for (let grown = true; grown;) {
            grown = false;
            for (const [declaration, reached] of targets) {
                if (!reaching.has(declaration) && [...reached].some(target => reaching.has(target))) {
                    reaching.add(declaration);
                    grown = true;
                }
            }
        }
        assert.deepEqual(stats.checked.map(label).sort(), [...reaching].sort());
        assert.equal(stats.checked.length + stats.reused, declarations.length + 1, 'every declaration and the context line, checked or reused');
        assert.ok(stats.checked.length * 10 < declarations.length, `${stats.checked.length} of ${declarations.length} declarations checked again`);
        assert.deepEqual(diagnosticsOf([document]), diagnosticsOf([fresh]));
    });
});
