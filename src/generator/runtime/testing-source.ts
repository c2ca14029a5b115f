/**
 * `<out>/eventloom-testing.ts`: how a generated scenario runs and checks its outcome, shared by
 * every context's `scenarios.ts`. It mirrors the interpreter's rules (`src/semantics/`): `then`
 * events and rejections match as subsets (nested records too; lists and scalars exactly), numbers
 * by value (`'12.5'` equals `'12.50'`), a fixed clock and deterministic ids (`scenario-clock.ts`).
 * No `node:` import here, so it type-checks anywhere; `scenarios.test.ts` adds the runner.
 */
export const TESTING_MODULE = 'eventloom-testing';

export const TESTING_SOURCE = `import type { Decider, DecisionContext, Projection, AnyRejection } from './eventloom.js';
import { decimal, isRejection, streamNameOf } from './eventloom.js';

/**
 * Where a message's decimals and enum members are (the rest compare as they are): \`'decimal'\`,
 * \`'enum'\`, a record of the fields that hold one, or \`[item]\` for a list.
 */
export type Shape = 'decimal' | 'enum' | { readonly [field: string]: Shape } | readonly [Shape];
/** The shapes of a context's messages and documents, by type name. */
export type Shapes = { readonly [type: string]: Shape | undefined };

/** What a scenario may leave out: any field of a record, at any depth (lists are compared whole). */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;
/** An expected event or rejection: its type and the fields the scenario cares about. */
export type Expected<M> = M extends { readonly type: infer Type; readonly data: infer Data } ? { readonly type: Type; readonly data?: DeepPartial<Data> } : never;

/** Why a scenario failed, in the words \`eventloom test\` prints: \`expected …, got …\`. */
export interface ScenarioFailure {
    readonly expected: string;
    readonly actual: string;
}

/** One scenario of the model, ready to run. */
export interface Scenario {
    readonly name: string;
    /** Where it is written: \`banking.loom:72:1\` (relative to the model's folder). */
    readonly source: string;
    readonly context: string;
    /** Runs it: undefined when it passes. */
    readonly run: () => ScenarioFailure | undefined;
    /** What the run produced (the decision's events or rejection, each expected document or null), for comparing with the interpreter. */
    readonly outcome?: () => { readonly decision?: unknown; readonly documents: readonly unknown[] };
}

/** The fixed clock of every scenario run, as the interpreter's. */
export const SCENARIO_NOW = '2026-01-01T00:00:00.000Z';

/** The deterministic ids of one scenario: its stream id with the last group counting 1, 2, … */
export function scenarioContext(streamId: string): DecisionContext {
    let drawn = 0;
    const prefix = streamId.slice(0, streamId.lastIndexOf('-') + 1);
    return { now: SCENARIO_NOW, newId: () => \`\${prefix}\${String(++drawn).padStart(12, '0')}\`, streamId };
}

/** \`expect R { … }\` / \`expect no R\`: a read model's document after the scenario's events. */
export interface ExpectedDocument<Document, Event extends { readonly type: string }> {
    readonly projection: Projection<Document, Event>;
    /** The document's id (\`getDocumentId\`); the scenario's stream id when not given. */
    readonly documentId?: string;
    /** The fields to match, or null for \`expect no R\`. */
    readonly document: DeepPartial<Document> | null;
}

/** An \`expect\`, its fields typed by the projection's document (no casts). */
export function expectDocument<Document, Event extends { readonly type: string }>(expect: {
    readonly projection: Projection<Document, Event>;
    readonly documentId?: string;
    readonly document: NoInfer<DeepPartial<Document>> | null;
}): ExpectedDocument<Document, Event> {
    return expect;
}

export interface DecisionScenario<State, Command, Event extends { readonly type: string; readonly data: unknown }, Refusal extends AnyRejection> {
    readonly name: string;
    readonly source: string;
    readonly context: string;
    /** The aggregate whose stream the scenario's events are on. */
    readonly aggregate: string;
    readonly streamId: string;
    readonly decider: Decider<State, Command, Event, Refusal>;
    readonly given: readonly NoInfer<Event>[];
    readonly when: NoInfer<Command>;
    readonly then?: NoInfer<{ readonly events: readonly Expected<Event>[] } | { readonly rejected: Expected<Refusal> }>;
    readonly expects?: readonly ExpectedDocument<any, any>[];
    readonly shapes: Shapes;
}

/** A scenario with a \`when\`: folds \`given\` through \`evolve\`, decides, checks \`then\` and \`expect\`. */
export function decisionScenario<State, Command, Event extends { readonly type: string; readonly data: unknown }, Refusal extends AnyRejection>(
    spec: DecisionScenario<State, Command, Event, Refusal>
): Scenario {
    return {
        name: spec.name, source: spec.source, context: spec.context,
        outcome: () => {
            const decision = spec.decider.decide(spec.when, spec.given.reduce(spec.decider.evolve, spec.decider.initialState()), scenarioContext(spec.streamId));
            const emitted = isRejection(decision) ? [] : decision;
            return { decision, documents: documentsAfter(spec.expects ?? [], [...spec.given, ...emitted], () => spec.aggregate, spec.streamId) };
        },
        run: () => {
            let outcome: Event[] | Refusal;
            try {
                const state = spec.given.reduce(spec.decider.evolve, spec.decider.initialState());
                outcome = spec.decider.decide(spec.when, state, scenarioContext(spec.streamId));
            } catch (error) {
                return { expected: spec.then ? describeThen(spec.then, spec.shapes) : 'a decision', actual: \`an error: \${messageOf(error)}\` };
            }
            if (spec.then) {
                const failure = checkThen(spec.then, outcome, spec.shapes);
                if (failure) return failure;
            }
            const emitted = isRejection(outcome) ? [] : outcome;
            return checkDocuments(spec.expects ?? [], [...spec.given, ...emitted], () => spec.aggregate, spec.streamId, spec.shapes);
        }
    };
}

export interface ProjectionScenario<Event extends { readonly type: string; readonly data: unknown }> {
    readonly name: string;
    readonly source: string;
    readonly context: string;
    /** The aggregate of each given event's type: the stream is \`<Aggregate>-<streamId>\` for each. */
    readonly aggregates: { readonly [type: string]: string };
    readonly streamId: string;
    /** Events the expected read models handle (of any context), all on the scenario's stream id. */
    readonly given: readonly NoInfer<Event>[];
    readonly expects: readonly ExpectedDocument<any, any>[];
    readonly shapes: Shapes;
}

/** A scenario without \`when\`: projects \`given\` and checks each \`expect\`. */
export function projectionScenario<Event extends { readonly type: string; readonly data: unknown }>(spec: ProjectionScenario<Event>): Scenario {
    return {
        name: spec.name, source: spec.source, context: spec.context,
        outcome: () => ({ documents: documentsAfter(spec.expects, spec.given, type => spec.aggregates[type] ?? '', spec.streamId) }),
        run: () => checkDocuments(spec.expects, spec.given, type => spec.aggregates[type] ?? '', spec.streamId, spec.shapes)
    };
}

function checkThen<Event extends { readonly type: string }, Refusal extends AnyRejection>(
    then: { readonly events: readonly Expected<Event>[] } | { readonly rejected: Expected<Refusal> }, outcome: Event[] | Refusal, shapes: Shapes
): ScenarioFailure | undefined {
    const expected = describeThen(then, shapes);
    if ('rejected' in then) {
        const wanted = then.rejected as { readonly type: string; readonly data?: unknown };
        if (isRejection(outcome) && outcome.type === wanted.type && matches(wanted.data ?? {}, outcome.data, shapes[outcome.type])) return undefined;
        return { expected, actual: describeOutcome(outcome, shapes) };
    }
    const wanted = then.events as readonly { readonly type: string; readonly data?: unknown }[];
    if (!isRejection(outcome) && outcome.length === wanted.length
        && wanted.every((event, index) => {
            const actual = outcome[index] as unknown as { readonly type: string; readonly data: unknown };
            return actual.type === event.type && matches(event.data ?? {}, actual.data, shapes[event.type]);
        })) return undefined;
    return { expected, actual: describeOutcome(outcome, shapes) };
}

function checkDocuments(expects: readonly ExpectedDocument<any, any>[], events: readonly { readonly type: string; readonly data: unknown }[],
    aggregateOf: (type: string) => string, streamId: string, shapes: Shapes): ScenarioFailure | undefined {
    for (const expect of expects) {
        const { projection } = expect;
        let document: unknown;
        try {
            document = projected(projection, events, aggregateOf, streamId).get(expect.documentId ?? streamId) ?? null;
        } catch (error) {
            return { expected: describeExpect(expect, shapes), actual: \`an error: \${messageOf(error)}\` };
        }
        const pass = expect.document === null ? document === null : document !== null && matches(expect.document, document, shapes[projection.name]);
        if (!pass) {
            return { expected: describeExpect(expect, shapes), actual: document === null ? \`no \${projection.name}\` : \`\${projection.name} \${format(document, shapes[projection.name])}\` };
        }
    }
    return undefined;
}

/** Every expected read model's document (or null) after the events, for comparing with the interpreter. */
function documentsAfter(expects: readonly ExpectedDocument<any, any>[], events: readonly { readonly type: string; readonly data: unknown }[],
    aggregateOf: (type: string) => string, streamId: string): unknown[] {
    return expects.map(expect => projected(expect.projection, events, aggregateOf, streamId).get(expect.documentId ?? streamId) ?? null);
}

/** The documents by id after applying the events the projection handles, each on its aggregate's stream. */
function projected(projection: Projection<any, any>, events: readonly { readonly type: string; readonly data: unknown }[],
    aggregateOf: (type: string) => string, streamId: string): Map<string, unknown> {
    const documents = new Map<string, unknown>();
    for (const event of events) {
        if (!projection.canHandle.includes(event.type)) continue;
        const stored = { ...event, metadata: { streamName: streamNameOf(aggregateOf(event.type), streamId) } };
        const key = projection.getDocumentId(stored);
        const next = projection.evolve(documents.get(key) ?? null, stored);
        if (next === null) documents.delete(key);
        else documents.set(key, next);
    }
    return documents;
}

/** Whether \`actual\` has every field \`expected\` names, equal; nested records as subsets, lists and scalars exactly. */
function matches(expected: unknown, actual: unknown, shape: Shape | undefined): boolean {
    if (isRecord(expected) && isRecord(actual)) {
        return Object.entries(expected).every(([name, value]) => value === undefined ? actual[name] === undefined
            : matches(value, actual[name], fieldShape(shape, name)));
    }
    return equal(expected, actual, shape);
}

function equal(a: unknown, b: unknown, shape: Shape | undefined): boolean {
    if (shape === 'decimal' && typeof a === 'string' && typeof b === 'string') return decimal.equals(a, b);
    if (Array.isArray(a) && Array.isArray(b)) {
        const item = Array.isArray(shape) ? shape[0] : undefined;
        return a.length === b.length && a.every((value, index) => equal(value, b[index], item));
    }
    if (isRecord(a) && isRecord(b)) {
        const names = new Set([...Object.keys(a), ...Object.keys(b)].filter(name => a[name] !== undefined || b[name] !== undefined));
        return [...names].every(name => equal(a[name], b[name], fieldShape(shape, name)));
    }
    return a === b;
}

function fieldShape(shape: Shape | undefined, name: string): Shape | undefined {
    return shape !== undefined && typeof shape === 'object' && !Array.isArray(shape) ? (shape as { readonly [field: string]: Shape })[name] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeThen(then: { readonly events: readonly unknown[] } | { readonly rejected: unknown }, shapes: Shapes): string {
    if ('rejected' in then) return \`rejected \${describeMessage(then.rejected, shapes)}\`;
    return then.events.length === 0 ? 'no events' : then.events.map(event => describeMessage(event, shapes)).join(', ');
}

function describeExpect(expect: ExpectedDocument<any, any>, shapes: Shapes): string {
    const name = expect.projection.name;
    return expect.document === null ? \`no \${name}\` : \`\${name} \${format(expect.document, shapes[name])}\`;
}

function describeOutcome(outcome: unknown, shapes: Shapes): string {
    if (Array.isArray(outcome)) return outcome.length === 0 ? 'no events' : outcome.map(event => describeMessage(event, shapes)).join(', ');
    return \`rejected \${describeMessage(outcome, shapes)}\`;
}

function describeMessage(message: unknown, shapes: Shapes): string {
    if (!isRecord(message) || typeof message.type !== 'string') return format(message, undefined);
    const data = message.data;
    return isRecord(data) && Object.keys(data).length > 0 ? \`\${message.type} \${format(data, shapes[message.type])}\` : message.type;
}

/** A value as the model writes it: \`"Ann"\`, \`99.90\`, \`EUR\`, \`[1, 2]\`, \`{ a: 1 }\`. */
function format(value: unknown, shape: Shape | undefined): string {
    if (value === undefined || value === null) return 'nothing';
    if (typeof value === 'string') return shape === 'decimal' || shape === 'enum' ? value : JSON.stringify(value);
    if (Array.isArray(value)) return \`[\${value.map(item => format(item, Array.isArray(shape) ? shape[0] : undefined)).join(', ')}]\`;
    if (isRecord(value)) {
        const fields = Object.entries(value).filter(([, field]) => field !== undefined);
        return fields.length === 0 ? '{}' : \`{ \${fields.map(([name, field]) => \`\${name}: \${format(field, fieldShape(shape, name))}\`).join(', ')} }\`;
    }
    return String(value);
}

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
`;
