/**
 * The flow preview's cost: model -> graph, graph -> layout, for one context and for everything,
 * with the whole diagram's size (the exported SVG's aspect); and the board's: build + layout of
 * the whole model's board, and the same with every scenario run by the interpreter (what stepping
 * shows), as the server computes them for a board request.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model } from '../../../src/language/generated/ast.js';
import { measureBoardWebview, type BoardMessages, type BoardWebviewResult } from './measure-board-webview.js';
import { now, percentile } from './stats.js';

export interface PreviewResult {
    contextGraphMs: number;
    contextLayoutMs: number;
    contextNodes: number;
    workspaceGraphMs: number;
    /** Undefined when skipped (`--skip-preview-all`). */
    workspaceLayoutMs: number | undefined;
    workspaceNodes: number;
    /** The whole diagram's size, when laid out. */
    workspaceSize?: { width: number; height: number };
    board?: BoardResult;
}

export interface BoardResult {
    buildLayoutMs: number;
    withRunsMs: number;
    /** What the server computes for a board request: the flow's graph (unplaced), the board with its scenarios run, laid out. */
    requestMs?: number;
    /** The same request in the server's CPU, and the request after an edit with the parts of earlier answers kept, interleaved: see `BoardRequestFigures`. */
    request?: BoardRequestFigures;
    /** The board's first draw in the webview (Chromium), when Chromium is there. */
    webview?: BoardWebviewResult;
    scenarios: number;
    notes: number;
    width: number;
    height: number;
}

interface LaidOutBoardLike {
    width: number;
    height: number;
    contexts: Array<{ slices: Array<{ id: string; title: string; kind: string; notes: unknown[]; steps?: unknown[]; run?: { outcome: string; steps: unknown[] } }> }>;
}

/**
 * The graph message as the panel posts it for the answer (packed: src/protocol/packed-preview.ts),
 * the same graph and board as objects without locations (what the panel posted before, cloned for
 * comparison), and a scenario to step through: the middle one, in the board's order, of those whose
 * run has a view for every step (of all scenarios when none has).
 */
async function webviewMessages(repoRoot: string, answer: BoardRequestAnswer): Promise<BoardMessages> {
    const packer = join(repoRoot, 'src/protocol/packed-preview.ts');
    const { packPreview } = await import(pathToFileURL(packer).href) as { packPreview(graph: Graph, board?: LaidOutBoardLike): unknown };
    const sent = { type: 'graph', preview: packPreview(answer.graph, answer.board), mode: 'board' };
    // Without the notes' and nodes' locations (a slice keeps its own), as the panel posted it before.
    const objects = JSON.parse(JSON.stringify({ type: 'graph', graph: answer.graph, mode: 'board', board: answer.board }), function (this: Record<string, unknown>, key: string, value: unknown) {
        return key === 'location' && ('declaration' in this || 'fields' in this) ? undefined : value;
    });
    const scenarios = (answer.board?.contexts ?? []).flatMap(context => context.slices).filter(slice => slice.kind === 'scenario' && (slice.steps?.length ?? 0) > 0);
    const complete = scenarios.filter(slice => slice.run?.steps.length === slice.steps!.length);
    const candidates = complete.length > 0 ? complete : scenarios;
    const slice = candidates[Math.floor(candidates.length / 2)];
    return {
        sent, objects,
        ...(slice ? { stepSlice: { id: slice.id, title: slice.title, steps: slice.steps!.length } } : {})
    };
}

interface Graph { nodes: unknown[] }
interface LaidOutGraph extends Graph { width: number; height: number }

export async function measurePreview(repoRoot: string, models: Model[], contextName: string, layoutWorkspace: boolean): Promise<PreviewResult | undefined> {
    const graphSource = join(repoRoot, 'src/preview/graph/build-flow-graph.ts');
    const layoutSource = join(repoRoot, 'src/preview/layout/layout-flow-graph.ts');
    if (!existsSync(graphSource) || !existsSync(layoutSource)) return undefined;
    const { buildFlowGraph } = await import(pathToFileURL(graphSource).href) as { buildFlowGraph(models: Model[], filter?: { context?: string }): Graph };
    const { layoutFlowGraph } = await import(pathToFileURL(layoutSource).href) as { layoutFlowGraph(graph: Graph): Promise<LaidOutGraph> };

    const measure = async (filter: { context?: string }, layout: boolean) => {
        const graphStart = now();
        const graph = buildFlowGraph(models, filter);
        const graphMs = now() - graphStart;
        const layoutStart = now();
        const laidOut = layout ? await layoutFlowGraph(graph) : undefined;
        return { graphMs, layoutMs: layout ? now() - layoutStart : undefined, nodes: graph.nodes.length, size: laidOut && { width: laidOut.width, height: laidOut.height } };
    };
    const context = await measure({ context: contextName }, true);
    const workspace = await measure({}, layoutWorkspace);
    const board = await measureBoard(repoRoot, models);
    return {
        contextGraphMs: context.graphMs, contextLayoutMs: context.layoutMs!, contextNodes: context.nodes,
        workspaceGraphMs: workspace.graphMs, workspaceLayoutMs: workspace.layoutMs, workspaceNodes: workspace.nodes,
        ...(workspace.size ? { workspaceSize: workspace.size } : {}), ...(board ? { board } : {})
    };
}

/**
 * A board request as the language server answers it (src/server/flow-graph-handler.ts), each right
 * after a one-line edit in one context's file, on a workspace validated with the scenario check
 * (whose rules forms the board reads): the first request of a session, nothing of an earlier
 * answer kept (what opening the board costs), and — interleaved, so both see the same load — the
 * request with the parts of the earlier answers kept (the flow's nodes per file, the board's
 * contexts), as the panel asks again after each edit. Medians of `runs` pairs after one warm-up
 * pair, wall and CPU. A tree without kept parts measures the first only.
 */
export interface BoardRequestFigures {
    runs: number;
    /** Nothing kept: the first request. */
    wallMs: number;
    cpuMs: number;
    /** After an edit in one context, the parts of earlier answers kept. */
    keptWallMs?: number;
    keptCpuMs?: number;
}

interface BoardRequestAnswer { graph: Graph; board?: LaidOutBoardLike }

async function measureBoardRequest(repoRoot: string, models: Model[], runs: number): Promise<{ figures: BoardRequestFigures; answer: BoardRequestAnswer } | undefined> {
    const sources = ['src/server/flow-graph-handler.ts', 'src/semantics/scenario-check.ts', 'src/language/eventloom-module.ts', 'src/language/workspace/load-documents.ts'].map(name => join(repoRoot, name));
    if (!sources.every(existsSync)) return undefined;
    const [handler, { registerScenarioCheck }, { createEventloomServices }, { buildDocuments }] = await Promise.all(sources.map(source => import(pathToFileURL(source).href))) as [
        { flowGraphOfWorkspace(shared: unknown, params: { board: boolean }, forms?: unknown, kept?: unknown): Promise<BoardRequestAnswer>; KeptPreviewParts?: new (shared: unknown) => unknown },
        { registerScenarioCheck(services: unknown): { forms?: unknown } },
        { createEventloomServices(context: unknown): { shared: { workspace: { WorkspaceManager: { initializeWorkspace(folders: unknown[]): Promise<void> } } }; Eventloom: unknown } },
        { buildDocuments(shared: unknown, files: Array<{ path: string; text: string }>): Promise<unknown> }
    ];
    const { EmptyFileSystem } = await import('langium');
    const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
    const check = registerScenarioCheck(Eventloom);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const files = models.flatMap(model => model.$document ? [{ path: model.$document.uri.fsPath, text: model.$document.textDocument.getText() }] : []);
    await buildDocuments(shared, files);
    const KeptParts = handler.KeptPreviewParts;
    const kept = KeptParts ? new KeptParts(shared) : undefined;
    // The edit: a new optional field in the first event of one context's file, different every time.
    const edited = files.find(file => /event \w+ \{/.test(file.text));
    let edits = 0;
    const editOneContext = async () => {
        if (edited) await buildDocuments(shared, [{ path: edited.path, text: edited.text.replace(/(event \w+ \{)/, `$1 benchNote${edits++}?: string,`) }]);
    };
    const request = async (parts: unknown) => {
        await editOneContext();
        const cpu = process.cpuUsage();
        const start = now();
        const answer = await handler.flowGraphOfWorkspace(shared, { board: true }, check.forms, parts);
        const used = process.cpuUsage(cpu);
        return { wall: now() - start, cpu: (used.user + used.system) / 1000, answer };
    };
    const first = [] as Array<{ wall: number; cpu: number }>;
    const again = [] as Array<{ wall: number; cpu: number }>;
    let answer: BoardRequestAnswer | undefined;
    if (kept) await request(kept);
    for (let run = -1; run < runs; run++) {
        // Alternating which goes first; the first pair warms up and is not counted.
        for (const withKept of !kept ? [false] : run % 2 === 0 ? [true, false] : [false, true]) {
            const sample = await request(withKept ? kept : KeptParts ? new KeptParts(shared) : undefined);
            if (withKept || !kept) answer = sample.answer;
            if (run >= 0) (withKept ? again : first).push(sample);
        }
    }
    const median = (values: number[]) => percentile(values, 50);
    return {
        figures: {
            runs, wallMs: median(first.map(s => s.wall)), cpuMs: median(first.map(s => s.cpu)),
            ...(kept ? { keptWallMs: median(again.map(s => s.wall)), keptCpuMs: median(again.map(s => s.cpu)) } : {})
        },
        answer: answer!
    };
}

async function measureBoard(repoRoot: string, models: Model[]): Promise<BoardResult | undefined> {
    const sources = ['build-board', 'layout-board', 'scenario-steps'].map(name => join(repoRoot, `src/preview/board/${name}.ts`));
    if (!sources.every(existsSync)) return undefined;
    const [{ buildBoard }, { layoutBoard }, { scenarioRunner }] = await Promise.all(sources.map(source => import(pathToFileURL(source).href))) as [
        { buildBoard(models: Model[], filter?: object, options?: { runner?: unknown }): unknown },
        { layoutBoard(board: unknown): LaidOutBoardLike },
        { scenarioRunner(models: Model[]): unknown }
    ];
    const start = now();
    const board = layoutBoard(buildBoard(models));
    const buildLayoutMs = now() - start;
    const runsStart = now();
    layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }));
    const withRunsMs = now() - runsStart;
    const measured = await measureBoardRequest(repoRoot, models, 7);
    const webview = measured ? await measureBoardWebview(await webviewMessages(repoRoot, measured.answer)) : undefined;
    const slices = board.contexts.flatMap(context => context.slices);
    return {
        buildLayoutMs, withRunsMs, ...(measured ? { requestMs: measured.figures.wallMs, request: measured.figures } : {}), ...(webview ? { webview } : {}), scenarios: slices.filter(slice => slice.kind === 'scenario').length,
        notes: slices.reduce((sum, slice) => sum + slice.notes.length, 0), width: board.width, height: board.height
    };
}
