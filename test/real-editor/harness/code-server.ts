/** Starts code-server (the real VS Code server + web workbench) on a free localhost port. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CODE_SERVER_BIN } from './paths.js';
import { killOwned, spawnOwned } from './processes.js';
import type { RunFolder } from './run-folder.js';

export interface CodeServer {
    port: number;
    /** `http://127.0.0.1:PORT` */
    url: string;
    /** The remote authority workbench URIs use: `vscode-remote://127.0.0.1:PORT/abs/path`. */
    authority: string;
    logFile: string;
    stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

function commonArgs(run: RunFolder): string[] {
    return ['--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir];
}

/** `code-server --install-extension`: the same path a user's `.vsix` install takes. */
export async function installExtension(run: RunFolder, vsix: string): Promise<string> {
    const { stdout } = await promisify(execFile)(CODE_SERVER_BIN, [...commonArgs(run), '--install-extension', vsix], { env: run.env, timeout: 120_000 });
    return stdout.trim();
}

export async function startCodeServer(run: RunFolder, extraEnv: NodeJS.ProcessEnv = {}): Promise<CodeServer> {
    const port = await freePort();
    const configFile = path.join(run.root, 'code-server.yaml');
    fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const logFile = path.join(run.root, 'code-server.log');
    const log = fs.openSync(logFile, 'w');
    const child = spawnOwned(CODE_SERVER_BIN, [
        '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
        ...commonArgs(run)
    ], { env: { ...run.env, ...extraEnv }, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const url = `http://127.0.0.1:${port}`;
    const server: CodeServer = { port, url, authority: `127.0.0.1:${port}`, logFile, stop: () => killOwned(child) };
    try {
        await waitForHealth(url, child, 60_000);
    } catch (error) {
        await server.stop();
        throw new Error(`${(error as Error).message}\n--- ${logFile} ---\n${tail(logFile)}`, { cause: error });
    }
    return server;
}

async function waitForHealth(url: string, child: { exitCode: number | null }, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} while starting`);
        try {
            const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
            if (response.ok) return;
        } catch {
            // not listening yet
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000}s`);
}

function tail(file: string, lines = 30): string {
    try {
        return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
        return '(no log)';
    }
}
