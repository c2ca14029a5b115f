/**
 * A throw-away PostgreSQL server for the tests: Debian's package (installed with apt-get when it
 * is missing and we are root, as on CI), a fresh data directory under the temp folder, started on
 * 127.0.0.1 on a free port and stopped by its PID. initdb refuses to run as root, so as root the
 * server runs as the `postgres` user the package creates.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
    readonly url: string;
    readonly pid: number;
    stop(): Promise<void>;
}

/** Why PostgreSQL cannot be had on this machine (not root and not installed), or undefined. */
export class PostgresUnavailable extends Error {}

const isRoot = process.getuid?.() === 0;

function binDir(): string | undefined {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root).filter(version => existsSync(join(root, version, 'bin', 'initdb')) && existsSync(join(root, version, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Debian's `postgresql` package, installed once per machine; only as root (CI runs as root). */
function installPostgres(): string {
    let bin = binDir();
    if (bin) return bin;
    if (!isRoot) throw new PostgresUnavailable('PostgreSQL is not installed and this is not root: install it with `apt-get install postgresql` to run the PostgreSQL tests.');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore', env, timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'postgresql'], { stdio: 'ignore', env, timeout: 600_000 });
    bin = binDir();
    if (!bin) throw new Error('apt-get install postgresql succeeded but no initdb/postgres was found under /usr/lib/postgresql/*/bin.');
    return bin;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

/** Runs a PostgreSQL binary as the user that owns the data directory. */
function asOwner(bin: string, args: string[]): [string, string[]] {
    return isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

export async function startPostgres(): Promise<PostgresServer> {
    const bin = installPostgres();
    const dataDir = mkdtempSync(join(tmpdir(), 'eventloom-pg-'));
    if (isRoot) {
        const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
        const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
        chownSync(dataDir, uid, gid);
    }
    const [initdb, initArgs] = asOwner(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    execFileSync(initdb, initArgs, { stdio: 'ignore', timeout: 120_000 });
    const port = await freePort();
    const [postgres, args] = asOwner(join(bin, 'postgres'), [
        '-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dataDir,
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'
    ]);
    const child = spawn(postgres, args, { stdio: 'ignore', detached: false });
    const pid = await serverPid(dataDir, child, bin, port);
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    return {
        url, pid,
        stop: async () => {
            // "Smart shutdown" first: the sessions still closing (pg-pool's end() resolves before its
            // sockets are closed) end on their own; a fast shutdown would send them "terminating
            // connection", which pg raises as an unhandled 'error' on the already-ended pool and the
            // process dies. Then "fast" (open sessions are cut), then SIGKILL.
            for (const [signal, wait] of [['SIGTERM', 5_000], ['SIGINT', 30_000], ['SIGKILL', 5_000]] as const) {
                try {
                    process.kill(pid, signal);
                } catch { /* already gone */ }
                const deadline = Date.now() + wait;
                while (alive(pid) && Date.now() < deadline) await sleep(50);
                if (!alive(pid)) break;
            }
            rmSync(dataDir, { recursive: true, force: true });
        }
    };
}

/** The postmaster's own PID (from postmaster.pid: as root, `runuser` sits in between), once it accepts connections. */
async function serverPid(dataDir: string, child: ReturnType<typeof spawn>, bin: string, port: number): Promise<number> {
    let exited: number | null = null;
    child.once('exit', code => { exited = code ?? -1; });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (exited !== null) throw new Error(`postgres exited with code ${exited} before accepting connections (data directory ${dataDir}).`);
        const pidFile = join(dataDir, 'postmaster.pid');
        if (existsSync(pidFile) && ready(bin, port)) return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
        await sleep(100);
    }
    throw new Error(`postgres did not accept connections on 127.0.0.1:${port} within 60 s.`);
}

function ready(bin: string, port: number): boolean {
    try {
        execFileSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
        return true;
    } catch {
        return false;
    }
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}
