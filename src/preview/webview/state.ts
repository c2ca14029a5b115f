/**
 * Everything the webview knows, in one object: what the sections (drawing, pan/zoom, find,
 * filters, selection, messaging) read and change, instead of variables spread over modules.
 */
import type { LaidOutBoard } from '../../protocol/board.js';
import type { LaidOutFlowGraph, LaidOutNode } from '../../protocol/flow-graph.js';
import type { PreviewState } from '../../protocol/webview-messages.js';
import type { BoardDrawing } from './board-drawing.js';
import type { DiagramDrawing } from './diagram-drawing.js';
import { host } from './host.js';
import type { ViewTransform } from './view-transform.js';

export interface WebviewState {
    /** What survives a reload (the host's setState): the filter and the selected node. */
    persisted: PreviewState;
    /** Pan and zoom; undefined until the first graph is fitted (unless restored). */
    view: ViewTransform | undefined;
    /** Fit the next graph to the canvas: first open, or after the filter changed. */
    fitNext: boolean;
    graph: LaidOutFlowGraph | undefined;
    /** The board of the same view, while the board is shown (persisted.mode). */
    board: LaidOutBoard | undefined;
    nodesById: Map<string, LaidOutNode>;
    /** The drawn diagram (only its visible part of a large one). */
    drawing: DiagramDrawing | undefined;
    /** The drawn board, while the board is shown (only its visible part of a large one). */
    boardDrawing: BoardDrawing | undefined;
    /** Whether the notes are drawn with their labels (level of detail). */
    labelsDrawn: boolean;
    /** Whether the edges' kinds are written along them (zoomed in far enough to read them). */
    edgeLabelsDrawn: boolean;
    /** The node of the declaration under the editor's cursor. */
    highlighted: string | undefined;
    find: {
        matches: string[];
        /** The nodes find marks, or undefined when the find box is empty. */
        matching: Set<string> | undefined;
        index: number;
    };
    /** The scenario being stepped through on the board: its slice and the step shown (-1: before the first). */
    stepping: { slice: string; index: number } | undefined;
    /** "Focus": how many steps around the selected note stay clear (0: no focus). */
    focusDepth: number;
    /** The notes in focus, or undefined when nothing is focused. */
    focused: Set<string> | undefined;
    /** A pan in progress (pointer down on the canvas); once released, `ended`, kept until its click has passed. */
    drag: { startX: number; startY: number; view: ViewTransform; moved: boolean; ended: boolean } | undefined;
}

const saved = host.getState();

export const state: WebviewState = {
    persisted: saved ?? { filter: {} },
    view: saved?.view,
    fitNext: saved?.view === undefined,
    graph: undefined,
    board: undefined,
    nodesById: new Map(),
    drawing: undefined,
    boardDrawing: undefined,
    labelsDrawn: true,
    edgeLabelsDrawn: false,
    highlighted: undefined,
    find: { matches: [], matching: undefined, index: -1 },
    drag: undefined,
    stepping: undefined,
    focusDepth: 0,
    focused: undefined
};

export function saveState(): void {
    host.setState({ ...state.persisted, ...(state.view ? { view: state.view } : {}) });
}
