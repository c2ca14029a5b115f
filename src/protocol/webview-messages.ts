/**
 * The messages between the preview panel (extension host) and its webview. The webview's HTML is
 * static; everything it shows arrives as one of these, and everything it asks for leaves as one.
 */
import type { FlowGraphFilter } from './flow-graph.js';
import type { PackedPreviewText } from './packed-preview.js';

export type ExportFormat = 'svg' | 'mermaid';

/** The preview's two views of one model: the flow graph, or the Event Modeling board. */
export type PreviewMode = 'flow' | 'board';

/** Extension → webview. */
export type ToWebviewMessage =
    | {
        type: 'graph';
        /** The flow graph, and in board mode the board of the same view, packed (packed-preview.ts). */
        preview: PackedPreviewText;
        /** The view to show (absent: the webview's own); the extension may choose it (a "Step" lens opens the board). */
        mode?: PreviewMode;
        /** Set while the text has errors: the graph shown is the last valid one. */
        staleReason?: string;
        /** Start stepping through the scenario declared there (its "Step on the board" lens). */
        step?: ScenarioAt;
    }
    | { type: 'highlight'; nodeId?: string }
    | { type: 'failed'; message: string };

/** Where a scenario is declared: its document and the line its declaration starts on (0-based). */
export interface ScenarioAt {
    uri: string;
    line: number;
}

/** Webview → extension. */
export type FromWebviewMessage =
    /** `viewAspect`: the canvas's width : height, so that the board is wrapped to fill it. */
    | { type: 'ready'; viewAspect?: number }
    /** The webview drew a graph: the ids it shows (the extension's tests wait on this). */
    | { type: 'rendered'; nodeIds: string[]; stale: boolean; mode: PreviewMode; /** The scenario slice being stepped through. */ stepping?: string }
    | { type: 'reveal'; nodeId: string }
    | { type: 'setFilter'; filter: FlowGraphFilter }
    | { type: 'setMode'; mode: PreviewMode; viewAspect?: number }
    /** The panel was resized (debounced): its new width : height, for the layouts that wrap to it. */
    | { type: 'viewResized'; viewAspect: number }
    | { type: 'export'; format: ExportFormat };

/** What the webview keeps through `setState`, and the serializer hands back after a reload. */
export interface PreviewState {
    filter: FlowGraphFilter;
    view?: { x: number; y: number; scale: number };
    selected?: string;
    /** Flow (the default) or board, remembered per panel. */
    mode?: PreviewMode;
}

export const PREVIEW_VIEW_TYPE = 'eventloom.flowPreview';
