/**
 * The custom LSP request `eventloom/flowGraph`: the language server builds and lays out the flow
 * graph of the whole workspace (it holds the parsed models), the extension shows it.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { FlowGraphFilter, LaidOutFlowGraph } from './flow-graph.js';

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

export const FlowGraphRequest = new RequestType<FlowGraphParams, FlowGraphResult, void>('eventloom/flowGraph');
