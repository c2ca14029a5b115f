/**
 * The custom LSP request `eventloom/flowGraph`: the language server builds and lays out the flow
 * graph of the whole workspace (it holds the parsed models), the extension shows it.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { LaidOutBoard } from './board.js';
import type { FlowGraphFilter, LaidOutFlowGraph } from './flow-graph.js';

export interface FlowGraphParams {
    filter?: FlowGraphFilter;
    /** Also the Event Modeling board of the same view (the webview shows the board). */
    board?: boolean;
    /** Width : height of the view the board is shown in: its time lines wrap to fill it. */
    boardAspect?: number;
    /** Width : height of the view the flow is shown in: its contexts' frames wrap into rows (columns of bands) to fill it. */
    flowAspect?: number;
}

export interface FlowGraphResult {
    graph: LaidOutFlowGraph;
    board?: LaidOutBoard;
    /** Errors in the workspace's models: while there are any, the preview keeps its last valid diagram. */
    errorCount: number;
    /** Where the first error is, to say so in the banner: `ordering.loom:12`. */
    firstError?: string;
}

export const FlowGraphRequest = new RequestType<FlowGraphParams, FlowGraphResult, void>('eventloom/flowGraph');
