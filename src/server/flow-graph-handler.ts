/**
 * The language server's side of the preview: answers `eventloom/flowGraph` from the workspace's
 * current models (read under the workspace lock); the elkjs layout runs after the lock is released.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Model } from '../language/generated/ast.js';
import { buildBoard } from '../preview/board/build-board.js';
import { layoutBoard, type BoardLayoutOptions } from '../preview/board/layout-board.js';
import { scenarioRunner } from '../preview/board/scenario-steps.js';
import { buildFlowGraph } from '../preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../preview/layout/layout-flow-graph.js';
import type { FlowGraph, FlowGraphFilter } from '../protocol/flow-graph.js';
import { FlowGraphRequest, type FlowGraphParams, type FlowGraphResult } from '../protocol/flow-graph-request.js';
import { answerSafely } from './answer-safely.js';
import { errorsOf, readValidatedWorkspace } from './validated-workspace.js';

export function registerFlowGraphHandler(shared: LangiumSharedServices): void {
    shared.lsp.Connection?.onRequest(FlowGraphRequest, answerSafely('drawing the flow graph', (params: FlowGraphParams | undefined) => flowGraphOfWorkspace(shared, params ?? {})));
}

export async function flowGraphOfWorkspace(shared: LangiumSharedServices, params: FlowGraphParams): Promise<FlowGraphResult> {
    const { graph, board, errorCount, firstError } = await readValidatedWorkspace(shared, all => {
        const documents = all.filter(document => document.state >= DocumentState.Linked);
        const models = documents.map(document => document.parseResult.value);
        const graph = buildFlowGraph(models, params.filter);
        const board = params.board ? layoutBoard(buildBoard(models, params.filter, { runner: scenarioRunner(models) }), boardLayoutOptions(params)) : undefined;
        const errors = errorsOf(documents.filter(document => concernsView(document, graph, params.filter)), false);
        return { graph, board, errorCount: errors.length, firstError: errors[0] };
    });
    return { graph: await layoutFlowGraph(graph, viewShape(params.flowAspect)), ...(board ? { board } : {}), errorCount, ...(firstError ? { firstError } : {}) };
}

function boardLayoutOptions(params: FlowGraphParams): BoardLayoutOptions {
    return viewShape(params.boardAspect);
}

/** The view's aspect, within reason (a message is not to be trusted with a board 10,000 rows tall). */
function viewShape(aspect: number | undefined): { aspect?: number } {
    return typeof aspect === 'number' && Number.isFinite(aspect) ? { aspect: Math.min(6, Math.max(0.4, aspect)) } : {};
}

/**
 * Errors count for the view when they sit in a file of a context it shows (or in a file that has
 * no context yet): a broken file of another context must not freeze a filtered diagram.
 */
function concernsView(document: LangiumDocument<Model>, graph: FlowGraph, filter: FlowGraphFilter | undefined): boolean {
    if (!filter || (filter.context === undefined && filter.aggregate === undefined)) return true;
    const context = document.parseResult.value.context?.name;
    if (context === undefined) return true;
    return context === filter.context || graph.nodes.some(node => node.context === context);
}
