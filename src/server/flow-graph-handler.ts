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
import { KeptBoardContexts } from '../preview/board/kept-board-contexts.js';
import { documentStamper } from '../preview/document-stamps.js';
import { buildFlowGraph } from '../preview/graph/build-flow-graph.js';
import { KeptFlowNodes } from '../preview/graph/kept-flow-nodes.js';
import { layoutFlowGraph } from '../preview/layout/layout-flow-graph.js';
import type { FlowGraph, FlowGraphFilter, FlowNode, LaidOutFlowGraph, LaidOutNode } from '../protocol/flow-graph.js';
import { FlowGraphRequest, type FlowGraphParams, type FlowGraphResult } from '../protocol/flow-graph-request.js';
import type { ScenarioForms } from '../semantics/scenario-forms.js';
import { answerSafely } from './answer-safely.js';
import { errorsOf, readValidatedWorkspace } from './validated-workspace.js';

/**
 * `forms`: the rules forms the scenario check keeps (absent when it is switched off): the board's
 * scenario runs read them instead of building the whole model's form again for every request.
 */
export function registerFlowGraphHandler(shared: LangiumSharedServices, forms?: ScenarioForms): void {
    const kept = new KeptPreviewParts(shared);
    shared.lsp.Connection?.onRequest(FlowGraphRequest, answerSafely('drawing the flow graph', (params: FlowGraphParams | undefined) => flowGraphOfWorkspace(shared, params ?? {}, forms, kept)));
}

/**
 * What one answer shares with the next while their documents are unchanged: the flow's nodes (per
 * document) and the board's contexts (per context), so that a request after an edit builds again
 * only what the edit touched. The answer is the one building everything afresh gives.
 */
export class KeptPreviewParts {
    readonly flowNodes: KeptFlowNodes;
    readonly boardContexts: KeptBoardContexts;
    /** Each kept flow node's unplaced copy, sent with a board. */
    readonly unplacedNodes = new WeakMap<FlowNode, LaidOutNode>();

    constructor(shared: LangiumSharedServices) {
        const stampOf = documentStamper(shared);
        this.flowNodes = new KeptFlowNodes(stampOf);
        this.boardContexts = new KeptBoardContexts(stampOf);
    }
}

/** `kept`: the parts of earlier answers (absent: everything is built afresh). */
export async function flowGraphOfWorkspace(shared: LangiumSharedServices, params: FlowGraphParams, forms?: ScenarioForms, kept?: KeptPreviewParts): Promise<FlowGraphResult> {
    const { graph, board, errorCount, firstError } = await readValidatedWorkspace(shared, all => {
        const documents = all.filter(document => document.state >= DocumentState.Linked);
        const models = documents.map(document => document.parseResult.value);
        const graph = buildFlowGraph(models, params.filter, kept ? { nodes: kept.flowNodes.source(documents) } : {});
        const runner = scenarioRunner(models, forms ? { form: () => forms.modelFormOf(documents) } : {});
        const board = params.board
            ? layoutBoard(buildBoard(models, params.filter, { runner, ...(kept ? { kept: kept.boardContexts.store(models, true) } : {}) }), boardLayoutOptions(params))
            : undefined;
        const errors = errorsOf(documents.filter(document => concernsView(document, graph, params.filter)), false);
        return { graph, board, errorCount: errors.length, firstError: errors[0] };
    });
    // The board view does not draw the flow: laying it out (seconds on a large model) would only delay the board.
    const laidOut = board ? unplaced(graph, kept?.unplacedNodes) : await layoutFlowGraph(graph, viewShape(params.flowAspect));
    return { graph: laidOut, ...(board ? { board } : {}), errorCount, ...(firstError ? { firstError } : {}) };
}

function boardLayoutOptions(params: FlowGraphParams): BoardLayoutOptions {
    return viewShape(params.boardAspect);
}

/**
 * The flow graph without places, sent with a board: the webview's menus, hover cards and find and
 * the editor's cursor highlight read only what its nodes are; switching back to the flow asks anew.
 * Without its edges too: the board draws its own arrows and nothing of the board view reads the
 * flow's (on the bench model they were a quarter of the answer, copied, sent and cloned for nothing).
 */
function unplaced(graph: FlowGraph, kept?: WeakMap<FlowNode, LaidOutNode>): LaidOutFlowGraph {
    const place = (node: FlowNode): LaidOutNode => {
        const known = kept?.get(node);
        if (known) return known;
        const laidOut = unplacedNode(node);
        kept?.set(node, laidOut);
        return laidOut;
    };
    return {
        nodes: graph.nodes.map(place), edges: [],
        contexts: graph.contexts, aggregates: graph.aggregates, filter: graph.filter,
        groups: [], width: 0, height: 0
    };
}

/**
 * Copied with Object.assign: a spread followed by more properties (`{ ...node, x: 0 }`) cost
 * V8 (Node 20) 30–100 ms for the bench model's 3,600 nodes, against about 1 ms.
 */
function unplacedNode(node: FlowNode): LaidOutNode {
    return Object.assign({}, node, { x: 0, y: 0, width: 0, height: 0 });
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
