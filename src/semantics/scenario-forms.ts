/**
 * The rules forms the scenario check runs on: each context's form, built piece by piece as runs
 * read it (lazy-context-form.ts) and kept while its documents are unchanged, and the model form of
 * the contexts a scenario reads, indexed once per set of context forms.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import { heldByContainer } from '../language/ast-walk.js';
import type { EventloomCoreServices } from '../language/eventloom-module.js';
import type { Element, Model, Scenario } from '../language/generated/ast.js';
import type { LinkEpochs } from '../language/linking/link-epochs.js';
import { contextNameOf } from '../language/model-queries.js';
import { IncrementalDocumentFactory } from '../language/workspace/incremental-document-factory.js';
import type { ModelForm, ScenarioForm } from './form.js';
import { contextsReadBy, indexLazily, LazyContextForm } from './lazy-context-form.js';

/**
 * The rules form of each context, built on first use and kept while the documents it was built
 * from are unchanged: a context's form is rebuilt only when one of its own files, or a file of a
 * context it reads events from, changed (or a file joined or left them). An edit in one file thus
 * rebuilds its context alone, however many other files its change makes the server re-validate.
 */
export class ScenarioForms {
    private readonly built = new Map<string, { form: LazyContextForm; contexts: string[]; inputs: Map<string, InputVersion> }>();
    private readonly models = new Map<string, ModelForm>();

    /**
     * While one document is validated nothing is parsed or linked: which documents make up each context,
     * and whether its form is current, is found once per document instead of once per scenario.
     */
    private pass: { documents: Map<string, LangiumDocument<Model>[]>; contexts: Map<string, LazyContextForm | undefined> } | undefined;

    /** How often a document was parsed: a closed file changed on disk keeps its document and version 0, its AST is spliced. */
    private readonly parseCount: (uri: string) => number;
    private readonly epochs: LinkEpochs;
    /** What each element of a linked document reads of other contexts, as of its latest linking (see `contextsReadBy`). */
    private readonly contextsRead = new WeakMap<Element, { at: number; contexts: readonly string[] }>();

    /**
     * `keep: false` (a one-shot build, the CLI) drops the forms when a document's validation ends:
     * nothing asks for them again, and kept they would stay live to the end of the build, for the
     * garbage collector to copy and mark. Another document's scenarios that read a context build
     * again what they read of it.
     */
    constructor(private readonly services: EventloomCoreServices, private readonly options: { readonly keep?: boolean } = {}) {
        const factory = services.shared.workspace.LangiumDocumentFactory;
        this.parseCount = factory instanceof IncrementalDocumentFactory ? uri => factory.parseCount(uri) : () => 0;
        this.epochs = services.workspace.LinkEpochs;
    }

    beginDocument(): void {
        this.pass = { documents: this.documentsByContext(), contexts: new Map() };
    }

    endDocument(): void {
        this.pass = undefined;
        if (this.options.keep === false) {
            this.built.clear();
            this.models.clear();
        }
    }

    /** The scenario's form and the model form of the contexts it reads. */
    of(node: Scenario): { model: ModelForm; scenario: ScenarioForm } | undefined {
        const documents = this.pass?.documents ?? this.documentsByContext();
        const home = this.context(contextNameOf(node), documents);
        const scenario = home?.scenarioOf(node);
        if (!home || !scenario) return undefined;
        // The other contexts its given events and expected read models name, in the order they are first named
        // (most scenarios name none: no list is made for them).
        let others: string[] | undefined;
        const note = (name: string) => {
            const context = name.slice(0, name.indexOf('.'));
            if (context !== home.name && !others?.includes(context)) (others ??= []).push(context);
        };
        for (const given of scenario.given) note(given.event);
        for (const expect of scenario.expects) note(expect.readModel);
        const contexts = others ? [home, ...others.flatMap(name => this.context(name, documents) ?? [])] : [home];
        return { model: this.indexed(contexts), scenario };
    }

    /**
     * The model form of these documents (the board's scenario runs read the whole workspace), from
     * the context forms kept here: a context is built only when it never was or its files changed,
     * so a board request after validation builds nothing. Contexts in name order, as `buildModelForm`.
     */
    modelFormOf(documents: readonly LangiumDocument<Model>[]): ModelForm {
        const byContext = groupByContext(documents);
        const names = [...byContext.keys()].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
        return this.indexed(names.flatMap(name => this.currentContext(name, byContext) ?? []));
    }

    /**
     * The model form of these context forms, indexed once while the forms stay the same objects
     * (they are rebuilt only when their files change): indexing it anew for every scenario was a
     * third of the scenario check's cost per keystroke.
     */
    private indexed(contexts: readonly LazyContextForm[]): ModelForm {
        const key = contexts.map(context => context.name).join('\n');
        const cached = this.models.get(key);
        if (cached && cached.contexts.length === contexts.length && cached.contexts.every((context, i) => context === contexts[i])) return cached;
        const model = indexLazily(contexts);
        this.models.set(key, model);
        return model;
    }

    private context(name: string, documents: Map<string, LangiumDocument<Model>[]>): LazyContextForm | undefined {
        if (this.pass?.contexts.has(name)) return this.pass.contexts.get(name);
        const form = this.currentContext(name, documents);
        this.pass?.contexts.set(name, form);
        return form;
    }

    private currentContext(name: string, documents: Map<string, LangiumDocument<Model>[]>): LazyContextForm | undefined {
        const files = documents.get(name);
        if (!files) return undefined;
        const cached = this.built.get(name);
        if (cached && this.unchanged(cached.contexts, cached.inputs, documents)) return cached.form;
        // In file order, as `buildModelForm` builds it: the same model gives the same form either way.
        const form = new LazyContextForm(name, [...files].sort((a, b) => compareUris(a, b)).map(document => document.parseResult.value));
        // Not kept (a one-shot build): a pass keeps it for its document, and nothing asks whether it is current.
        if (this.options.keep === false) return form;
        const contexts = [name, ...form.contextsRead(element => this.contextsReadBy(element))];
        const inputs = new Map(contexts.flatMap(context => (documents.get(context) ?? []).map(document => [document.uri.toString(), this.versionOf(document)] as const)));
        this.built.set(name, { form, contexts, inputs });
        return form;
    }

    /**
     * The contexts an element's references lead to, kept per element of a linked document while its
     * link stamp is the same (its references point where they pointed): rebuilding the edited
     * context's form after a keystroke no longer follows every reference of its other elements.
     */
    private contextsReadBy(element: Element): readonly string[] {
        const document = element.$container?.$document;
        const at = this.epochs.linkedAt(element);
        if (!document || document.state < DocumentState.Linked || at === undefined || !heldByContainer(element)) return contextsReadBy(element);
        const kept = this.contextsRead.get(element);
        if (kept?.at === at) return kept.contexts;
        const contexts = contextsReadBy(element);
        this.contextsRead.set(element, { at, contexts });
        return contexts;
    }

    private versionOf(document: LangiumDocument): InputVersion {
        return { document, version: document.textDocument.version, root: document.parseResult.value, parses: this.parseCount(document.uri.toString()) };
    }

    /** Whether the contexts' files are the same documents, at the same versions and parses, as when the form was built. */
    private unchanged(contexts: readonly string[], inputs: Map<string, InputVersion>, documents: Map<string, LangiumDocument<Model>[]>): boolean {
        const current = new Map(contexts.flatMap(context => (documents.get(context) ?? []).map(document => [document.uri.toString(), document] as const)));
        return inputs.size === current.size && [...inputs].every(([uri, input]) => {
            const document = current.get(uri);
            return document !== undefined && document === input.document && document.textDocument.version === input.version
                && document.parseResult.value === input.root && this.parseCount(uri) === input.parses;
        });
    }

    private documentsByContext(): Map<string, LangiumDocument<Model>[]> {
        return groupByContext(this.services.shared.workspace.LangiumDocuments.all.toArray() as LangiumDocument<Model>[]);
    }
}

/**
 * A document as a form was built from it: the object (a file read again is a new one), its text
 * version, its root and how often it was parsed (a closed file changed on disk is parsed again into
 * the same document at version 0, a declaration spliced into the same root).
 */
interface InputVersion { readonly document: LangiumDocument; readonly version: number; readonly root: unknown; readonly parses: number }

function groupByContext(documents: Iterable<LangiumDocument<Model>>): Map<string, LangiumDocument<Model>[]> {
    const byContext = new Map<string, LangiumDocument<Model>[]>();
    for (const document of documents) {
        const model = document.parseResult.value;
        if (!model.context?.name) continue;
        const name = contextNameOf(model);
        const files = byContext.get(name);
        if (files) files.push(document); else byContext.set(name, [document]);
    }
    return byContext;
}

function compareUris(a: LangiumDocument, b: LangiumDocument): number {
    const [x, y] = [a.uri.toString(), b.uri.toString()];
    return x < y ? -1 : x > y ? 1 : 0;
}
