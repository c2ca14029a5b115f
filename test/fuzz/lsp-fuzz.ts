/**
 * The language-server half of the fuzzer: the real server (from source, over stdio, as the editor
 * starts it) gets a seed model opened, then a run of mutated edits; after each edit the fuzzer
 * asks what an editor asks (the flow graph, symbols, hover, completion, definition, references,
 * folding, formatting, code lenses, semantic tokens, code actions, rename) at random places. A
 * finding is an error response or an error the server logs (a stack trace in the output channel),
 * the server dying, or an edit whose requests do not all answer in time (a hang).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { hangLimits, SOURCE_NODE_OPTIONS } from './case-process.js';
import { watchForHang } from './hang-watch.js';
import { crashEvidence, type Finding } from './findings.js';
import { mutate, type MutationLimits } from './mutations.js';
import { Random } from './random.js';
import { repositoryRoot, seedModels } from './seed-corpus.js';

/** Where the server's entry point lives (it moves to src/server/ with issue 10). */
function serverEntry(): string {
    const moved = join(repositoryRoot, 'src/server/main.ts');
    return existsSync(moved) ? moved : join(repositoryRoot, 'src/language/main.ts');
}

/** Error codes that are part of normal editing: a request overtaken by the next edit. */
const ROUTINE_ERROR_CODES = new Set([-32800 /* RequestCancelled */, -32801 /* ContentModified */]);

export interface LspEdit {
    /** The edit's number in the run. */
    index: number;
    seedName: string;
    file: string;
    mutations: string[];
    text: string;
    /** Every open file's text after the edit (the edited one's is `text`), by name. */
    files: Record<string, string>;
    /** Whether the edit was followed by a save. */
    saved: boolean;
    /** What was asked after the edit, in the edited file. */
    requests: EditorRequest[];
}

export interface LspRunSummary {
    edits: number;
    counts: Record<Finding['kind'], number>;
    bugs: Array<{ finding: Finding; edits: LspEdit[] }>;
}

export class ServerSession {
    private readonly server: ChildProcess;
    readonly connection: MessageConnection;
    /** Errors the server logged since the last `takeLogged()`. */
    private logged: string[] = [];
    exited = false;

    constructor() {
        this.server = spawn(process.execPath, [...SOURCE_NODE_OPTIONS, serverEntry(), '--stdio'], { cwd: repositoryRoot, stdio: ['pipe', 'pipe', 'pipe'] });
        this.server.once('exit', () => { this.exited = true; });
        this.server.stderr!.on('data', (chunk: Buffer) => this.logged.push(chunk.toString()));
        const reader = new StreamMessageReader(this.server.stdout!);
        // The reader re-arms a 10 s "partial message" timer for ever once a server dies mid-message,
        // and disposing the connection does not clear it: it kept mocha alive after the suite. The
        // session never listens for partial messages, so it never arms one.
        reader.partialMessageTimeout = 0;
        this.connection = createMessageConnection(reader, new StreamMessageWriter(this.server.stdin!));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('client/unregisterCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.connection.onRequest('workspace/semanticTokens/refresh', () => null);
        this.connection.onRequest('workspace/codeLens/refresh', () => null);
        this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
            if (params.type === 1) this.logged.push(params.message);
        });
        this.connection.onNotification('textDocument/publishDiagnostics', () => undefined);
        this.connection.onError(() => undefined);
        this.connection.listen();
    }

    async initialize(): Promise<void> {
        await this.connection.sendRequest('initialize', {
            processId: process.pid, rootUri: null, workspaceFolders: null,
            capabilities: {
                textDocument: {
                    synchronization: { didSave: true }, completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown', 'plaintext'] }, rename: { prepareSupport: true }, publishDiagnostics: {}
                },
                workspace: { workspaceEdit: { documentChanges: true } }
            }
        });
        await this.connection.sendNotification('initialized', {});
    }

    takeLogged(): string[] {
        const logged = this.logged;
        this.logged = [];
        return logged;
    }

    get pid(): number | undefined {
        return this.server.pid;
    }

    kill(): void {
        this.connection.dispose();
        this.server.kill('SIGKILL');
    }
}

/**
 * The largest text a further edit builds on. An edit of a 5 MB file costs the server ~25 s of CPU
 * (measured: formatting 9 s, semantic tokens 5 s, the re-check 2–8 s), and twenty-odd edits on one
 * such file test little that the first did not: built on, they made a 5,000-edit run last hours.
 * Every huge file is still opened, checked and asked everything once.
 */
const HUGE_FILE_BASE = 1_000_000;

interface OpenFile { uri: string; version: number; text: string; original: string }

/** Line and character of an offset, as LSP counts them (UTF-16 units). */
function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * A request an editor sends, as data: `at` is an offset into the edited file (turned into the
 * position, or an empty range for a code action, when it is sent), so that a reproducer can cut
 * the text and keep the request at the same spot.
 */
export interface EditorRequest {
    method: string;
    /** Params besides the document and the position (undefined: a request about no document). */
    params?: Record<string, unknown>;
    at?: number;
}

/** The requests an editor sends after an edit, at places chosen by the random source. */
function editorRequests(text: string, random: Random): EditorRequest[] {
    const at = () => random.int(0, text.length);
    return [
        { method: 'eventloom/flowGraph', ...(random.chance(0.5) ? {} : { params: { filter: { context: 'Banking' } } }) },
        { method: 'textDocument/documentSymbol', params: {} },
        { method: 'textDocument/hover', params: {}, at: at() },
        { method: 'textDocument/completion', params: {}, at: at() },
        { method: 'textDocument/definition', params: {}, at: at() },
        { method: 'textDocument/references', params: { context: { includeDeclaration: true } }, at: at() },
        { method: 'textDocument/foldingRange', params: {} },
        { method: 'textDocument/formatting', params: { options: { tabSize: 2, insertSpaces: true } } },
        { method: 'textDocument/codeLens', params: {} },
        { method: 'textDocument/semanticTokens/full', params: {} },
        { method: 'textDocument/codeAction', params: { context: { diagnostics: [] } }, at: at() },
        { method: 'textDocument/prepareRename', params: {}, at: at() },
        { method: 'textDocument/rename', params: { newName: random.pick(['Renamed', 'x', 'context', '1bad']) }, at: at() }
    ];
}

/** The request's method and params for the file at `uri` holding `text`. */
export function wireRequest(request: EditorRequest, uri: string, text: string): [string, unknown] {
    if (!request.params) return [request.method, {}];
    const where = request.at === undefined ? {} : request.method === 'textDocument/codeAction'
        ? { range: { start: positionAt(text, request.at), end: positionAt(text, request.at) } }
        : { position: positionAt(text, request.at) };
    return [request.method, { textDocument: { uri }, ...request.params, ...where }];
}

export async function runLspEdits(options: {
    seed: number; edits: number; limits: MutationLimits; timeoutMs: number; editsPerSession?: number;
    /** The first edit's number, rounded down to a session's start (a long run can be split in parts). */
    first?: number;
    onProgress?: (done: number, summary: LspRunSummary) => void;
    onNewBug?: (finding: Finding, edit: LspEdit) => void;
}): Promise<LspRunSummary> {
    const summary: LspRunSummary = { edits: 0, counts: { crash: 0, hang: 0, 'write-outside': 0 }, bugs: [] };
    const record = (finding: Finding, edit: LspEdit) => {
        summary.counts[finding.kind]++;
        const known = summary.bugs.find(bug => bug.finding.kind === finding.kind && bug.finding.signature === finding.signature);
        if (known) known.edits.push(edit);
        else {
            summary.bugs.push({ finding, edits: [edit] });
            options.onNewBug?.(finding, edit);
        }
    };
    const perSession = options.editsPerSession ?? 25;
    const firstSession = Math.floor((options.first ?? 0) / perSession);
    const end = firstSession * perSession + options.edits;
    let session: ServerSession | undefined;
    let done = firstSession * perSession;
    try {
        for (let sessionIndex = firstSession; done < end; sessionIndex++) {
            if (!session || session.exited) {
                session?.kill();
                session = new ServerSession();
                await session.initialize();
            }
            const random = Random.forCase(options.seed ^ 0x5eed, sessionIndex);
            const model = random.pick(seedModels());
            const files: OpenFile[] = Object.entries(model.files).map(([name, text]) => ({
                uri: `file:///fuzz/session-${sessionIndex}/${name}`, version: 1, text, original: text
            }));
            for (const file of files) {
                await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: file.uri, languageId: 'eventloom', version: 1, text: file.text } });
            }
            for (let step = 0; step < perSession && done < end; step++, done++) {
                const file = random.pick(files);
                // Most edits build on the last one, except on a file grown past the limit: there the next
                // edit starts from the original again, as an undo would (see HUGE_FILE_BASE).
                const onLast = random.chance(0.7) && file.text.length <= HUGE_FILE_BASE;
                const { text, applied } = mutate(onLast ? file.text : file.original, random, options.limits);
                file.text = text;
                file.version++;
                await session.connection.sendNotification('textDocument/didChange', {
                    textDocument: { uri: file.uri, version: file.version }, contentChanges: [{ text }]
                });
                const saved = random.chance(0.2);
                if (saved) await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri: file.uri } });
                const requests = editorRequests(text, random);
                const edit: LspEdit = {
                    index: done, seedName: model.name, file: nameIn(file.uri, sessionIndex), mutations: applied, text,
                    files: Object.fromEntries(files.map(open => [nameIn(open.uri, sessionIndex), open.text])), saved, requests
                };
                const finding = await askEverything(session, requests.map(request => wireRequest(request, file.uri, text)), options.timeoutMs);
                summary.edits++;
                if (finding) {
                    record(finding, edit);
                    if (finding.kind === 'hang' || session.exited) {
                        session.kill();
                        session = undefined;
                        options.onProgress?.(done + 1, summary);
                        done++;
                        break;
                    }
                }
                options.onProgress?.(done + 1, summary);
            }
            if (session && !session.exited) {
                for (const file of files) await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: file.uri } });
            }
        }
    } finally {
        session?.kill();
    }
    return summary;
}

function nameIn(uri: string, sessionIndex: number): string {
    return uri.slice(`file:///fuzz/session-${sessionIndex}/`.length);
}

export async function askEverything(session: ServerSession, requests: Array<[string, unknown]>, timeoutMs: number): Promise<Finding | undefined> {
    let stopWatching = () => {};
    let why = '';
    const deadline = new Promise<'timeout'>(resolve => {
        stopWatching = watchForHang(session.pid, hangLimits(timeoutMs), reason => { why = reason; resolve('timeout'); });
    });
    const pending = new Set(requests.map(([method]) => method));
    const answers = Promise.all(requests.map(([method, params]) => session.connection.sendRequest(method, params).finally(() => pending.delete(method)).then(
        () => undefined,
        (error: { code?: number; message?: string }) => (ROUTINE_ERROR_CODES.has(error.code ?? 0) ? undefined : `${method}: ${error.message ?? String(error)}`)
    )));
    const outcome = await Promise.race([answers, deadline]);
    stopWatching();
    if (outcome === 'timeout') {
        return { kind: session.exited ? 'crash' : 'hang', signature: session.exited ? 'the server died' : `requests not answered: ${why}`, detail: `unanswered: ${[...pending].join(', ')}\n${session.takeLogged().join('\n')}`.slice(0, 4000) };
    }
    const failures = outcome.filter((failure): failure is string => failure !== undefined);
    // Logged errors arrive as notifications; give them a moment to come in after the answers.
    await new Promise(resolve => setTimeout(resolve, 20));
    const logged = session.takeLogged();
    // An error response that says what the user did wrong (a rename to a bad name) is fine.
    const crashed = crashEvidence(failures);
    if (crashed) {
        return { kind: 'crash', signature: `error response: ${crashed.signature.replace(/^[\w/]+: /, '')}`, detail: [...failures, ...logged].join('\n').slice(0, 4000) };
    }
    const evidence = crashEvidence(logged);
    if (evidence) return { kind: 'crash', signature: `logged: ${evidence.signature}`, detail: evidence.detail };
    if (session.exited) return { kind: 'crash', signature: 'the server died', detail: logged.join('\n') };
    return undefined;
}
