/**
 * The language server's side of the preview: answers `eventloom/flowGraph` from the workspace's
 * current models. Reads under Langium's workspace lock, so an answer always reflects every edit
 * the server had received before the request; the elkjs layout runs after the lock is released.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Model } from '../../language/generated/ast.js';
import { buildFlowGraph } from '../graph/build-flow-graph.js';
import type { FlowGraph, FlowGraphFilter } from '../graph/flow-graph.js';
import { layoutFlowGraph } from '../layout/layout-flow-graph.js';
import { FLOW_GRAPH_REQUEST, type FlowGraphParams, type FlowGraphResult } from '../flow-graph-request.js';

export function registerFlowGraphHandler(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(FLOW_GRAPH_REQUEST, (params: FlowGraphParams | undefined) => flowGraphOfWorkspace(shared, params ?? {}));
}

export async function flowGraphOfWorkspace(shared: LangiumSharedServices, params: FlowGraphParams): Promise<FlowGraphResult> {
    // `ready` means loaded, not built: also wait for the first build to link and validate everything.
    await shared.workspace.WorkspaceManager.ready;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
    const { graph, errorCount, firstError } = await shared.workspace.WorkspaceLock.read(() => {
        const documents = shared.workspace.LangiumDocuments.all
            .filter(document => document.state >= DocumentState.Linked)
            .toArray() as Array<LangiumDocument<Model>>;
        const graph = buildFlowGraph(documents.map(document => document.parseResult.value), params.filter);
        const errors = documents.filter(document => concernsView(document, graph, params.filter)).flatMap(document => (document.diagnostics ?? [])
            .filter(diagnostic => diagnostic.severity === 1)
            .map(diagnostic => `${document.uri.path.split('/').pop()}:${diagnostic.range.start.line + 1}`));
        return { graph, errorCount: errors.length, firstError: errors[0] };
    });
    return { graph: await layoutFlowGraph(graph), errorCount, ...(firstError ? { firstError } : {}) };
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
