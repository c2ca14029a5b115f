/**
 * Runs a scenario (DESIGN §2c) in the interpreter: the `given` events are folded through the
 * aggregate's evolve, the `when` command is decided with the scenario's fixed clock and ids, and the
 * outcome is matched — `then` events as subsets of the emitted ones (same events, same order, the
 * fields listed equal), `then rejected E { … }` against the rejection, `expect R { … }` against the
 * read model's document after projecting the given and the emitted events, `expect no R` as its
 * absence. All on one stream, whose id the scenario fixes. Numbers compare as exact decimals.
 *
 * A scenario the model does not determine — its command, evolve or a read model it expects is
 * hand-written, or a piece is missing while the model is being typed — is skipped with the reason,
 * never guessed; the generated tests run it against the hand-written code.
 */
import { upcastData } from './upcast.js';
import type { AstNode } from 'langium';
import { decide, type Decision, type Message } from './decide.js';
import { describeSource } from './describe-source.js';
import { evolve, initialState } from './evolve.js';
import type { AggregateForm, EvolveHandlerForm, FieldForm, ExpectForm, ModelForm, QualifiedName, ReadModelForm, ScenarioForm, ThenForm } from './form.js';
import type { EvaluationFailure } from './outcome.js';
import { documentKey, project, type AppliedHandler, type Documents } from './project.js';
import { scenarioRunContext } from './scenario-clock.js';
import { fieldOf, formatValue, matchesSubset, recordValue, stringValue, type RecordValue } from './values.js';

export type ScenarioResult =
    | { readonly kind: 'passed'; readonly steps: readonly ScenarioStep[] }
    | { readonly kind: 'failed'; readonly failures: readonly ScenarioFailure[]; readonly steps: readonly ScenarioStep[] }
    | { readonly kind: 'skipped'; readonly reason: string };

/** One way the model and the scenario disagree, to report on `source` (the `then` or `expect`). */
export interface ScenarioFailure {
    readonly source?: AstNode;
    /** The whole sentence: what was expected, what the model produced, what decided it. */
    readonly message: string;
    readonly expected: string;
    readonly actual: string;
    /** The `requires`, `emits` or `on` blocks that produced the actual outcome. */
    readonly decidedBy: readonly AstNode[];
}

/** What happened at each step, for stepping through a scenario (the board). */
export type ScenarioStep =
    | { readonly kind: 'given'; readonly event: Message; readonly state?: RecordValue; readonly appliedBy: readonly EvolveHandlerForm[] }
    | { readonly kind: 'when'; readonly command: Message; readonly decision: Decision; readonly state?: RecordValue }
    | { readonly kind: 'documents'; readonly readModel: QualifiedName; readonly documents: Documents };

export interface RunOptions {
    /**
     * Record the steps (default true; the board steps through them). Without, `steps` is empty and
     * the state after the decision, which only a step shows, is not computed: the scenario check
     * reads the verdict alone.
     */
    readonly steps?: boolean;
}

export function runScenario(model: ModelForm, scenario: ScenarioForm, options: RunOptions = {}): ScenarioResult {
    const recordSteps = options.steps ?? true;
    const skip = whyNotRunnable(model, scenario);
    if (skip) return { kind: 'skipped', reason: skip };
    const run = scenarioRunContext(scenario.name);
    const names = (name: QualifiedName) => shortName(name, scenario.context);
    const steps: ScenarioStep[] = [];
    const failures: ScenarioFailure[] = [];
    const cannotRun = (failure: EvaluationFailure, at: AstNode | undefined): ScenarioResult => ({
        kind: 'failed', steps, failures: [{
            source: at, expected: 'a run of the scenario', actual: failure.message, decidedBy: failure.source ? [failure.source] : [],
            message: `the model cannot run this scenario: ${failure.message}${at_(failure.source, scenario.source)}`
        }]
    });

    // A `given E v1` is stored data of an old version: upcast, as a replay would, before anything applies it.
    const given: Message[] = [];
    for (const data of scenario.given) {
        const event = model.events.get(data.event)!;
        const version = data.version ?? event.version ?? 1;
        const currentVersion = event.version ?? 1;
        // Data of the current version is what upcasting it would give: its aggregate's upcasts are not even built.
        if (version >= currentVersion) {
            given.push({ type: data.event, data: data.data });
            continue;
        }
        const upcasts = model.aggregates.get(event.aggregate)?.upcasts ?? [];
        const current = upcastData(upcasts, data.event, version, currentVersion, data.data);
        if (!current.ok) return cannotRun(current.failure, data.source);
        given.push({ type: data.event, data: current.value });
    }
    const emitted: Message[] = [];
    if (scenario.when) {
        const command = model.commands.get(scenario.when.command)!;
        const aggregate = model.aggregates.get(command.aggregate)!;
        let state = initialState(aggregate);
        const stateBlocks: EvolveHandlerForm[] = [];
        for (const event of given) {
            const evolved = evolve(aggregate, state, event, run.streamId);
            if (!evolved.ok) return cannotRun(evolved.failure, scenario.when.source);
            state = evolved.value.state;
            stateBlocks.push(...evolved.value.appliedBy);
            if (recordSteps) steps.push({ kind: 'given', event, state, appliedBy: evolved.value.appliedBy });
        }
        const commandMessage = { type: command.name, data: scenario.when.data };
        const decidedWith = state; // what the requires saw: a failure message names this, not the state after the events
        const decision = decide(command, scenario.when.data, state, run);
        if (decision.kind === 'failed') return cannotRun(decision.failure, scenario.then?.source ?? scenario.when.source);
        if (decision.kind === 'accepted') {
            emitted.push(...decision.events);
            if (recordSteps) state = stateAfter(aggregate, state, decision.events, run.streamId) ?? state;
        }
        if (recordSteps) steps.push({ kind: 'when', command: commandMessage, decision, state });
        if (scenario.then) {
            const failure = checkThen(scenario.then, decision, { names, state: decidedWith, stateBlocks, scenario, command: names(command.name) });
            if (failure) failures.push(failure);
        }
    }

    for (const expectation of scenario.expects) {
        const readModel = model.readModels.get(expectation.readModel)!;
        let documents: Documents = new Map();
        const applied: AppliedHandler[] = [];
        for (const event of [...given, ...emitted]) {
            const projected = project(readModel, documents, event, run.streamId);
            if (!projected.ok) return cannotRun(projected.failure, expectation.source);
            documents = projected.value.documents;
            applied.push(...projected.value.appliedBy);
        }
        if (recordSteps) steps.push({ kind: 'documents', readModel: readModel.name, documents });
        const failure = checkExpect(expectation, readModel, documents, applied, { names, streamId: run.streamId, scenario });
        if (failure) failures.push(failure);
    }
    return failures.length === 0 ? { kind: 'passed', steps } : { kind: 'failed', failures, steps };
}

/** Why the interpreter cannot run the scenario, or undefined when it can. */
export function whyNotRunnable(model: ModelForm, scenario: ScenarioForm): string | undefined {
    const names = (name: QualifiedName) => shortName(name, scenario.context);
    if (scenario.unrunnable) return scenario.unrunnable;
    if (!scenario.then && scenario.expects.length === 0) return 'it has no `then` or `expect` to check';
    if (!scenario.when && scenario.then) return 'it has a `then` but no `when`';
    // A scenario the validators reject for its shape is not run: their error says what to fix.
    for (const given of scenario.given) {
        const event = model.events.get(given.event);
        if (!event) return `the event ${names(given.event)} is not in the model`;
        const unreadable = unreadableDefault(event.fields);
        if (unreadable) return unreadable;
        // An old version's data is checked against its own shape by the validators.
        const missing = given.version === undefined ? missingFields(event.fields, given.data) : undefined;
        if (missing) return `the given ${names(event.name)} lacks ${missing}`;
    }
    if (scenario.when) {
        const command = model.commands.get(scenario.when.command);
        if (!command) return `the command ${names(scenario.when.command)} is not in the model`;
        const unreadable = unreadableDefault(command.fields) ?? unreadableDefault(model.aggregates.get(command.aggregate)?.state ?? []);
        if (unreadable) return unreadable;
        const missing = missingFields(command.fields, scenario.when.data);
        if (missing) return `the command lacks ${missing}`;
        if (!command.modelled) {
            return `the decision of ${names(command.name)} is hand-written (${command.handWrittenBecause.join('; ')}): the generated tests run this scenario`;
        }
        const aggregate = model.aggregates.get(command.aggregate);
        if (!aggregate) return `the aggregate of ${names(command.name)} is not in the model`;
        const foreign = scenario.given.find(given => model.events.get(given.event)?.aggregate !== aggregate.name);
        if (foreign) return `the given ${names(foreign.event)} is not an event of ${names(aggregate.name)}`;
        const then = scenario.then;
        if (then?.kind === 'rejected' && !command.rejects.includes(then.error) && !command.requires.some(guard => guard.error === then.error)) {
            return `${names(command.name)} does not reject with ${names(then.error)}`;
        }
        const stray = then?.kind === 'events' ? then.events.find(event => !command.emits.some(emit => emit.event === event.event)) : undefined;
        if (stray) return `${names(command.name)} does not emit ${names(stray.event)}`;
        if (scenario.given.length > 0 && !aggregate.evolveModelled) {
            return `the evolve of ${names(aggregate.name)} is hand-written (${aggregate.evolveHandWrittenBecause.join('; ')}): the generated tests run this scenario`;
        }
    }
    for (const expectation of scenario.expects) {
        const readModel = model.readModels.get(expectation.readModel);
        if (!readModel) return `the read model ${names(expectation.readModel)} is not in the model`;
        const unreadable = unreadableDefault([...readModel.keys, ...readModel.fields]);
        if (unreadable) return unreadable;
        if (!readModel.modelled) {
            return `the projection of ${names(readModel.name)} is hand-written (${readModel.handWrittenBecause.join('; ')}): the generated tests run this scenario`;
        }
    }
    return undefined;
}

/** The first default among the fields that is no value (an unresolved name): a run would start from a wrong record. */
function unreadableDefault(fields: readonly FieldForm[]): string | undefined {
    return fields.find(field => field.defaultUnbuildable)?.defaultUnbuildable;
}

/** The required fields (neither optional nor defaulted) the data leaves out, as words; undefined when none. */
function missingFields(fields: readonly FieldForm[], data: RecordValue): string | undefined {
    const missing = fields.filter(field => !field.optional && !field.default && !data.fields.has(field.name)).map(field => field.name);
    return missing.length === 0 ? undefined : `the required ${missing.length === 1 ? 'field' : 'fields'} ${missing.join(', ')}`;
}

interface ThenContext {
    readonly names: (name: QualifiedName) => string;
    readonly state: RecordValue;
    readonly stateBlocks: readonly EvolveHandlerForm[];
    readonly scenario: ScenarioForm;
    readonly command: string;
}

function checkThen(then: ThenForm, decision: Exclude<Decision, { kind: 'failed' }>, context: ThenContext): ScenarioFailure | undefined {
    const { names, scenario } = context;
    if (decision.kind === 'handWritten') return undefined;
    // The texts are built only for a failure: most runs pass, and formatting values was a sixth of a run's cost.
    const expectedText = () => then.kind === 'rejected'
        ? `rejected ${message(names, { type: then.error, data: then.data })}`
        : then.events.map(event => message(names, { type: event.event, data: event.data })).join(', ');
    if (decision.kind === 'rejected') {
        const matches = then.kind === 'rejected' && then.error === decision.rejection.type && matchesSubset(then.data, decision.rejection.data);
        if (matches) return undefined;
        const expected = expectedText();
        const actual = `rejected ${message(names, decision.rejection)}`;
        const guard = describeSource(decision.decidedBy.source, scenario.source) ?? `a requires of ${context.command}`;
        return failure(then.source, expected, actual,
            `${guard} rejected ${context.command} with the state ${formatValue(context.state)}${blocksNote(context.stateBlocks, scenario)}`,
            [decision.decidedBy.source, ...context.stateBlocks.map(block => block.source)]);
    }
    if (then.kind === 'events' && then.events.length === decision.events.length
        && then.events.every((event, index) => event.event === decision.events[index].type && matchesSubset(event.data, decision.events[index].data))) {
        return undefined;
    }
    const expected = expectedText();
    const actual = decision.events.length === 0 ? 'no events' : decision.events.map(event => message(names, event)).join(', ');
    const because = then.kind === 'rejected'
        ? `every requires of ${context.command} held with the state ${formatValue(context.state)}${blocksNote(context.stateBlocks, scenario)}`
        : `built by ${decision.emittedBy.map(emit => describeSource(emit.source, scenario.source, 'emits ')).filter(Boolean).join(', ') || `the emits of ${context.command}`}`;
    return failure(then.source, expected, `${actual}`, because, [
        ...(then.kind === 'rejected' ? context.stateBlocks.map(block => block.source) : decision.emittedBy.map(emit => emit.source))
    ]);
}

interface ExpectContext {
    readonly names: (name: QualifiedName) => string;
    readonly streamId: string;
    readonly scenario: ScenarioForm;
}

function checkExpect(
    expectation: ExpectForm, readModel: ReadModelForm, documents: Documents, applied: readonly AppliedHandler[], context: ExpectContext
): ScenarioFailure | undefined {
    const { names, scenario } = context;
    // Key fields the expectation names select the document; the others are the scenario's stream id.
    const keys = recordValue(readModel.keys.map(key => {
        const given = fieldOf(expectation.data, key.name);
        return [key.name, given.kind === 'absent' ? stringValue(context.streamId) : given] as const;
    }));
    const id = documentKey(readModel, keys);
    const document = documents.get(id);
    if (expectation.none ? !document : document && matchesSubset(expectation.data, document)) return undefined;
    // What follows only words the failure.
    const blocks = applied.filter(entry => entry.document === id);
    const sources = blocks.map(entry => entry.handler.source);
    const decidedBy = [...new Set(sources)].map(source => describeSource(source, scenario.source)).filter(Boolean).join(', ');
    const readModelName = names(readModel.name);
    const keyText = readModel.keys.map(key => `${key.name} = ${formatValue(fieldOf(keys, key.name))}`).join(', ');
    if (expectation.none && document) {
        return failure(expectation.source, `no ${readModelName}`, `${readModelName} ${formatValue(document)}`,
            decidedBy ? `written by ${decidedBy}` : '', sources);
    }
    const expected = `${readModelName} ${formatValue(expectation.data)}`;
    if (!document) {
        const deleted = blocks.find(entry => entry.deleted);
        const because = deleted
            ? `deleted by ${describeSource(deleted.handler.source, scenario.source) ?? 'a delete'}`
            : `no \`on\` block of ${readModelName} handled an event of this scenario for it`;
        return failure(expectation.source, expected, `no ${readModelName} document for ${keyText}`, because, sources);
    }
    return failure(expectation.source, expected, `${readModelName} ${formatValue(document)}`,
        decidedBy ? `projected by ${decidedBy}` : '', sources);
}

function failure(source: AstNode | undefined, expected: string, actual: string, because: string, decidedBy: readonly (AstNode | undefined)[]): ScenarioFailure {
    return {
        source, expected, actual,
        message: `expected ${expected}, but the model gives ${actual}${because ? `: ${because}` : ''}`,
        decidedBy: decidedBy.filter((node): node is AstNode => node !== undefined)
    };
}

function stateAfter(aggregate: AggregateForm, state: RecordValue, events: readonly Message[], streamId: string): RecordValue | undefined {
    let current = state;
    for (const event of events) {
        const evolved = evolve(aggregate, current, event, streamId);
        if (!evolved.ok) return undefined;
        current = evolved.value.state;
    }
    return current;
}

function blocksNote(blocks: readonly EvolveHandlerForm[], scenario: ScenarioForm): string {
    const described = [...new Set(blocks.map(block => block.source))].map(source => describeSource(source, scenario.source)).filter(Boolean);
    return described.length === 0 ? '' : ` (after ${described.join(', ')})`;
}

function message(names: (name: QualifiedName) => string, value: Message): string {
    return value.data.fields.size === 0 ? names(value.type) : `${names(value.type)} ${formatValue(value.data)}`;
}

function at_(source: AstNode | undefined, from: AstNode | undefined): string {
    const described = describeSource(source, from);
    return described ? ` (at ${described})` : '';
}

/** `Banking.MoneyWithdrawn` as `MoneyWithdrawn` inside Banking, in full elsewhere. */
export function shortName(name: QualifiedName, context: string): string {
    return name.startsWith(`${context}.`) ? name.slice(context.length + 1) : name;
}
