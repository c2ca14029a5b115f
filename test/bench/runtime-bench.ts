/**
 * `npm run bench:runtime [-- --commands N --streams M --rounds R --stores memory,sqlite,postgresql --profile]`:
 * commands per second, p95 latency and CPU per command of the generated app (`--runtime emmett`, the
 * runtime tests' bank with its projection and policy) against the same work done directly with
 * Emmett (`runtime-direct.ts`: `DeciderCommandHandler` and a hand-written inline projection), on
 * the in-memory store, SQLite (a file) and PostgreSQL (a server started for the run).
 *
 * Default: 10,000 commands over 1,000 streams (one open, then deposits), one client. The two paths
 * run side by side, one command each in turn (which goes first alternates), each on its own store
 * of the same kind: a load spike on this shared machine then hits both alike, which runs one after
 * the other did not give (their ratio swung from 0.8 to 1.8). Commands per second of a path = its
 * commands / the time its commands took. R rounds (default 3) on fresh streams; the table shows the
 * median round. `--profile` also counts the SQL statements and new connections per command.
 * Not a test: it prints a table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bankApp, generateBankApp, importBank, type BankApp } from '../runtime/bank-app.js';
import { startPostgres } from '../runtime/postgres-server.js';
import { directMemoryBank, directPostgresBank, directSqliteBank, type DirectBank } from './runtime-direct.js';
import { countingInto, emptyCounts, installStatementCounters, type StatementCounts } from './sql-statement-counter.js';

const argument = (name: string, fallback: number) => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const COMMANDS = argument('--commands', 10_000);
const STREAMS = argument('--streams', 1_000);
const ROUNDS = argument('--rounds', 3);
const PROFILE = process.argv.includes('--profile');
const CUSTOMER = '4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f';
if (PROFILE) installStatementCounters();

/** Command i goes to stream i mod STREAMS; a stream's first command opens it, the rest deposit. */
type Step = (index: number, id: string, first: boolean) => Promise<unknown>;
interface Path { readonly step: Step; close(): Promise<void> }
interface Figures { perSecond: number; p95: number; cpuMs: number; counts?: StatementCounts }

function accountId(run: string, stream: number): string {
    return `${run}-0000-4000-8000-${String(stream).padStart(12, '0')}`;
}

class Tally {
    readonly latencies: number[] = [];
    cpuMicros = 0;
    readonly counts = PROFILE ? emptyCounts() : undefined;

    async time(work: () => Promise<unknown>): Promise<void> {
        const cpu = process.cpuUsage();
        const before = performance.now();
        await countingInto(this.counts, work);
        this.latencies.push(performance.now() - before);
        const used = process.cpuUsage(cpu);
        this.cpuMicros += used.user + used.system;
    }

    figures(): Figures {
        const sorted = [...this.latencies].sort((a, b) => a - b);
        const seconds = sorted.reduce((sum, ms) => sum + ms, 0) / 1000;
        return { perSecond: sorted.length / seconds, p95: sorted[Math.floor(sorted.length * 0.95)]!, cpuMs: this.cpuMicros / 1000 / sorted.length, counts: this.counts };
    }
}

/** One round: both paths, one command each in turn, on streams of their own. */
async function pairedRound(run: string, app: Path, direct: Path): Promise<{ app: Figures; direct: Figures }> {
    const [appTally, directTally] = [new Tally(), new Tally()];
    for (let index = 0; index < COMMANDS; index++) {
        const stream = index % STREAMS;
        const sides: Array<[Tally, Path, string]> = [[appTally, app, `${run}a`], [directTally, direct, `${run}d`]];
        if (index % 2 === 1) sides.reverse();
        for (const [tally, path, prefix] of sides) await tally.time(() => path.step(index, accountId(prefix, stream), index < STREAMS));
    }
    return { app: appTally.figures(), direct: directTally.figures() };
}

const open = { customerId: CUSTOMER, currency: 'EUR' } as const;
const deposit = (index: number) => ({ amount: { amount: `${index % 100}.25`, currency: 'EUR' } }) as const;

function appPath(app: BankApp, close: () => Promise<void>): Path {
    return {
        step: (index, id, first) => (first ? app.banking.bankAccount.openAccount(id, open) : app.banking.bankAccount.depositMoney(id, deposit(index))),
        close
    };
}

function directPath(bank: DirectBank): Path {
    return {
        step: (index, id, first) => bank.run(id, first ? { type: 'OpenAccount', data: open } : { type: 'DepositMoney', data: deposit(index) }),
        close: () => bank.close()
    };
}

// ─── The run ─────────────────────────────────────────────────────────────────────────────────

const bank = await importBank(await generateBankApp());
const folder = mkdtempSync(join(tmpdir(), 'eventloom-bench-'));
const wanted = (process.argv[process.argv.indexOf('--stores') + 1] ?? '').split(',');
const selected = (name: string) => !process.argv.includes('--stores') || wanted.includes(name);
const postgres = selected('postgresql') ? await startPostgres() : undefined;
let run = 0;
const file = (name: string) => join(folder, `${name}-${run}.sqlite`);

async function generatedPath(url: string): Promise<Path> {
    const eventStore = await bank.openEventStore(url);
    return appPath(bankApp(bank, eventStore), () => eventStore.close());
}

const stores: Array<{ name: string; key: string; app: () => Promise<Path>; direct: () => Promise<Path> }> = [
    { name: 'in-memory', key: 'memory', app: () => generatedPath('memory:'), direct: async () => directPath(directMemoryBank()) },
    { name: 'SQLite (file)', key: 'sqlite', app: () => generatedPath(`sqlite:${file('app')}`), direct: async () => directPath(await directSqliteBank(file('direct'))) },
    { name: 'PostgreSQL', key: 'postgresql', app: () => generatedPath(postgres!.url), direct: async () => directPath(await directPostgresBank(postgres!.url)) }
];

const median = <T>(items: T[], by: (item: T) => number) => [...items].sort((a, b) => by(a) - by(b))[Math.floor(items.length / 2)]!;
const rows: string[][] = [];
const profiles: string[] = [];
try {
    for (const store of stores.filter(candidate => selected(candidate.key))) {
        const rounds: Array<{ app: Figures; direct: Figures }> = [];
        for (let round = 0; round < ROUNDS; round++) {
            run++;
            const [app, direct] = [await store.app(), await store.direct()];
            try {
                rounds.push(await pairedRound(`be0c${String(run).padStart(4, '0')}`, app, direct));
            } finally {
                await app.close();
                await direct.close();
            }
            const last = rounds[rounds.length - 1]!;
            console.error(`${store.name} round ${round + 1}: app ${last.app.perSecond.toFixed(0)} cmd/s, direct ${last.direct.perSecond.toFixed(0)} cmd/s, ratio ${(last.direct.perSecond / last.app.perSecond).toFixed(2)}`);
        }
        const middle = median(rounds, round => round.direct.perSecond / round.app.perSecond);
        const { app: a, direct: d } = middle;
        rows.push([store.name, a.perSecond.toFixed(0), a.p95.toFixed(2), a.cpuMs.toFixed(2), d.perSecond.toFixed(0), d.p95.toFixed(2), d.cpuMs.toFixed(2),
            rounds.map(round => (round.direct.perSecond / round.app.perSecond).toFixed(2)).join(', '), (d.perSecond / a.perSecond).toFixed(2)]);
        if (a.counts && d.counts) profiles.push(profileOf(store.name, a.counts, d.counts));
    }
} finally {
    await postgres?.stop();
    rmSync(folder, { recursive: true, force: true });
}

function profileOf(name: string, app: StatementCounts, direct: StatementCounts): string {
    const perCommand = (n: number) => (n / COMMANDS).toFixed(2);
    const kinds = [...new Set([...app.byKind.keys(), ...direct.byKind.keys()])].sort();
    return [
        `${name}, per command: app ${perCommand(app.statements)} statements, ${perCommand(app.connections)} new connections; direct ${perCommand(direct.statements)} statements, ${perCommand(direct.connections)} new connections`,
        ...kinds.map(kind => `    ${kind.padEnd(28)} app ${perCommand(app.byKind.get(kind) ?? 0).padStart(6)}   direct ${perCommand(direct.byKind.get(kind) ?? 0).padStart(6)}`)
    ].join('\n');
}

const header = ['store', 'app cmd/s', 'app p95 ms', 'app CPU ms/cmd', 'direct cmd/s', 'direct p95 ms', 'direct CPU ms/cmd', 'direct/app per round', 'direct/app, median round (goal ≤ 1.2)'];
console.log(`\n${COMMANDS} commands over ${STREAMS} streams, one client, inline projections, the two paths side by side (one command each in turn), median of ${ROUNDS} rounds (Node ${process.version})\n`);
console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
if (profiles.length) console.log(`\n${profiles.join('\n\n')}`);
