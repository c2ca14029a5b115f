/**
 * `<out>/eventloom.ts`: what every context's generated code shares, written once per output
 * folder so that two contexts' `index.ts` never export the same name (a user imports each
 * context's deciders side by side, and these helpers from here). One `RejectionError` class for
 * all contexts, so `instanceof` and `isRejectionError` work whichever context refused.
 */
import { DECIMAL_HELPER_SOURCE } from './decimal-source.js';

/** The names this file exports; generated files import them from `../eventloom.js`. */
export const SHARED_TYPE_NAMES: ReadonlySet<string> = new Set([
    'Decimal', 'Timestamp', 'IsoDate', 'Uuid', 'CommandMetadata', 'EventMetadata', 'StoredEvent', 'Rejection', 'AnyRejection',
    'DecisionContext', 'Decider', 'Projection', 'PolicyContext', 'EmmettDecider'
]);

export const SHARED_MODULE = 'eventloom';

export const RUNTIME_SOURCE = `/**
 * The model's \`decimal\`: an exact decimal number as its decimal text, for example \`'12.50'\`.
 * Never a JavaScript \`number\`: binary floats cannot hold 0.10 exactly, and amounts must add up to
 * the cent. Compute with \`decimal\` below (exact, scaled BigInt) and store the text.
 */
export type Decimal = string;
/**
 * The model's \`timestamp\`: an ISO-8601 date-time in UTC, for example \`'2026-11-26T16:12:43.000Z'\`.
 * A string because events are stored as JSON, which has no date type.
 */
export type Timestamp = string;
/** The model's \`date\`: an ISO-8601 calendar date, for example \`'2026-11-26'\`. */
export type IsoDate = string;
/** The model's \`uuid\`: a UUID in its canonical text form. */
export type Uuid = string;
/** Metadata a command may carry; the same shape as Emmett's \`DefaultCommandMetadata\`. */
export type CommandMetadata = { readonly now: Date };
/** Metadata an event may carry (correlation ids, the user who caused it, …). */
export type EventMetadata = Readonly<Record<string, unknown>>;
/**
 * An event as read back from the event store: projections receive these. Its
 * \`metadata.streamName\` (as in Emmett's \`ReadEvent\`) names the aggregate's stream, and through
 * it the aggregate id, see \`streamIdOf\`.
 */
export type StoredEvent<E> = E & { readonly metadata: { readonly streamName: string } };
/**
 * A command refused by a domain rule (an \`error\` of the model): \`decide\` returns it instead of
 * throwing, so every caller sees in the types which refusals to expect.
 */
export type Rejection<Type extends string, Data> = { readonly kind: 'Rejection'; readonly type: Type; readonly data: Data };
/** Any context's rejection. */
export type AnyRejection = Rejection<string, unknown>;

/**
 * What \`decide\` may not invent by itself: the time of the command and fresh ids. Injected, so
 * that deciding is pure and replays and tests are deterministic (no \`Date.now()\` or
 * \`randomUUID()\` inside a decider).
 */
export interface DecisionContext {
    /** The command's time, as the events record it. */
    readonly now: Timestamp;
    /** A fresh id on every call. */
    readonly newId: () => Uuid;
    /** The id of the stream decided for, when a modelled rule reads it (an event field filled from the stream id). */
    readonly streamId?: string;
}

/** The stream id a modelled rule reads; a decision that needs it without one is a programming error. */
export function streamIdOfDecision(context: DecisionContext): string {
    if (context.streamId === undefined) throw new Error('This command fills a field from the stream id: pass streamId in the DecisionContext.');
    return context.streamId;
}

/** An aggregate's decider. \`toEmmettDecider\` turns it into an Emmett \`Decider\`. */
export interface Decider<State, Command, Event, Refusal> {
    readonly decide: (command: Command, state: State, context: DecisionContext) => Event[] | Refusal;
    readonly evolve: (state: State, event: Event) => State;
    readonly initialState: () => State;
}

/**
 * A read model's projection, in the shape of Emmett's \`inMemorySingleStreamProjection\` /
 * \`inMemoryMultiStreamProjection\` options (pass \`collectionName: projection.name\`). \`evolve\`
 * returns \`null\` to delete the document, as Emmett's document evolve does.
 */
export interface Projection<Document, Event extends { readonly type: string }> {
    readonly name: string;
    readonly canHandle: Event['type'][];
    readonly getDocumentId: (event: StoredEvent<Event>) => string;
    readonly evolve: (document: Document | null, event: StoredEvent<Event>) => Document | null;
}

/**
 * What a policy gets besides the event: the id of the stream the event was appended to. Emmett's
 * command handler returns its new events without metadata; pass the stream id you handled.
 */
export interface PolicyContext {
    readonly streamId: string;
    /** Fresh ids, for a policy whose command starts a new aggregate (\`newId\` in its mapping); the app passes its own. */
    readonly newId?: () => Uuid;
}

/** The fresh ids of a policy that draws them; a call without them in the context is a programming error. */
export function newIdOfPolicy(context: PolicyContext): () => Uuid {
    if (!context.newId) throw new Error('This policy starts a new aggregate (newId in its mapping): pass newId in the PolicyContext.');
    return context.newId;
}

/** The stream of one aggregate instance: \`BankAccount-<id>\` (aggregate names contain no \`-\`). */
export function streamNameOf(aggregate: string, id: string): string {
    return \`\${aggregate}-\${id}\`;
}

/**
 * The aggregate id in a stream name made by \`streamNameOf(aggregate, id)\`: everything after
 * \`<aggregate>-\`, whatever characters the id holds (a uuid has \`-\` in it). How a projection keyed
 * by the aggregate id gets it from an event that does not carry it. A stream of another
 * aggregate, or named otherwise, is an error: never a wrong id.
 */
export function streamIdOf(streamName: string, aggregate: string): string {
    const prefix = \`\${aggregate}-\`;
    if (!streamName.startsWith(prefix)) throw new Error(\`Stream "\${streamName}" is not a \${aggregate} stream (\${prefix}<id>).\`);
    return streamName.slice(prefix.length);
}

/** Whether \`decide\` refused the command. */
export function isRejection<Event, Refusal extends AnyRejection>(result: Event[] | Refusal): result is Refusal {
    return !Array.isArray(result);
}

/** Makes a \`switch\` on a message \`type\` exhaustive: a new command or event breaks compilation where it must be handled. */
export function assertNever(value: never): never {
    throw new Error(\`Unexpected message type: \${JSON.stringify(value)}\`);
}

/** A rejection thrown as an error, for code (such as Emmett) that expects \`decide\` to throw. */
export class RejectionError<Refusal extends AnyRejection = AnyRejection> extends Error {
    readonly rejection: Refusal;

    constructor(rejection: Refusal) {
        super(\`Rejected: \${rejection.type}\`);
        this.name = 'RejectionError';
        this.rejection = rejection;
    }
}

/**
 * Whether a caught error is a rejection of any context, narrowed by the aggregate's guard when
 * one is given: \`if (isRejectionError(error, isBankAccountRejection)) error.rejection.type\` is
 * typed. Structural, so it also holds for an error thrown by another copy of this module.
 */
export function isRejectionError(error: unknown): error is RejectionError;
export function isRejectionError<Refusal extends AnyRejection>(error: unknown, isRefusal: (rejection: AnyRejection) => rejection is Refusal): error is RejectionError<Refusal>;
export function isRejectionError(error: unknown, isRefusal?: (rejection: AnyRejection) => boolean): boolean {
    if (!(error instanceof Error) || error.name !== 'RejectionError' || !('rejection' in error)) return false;
    const rejection = error.rejection;
    if (typeof rejection !== 'object' || rejection === null || !('kind' in rejection) || rejection.kind !== 'Rejection') return false;
    return isRefusal === undefined || ('type' in rejection && typeof rejection.type === 'string' && isRefusal(rejection as AnyRejection));
}

/** The shape of Emmett's \`Decider\`: \`decide\` returns events and throws when it refuses. */
export interface EmmettDecider<State, Command, Event> {
    decide: (command: Command, state: State) => Event[];
    evolve: (state: State, event: Event) => State;
    initialState: () => State;
}

/** Where the Emmett bridge takes the time and ids from (default: the command's \`metadata.now\`, else the clock; \`crypto.randomUUID\`). */
export interface DecisionSource {
    readonly now?: () => Timestamp;
    readonly newId?: () => Uuid;
}

/**
 * The same decider with rejections thrown as \`RejectionError\`: what Emmett's
 * \`Decider<State, Command, Event>\` accepts as it is.
 */
export function toEmmettDecider<State, Command extends { readonly metadata?: CommandMetadata }, Event, Refusal extends AnyRejection>(
    decider: Decider<State, Command, Event, Refusal>, source: DecisionSource = {}
): EmmettDecider<State, Command, Event> {
    return {
        decide: (command, state) => {
            const context: DecisionContext = {
                now: source.now?.() ?? (command.metadata?.now ?? new Date()).toISOString(),
                newId: source.newId ?? randomId
            };
            const result = decider.decide(command, state, context);
            if (isRejection(result)) throw new RejectionError(result);
            return result;
        },
        evolve: decider.evolve,
        initialState: decider.initialState
    };
}

function randomId(): Uuid {
    const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
    if (!crypto?.randomUUID) throw new Error('No crypto.randomUUID here: pass newId to toEmmettDecider.');
    return crypto.randomUUID();
}

${DECIMAL_HELPER_SOURCE}`;
