/**
 * A minimal LSP client over stdio to the bundled language server process, for timing what an
 * editor would see: requests, and the `publishDiagnostics` that follow a `didChange`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection
} from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

/** The server normalises URIs (e.g. percent-encodes `@`): compare in one spelling. */
function sameUri(a: string, b: string): boolean {
    return a === b || URI.parse(a).toString() === URI.parse(b).toString();
}

export interface DiagnosticsWaiter {
    uri: string;
    resolve: (diagnostics: Diagnostic[]) => void;
}

export class LspSession {
    private readonly connection: MessageConnection;
    private readonly waiters: DiagnosticsWaiter[] = [];
    private readonly versions = new Map<string, number>();
    readonly stderr: string[] = [];

    private constructor(private readonly server: ChildProcess) {
        this.connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            const index = this.waiters.findIndex(waiter => sameUri(waiter.uri, params.uri));
            if (index >= 0) this.waiters.splice(index, 1)[0].resolve(params.diagnostics);
        });
        // Requests a real client answers; the server may send them during start-up.
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.connection.onNotification('window/logMessage', () => undefined);
        server.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
        this.connection.listen();
    }

    /** Starts the bundled server (`--stdio`); `env` adds to this process's environment. */
    static start(serverScript: string, nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): LspSession {
        const server = spawn(process.execPath, [...nodeArgs, serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
        return new LspSession(server);
    }

    get pid(): number {
        return this.server.pid!;
    }

    async initialize(rootUri: string): Promise<void> {
        const params: InitializeParams = {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'bench' }],
            capabilities: {
                textDocument: {
                    synchronization: { didSave: true },
                    completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    rename: { prepareSupport: true },
                    publishDiagnostics: {}
                },
                workspace: { workspaceFolders: true, workspaceEdit: { documentChanges: true } }
            }
        };
        await this.connection.sendRequest('initialize', params);
    }

    initialized(): void {
        void this.connection.sendNotification('initialized', {});
    }

    request<R>(method: string, params: unknown): Promise<R> {
        return this.connection.sendRequest(method, params) as Promise<R>;
    }

    /** Resolves with the next diagnostics published for `uri`. */
    nextDiagnostics(uri: string): Promise<Diagnostic[]> {
        return new Promise(resolve => this.waiters.push({ uri, resolve }));
    }

    open(uri: string, path: string): string {
        const text = readFileSync(path, 'utf8');
        this.versions.set(uri, 1);
        void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'eventloom', version: 1, text } });
        return text;
    }

    /** Inserts (or, with `length`, replaces) text at a position: one incremental change. */
    change(uri: string, line: number, character: number, text: string, length = 0): void {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        void this.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line, character }, end: { line, character: character + length } }, text }]
        });
    }

    /** CPU time (user + system) the server process has used so far, in ms (Linux, 10 ms ticks). */
    cpuMs(): number | undefined {
        try {
            const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
            // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            return (Number(fields[11]) + Number(fields[12])) * 10;
        } catch {
            return undefined;
        }
    }

    /**
     * CPU time all the server's threads have run so far, in ms with nanosecond resolution (Linux
     * schedstat): what one completion or hover costs (a few ms) is below `cpuMs`'s 10 ms tick.
     */
    threadCpuMs(): number | undefined {
        try {
            let ns = 0;
            for (const task of readdirSync(`/proc/${this.pid}/task`)) {
                ns += Number(readFileSync(`/proc/${this.pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
            }
            return ns / 1e6;
        } catch {
            // A thread that ended between the listing and the read, or no schedstat: the tick count.
            return this.cpuMs();
        }
    }

    /**
     * CPU time of the server's main thread in ms (schedstat, ns): the JavaScript that runs the
     * build, without V8's background threads (the optimizing compiler, concurrent GC marking).
     */
    mainThreadCpuMs(): number | undefined {
        try {
            return Number(readFileSync(`/proc/${this.pid}/task/${this.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        } catch {
            return undefined;
        }
    }

    /** Peak resident set size of the server process so far, in MB (Linux). */
    peakRssMb(): number | undefined {
        try {
            const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
            const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
            return match ? Number(match[1]) / 1024 : undefined;
        } catch {
            return undefined;
        }
    }

    async shutdown(): Promise<void> {
        try {
            await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            void this.connection.sendNotification('exit');
        } finally {
            setTimeout(() => this.server.kill(), 500).unref();
            await new Promise<void>(resolve => {
                if (this.server.exitCode !== null) resolve();
                else this.server.once('exit', () => resolve());
            });
            this.connection.dispose();
        }
    }
}
