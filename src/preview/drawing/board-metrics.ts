/**
 * What the board's layout and its drawing agree on: the captions and sizes of its notes and the
 * heights of its header rows. Pure, shared by the layout (preview) and the drawing (also the webview).
 */
import { BOARD_NOTE_KIND_LABELS, type BoardNote } from '../../protocol/board.js';
import { noteWidth } from './node-metrics.js';

export const LANE_LABEL_WIDTH = 168;
export const CONTEXT_HEADER_HEIGHT = 30;
export const SLICE_HEADER_HEIGHT = 24;

/** The line above a board note's name: its kind and, always, its context (notes of two contexts never look alike). */
export function boardCaptionOf(note: Pick<BoardNote, 'kind' | 'context'>): string {
    const kind = note.kind === 'externalEvent' ? 'event' : BOARD_NOTE_KIND_LABELS[note.kind].toLowerCase();
    return `${kind} · ${note.context}`;
}

export function boardNoteWidth(note: Pick<BoardNote, 'kind' | 'context' | 'name'>): number {
    return noteWidth(note.name, boardCaptionOf(note));
}
