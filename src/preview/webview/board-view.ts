/**
 * The board view: the laid-out Event Modeling board drawn into the viewport (board-drawing.ts: a
 * large board only near the visible area and at the zoom's level of detail); clicks, selection,
 * find, highlight and stepping mark its notes by their declaration's id, which every appearance of
 * a declaration shares. The marks are computed from the state (board-marks), so a note drawn later,
 * as the view moves, gets the marks it would have had.
 */
import type { LaidOutBoard } from '../../protocol/board.js';
import { boardNoteMarks } from './board-marks.js';
import { BoardDrawing, boardDetailAt, type PlacedBoardNote } from './board-drawing.js';
import { page } from './page.js';
import { state } from './state.js';
import { visibleArea } from './visible-area.js';

/** The drawn area reaches this far beyond the canvas (in canvases), so most pans draw nothing new. */
const CULL_MARGIN = 0.25;

export function isBoardShown(): boolean {
    return state.persisted.mode === 'board' && state.board !== undefined;
}

export function drawBoardView(board: LaidOutBoard): void {
    state.drawing = undefined;
    const scale = state.view?.scale ?? 1;
    state.boardDrawing = new BoardDrawing(board, boardDetailAt(board, scale), boardNoteMarks);
    state.boardDrawing.update(cullArea());
    state.boardDrawing.scaleNames(scale);
    page.viewport.replaceChildren(state.boardDrawing.root);
}

/** After a pan, zoom or resize: redraws at another level of detail, or draws what came into view. */
export function boardToView(): void {
    const { board, boardDrawing, view } = state;
    if (!board || !boardDrawing || !view || !isBoardShown()) return;
    if (boardDetailAt(board, view.scale) !== boardDrawing.detail) {
        drawBoardView(board);
        return;
    }
    boardDrawing.scaleNames(view.scale);
    if (!boardDrawing.covers(visibleArea(view, page.canvas.clientWidth, page.canvas.clientHeight))) boardDrawing.update(cullArea());
}

/** After the selection, highlight, find or stepping changed: the notes' marks. */
export function remarkBoard(): void {
    if (isBoardShown()) state.boardDrawing?.remark();
}

/** After a step within the scenario being stepped through: the marks of its slice's notes, the only ones that change. */
export function remarkSlice(sliceId: string): void {
    if (isBoardShown()) state.boardDrawing?.remarkSlice(sliceId);
}

function cullArea() {
    return state.view ? visibleArea(state.view, page.canvas.clientWidth, page.canvas.clientHeight, CULL_MARGIN) : undefined;
}

/** Where the declaration first appears on the board (to centre on it). */
export function firstBoardNote(declaration: string): { x: number; y: number; width: number; height: number } | undefined {
    return state.boardDrawing?.appearancesOf(declaration)[0]?.note;
}

/** The note under a point of the canvas (client coordinates), drawn on its own or not. */
export function boardNoteAtPoint(clientX: number, clientY: number): PlacedBoardNote | undefined {
    const { boardDrawing, view } = state;
    if (!boardDrawing || !view || !isBoardShown()) return undefined;
    const bounds = page.canvas.getBoundingClientRect();
    return boardDrawing.noteAt((clientX - bounds.left - view.x) / view.scale, (clientY - bounds.top - view.y) / view.scale);
}
