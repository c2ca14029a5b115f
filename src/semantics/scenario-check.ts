/**
 * The scenario check (DESIGN §9): while the model is validated, every scenario is run in the
 * interpreter, and one the model fails is an error on its `then` / `expect` line saying what was
 * expected, what the model gives and which `requires` or `on` block decided it (also as related
 * locations). A scenario the model does not determine is skipped; its hover says why.
 *
 * Registered from above (the server's and the CLI's service factories call `registerScenarioCheck`),
 * so that the language layer never imports the semantics.
 */
import { AstUtils, GrammarUtils, WorkspaceCache, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import type { EventloomCoreServices } from '../language/eventloom-module.js';
import { isScenario, type Model, type Scenario } from '../language/generated/ast.js';
import { contextNameOf } from '../language/model-queries.js';
import { buildContextForm, modelsByContext } from './build-form.js';
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
 * The rules form of each context, built on first use and dropped at every workspace change
 * (`WorkspaceCache`), so that a keystroke rebuilds only the contexts whose scenarios are checked.
 */
class ScenarioForms {
    private readonly contexts: WorkspaceCache<string, ContextForm>;

    constructor(private readonly services: EventloomCoreServices) {
        this.contexts = new WorkspaceCache(services.shared);
    }

    /** The scenario's form and the model form of the contexts it reads. */
    of(node: Scenario): { model: ModelForm; scenario: ScenarioForm } | undefined {
        const home = this.context(contextNameOf(node));
        const scenario = home?.scenarios.find(candidate => candidate.source === node);
        if (!home || !scenario) return undefined;
        const named = [...scenario.given.map(given => given.event), ...scenario.expects.map(expect => expect.readModel)];
        const others = [...new Set(named.map(name => name.slice(0, name.indexOf('.'))))].filter(name => name !== home.name);
        const contexts = [home, ...others.flatMap(name => this.context(name) ?? [])];
        return { model: indexContexts(contexts), scenario };
    }

    private context(name: string): ContextForm | undefined {
        return this.contexts.get(name, () => {
            const files = modelsByContext(this.models()).get(name);
            return files ? buildContextForm(name, files) : undefined!;
        }) ?? undefined;
    }

    private models(): Model[] {
        return this.services.shared.workspace.LangiumDocuments.all.map(document => document.parseResult.value as Model).toArray();
    }
}
