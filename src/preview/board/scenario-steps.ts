/**
 * A scenario stepped through on the board, computed by the model's interpreter (src/semantics):
 * `runScenario` decides pass, fail or skip and the aggregate's state after each given event and
 * after the command; the read models of the slice are projected by the interpreter's `project`
 * over the events seen so far, so each step shows its documents. Nothing here evaluates a rule.
 */
import type { AstNode } from 'langium';
import type { Model } from '../../language/generated/ast.js';
import type { BoardStep, DocumentView, FieldValueView, ScenarioRunView, StepView } from '../../protocol/board.js';
import { buildModelForm } from '../../semantics/build-form.js';
import type { Message } from '../../semantics/decide.js';
import type { ModelForm, QualifiedName, ScenarioForm } from '../../semantics/form.js';
import { project, type Documents } from '../../semantics/project.js';
import { initialState } from '../../semantics/evolve.js';
import { runScenario, type ScenarioStep } from '../../semantics/run-scenario.js';
import { scenarioStreamId } from '../../semantics/scenario-clock.js';
import { formatValue, type RecordValue } from '../../semantics/values.js';

export interface ScenarioRunner {
    /** The run of the scenario declared by `node`, for the board's steps of its slice and the read models it shows. */
    runOf(node: AstNode, steps: readonly BoardStep[], readModels: readonly QualifiedName[]): ScenarioRunView | undefined;
}

export interface ScenarioRunnerOptions {
    /**
     * The model form of `models`, when one is kept already (the language server's scenario check
     * keeps each context's form while its files are unchanged); otherwise it is built from them.
     */
    readonly form?: () => ModelForm;
}

export function scenarioRunner(models: readonly Model[], options: ScenarioRunnerOptions = {}): ScenarioRunner {
    const formOf = options.form ?? (() => buildModelForm(models));
    let form: ModelForm | undefined;
    let bySource: Map<AstNode, ScenarioForm> | undefined;
    return {
        runOf(node, steps, readModels) {
            try {
                form ??= formOf();
                bySource ??= new Map(form.contexts.flatMap(context => context.scenarios).flatMap(scenario => scenario.source ? [[scenario.source, scenario] as const] : []));
                const scenario = bySource.get(node);
                return scenario ? stepScenario(form, scenario, steps, readModels) : undefined;
            } catch (error) {
                // The board must show while the model is being typed: a run that breaks is reported, not thrown.
                return { outcome: 'skipped', message: `The interpreter could not run it: ${(error as Error).message}`, steps: [] };
            }
        }
    };
}

export function stepScenario(model: ModelForm, scenario: ScenarioForm, steps: readonly BoardStep[], readModels: readonly QualifiedName[]): ScenarioRunView {
    const result = runScenario(model, scenario);
    if (result.kind === 'skipped') return { outcome: 'skipped', message: `Not run by the model: ${result.reason}.`, steps: [] };
    const short = (name: QualifiedName) => name.startsWith(`${scenario.context}.`) ? name.slice(scenario.context.length + 1) : name;
    const given = result.steps.filter((step): step is Extract<ScenarioStep, { kind: 'given' }> => step.kind === 'given');
    const when = result.steps.find((step): step is Extract<ScenarioStep, { kind: 'when' }> => step.kind === 'when');
    const streamId = scenarioStreamId(scenario.name);
    const projector = new DocumentsProjector(model, readModels, streamId, short);

    const views: StepView[] = [];
    let stateBefore: RecordValue | undefined;
    for (const step of steps) {
        if (step.kind === 'given') {
            const index = views.length;
            const done = given[index];
            const event = scenario.given[index];
            // Without a command no aggregate is folded: the given events only feed the read models.
            if (!event || (!done && scenario.when)) break;
            projector.apply({ type: event.event, data: event.data });
            stateBefore = done?.state;
            views.push({ summary: `${short(event.event)} happened`, ...stateView(done?.state), documents: projector.documents() });
        } else if (step.kind === 'when') {
            if (!scenario.when || !when) break;
            views.push({ summary: `${short(scenario.when.command)} is decided on this state`, ...stateView(stateBefore ?? initialStateOf(model, scenario)), documents: projector.documents() });
        } else {
            if (!when) break;
            const decision = when.decision;
            let summary: string;
            if (decision.kind === 'accepted') {
                for (const event of decision.events) projector.apply(event);
                summary = decision.events.length === 0 ? 'accepted: no events' : `accepted: ${decision.events.map(event => `${short(event.type)} ${formatValue(event.data)}`).join(', ')}`;
            } else if (decision.kind === 'rejected') summary = `rejected: ${short(decision.rejection.type)} ${formatValue(decision.rejection.data)}`;
            else if (decision.kind === 'handWritten') summary = `decided by hand-written code: ${decision.reasons.join('; ')}`;
            else summary = `cannot be decided: ${decision.failure.message}`;
            views.push({ summary, ...stateView(when.state), documents: projector.documents() });
        }
    }
    if (result.kind === 'passed') return { outcome: 'passed', steps: views };
    const failure = result.failures[0];
    // A failed run stops at the step it could not take; a mismatch shows at the outcome.
    const failedStep = views.length < steps.length ? views.length : Math.max(0, steps.length - 1);
    return { outcome: 'failed', message: failure ? `${capitalised(failure.message)}.` : 'The scenario fails.', steps: views, failedStep };
}

/** The documents of the read models the slice shows, projected event by event on the scenario's stream. */
class DocumentsProjector {
    private readonly current = new Map<QualifiedName, Documents>();

    constructor(private readonly model: ModelForm, private readonly readModels: readonly QualifiedName[], private readonly streamId: string, private readonly short: (name: QualifiedName) => string) {}

    apply(event: Message): void {
        for (const name of this.readModels) {
            const readModel = this.model.readModels.get(name);
            if (!readModel?.modelled) continue;
            const projected = project(readModel, this.current.get(name) ?? new Map(), event, this.streamId);
            if (projected.ok) this.current.set(name, projected.value.documents);
        }
    }

    documents(): DocumentView[] {
        return [...this.current].flatMap(([name, documents]) => [...documents].map(([key, document]) => ({
            readModel: this.short(name), key, fields: fieldsOf(document)
        })));
    }
}

function initialStateOf(model: ModelForm, scenario: ScenarioForm): RecordValue | undefined {
    const command = scenario.when ? model.commands.get(scenario.when.command) : undefined;
    const aggregate = command ? model.aggregates.get(command.aggregate) : undefined;
    return aggregate ? initialState(aggregate) : undefined;
}

function stateView(state: RecordValue | undefined): { state?: FieldValueView[] } {
    return state ? { state: fieldsOf(state) } : {};
}

function fieldsOf(record: RecordValue): FieldValueView[] {
    return [...record.fields].map(([field, value]) => ({ field, value: formatValue(value) }));
}

function capitalised(text: string): string {
    return text.length > 0 ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}
