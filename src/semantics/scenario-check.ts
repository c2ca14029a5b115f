/**
 * The scenario check (DESIGN §9): while the model is validated, every scenario is run in the
 * interpreter, and one the model fails is an error on its `then` / `expect` line saying what was
 * expected, what the model gives and which `requires` or `on` block decided it (also as related
 * locations). A scenario the model does not determine is skipped; its hover says why.
 *
 * Registered from above (the server's and the CLI's service factories call `registerScenarioCheck`),
 * so that the language layer never imports the semantics.
 */
import { AstUtils, GrammarUtils, type LangiumDocument, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import type { EventloomCoreServices } from '../language/eventloom-module.js';
import { isScenario, type Model, type Scenario } from '../language/generated/ast.js';
import { contextNameOf } from '../language/model-queries.js';
import { buildContextForm } from './build-form.js';
import { indexContexts, type ContextForm, type ModelForm, type ScenarioForm } from './form.js';
import { runScenario, whyNotRunnable, type ScenarioFailure } from './run-scenario.js';

/** The issue code of a failing scenario, in the language's code namespace. */
export const SCENARIO_FAILS = 'eventloom.scenario-fails';

export function registerScenarioCheck(services: EventloomCoreServices): void {
    const forms = new ScenarioForms(services);
    services.validation.ValidationRegistry.register({
        Scenario: (scenario: Scenario, accept: ValidationAcceptor) => checkScenario(forms, scenario, accept)
    });
    services.extensions.HoverNotes.add(node => isScenario(node) ? scenarioHoverNote(forms, node) : undefined);
}

function checkScenario(forms: ScenarioForms, scenario: Scenario, accept: ValidationAcceptor): void {
    const found = forms.of(scenario);
    if (!found) return;
    const result = runScenario(found.model, found.scenario);
    if (result.kind !== 'failed') return;
    for (const failure of result.failures) {
        accept('error', `Scenario fails: ${failure.message}.`, {
            node: scenario, range: failureRange(scenario, failure), data: { code: SCENARIO_FAILS },
            relatedInformation: relatedInformation(failure)
        });
    }
}

function scenarioHoverNote(forms: ScenarioForms, scenario: Scenario): string | undefined {
    const found = forms.of(scenario);
    if (!found) return undefined;
    const reason = whyNotRunnable(found.model, found.scenario);
    return reason ? `Not run in the editor: ${reason}.` : 'Run in the editor with the model\'s rules as you type.';
}

/** The `then … ` clause (from the keyword to its last item) or the `expect …` the failure is about. */
function failureRange(scenario: Scenario, failure: ScenarioFailure): Range | undefined {
    if (failure.source && failure.source !== scenario) return failure.source.$cstNode?.range;
    const keyword = scenario.$cstNode && GrammarUtils.findNodeForKeyword(scenario.$cstNode, 'then');
    const last = scenario.rejectionData ?? (scenario.rejected ? undefined : scenario.then.at(-1));
    const end = last?.$cstNode?.range.end
        ?? (scenario.rejection ? GrammarUtils.findNodeForProperty(scenario.$cstNode, 'rejection')?.range.end : undefined);
    if (keyword && end) return { start: keyword.range.start, end };
    return keyword?.range ?? GrammarUtils.findNodeForProperty(scenario.$cstNode, 'name')?.range;
}

function relatedInformation(failure: ScenarioFailure): DiagnosticRelatedInformation[] {
    return failure.decidedBy.flatMap(node => {
        const range = node.$cstNode?.range;
        const document = AstUtils.findRootNode(node).$document;
        return range && document ? [{ location: { uri: document.uri.toString(), range }, message: 'decided by this' }] : [];
    });
}

/**
 * The rules form of each context, built on first use and kept while the documents it was built
 * from are unchanged: a context's form is rebuilt only when one of its own files, or a file of a
 * context it reads events from, changed (or a file joined or left them). An edit in one file thus
 * rebuilds its context alone, however many other files its change makes the server re-validate.
 */
class ScenarioForms {
    private readonly built = new Map<string, { form: ContextForm; contexts: string[]; inputs: Map<string, InputVersion> }>();
    private readonly models = new Map<string, ModelForm>();

    constructor(private readonly services: EventloomCoreServices) {}

    /** The scenario's form and the model form of the contexts it reads. */
    of(node: Scenario): { model: ModelForm; scenario: ScenarioForm } | undefined {
        const documents = this.documentsByContext();
        const home = this.context(contextNameOf(node), documents);
        const scenario = home?.scenarios.find(candidate => candidate.source === node);
        if (!home || !scenario) return undefined;
        const named = [...scenario.given.map(given => given.event), ...scenario.expects.map(expect => expect.readModel)];
        const others = [...new Set(named.map(name => name.slice(0, name.indexOf('.'))))].filter(name => name !== home.name);
        const contexts = [home, ...others.flatMap(name => this.context(name, documents) ?? [])];
        return { model: this.indexed(contexts), scenario };
    }

    /**
     * The model form of these context forms, indexed once while the forms stay the same objects
     * (they are rebuilt only when their files change): indexing it anew for every scenario was a
     * third of the scenario check's cost per keystroke.
     */
    private indexed(contexts: readonly ContextForm[]): ModelForm {
        const key = contexts.map(context => context.name).join('\n');
        const cached = this.models.get(key);
        if (cached && cached.contexts.length === contexts.length && cached.contexts.every((context, i) => context === contexts[i])) return cached;
        const model = indexContexts(contexts);
        this.models.set(key, model);
        return model;
    }

    private context(name: string, documents: Map<string, LangiumDocument<Model>[]>): ContextForm | undefined {
        const files = documents.get(name);
        if (!files) return undefined;
        const cached = this.built.get(name);
        if (cached && unchanged(cached.contexts, cached.inputs, documents)) return cached.form;
        const form = buildContextForm(name, files.map(document => document.parseResult.value));
        const contexts = [name, ...contextsReadBy(form)];
        const inputs = new Map(contexts.flatMap(context => (documents.get(context) ?? []).map(document => [document.uri.toString(), versionOf(document)] as const)));
        this.built.set(name, { form, contexts, inputs });
        return form;
    }

    private documentsByContext(): Map<string, LangiumDocument<Model>[]> {
        const byContext = new Map<string, LangiumDocument<Model>[]>();
        for (const document of this.services.shared.workspace.LangiumDocuments.all) {
            const model = document.parseResult.value as Model;
            if (!model.context?.name) continue;
            const name = contextNameOf(model);
            byContext.set(name, [...(byContext.get(name) ?? []), document as LangiumDocument<Model>]);
        }
        return byContext;
    }
}

/** A document as a form was built from it: the object (a file read again is a new one) and its text version. */
interface InputVersion { readonly document: LangiumDocument; readonly version: number }

function versionOf(document: LangiumDocument): InputVersion {
    return { document, version: document.textDocument.version };
}

/** Whether the contexts' files are the same documents, at the same versions, as when the form was built. */
function unchanged(contexts: readonly string[], inputs: Map<string, InputVersion>, documents: Map<string, LangiumDocument<Model>[]>): boolean {
    const current = new Map(contexts.flatMap(context => (documents.get(context) ?? []).map(document => [document.uri.toString(), document] as const)));
    return inputs.size === current.size && [...inputs].every(([uri, input]) => {
        const document = current.get(uri);
        return document !== undefined && document === input.document && document.textDocument.version === input.version;
    });
}

/** The other contexts whose events a context's read models, policies or scenarios name. */
function contextsReadBy(form: ContextForm): string[] {
    const names = [
        ...form.readModels.flatMap(readModel => readModel.handlers.flatMap(handler => handler.events.map(entry => entry.event))),
        ...form.policies.flatMap(policy => [...policy.triggers, ...policy.reactions.map(reaction => reaction.command)]),
        ...form.scenarios.flatMap(scenario => [...scenario.given.map(given => given.event), ...scenario.expects.map(expect => expect.readModel), ...(scenario.when ? [scenario.when.command] : [])])
    ];
    return [...new Set(names.map(name => name.slice(0, name.indexOf('.'))))].filter(name => name !== form.name);
}
