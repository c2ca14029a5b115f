/**
 * The messages between the preview panel (extension host) and its webview. The webview's HTML is
 * static; everything it shows arrives as one of these, and everything it asks for leaves as one.
 */
import type { FlowGraphFilter, LaidOutFlowGraph } from './flow-graph.js';

export type ExportFormat = 'svg' | 'mermaid';

/** Extension → webview. */
export type ToWebviewMessage =
    | {
        type: 'graph';
        graph: LaidOutFlowGraph;
        /** Set while the text has errors: the graph shown is the last valid one. */
        staleReason?: string;
    }
    | { type: 'highlight'; nodeId?: string }
    | { type: 'failed'; message: string };

/** Webview → extension. */
export type FromWebviewMessage =
    | { type: 'ready' }
    /** The webview drew a graph: the ids it shows (the extension's tests wait on this). */
    | { type: 'rendered'; nodeIds: string[]; stale: boolean }
    | { type: 'reveal'; nodeId: string }
    | { type: 'setFilter'; filter: FlowGraphFilter }
    | { type: 'export'; format: ExportFormat };

/** What the webview keeps through `setState`, and the serializer hands back after a reload. */
export interface PreviewState {
    filter: FlowGraphFilter;
    view?: { x: number; y: number; scale: number };
    selected?: string;
}

export const PREVIEW_VIEW_TYPE = 'eventloom.flowPreview';
