/**
 * The runtime bench's baseline: the runtime tests' bank done directly with Emmett, as a user would
 * write it by hand — a decider run by `DeciderCommandHandler` and a hand-written inline projection
 * of the same documents (AccountBalance: customer, balance, status) — on each store, set up the way
 * Emmett's own benchmarks set them up.
 */
import {
    DeciderCommandHandler, getInMemoryEventStore, inMemoryMultiStreamProjection, projections, type EventStore
} from '@event-driven-io/emmett';
import { SQLiteConnectionPool, getSQLiteEventStore, sqliteConnection, sqliteProjection } from '@event-driven-io/emmett-sqlite';
import { getPostgreSQLEventStore, pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';

type State = { status: 'Pending' | 'Open'; balance: number };
export type DirectCommand = { type: 'OpenAccount'; data: { customerId: string; currency: 'EUR' } } | { type: 'DepositMoney'; data: { amount: { amount: string; currency: 'EUR' } } };
type BankEvent = { type: 'AccountOpened'; data: { customerId: string; currency: 'EUR' } } | { type: 'MoneyDeposited'; data: { amount: { amount: string; currency: 'EUR' } } };
type Balance = { accountId: string; customerId?: string; balance: number; status: string };

const decider = {
    initialState: (): State => ({ status: 'Pending', balance: 0 }),
    evolve: (state: State, event: BankEvent): State => event.type === 'AccountOpened'
        ? { ...state, status: 'Open' } : { ...state, balance: state.balance + Number(event.data.amount.amount) },
    decide: (command: DirectCommand, state: State): BankEvent[] => {
        if (command.type === 'OpenAccount') return [{ type: 'AccountOpened', data: command.data }];
        if (state.status !== 'Open') throw new Error('AccountNotOpen');
        return [{ type: 'MoneyDeposited', data: command.data }];
    }
};
const handle = DeciderCommandHandler({ ...decider, mapToStreamId: (id: string) => `BankAccount-${id}` });
const idOf = (event: { metadata: { streamName: string } }) => event.metadata.streamName.slice('BankAccount-'.length);
const evolveBalance = (document: Balance | null, event: BankEvent & { metadata: { streamName: string } }): Balance => {
    const current = document ?? { accountId: idOf(event), balance: 0, status: 'Pending' };
    return event.type === 'AccountOpened' ? { ...current, customerId: event.data.customerId, status: 'Open' }
        : { ...current, balance: current.balance + Number(event.data.amount.amount) };
};
const projectionOptions = {
    collectionName: 'AccountBalance', canHandle: ['AccountOpened', 'MoneyDeposited'] as Array<BankEvent['type']>,
    getDocumentId: (event: { metadata: { streamName: string } }) => idOf(event),
    evolve: evolveBalance
};

export interface DirectBank {
    run(id: string, command: DirectCommand): Promise<unknown>;
    close(): Promise<void>;
}

function directBank(store: EventStore, close: () => Promise<void>): DirectBank {
    return { run: (id, command) => handle(store, id, command), close };
}

export function directMemoryBank(): DirectBank {
    const store = getInMemoryEventStore({ projections: projections.inline([inMemoryMultiStreamProjection<Balance, BankEvent>(projectionOptions as never)]) });
    return directBank(store, async () => undefined);
}

/**
 * Emmett's SQLite store the way it works with `sqlite3`: one connection for the store (its pool's
 * `singleton` option), and the schema, projection table included (the projection's `init`), created
 * before the run as Emmett's own benchmark does. Its default for a file (a new connection per call)
 * is ~3x slower and now and then fails a commit with `SQLITE_BUSY: cannot commit transaction - SQL
 * statements in progress` (the new connection's `PRAGMA journal_mode` is not awaited).
 */
export async function directSqliteBank(file: string): Promise<DirectBank> {
    const connection = sqliteConnection({ fileName: file });
    const store = getSQLiteEventStore({
        fileName: file, schema: { autoMigration: 'None' },
        pool: SQLiteConnectionPool({ fileName: file, connectionOptions: { singleton: true, connection } }),
        projections: projections.inline([sqliteProjection<BankEvent>({
            name: 'AccountBalance', canHandle: ['AccountOpened', 'MoneyDeposited'],
            init: async ({ context }) => {
                await context.connection.command('CREATE TABLE IF NOT EXISTS balances (id TEXT PRIMARY KEY, document TEXT NOT NULL)');
            },
            handle: async (events, context) => {
                for (const event of events) {
                    const id = idOf(event);
                    const row = await context.connection.querySingle<{ document: string }>('SELECT document FROM balances WHERE id = ?', [id]);
                    const next = evolveBalance(row ? JSON.parse(row.document) as Balance : null, event);
                    await context.connection.command('INSERT INTO balances (id, document) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document', [id, JSON.stringify(next)]);
                }
            }
        })])
    });
    await store.schema.migrate();
    return directBank(store, async () => connection.close());
}

/** Emmett's PostgreSQL store with its defaults, the schema migrated before the run (as the app's store is). */
export async function directPostgresBank(url: string): Promise<DirectBank> {
    const store = getPostgreSQLEventStore(url, { projections: projections.inline([pongoMultiStreamProjection<Balance, BankEvent>(projectionOptions as never)]) });
    await store.schema.migrate();
    return directBank(store, () => store.close());
}
