/**
 * The scenario check (DESIGN §9): while the model is validated, every scenario is run in the
 * interpreter, and one the model fails is an error on its `then` / `expect` line saying what was
 * expected, what the model gives and which `requires` or `on` block decided it (also as related
 * locations). A scenario the model does not determine is skipped; its hover says why.
 *
 * Registered from above (the server's and the CLI's service factories call `registerScenarioCheck`),
 * so that the language layer never imports the semantics.
 */
import { AstUtils, GrammarUtils, type AstNode, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import type { EventloomCoreServices } from '../language/eventloom-module.js';
import { isScenario, type Scenario } from '../language/generated/ast.js';
import { runScenario, whyNotRunnable, type ScenarioFailure } from './run-scenario.js';
import { ScenarioForms } from './scenario-forms.js';
import { ScenarioInputs } from './scenario-inputs.js';
import { ScenarioResults, type ScenarioDiagnostic } from './scenario-results.js';

/** The issue code of a failing scenario, in the language's code namespace. */
export const SCENARIO_FAILS = 'eventloom.scenario-fails';

/** The registered check's memory of runs (its counts tell tests which scenarios ran), and of rules forms. */
export interface ScenarioCheck {
    readonly results: ScenarioResults;
    /** Each scenario's inputs (its counts tell tests which keys were kept, which walked again). */
    readonly inputs: ScenarioInputs;
    /** The context forms the check keeps current, for what else runs the workspace's scenarios (the board). */
    readonly forms: ScenarioForms;
}

export interface ScenarioCheckOptions {
    /**
     * Remember each scenario's diagnostics with their inputs and run it again only when those
     * changed (the default: the language server). A one-shot build (the CLI) has nothing to reuse.
     */
    readonly remember?: boolean;
}

/**
 * Registers the check. Remembering, a scenario is run again only when its inputs changed (its text,
 * or a declaration it reads: `scenario-inputs.ts`); otherwise its last diagnostics are reported again.
 */
export function registerScenarioCheck(services: EventloomCoreServices, options: ScenarioCheckOptions = {}): ScenarioCheck {
    const remember = options.remember ?? true;
    const forms = new ScenarioForms(services, { keep: remember });
    const inputs = new ScenarioInputs(services);
    const results = new ScenarioResults();
    const registry = services.validation.ValidationRegistry;
    registry.registerBeforeDocument(root => {
        forms.beginDocument();
        inputs.beginDocument();
        results.beginDocument(uriOf(root));
    });
    registry.register({
        Scenario: (scenario: Scenario, accept: ValidationAcceptor) => {
            const run = () => runCheck(forms, scenario);
            const diagnostics = remember ? results.diagnostics(uriOf(scenario), inputs.keyOf(scenario), run) : results.run(run);
            for (const diagnostic of diagnostics) {
                accept('error', diagnostic.message, {
                    node: scenario, range: diagnostic.range, data: { code: SCENARIO_FAILS },
                    relatedInformation: [...diagnostic.relatedInformation]
                });
            }
        }
    });
    registry.registerAfterDocument(root => {
        forms.endDocument();
        results.endDocument(uriOf(root));
    });
    services.shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => {
        for (const uri of deleted) results.forget(uri.toString());
    });
    services.extensions.HoverNotes.add(node => isScenario(node) ? scenarioHoverNote(forms, node) : undefined);
    return { results, forms, inputs };
}

function runCheck(forms: ScenarioForms, scenario: Scenario): ScenarioDiagnostic[] {
    const found = forms.of(scenario);
    if (!found) return [];
    const result = runScenario(found.model, found.scenario, { steps: false });
    if (result.kind !== 'failed') return [];
    return result.failures.map(failure => ({
        message: `Scenario fails: ${failure.message}.`, range: failureRange(scenario, failure), relatedInformation: relatedInformation(failure)
    }));
}

function uriOf(node: AstNode): string {
    return AstUtils.findRootNode(node).$document?.uri.toString() ?? '';
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

