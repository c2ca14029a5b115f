/**
 * Board → geometry, linear in the number of notes. Each context is a group: a header with its
 * name, a row of slice titles, then its lanes; lane labels on the left, time to the right. A
 * column is as wide as its widest note; notes of one lane and column stack downwards, and a lane
 * is as tall as its tallest stack. Contexts are stacked, each with its own time line from the left.
 */
import type { Board, BoardContext, LaidOutBoard, LaidOutBoardContext, LaidOutBoardLane, LaidOutBoardNote, LaidOutBoardSlice } from '../../protocol/board.js';
import { boardNoteWidth, CONTEXT_HEADER_HEIGHT, LANE_LABEL_WIDTH, SLICE_HEADER_HEIGHT } from '../drawing/board-metrics.js';
import { captionTextWidth, NODE_HEIGHT } from '../drawing/node-metrics.js';

const BOARD_PADDING = 16;
const CONTEXT_GAP = 28;
const LANE_PADDING = 10;
const STACK_GAP = 8;
const COLUMN_GAP = 28;
const SLICE_PADDING = 14;
const SLICE_TITLE_MAX_WIDTH = 260;

export function layoutBoard(board: Board): LaidOutBoard {
    const contexts: LaidOutBoardContext[] = [];
    let y = BOARD_PADDING;
    for (const context of board.contexts) {
        const laidOut = layoutContext(context, BOARD_PADDING, y);
        contexts.push(laidOut);
        y += laidOut.height + CONTEXT_GAP;
    }
    const width = Math.max(0, ...contexts.map(context => context.x + context.width)) + BOARD_PADDING;
    const height = contexts.length > 0 ? y - CONTEXT_GAP + BOARD_PADDING : 2 * BOARD_PADDING;
    return { contexts, width, height };
}

function layoutContext(context: BoardContext, left: number, top: number): LaidOutBoardContext {
    // Lane heights: the tallest stack of notes in one column of one slice.
    const stackCount = new Map<string, number>();
    for (const slice of context.slices) {
        const perCell = new Map<string, number>();
        for (const note of slice.notes) {
            const key = `${note.lane}|${note.column}`;
            perCell.set(key, (perCell.get(key) ?? 0) + 1);
            stackCount.set(note.lane, Math.max(stackCount.get(note.lane) ?? 0, perCell.get(key)!));
        }
    }
    const lanesTop = top + CONTEXT_HEADER_HEIGHT + SLICE_HEADER_HEIGHT;
    const lanes: LaidOutBoardLane[] = [];
    let laneY = lanesTop;
    for (const lane of context.lanes) {
        const count = Math.max(1, stackCount.get(lane.id) ?? 0);
        const height = 2 * LANE_PADDING + count * NODE_HEIGHT + (count - 1) * STACK_GAP;
        lanes.push({ ...lane, x: left, y: laneY, width: 0, height });
        laneY += height;
    }
    const laneById = new Map(lanes.map(lane => [lane.id, lane]));

    const slices: LaidOutBoardSlice[] = [];
    let x = left + LANE_LABEL_WIDTH;
    for (const slice of context.slices) {
        const columnWidth = Array.from({ length: slice.columns }, () => 0);
        for (const note of slice.notes) columnWidth[note.column] = Math.max(columnWidth[note.column], boardNoteWidth(note));
        const notesWidth = columnWidth.reduce((sum, w) => sum + w, 0) + Math.max(0, slice.columns - 1) * COLUMN_GAP;
        const titleWidth = Math.min(SLICE_TITLE_MAX_WIDTH, captionTextWidth(slice.title) + 8);
        const width = Math.max(notesWidth, titleWidth) + 2 * SLICE_PADDING;
        const columnX: number[] = [];
        let cx = x + SLICE_PADDING + (width - 2 * SLICE_PADDING - notesWidth) / 2;
        for (const w of columnWidth) {
            columnX.push(cx);
            cx += w + COLUMN_GAP;
        }
        const stacked = new Map<string, number>();
        const notes: LaidOutBoardNote[] = slice.notes.map(note => {
            const lane = laneById.get(note.lane)!;
            const key = `${note.lane}|${note.column}`;
            const index = stacked.get(key) ?? 0;
            stacked.set(key, index + 1);
            return {
                ...note,
                x: round(columnX[note.column]), y: round(lane.y + LANE_PADDING + index * (NODE_HEIGHT + STACK_GAP)),
                width: columnWidth[note.column], height: NODE_HEIGHT
            };
        });
        slices.push({ ...slice, notes, x: round(x), y: top + CONTEXT_HEADER_HEIGHT, width: round(width), height: laneY - top - CONTEXT_HEADER_HEIGHT });
        x += width;
    }
    const width = Math.max(x - left, LANE_LABEL_WIDTH + 120);
    for (const lane of lanes) lane.width = width;
    return { name: context.name, lanes, slices, x: left, y: top, width: round(width), height: laneY - top };
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
