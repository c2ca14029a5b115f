/**
 * What an editor user feels, over a real LSP connection to the bundled server: the workspace build
 * at start-up, keystroke -> diagnostics, completion, hover, a wide rename, and the server's peak
 * memory.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Hover, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspSession } from '../lsp/lsp-session.js';
import { now, percentile } from './stats.js';

/** The three kinds of one-character edit the bench types (issue 16). */
export const EDIT_KINDS = ['field name', 'declaration name', 'keyword'] as const;
export type EditKind = typeof EDIT_KINDS[number];

/** Edit -> diagnostics figures of one kind of edit: wall time and the server's CPU time. */
export interface EditFigures {
    samples: number;
    p50Ms: number;
    p95Ms: number;
    maxMs: number;
    cpuP50Ms: number;
    cpuP95Ms: number;
    cpuMaxMs: number;
    /** The server's main thread only (without V8's background compiler and GC threads). */
    mainCpuP95Ms: number;
    /** CPU of the kind's first edit (the bench's p95 of 15 is their max: often this one, the code still cold). */
    firstCpuMs: number;
}

export interface LanguageServerResult {
    workspaceBuildMs: number;
    openToDiagnosticsMs: number;
    editSamplesMs: number[];
    editP50Ms: number;
    editP95Ms: number;
    /** The server's own CPU time per edit, until the diagnostics arrived. */
    editCpuP50Ms: number;
    editCpuP95Ms: number;
    /** The same edits by kind. */
    editsByKind: Record<EditKind, EditFigures>;
    /** The server's CPU time (all threads) for the workspace build, the same span as `workspaceBuildMs`. */
    workspaceBuildCpuMs: number | undefined;
    completionP95Ms: number;
    /** The server's CPU time per completion request (all threads, from sending it to the answer). */
    completionCpuP50Ms: number;
    completionCpuP95Ms: number;
    completionItems: number;
    hoverP95Ms: number;
    hoverCpuP50Ms: number;
    hoverCpuP95Ms: number;
    hoversWithContent: number;
    renameMs: number;
    renameEdits: number;
    peakRssMb: number | undefined;
}

export interface LanguageServerOptions {
    serverBundle: string;
    modelDir: string;
    /** The file to edit (relative to modelDir) and the event to rename in it. */
    editFile: string;
    renameEvent: string;
    edits?: number;
    requests?: number;
    nodeArgs?: readonly string[];
}

export interface Position { line: number; character: number }

export async function measureLanguageServer(options: LanguageServerOptions): Promise<LanguageServerResult> {
    const session = LspSession.start(options.serverBundle, options.nodeArgs);
    try {
        return await runSession(session, options);
    } catch (error) {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\nserver stderr:\n${session.stderr.join('').slice(-4000)}`, { cause: error });
    } finally {
        await session.shutdown();
    }
}

async function runSession(session: LspSession, options: LanguageServerOptions): Promise<LanguageServerResult> {
    const rootUri = pathToFileURL(options.modelDir).href;
    const path = join(options.modelDir, options.editFile);
    const uri = pathToFileURL(path).href;
    await session.initialize(rootUri);

    // Workspace build: from `initialized` until a request that needs every document indexed and
    // linked (find references waits for the workspace's IndexedReferences state) is answered.
    const buildStart = now();
    const buildCpuStart = session.threadCpuMs();
    session.initialized();
    await session.request('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 }, context: { includeDeclaration: false } });
    const workspaceBuildMs = now() - buildStart;
    const workspaceBuildCpuMs = cpuSince(session, buildCpuStart);

    const openStart = now();
    const opened = session.nextDiagnostics(uri);
    const text = session.open(uri, path);
    await opened;
    const openToDiagnosticsMs = now() - openStart;
    const lines = text.split('\n');

    const editSamplesMs: number[] = [];
    const editCpuMs: number[] = [];
    const byKind = new Map<EditKind, { wall: number[]; cpu: number[]; main: number[] }>(EDIT_KINDS.map(kind => [kind, { wall: [], cpu: [], main: [] }]));
    for (const place of editPlaces(lines, options.edits ?? 45)) {
        const published = session.nextDiagnostics(uri);
        const cpuStart = session.cpuMs();
        const mainStart = session.mainThreadCpuMs();
        const start = now();
        session.change(uri, place.line, place.character, 'x');
        await published;
        const wall = now() - start;
        editSamplesMs.push(wall);
        byKind.get(place.kind)!.wall.push(wall);
        const cpuEnd = session.cpuMs();
        const mainEnd = session.mainThreadCpuMs();
        if (mainStart !== undefined && mainEnd !== undefined) byKind.get(place.kind)!.main.push(mainEnd - mainStart);
        if (cpuStart !== undefined && cpuEnd !== undefined) {
            editCpuMs.push(cpuEnd - cpuStart);
            byKind.get(place.kind)!.cpu.push(cpuEnd - cpuStart);
        }
        // Undo, and let the server settle before the next keystroke.
        const reverted = session.nextDiagnostics(uri);
        session.change(uri, place.line, place.character, '', 1);
        await reverted;
    }

    const requests = options.requests ?? 20;
    const completionMs: number[] = [];
    const completionCpuMs: number[] = [];
    let completionItems = 0;
    for (const position of referencePositions(lines, /^(\s+(?:emits|on|issues) )(\w)/, requests)) {
        const start = now();
        const cpuStart = session.threadCpuMs();
        const result = await session.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
            textDocument: { uri }, position: { line: position.line, character: position.character + 1 }
        });
        completionMs.push(now() - start);
        pushDefined(completionCpuMs, cpuSince(session, cpuStart));
        completionItems = Math.max(completionItems, Array.isArray(result) ? result.length : result?.items.length ?? 0);
    }

    const hoverMs: number[] = [];
    const hoverCpuMs: number[] = [];
    let hoversWithContent = 0;
    for (const position of referencePositions(lines, /^(\s+(?:emits|on) )(\w)/, requests)) {
        const start = now();
        const cpuStart = session.threadCpuMs();
        const hover = await session.request<Hover | null>('textDocument/hover', {
            textDocument: { uri }, position: { line: position.line, character: position.character + 2 }
        });
        hoverMs.push(now() - start);
        pushDefined(hoverCpuMs, cpuSince(session, cpuStart));
        if (hover) hoversWithContent++;
    }

    const declaration = lines.findIndex(line => line.includes(`event ${options.renameEvent} {`));
    const renameStart = now();
    const edit = await session.request<WorkspaceEdit | null>('textDocument/rename', {
        textDocument: { uri },
        position: { line: declaration, character: lines[declaration].indexOf(options.renameEvent) + 1 },
        newName: `${options.renameEvent}Renamed`
    });
    const renameMs = now() - renameStart;

    return {
        workspaceBuildMs,
        openToDiagnosticsMs,
        editSamplesMs,
        editP50Ms: percentile(editSamplesMs, 50),
        editP95Ms: percentile(editSamplesMs, 95),
        editCpuP50Ms: percentile(editCpuMs, 50),
        editCpuP95Ms: percentile(editCpuMs, 95),
        editsByKind: Object.fromEntries([...byKind].map(([kind, { wall, cpu, main }]) => [kind, {
            samples: wall.length, p50Ms: percentile(wall, 50), p95Ms: percentile(wall, 95), maxMs: percentile(wall, 100),
            cpuP50Ms: percentile(cpu, 50), cpuP95Ms: percentile(cpu, 95), cpuMaxMs: percentile(cpu, 100),
            mainCpuP95Ms: percentile(main, 95), firstCpuMs: cpu[0] ?? Number.NaN
        }])) as Record<EditKind, EditFigures>,
        workspaceBuildCpuMs,
        completionP95Ms: percentile(completionMs, 95),
        completionCpuP50Ms: percentile(completionCpuMs, 50),
        completionCpuP95Ms: percentile(completionCpuMs, 95),
        completionItems,
        hoverP95Ms: percentile(hoverMs, 95),
        hoverCpuP50Ms: percentile(hoverCpuMs, 50),
        hoverCpuP95Ms: percentile(hoverCpuMs, 95),
        hoversWithContent,
        renameMs,
        renameEdits: countEdits(edit),
        peakRssMb: session.peakRssMb()
    };
}

/**
 * One-character edits spread over the file, three kinds in turn (issue 16): inside a command's
 * field name (`amount` -> `amountx`: breaks the scenario data that fills it), inside an event's
 * name (an exported symbol this and other files link to), and inside a keyword (`emits` ->
 * `emxits`: a syntax error in one declaration).
 */
export function editPlaces(lines: readonly string[], count: number): Array<Position & { kind: EditKind }> {
    const kinds: Array<{ kind: EditKind; pattern: RegExp; at: (match: RegExpExecArray) => number }> = [
        { kind: 'field name', pattern: /^    amount: decimal$/, at: () => '    amount'.length },
        { kind: 'declaration name', pattern: /^  event (\w+) \{/, at: match => '  event '.length + match[1].length },
        { kind: 'keyword', pattern: /^    emits \w/, at: () => '    em'.length }
    ];
    const perKind = kinds.map(kind => {
        const found: Array<Position & { kind: EditKind }> = [];
        lines.forEach((line, index) => {
            const match = kind.pattern.exec(line);
            if (match) found.push({ line: index, character: kind.at(match), kind: kind.kind });
        });
        return found;
    });
    const places: Array<Position & { kind: EditKind }> = [];
    for (let i = 0; places.length < count && i < count * 3; i++) {
        const candidates = perKind[i % kinds.length];
        if (candidates.length === 0) continue;
        const round = Math.floor(i / kinds.length);
        const rounds = Math.ceil(count / kinds.length);
        places.push(candidates[Math.floor((round * candidates.length) / rounds) % candidates.length]);
    }
    return places;
}

/** Start positions of the first referenced name on lines matching `pattern`, spread over the file. */
function referencePositions(lines: readonly string[], pattern: RegExp, count: number): Position[] {
    const found: Position[] = [];
    lines.forEach((line, index) => {
        const match = pattern.exec(line);
        if (match) found.push({ line: index, character: match[1].length });
    });
    if (found.length <= count) return found;
    return Array.from({ length: count }, (_, i) => found[Math.floor((i * found.length) / count)]);
}

/** The server's CPU time since `start` (a `threadCpuMs` reading), when both readings exist. */
function cpuSince(session: LspSession, start: number | undefined): number | undefined {
    const end = session.threadCpuMs();
    return start === undefined || end === undefined ? undefined : end - start;
}

function pushDefined(samples: number[], value: number | undefined): void {
    if (value !== undefined) samples.push(value);
}

function countEdits(edit: WorkspaceEdit | null): number {
    if (!edit) return 0;
    if (edit.changes) return Object.values(edit.changes).reduce((sum, edits) => sum + edits.length, 0);
    return (edit.documentChanges ?? []).reduce((sum, change) => sum + ('edits' in change ? change.edits.length : 0), 0);
}
