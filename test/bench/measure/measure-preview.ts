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
import { measureBoardWebview, type BoardWebviewResult } from './measure-board-webview.js';
import { now } from './stats.js';

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
    contexts: Array<{ slices: Array<{ kind: string; notes: unknown[] }> }>;
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
    const board = await measureBoard(repoRoot, models, buildFlowGraph);
    return {
        contextGraphMs: context.graphMs, contextLayoutMs: context.layoutMs!, contextNodes: context.nodes,
        workspaceGraphMs: workspace.graphMs, workspaceLayoutMs: workspace.layoutMs, workspaceNodes: workspace.nodes,
        ...(workspace.size ? { workspaceSize: workspace.size } : {}), ...(board ? { board } : {})
    };
}

async function measureBoard(repoRoot: string, models: Model[], buildFlowGraph: (models: Model[]) => Graph): Promise<BoardResult | undefined> {
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
    // A board request as the server answers it (src/server/flow-graph-handler.ts), without the workspace lock.
    const requestStart = now();
    const graph = buildFlowGraph(models);
    const requested = layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }));
    const requestMs = now() - requestStart;
    const unplaced = { ...graph, nodes: (graph.nodes as object[]).map(node => ({ ...node, x: 0, y: 0, width: 0, height: 0 })), edges: [], groups: [], width: 0, height: 0 };
    const webview = await measureBoardWebview({ type: 'graph', graph: unplaced, mode: 'board', board: requested });
    const slices = board.contexts.flatMap(context => context.slices);
    return {
        buildLayoutMs, withRunsMs, requestMs, ...(webview ? { webview } : {}), scenarios: slices.filter(slice => slice.kind === 'scenario').length,
        notes: slices.reduce((sum, slice) => sum + slice.notes.length, 0), width: board.width, height: board.height
    };
}
