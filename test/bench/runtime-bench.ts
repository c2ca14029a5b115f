/**
 * `npm run bench:runtime [-- --commands N --streams M --rounds R --stores memory,sqlite,postgresql]`:
 * commands per second and p95 latency of the generated app (`--runtime emmett`, the runtime tests'
 * bank with its projection and policy) against the same work done directly with Emmett —
 * `DeciderCommandHandler` and a hand-written inline projection — on the in-memory store, SQLite (a
 * file) and PostgreSQL (a server started for the run), in the same run. Default: 10,000 commands
 * over 1,000 streams (one open, then deposits), one client, sequentially; direct and app alternate
 * R times (default 2) on fresh streams and the best of each is reported. Not a test: it prints a table.
 */
import {
    DeciderCommandHandler, getInMemoryEventStore, inMemoryMultiStreamProjection, projections, type EventStore
} from '@event-driven-io/emmett';
import { SQLiteConnectionPool, getSQLiteEventStore, sqliteConnection, sqliteProjection } from '@event-driven-io/emmett-sqlite';
import { getPostgreSQLEventStore, pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bankApp, generateBankApp, importBank } from '../runtime/bank-app.js';
import { startPostgres } from '../runtime/postgres-server.js';

const argument = (name: string, fallback: number) => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const COMMANDS = argument('--commands', 10_000);
const STREAMS = argument('--streams', 1_000);
const ROUNDS = argument('--rounds', 2);
const CUSTOMER = '4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f';

/** The work: command i goes to stream i mod STREAMS; a stream's first command opens it, the rest deposit. */
type Step = (index: number, id: string, first: boolean) => Promise<unknown>;

function accountId(run: string, stream: number): string {
    return `${run}-0000-4000-8000-${String(stream).padStart(12, '0')}`;
}

async function measure(run: string, step: Step): Promise<{ perSecond: number; p95: number }> {
    const latencies: number[] = [];
    const started = performance.now();
    for (let index = 0; index < COMMANDS; index++) {
        const stream = index % STREAMS;
        const before = performance.now();
        await step(index, accountId(run, stream), index < STREAMS);
        latencies.push(performance.now() - before);
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: COMMANDS / seconds, p95: latencies[Math.floor(latencies.length * 0.95)] };
}

// ─── Direct Emmett: a hand-written decider and projection ────────────────────────────────────

type State = { status: 'Pending' | 'Open'; balance: number };
type Command = { type: 'OpenAccount'; data: { customerId: string; currency: 'EUR' } } | { type: 'DepositMoney'; data: { amount: { amount: string; currency: 'EUR' } } };
type BankEvent = { type: 'AccountOpened'; data: { customerId: string; currency: 'EUR' } } | { type: 'MoneyDeposited'; data: { amount: { amount: string; currency: 'EUR' } } };
type Balance = { accountId: string; customerId?: string; balance: number; status: string };

const decider = {
    initialState: (): State => ({ status: 'Pending', balance: 0 }),
    evolve: (state: State, event: BankEvent): State => event.type === 'AccountOpened'
        ? { ...state, status: 'Open' } : { ...state, balance: state.balance + Number(event.data.amount.amount) },
    decide: (command: Command, state: State): BankEvent[] => {
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

function directStep(store: EventStore): Step {
    return (index, id, first) => handle(store, id, first
        ? { type: 'OpenAccount', data: { customerId: CUSTOMER, currency: 'EUR' } }
        : { type: 'DepositMoney', data: { amount: { amount: `${index % 100}.25`, currency: 'EUR' } } });
}

/**
 * Emmett's SQLite store the way it works with `sqlite3`: one connection for the store (its pool's
 * `singleton` option), and the schema, projection table included (the projection's `init`), created
 * before the run as Emmett's own benchmark does. Its default for a file (a new connection per call)
 * is ~3x slower and now and then fails a commit with `SQLITE_BUSY: cannot commit transaction - SQL
 * statements in progress` (the new connection's `PRAGMA journal_mode` is not awaited).
 */
async function directSqliteStore(file: string): Promise<{ store: EventStore; close: () => Promise<void> }> {
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
    return { store, close: async () => connection.close() };
}

// ─── The run ─────────────────────────────────────────────────────────────────────────────────

type Figures = { perSecond: number; p95: number };
/** Each measurement opens its store, runs the commands on fresh streams and closes the store. */
type Measurement = () => Promise<Figures>;

const bank = await importBank(await generateBankApp());
const folder = mkdtempSync(join(tmpdir(), 'eventloom-bench-'));
const wanted = (process.argv[process.argv.indexOf('--stores') + 1] ?? '').split(',');
const selected = (name: string) => !process.argv.includes('--stores') || wanted.includes(name);
const postgres = selected('postgresql') ? await startPostgres() : undefined;
let run = 0;
const runId = () => `be0c${String(run++).padStart(4, '0')}`;
const file = (name: string) => join(folder, `${name}-${run}.sqlite`);

function generated(url: () => string): Measurement {
    return async () => {
        const eventStore = await bank.openEventStore(url());
        const app = bankApp(bank, eventStore);
        try {
            return await measure(runId(), (index, id, first) => first
                ? app.banking.bankAccount.openAccount(id, { customerId: CUSTOMER, currency: 'EUR' })
                : app.banking.bankAccount.depositMoney(id, { amount: { amount: `${index % 100}.25`, currency: 'EUR' } }));
        } finally {
            await eventStore.close();
        }
    };
}

function direct(open: () => Promise<{ store: EventStore; close: () => Promise<void> }>): Measurement {
    return async () => {
        const { store, close } = await open();
        try {
            return await measure(runId(), directStep(store));
        } finally {
            await close();
        }
    };
}

const stores: Array<{ name: string; key: string; generated: Measurement; direct: Measurement }> = [
    {
        name: 'in-memory', key: 'memory', generated: generated(() => 'memory:'),
        direct: direct(async () => ({
            store: getInMemoryEventStore({ projections: projections.inline([inMemoryMultiStreamProjection<Balance, BankEvent>(projectionOptions as never)]) }),
            close: async () => undefined
        }))
    },
    {
        name: 'SQLite (file)', key: 'sqlite', generated: generated(() => `sqlite:${file('generated')}`),
        direct: direct(() => directSqliteStore(file('direct')))
    },
    {
        name: 'PostgreSQL', key: 'postgresql', generated: generated(() => postgres!.url),
        direct: direct(async () => {
            const store = getPostgreSQLEventStore(postgres!.url, { projections: projections.inline([pongoMultiStreamProjection<Balance, BankEvent>(projectionOptions as never)]) });
            return { store, close: () => store.close() };
        })
    }
];

const best = (figures: Figures[]) => figures.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
const rows: string[][] = [];
try {
    for (const store of stores.filter(candidate => selected(candidate.key))) {
        // Direct and generated alternate, ROUNDS times each; the best of each counts (warm-up, machine load).
        const app: Figures[] = [];
        const baseline: Figures[] = [];
        for (let round = 0; round < ROUNDS; round++) {
            baseline.push(await store.direct());
            app.push(await store.generated());
        }
        const [a, d] = [best(app), best(baseline)];
        const all = (figures: Figures[]) => figures.map(f => f.perSecond.toFixed(0)).join(', ');
        console.error(`${store.name}: app ${all(app)} cmd/s; direct ${all(baseline)} cmd/s`);
        rows.push([store.name, a.perSecond.toFixed(0), a.p95.toFixed(2), d.perSecond.toFixed(0), d.p95.toFixed(2), (d.perSecond / a.perSecond).toFixed(2)]);
    }
} finally {
    await postgres?.stop();
    rmSync(folder, { recursive: true, force: true });
}

const header = ['store', 'app cmd/s', 'app p95 ms', 'direct cmd/s', 'direct p95 ms', 'direct/app (goal ≤ 1.2)'];
console.log(`\n${COMMANDS} commands over ${STREAMS} streams, one client, sequential, inline projections, best of ${ROUNDS} alternating rounds (Node ${process.version})\n`);
console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
