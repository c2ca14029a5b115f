/**
 * `npm run bench:runtime -- --profile`: counts what each path sends to its database, by patching
 * the two drivers both paths go through (`sqlite3`'s `Database`, `pg`'s `Client`). Every count
 * goes to the path whose command is running: the bench runs one command at a time.
 */
import { createRequire } from 'node:module';

export interface StatementCounts {
    statements: number;
    /** New PostgreSQL connections (`Client.connect`): a pool that keeps none open shows here. */
    connections: number;
    /** The statements by their first words (`SELECT document`, `INSERT INTO`, `BEGIN IMMEDIATE`, …). */
    byKind: Map<string, number>;
}

export function emptyCounts(): StatementCounts {
    return { statements: 0, connections: 0, byKind: new Map() };
}

let current: StatementCounts | undefined;

/** Counts go to `counts` while `work` runs. */
export async function countingInto<T>(counts: StatementCounts | undefined, work: () => Promise<T>): Promise<T> {
    current = counts;
    try {
        return await work();
    } finally {
        current = undefined;
    }
}

function kindOf(sql: unknown): string {
    const text = typeof sql === 'string' ? sql : (sql as { text?: string } | undefined)?.text ?? '?';
    return text.trim().replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' ').replace(/\(.*$/, '');
}

function count(sql: unknown): void {
    if (!current) return;
    current.statements += 1;
    const kind = kindOf(sql);
    current.byKind.set(kind, (current.byKind.get(kind) ?? 0) + 1);
}

/** Patches the drivers once; before any store is opened. */
export function installStatementCounters(): void {
    const require = createRequire(import.meta.url);
    const sqlite3 = require('sqlite3') as { Database: { prototype: Record<string, (...args: unknown[]) => unknown> } };
    for (const method of ['run', 'get', 'all', 'each', 'exec']) {
        const original = sqlite3.Database.prototype[method]!;
        sqlite3.Database.prototype[method] = function (this: unknown, sql: unknown, ...rest: unknown[]) {
            count(sql);
            return original.call(this, sql, ...rest);
        };
    }
    const pg = require('pg') as { Client: { prototype: Record<string, (...args: unknown[]) => unknown> } };
    const query = pg.Client.prototype.query!;
    pg.Client.prototype.query = function (this: unknown, sql: unknown, ...rest: unknown[]) {
        count(sql);
        return query.call(this, sql, ...rest);
    };
    const connect = pg.Client.prototype.connect!;
    pg.Client.prototype.connect = function (this: unknown, ...rest: unknown[]) {
        if (current) current.connections += 1;
        return connect.call(this, ...rest);
    };
}
