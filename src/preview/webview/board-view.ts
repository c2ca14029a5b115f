/**
 * The board view: the laid-out Event Modeling board drawn into the viewport with the same drawing
 * the board's SVG export uses. A board is drawn whole (no culling: it is built to be read in slices
 * and measured fast enough on the bench model); clicks, selection and highlight work on its notes
 * by their declaration's id, which every appearance of a declaration shares.
 */
import type { LaidOutBoard } from '../../protocol/board.js';
import { drawBoard } from '../drawing/draw-board.js';
import { page } from './page.js';
import { state } from './state.js';
import { toSvgDom } from './svg-dom.js';

export function isBoardShown(): boolean {
    return state.persisted.mode === 'board' && state.board !== undefined;
}

export function drawBoardView(board: LaidOutBoard): void {
    state.drawing = undefined;
    page.viewport.replaceChildren(toSvgDom(drawBoard(board), document));
    markBoardNotes('selected', state.persisted.selected);
    markBoardNotes('highlighted', state.highlighted);
}

/** Marks every appearance of the declaration on the board (and unmarks the rest). */
export function markBoardNotes(mark: 'selected' | 'highlighted' | 'match', declaration: string | undefined): void {
    for (const note of page.viewport.querySelectorAll(`.board-note.${mark}`)) note.classList.remove(mark);
    if (declaration === undefined) return;
    for (const note of boardNotesOf(declaration)) note.classList.add(mark);
}

/** Where the declaration first appears on the board (to centre on it). */
export function firstBoardNote(declaration: string): { x: number; y: number; width: number; height: number } | undefined {
    for (const context of state.board?.contexts ?? []) {
        for (const slice of context.slices) {
            const note = slice.notes.find(candidate => candidate.declaration === declaration);
            if (note) return note;
        }
    }
    return undefined;
}

export function boardNotesOf(declaration: string): Element[] {
    return [...page.viewport.querySelectorAll('.board-note')].filter(note => note.getAttribute('data-node-id') === declaration);
}
