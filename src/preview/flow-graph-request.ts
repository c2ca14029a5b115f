/**
 * The custom LSP request `eventloom/flowGraph`: the language server builds and lays out the flow
 * graph of the whole workspace (it holds the parsed models), the extension shows it. Plain method
 * name and interfaces, so that neither side pulls in the other's JSON-RPC library.
 */
import type { FlowGraphFilter, LaidOutFlowGraph } from './graph/flow-graph.js';

export const FLOW_GRAPH_REQUEST = 'eventloom/flowGraph';

export interface FlowGraphParams {
    filter?: FlowGraphFilter;
}

export interface FlowGraphResult {
    graph: LaidOutFlowGraph;
    /** Errors in the workspace's models: while there are any, the preview keeps its last valid diagram. */
    errorCount: number;
    /** Where the first error is, to say so in the banner: `ordering.loom:12`. */
    firstError?: string;
}
