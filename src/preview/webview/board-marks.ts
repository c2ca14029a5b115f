/**
 * The marks of a board note, computed from the state: the selected and the highlighted
 * declaration (every appearance of it), find's matches (and the rest dimmed), and the steps of the
 * scenario being stepped through (done, current, failing, still to come).
 */
import type { LaidOutBoardNote, LaidOutBoardSlice } from '../../protocol/board.js';
import type { BoardMarks } from './board-drawing.js';
import { state } from './state.js';

export const boardNoteMarks: BoardMarks = {
    of(note, slice) {
        const marks: string[] = [];
        if (note.declaration === state.persisted.selected) marks.push('selected');
        if (note.declaration === state.highlighted) marks.push('highlighted');
        if (state.find.matching) marks.push(state.find.matching.has(note.declaration) ? 'match' : 'dimmed');
        marks.push(...stepMarks(note, slice));
        return marks;
    },
    stands(note, slice) {
        return note.declaration === state.persisted.selected || note.declaration === state.highlighted
            || (state.find.matching?.has(note.declaration) ?? false) || state.stepping?.slice === slice.id;
    }
};

function stepMarks(note: LaidOutBoardNote, slice: LaidOutBoardSlice): string[] {
    if (state.stepping?.slice !== slice.id) return [];
    const index = state.stepping.index;
    const step = (slice.steps ?? []).findIndex(candidate => candidate.notes.includes(note.id));
    if (step < 0) return [];
    if (step < index) return ['step-done'];
    if (step > index) return ['step-pending'];
    return slice.run?.failedStep === step ? ['step-current', 'step-failed'] : ['step-current'];
}
