/**
 * Eventloom's runtime for the generated application on Emmett: opening a store by URL with the
 * model's projections registered inline, the documents they keep, running a command (read the
 * stream, decide, append with optimistic concurrency, then the policies), and checking JSON input
 * against the model's field types. The generator copies this file verbatim into `<out>/runtime.ts`;
 * `<out>/app.ts` wires the model's deciders, projections, queries and policies to it.
 *
 * It depends on Emmett only: `@event-driven-io/emmett`, plus `@event-driven-io/emmett-sqlite` (and
 * `sqlite3`) for `sqlite:` and `@event-driven-io/emmett-postgresql` for `postgresql://`, each loaded
 * only when a store of that kind is opened.
 */
import {
    CommandHandler, ExpectedVersionConflictError, STREAM_DOES_NOT_EXIST, STREAM_EXISTS, getInMemoryEventStore,
    isExpectedVersionConflictError, projections as emmettProjections,
    type AppendToStreamOptions, type Event, type EventStore, type ReadEvent
} from '@event-driven-io/emmett';

// ─── Documents ────────────────────────────────────────────────────────────────────────────────

/** A read model's projection as the generated `<read-model>.projection.ts` exports it. */
export interface DocumentProjection {
    /** The read model's name: the collection its documents live in. */
    readonly name: string;
    readonly canHandle: readonly string[];
    readonly getDocumentId: (event: never) => string;
    /** The next document, or `null` when the event deletes it. */
    readonly evolve: (document: never, event: never) => unknown;
    /**
     * Reads a stored event of any version as its newest shape (the `upcast<Context>Event` of the
     * contexts whose versioned events the read model handles), so the projection sees only that.
     */
    readonly upcast?: (event: never) => unknown;
}

export type Document = Record<string, unknown>;
/** Equality filter on a document's top-level fields; `undefined` values are ignored. */
export type DocumentFilter = Record<string, unknown>;

/** Read access to the projected documents, the same on every store. */
export interface Documents {
    get(collection: string, id: string): Promise<Document | null>;
    find(collection: string, filter: DocumentFilter): Promise<Document[]>;
}

/** An Emmett event store opened by `openEventStore`, with the documents its projections keep. */
export type ModelEventStore = EventStore & {
    readonly kind: 'memory' | 'sqlite' | 'postgresql';
    readonly documents: Documents;
    /** Releases the store (connections, file handles). */
    close(): Promise<void>;
};

type ProjectionCall = { evolve(document: Document | null, event: ReadEvent<Event>): Document | null; getDocumentId(event: ReadEvent<Event>): string };

/** The projection as the stores call it: every event upcast to its newest shape first. */
function call(projection: DocumentProjection): ProjectionCall {
    const typed = projection as unknown as ProjectionCall & { upcast?: (event: ReadEvent<Event>) => ReadEvent<Event> };
    const upcast = typed.upcast;
    if (!upcast) return typed;
    return {
        evolve: (document, event) => typed.evolve(document, upcast(event)),
        getDocumentId: event => typed.getDocumentId(upcast(event))
    };
}

/** Documents are returned without the bookkeeping fields some stores add (`_id`, `_version`). */
function plain(document: Document | null | undefined): Document | null {
    if (!document) return null;
    return Object.fromEntries(Object.entries(document).filter(([field]) => field !== '_id' && field !== '_version'));
}

function matches(document: Document, filter: DocumentFilter): boolean {
    return Object.entries(filter).every(([field, value]) => value === undefined || sameValue(document[field], value));
}

function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

function metadataOf(event: Event): Record<string, unknown> {
    return (event as { metadata?: Record<string, unknown> }).metadata ?? {};
}

/** Documents found by a filter come in the order of their ids, on every store. */
function compareIds(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** The document of this key, if its other fields also equal the filter. */
export async function findByKey(documents: Documents, collection: string, id: string, filter: DocumentFilter): Promise<Document | null> {
    const document = await documents.get(collection, id);
    return document && matches(document, filter) ? document : null;
}

/** Serialises async work: SQLite has one writer and one shared connection here. */
function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
    let tail: Promise<unknown> = Promise.resolve();
    return <T>(work: () => Promise<T>) => {
        const run = tail.then(work, work);
        tail = run.catch(() => undefined);
        return run;
    };
}

// ─── Opening a store ──────────────────────────────────────────────────────────────────────────

/**
 * Opens the event store a URL names, with the projections registered inline:
 * - `memory:` Emmett's in-memory store (tests, demos);
 * - `sqlite:<file>` (or `sqlite::memory:`) Emmett's SQLite store in one file: the embedded default;
 * - `postgresql://…` (or `postgres://…`) Emmett's PostgreSQL store, documents in Pongo collections.
 */
export async function openStore(url: string, projections: readonly DocumentProjection[]): Promise<ModelEventStore> {
    if (url === 'memory:' || url === 'memory') return openMemoryStore(projections);
    if (url.startsWith('sqlite:')) {
        const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
        if (!file) throw new Error('A SQLite URL names its file: sqlite:shop.sqlite (or sqlite::memory:).');
        return openSqliteStore(file, projections);
    }
    if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url, projections);
    throw new Error(`Unknown event store URL "${url}": use memory:, sqlite:<file> or postgresql://user@host:port/database.`);
}

function asJson<T>(value: T): T {
    return value === undefined ? value : JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Emmett's in-memory store appends before it projects, so a failing projection would leave the
 * events behind. Here the documents are computed first on a copy, the events appended, and only
 * then the documents committed, one append at a time: all or nothing, as on the SQL stores.
 */
function openMemoryStore(projections: readonly DocumentProjection[]): ModelEventStore {
    const store = getInMemoryEventStore();
    const collections = new Map<string, Map<string, Document>>();
    const collection = (name: string) => {
        let documents = collections.get(name);
        if (!documents) collections.set(name, documents = new Map());
        return documents;
    };
    const exclusive = serialQueue();
    const append = store.appendToStream.bind(store);
    const appendToStream = ((streamName: string, decided: Event[], options?: AppendToStreamOptions) => exclusive(async () => {
        // Kept as the SQL stores keep them, as JSON: an optional field left undefined is absent, on every store.
        const events = decided.map(event => ({ ...event, data: asJson(event.data) }));
        const current = await store.readStream(streamName);
        const staged = new Map<string, Map<string, Document | null>>();
        let position = current.currentStreamVersion;
        for (const event of events) {
            position += 1n;
            const read = { ...event, metadata: { ...metadataOf(event), streamName, streamPosition: position } } as unknown as ReadEvent<Event>;
            for (const projection of projections) {
                if (!projection.canHandle.includes(event.type)) continue;
                const id = call(projection).getDocumentId(read);
                const changes = staged.get(projection.name) ?? new Map<string, Document | null>();
                staged.set(projection.name, changes);
                const before = changes.has(id) ? changes.get(id)! : collection(projection.name).get(id) ?? null;
                changes.set(id, call(projection).evolve(before === null ? null : { ...before }, read));
            }
        }
        const result = await append(streamName, events, options);
        for (const [name, changes] of staged) {
            for (const [id, document] of changes) {
                if (document === null) collection(name).delete(id);
                else collection(name).set(id, asJson(document));
            }
        }
        return result;
    })) as EventStore['appendToStream'];
    const documents: Documents = {
        get: async (name, id) => plain(collection(name).get(id)),
        find: async (name, filter) => [...collection(name).entries()].sort(([a], [b]) => compareIds(a, b))
            .map(([, document]) => document).filter(document => matches(document, filter)).map(document => plain(document)!)
    };
    return Object.assign(store, { appendToStream, kind: 'memory' as const, documents, close: async () => undefined });
}

const DOCUMENTS_TABLE = 'eventloom_documents';

/**
 * The expected version as the SQL stores of Emmett (0.42) check it. They check only a number:
 * `STREAM_DOES_NOT_EXIST` (what a command on a new stream expects) becomes "no check", so two
 * commands creating one stream concurrently would both append. Expecting 0 instead makes the
 * store's insert of the stream row the check (a duplicate key is a version conflict), in the
 * append's own statement: no extra read.
 */
function sqlExpectedVersion<Options extends AppendToStreamOptions | undefined>(options: Options): Options {
    return options?.expectedStreamVersion === STREAM_DOES_NOT_EXIST ? { ...options, expectedStreamVersion: 0n } : options;
}

/** The store, its append given `sqlExpectedVersion`. */
function checkingNewStreams<Store extends EventStore>(store: Store): Store {
    const append = store.appendToStream.bind(store);
    return Object.assign(store, {
        appendToStream: ((streamName: string, events: Event[], options?: AppendToStreamOptions) => append(streamName, events, sqlExpectedVersion(options))) as Store['appendToStream']
    });
}

/** `STREAM_EXISTS`, which Emmett's SQLite store does not check either (the app never expects it; a user's code may). */
async function checkStreamExists(connection: SqliteConnection, streamsTable: string, streamName: string, options: AppendToStreamOptions | undefined): Promise<void> {
    if (options?.expectedStreamVersion !== STREAM_EXISTS) return;
    const row = await connection.querySingle<{ stream_position: number | bigint | string }>(
        `SELECT stream_position FROM ${streamsTable} WHERE stream_id = ? AND is_archived = 0`, [streamName]);
    if (!row) throw new ExpectedVersionConflictError(0n, STREAM_EXISTS);
}

interface SqliteConnection {
    withTransaction<T>(work: () => Promise<T>): Promise<T>;
    command(sql: string, values?: unknown[]): Promise<unknown>;
    query<T>(sql: string, values?: unknown[]): Promise<T[]>;
    querySingle<T>(sql: string, values?: unknown[]): Promise<T | null>;
    close(): void;
}

/**
 * The connection with transactions of its own: Emmett's (0.42.4) print every error that rolls one
 * back on the console, a version conflict that is then retried included. Nested calls join the
 * outermost transaction, as Emmett's do.
 */
function silentTransactions(connection: SqliteConnection): SqliteConnection {
    let depth = 0;
    const withTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
        const outermost = depth === 0;
        if (outermost) await connection.command('BEGIN IMMEDIATE TRANSACTION');
        depth++;
        try {
            const result = await work();
            if (outermost) await connection.command('COMMIT');
            return result;
        } catch (error) {
            // The error that failed the work is the one to report; a ROLLBACK that fails finds no transaction open.
            if (outermost) await connection.command('ROLLBACK').catch(() => undefined);
            throw error;
        } finally {
            depth--;
        }
    };
    return { ...connection, withTransaction };
}

/**
 * Emmett's SQLite store opens a connection per call by default; concurrent commands on one file
 * then fail with SQLITE_BUSY. One connection, used one operation at a time, is both faster and
 * correct (SQLite has a single writer anyway); optimistic concurrency still guards each append.
 * Documents live in one table, written by an inline projection inside the append's transaction.
 */
async function openSqliteStore(file: string, projections: readonly DocumentProjection[]): Promise<ModelEventStore> {
    const sqlite = await import('@event-driven-io/emmett-sqlite');
    const connection = silentTransactions(sqlite.sqliteConnection({ fileName: file }) as unknown as SqliteConnection);
    // Emmett sends `PRAGMA journal_mode = WAL` without waiting for it, and sqlite3 may run it after
    // the first append's BEGIN: 'cannot change into wal mode from within a transaction', thrown
    // where nothing catches it. Switched here first, that PRAGMA changes nothing, so it cannot fail.
    await connection.command('PRAGMA journal_mode = WAL');
    await connection.command(`CREATE TABLE IF NOT EXISTS ${DOCUMENTS_TABLE} (collection TEXT NOT NULL, id TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (collection, id))`);
    const readDocument = async (db: SqliteConnection, name: string, id: string) => {
        const row = await db.querySingle<{ document: string }>(`SELECT document FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`, [name, id]);
        return row ? JSON.parse(row.document) as Document : null;
    };
    const inline = projections.map(projection => sqlite.sqliteProjection({
        name: projection.name,
        canHandle: [...projection.canHandle],
        handle: async (events, context) => {
            const db = context.connection as unknown as SqliteConnection;
            for (const event of events) {
                const id = call(projection).getDocumentId(event);
                const next = call(projection).evolve(await readDocument(db, projection.name, id), event);
                if (next === null) await db.command(`DELETE FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`, [projection.name, id]);
                else await db.command(`INSERT INTO ${DOCUMENTS_TABLE} (collection, id, document) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET document = excluded.document`, [projection.name, id, JSON.stringify(next)]);
            }
        }
    }));
    const pool = sqlite.SQLiteConnectionPool({ fileName: file, connectionOptions: { singleton: true, connection: connection as never } });
    const store = sqlite.getSQLiteEventStore({ fileName: file, pool, projections: emmettProjections.inline(inline), schema: { autoMigration: 'CreateOrUpdate' } });
    const exclusive = serialQueue();
    const { aggregateStream, readStream, appendToStream } = { ...store }; // the originals, before they are wrapped
    const serialised = {
        aggregateStream: ((...args: Parameters<EventStore['aggregateStream']>) => exclusive(() => aggregateStream(...args))) as EventStore['aggregateStream'],
        readStream: ((...args: Parameters<EventStore['readStream']>) => exclusive(() => readStream(...args))) as EventStore['readStream'],
        // Emmett's SQLite append (0.42.4) commits its stream-position update even when it then
        // reports a version conflict, which breaks every later append to that stream. Inside this
        // outer transaction the conflict it throws rolls everything back.
        appendToStream: ((streamName: string, events: Event[], options?: AppendToStreamOptions) => exclusive(() => connection.withTransaction(async () => {
            await checkStreamExists(connection, sqlite.streamsTable.name, streamName, options);
            return appendToStream(streamName, events, sqlExpectedVersion(options));
        }))) as EventStore['appendToStream']
    };
    const documents: Documents = {
        get: (name, id) => exclusive(() => readDocument(connection, name, id)),
        find: (name, filter) => exclusive(async () => {
            const rows = await connection.query<{ document: string }>(`SELECT document FROM ${DOCUMENTS_TABLE} WHERE collection = ? ORDER BY id`, [name]);
            return rows.map(row => JSON.parse(row.document) as Document).filter(document => matches(document, filter));
        })
    };
    let closed = false;
    return Object.assign(store, serialised, {
        kind: 'sqlite' as const, documents,
        close: () => exclusive(async () => {
            if (!closed) connection.close();
            closed = true;
        })
    });
}

async function openPostgresStore(url: string, projections: readonly DocumentProjection[]): Promise<ModelEventStore> {
    const postgres = await import('@event-driven-io/emmett-postgresql');
    const { pongoClient } = await import('@event-driven-io/pongo');
    const inline = projections.map(projection => postgres.pongoMultiStreamProjection({
        collectionName: projection.name,
        canHandle: [...projection.canHandle],
        getDocumentId: (event: ReadEvent<Event>) => call(projection).getDocumentId(event as ReadEvent<Event>),
        evolve: (document: Document | null, event: ReadEvent<Event>) => call(projection).evolve(document, event)
    }));
    const store = postgres.getPostgreSQLEventStore(url, { projections: emmettProjections.inline(inline), schema: { autoMigration: 'CreateOrUpdate' } });
    // Up front, not on first use: Emmett migrates lazily inside each command's session, and every
    // session holds a pooled connection while the migration waits for one, so ten concurrent first
    // commands (pg's default pool of 10) waited for each other for ever.
    await store.schema.migrate();
    // A command runs in a session with a store of its own (`withSession`): its append is mapped too.
    const withSession = store.withSession.bind(store);
    store.withSession = callback => withSession(session => callback({ ...session, eventStore: checkingNewStreams(session.eventStore) }));
    checkingNewStreams(store);
    const pongo = pongoClient(url);
    const db = pongo.db();
    const documents: Documents = {
        get: async (name, id) => plain(await db.collection<Document>(name).findOne({ _id: id } as never)),
        find: async (name, filter) => {
            const defined = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
            const found = await db.collection<Document>(name).find(defined as never);
            return found.sort((a, b) => compareIds(String(a._id), String(b._id))).map(document => plain(document)!);
        }
    };
    const closeStore = store.close.bind(store); // the original, before `close` is replaced below
    return Object.assign(store, {
        kind: 'postgresql' as const, documents,
        close: async () => {
            await closeStore();
            await pongo.close();
        }
    });
}

// ─── Commands ─────────────────────────────────────────────────────────────────────────────────

/** An event as the application hands it out: as stored, with the stream it belongs to. */
export type AppendedEvent<E> = E & { readonly metadata: { readonly streamName: string } };

export interface AggregateDefinition<State, Command, StreamEvent extends Event, Refusal> {
    /** The aggregate's name: its streams are `<name>-<id>`. */
    readonly name: string;
    readonly initialState: () => State;
    readonly evolve: (state: State, event: StreamEvent) => State;
    readonly decide: (command: Command, state: State) => StreamEvent[] | Refusal;
    /** The context's `RejectionError` for a refusal. */
    readonly rejectionError: (refusal: Refusal) => Error;
    /** The key of this aggregate's context, for routing its events to policies: `Banking`. */
    readonly context: string;
    /**
     * Reads a stored event of any version as its newest shape (the context's `upcast<Context>Event`),
     * so that evolve and decide never see an old one; absent when no event of the aggregate has versions.
     */
    readonly upcast?: (event: StreamEvent) => StreamEvent;
    /** Records the version an event is written with in its metadata (`with<Context>SchemaVersion`): it is never upcast again. */
    readonly withSchemaVersion?: (event: StreamEvent) => StreamEvent;
}

/** A policy's reaction to one appended event, given the way to issue commands. */
export type PolicyReaction = (event: AppendedEvent<Event>, issue: CommandIssuer) => Promise<void>;

/**
 * The documents a policy handler takes as `context.reads`: the generated handler of a policy that
 * `reads R` declares them; a hand-written handler takes none (`undefined`).
 */
export type PolicyReads<Handler> = Handler extends (event: never, context: infer Context) => unknown
    ? Context extends { readonly reads?: infer Reads } ? Reads : undefined
    : undefined;

/** Issues one command to an aggregate's stream on behalf of a policy. */
export type CommandIssuer = <State, Command, StreamEvent extends Event, Refusal>(
    aggregate: AggregateDefinition<State, Command, StreamEvent, Refusal>, id: string, command: Command) => Promise<void>;

export interface PolicyRejection {
    readonly policy: string;
    readonly streamName: string;
    readonly command: unknown;
    readonly error: Error;
}

export interface CommandRuntimeOptions {
    readonly eventStore: EventStore;
    /** Policy reactions by `<Context>.<EventType>` of the triggering event. */
    readonly policies: Readonly<Record<string, ReadonlyArray<{ readonly name: string; readonly react: PolicyReaction }>>>;
    /** How deep a chain of policy-issued commands may go before it is taken for a loop (default 16). */
    readonly maxPolicyDepth?: number;
    /** A command a policy issued was refused (its triggering command stays committed). */
    readonly onPolicyRejection?: (rejection: PolicyRejection) => void;
    /** How often a command is re-read and re-decided after a concurrent append (default 10). */
    readonly retriesOnConflict?: number;
}

/** A chain of policy-issued commands that does not end. */
export class PolicyLoopError extends Error {
    constructor(readonly chain: readonly string[]) {
        super(`Policies issued commands ${chain.length} levels deep (${chain.slice(-4).join(' → ')} …): a policy loop? Stopped; the events appended so far stay.`);
        this.name = 'PolicyLoopError';
    }
}

/** A command whose stream kept changing under it, even after the retries. */
export class ConcurrencyConflictError extends Error {
    constructor(readonly streamName: string, readonly attempts: number) {
        super(`Stream ${streamName} changed concurrently ${attempts} times while the command was decided; nothing was appended. Try again.`);
        this.name = 'ConcurrencyConflictError';
    }
}

const handlers = new WeakMap<object, ReturnType<typeof CommandHandler<unknown, Event>>>();

/**
 * The heart of `createApp`: each command reads its stream, decides, appends expecting the version
 * it read (a concurrent append makes Emmett refuse; the command is then re-read and re-decided),
 * and the policies listening to the appended events run, each issuing its commands the same way.
 */
export function commandRuntime(options: CommandRuntimeOptions) {
    const maxDepth = options.maxPolicyDepth ?? 16;
    const retries = options.retriesOnConflict ?? 10;
    const handlerOf = <State, Command, StreamEvent extends Event, Refusal>(aggregate: AggregateDefinition<State, Command, StreamEvent, Refusal>) => {
        let handle = handlers.get(aggregate);
        if (!handle) {
            handle = CommandHandler<unknown, Event>({
                evolve: aggregate.evolve as (state: unknown, event: Event) => unknown,
                initialState: aggregate.initialState,
                mapToStreamId: id => streamNameOf(aggregate.name, id),
                ...(aggregate.upcast ? { schema: { versioning: { upcast: aggregate.upcast as (event: Event) => Event } } } : {}),
                retry: { onVersionConflict: { retries, minTimeout: 1, maxTimeout: 20, factor: 1.5, shouldRetryError: isExpectedVersionConflictError } }
            });
            handlers.set(aggregate, handle);
        }
        return handle;
    };

    const execute = async <State, Command, StreamEvent extends Event, Refusal>(
        aggregate: AggregateDefinition<State, Command, StreamEvent, Refusal>, id: string, command: Command, chain: readonly string[]
    ): Promise<Array<AppendedEvent<StreamEvent>>> => {
        const streamName = streamNameOf(aggregate.name, id);
        if (chain.length > maxDepth) throw new PolicyLoopError(chain);
        let result;
        try {
            result = await handlerOf(aggregate)(options.eventStore, id, state => {
                const decided = aggregate.decide(command, state as State);
                if (!Array.isArray(decided)) throw aggregate.rejectionError(decided);
                return aggregate.withSchemaVersion ? decided.map(aggregate.withSchemaVersion) : decided;
            });
        } catch (error) {
            if (error instanceof ExpectedVersionConflictError || isExpectedVersionConflictError(error)) throw new ConcurrencyConflictError(streamName, retries + 1);
            throw error;
        }
        // As stored (JSON: an optional field left undefined is absent), on every store.
        const appended = (result.newEvents as StreamEvent[]).map(event => ({ ...event, data: asJson(event.data), metadata: { ...metadataOf(event), streamName } }) as AppendedEvent<StreamEvent>);
        for (const event of appended) {
            for (const policy of options.policies[`${aggregate.context}.${event.type}`] ?? []) {
                await policy.react(event, async (target, targetId, issued) => {
                    try {
                        await execute(target, targetId, issued, [...chain, `${policy.name}(${(issued as { type?: string }).type ?? '?'})`]);
                    } catch (error) {
                        if (error instanceof PolicyLoopError || !isRejectionError(error)) throw error;
                        (options.onPolicyRejection ?? warnPolicyRejection)({ policy: policy.name, streamName: streamNameOf(target.name, targetId), command: issued, error });
                    }
                });
            }
        }
        return appended;
    };

    return {
        /** Runs one command against `<Aggregate>-<id>`; resolves to the appended events, rejects with the context's `RejectionError`. */
        run: <State, Command, StreamEvent extends Event, Refusal>(aggregate: AggregateDefinition<State, Command, StreamEvent, Refusal>, id: string, command: Command) =>
            execute(aggregate, id, command, [])
    };
}

function isRejectionError(error: unknown): error is Error & { rejection: { type: string; data: unknown } } {
    return error instanceof Error && typeof (error as { rejection?: { type?: unknown } }).rejection?.type === 'string';
}

function warnPolicyRejection(rejection: PolicyRejection): void {
    console.warn(`eventloom: policy ${rejection.policy}: a command to ${rejection.streamName} was rejected: ${rejection.error.message}`);
}

/** `<Aggregate>-<id>`, whatever characters the id holds (aggregate names hold no `-`). */
export function streamNameOf(aggregate: string, id: string): string {
    return `${aggregate}-${id}`;
}

/** The id in a stream of this aggregate: everything after `<Aggregate>-`; any other stream is an error, never a wrong id. */
export function idOfStream(streamName: string, aggregate: string): string {
    const prefix = `${aggregate}-`;
    if (!streamName.startsWith(prefix)) throw new Error(`Stream "${streamName}" is not a ${aggregate} stream (${prefix}<id>).`);
    return streamName.slice(prefix.length);
}

/** A policy's triggering event lacks the (optional) field that names the target stream. */
export function missingId(policy: string, field: string): never {
    throw new Error(`Policy ${policy}: the event has no ${field}, so its command has no stream to go to.`);
}

/** A stream id a policy's command names, if any: its `streamId` (a generated handler's), or its data's id field. */
export function idIn(record: unknown, field: string): string | undefined {
    const value = (record as Record<string, unknown> | null | undefined)?.[field];
    return value === undefined || value === null ? undefined : String(value);
}
