/**
 * Board → geometry, linear in the number of notes. Each context is a group: a header with its
 * name, then its time line in rows; each row has a line of slice titles and the context's lanes,
 * lane labels on the left, time to the right. A column is as wide as its widest note; notes of one
 * lane and column stack downwards, and a lane is as tall as its tallest stack (in every row).
 * Contexts are stacked. A long time line wraps into rows like text, at the width that gives the
 * whole board the aspect of a view (wide, not a strip): the same width for every context.
 */
import type { Board, BoardContext, BoardNote, LaidOutBoard, LaidOutBoardContext, LaidOutBoardLane, LaidOutBoardNote, LaidOutBoardRow, LaidOutBoardSlice } from '../../protocol/board.js';
import { boardNoteWidth, CONTEXT_HEADER_HEIGHT, LANE_LABEL_WIDTH, SLICE_HEADER_HEIGHT } from '../drawing/board-metrics.js';
import { captionTextWidth, NODE_HEIGHT } from '../drawing/node-metrics.js';

const BOARD_PADDING = 16;
const CONTEXT_GAP = 28;
const ROW_GAP = 18;
const LANE_PADDING = 10;
const STACK_GAP = 8;
const COLUMN_GAP = 28;
const SLICE_PADDING = 14;
const SLICE_TITLE_MAX_WIDTH = 260;
/** Width : height the board aims at: a wide editor panel or screen. */
export const BOARD_TARGET_ASPECT = 1.6;
/** A time line shorter than this never wraps: a few slices read best in one row. */
const MIN_ROW_WIDTH = 1400;

export interface BoardLayoutOptions {
    /** Width : height to aim at when wrapping time lines into rows (default BOARD_TARGET_ASPECT). */
    aspect?: number;
}

export function layoutBoard(board: Board, options: BoardLayoutOptions = {}): LaidOutBoard {
    const measured = board.contexts.map(measureContext);
    const rowWidth = chooseRowWidth(measured, options.aspect ?? BOARD_TARGET_ASPECT);
    const contexts: LaidOutBoardContext[] = [];
    let y = BOARD_PADDING;
    for (const context of measured) {
        const laidOut = placeContext(context, rowWidth, BOARD_PADDING, y);
        contexts.push(laidOut);
        y += laidOut.height + CONTEXT_GAP;
    }
    const width = Math.max(0, ...contexts.map(context => context.x + context.width)) + BOARD_PADDING;
    const height = contexts.length > 0 ? y - CONTEXT_GAP + BOARD_PADDING : 2 * BOARD_PADDING;
    return { contexts, width: round(width), height: round(height) };
}

/** A context's sizes before placing: lane heights, and each slice's columns and width. */
interface MeasuredContext {
    context: BoardContext;
    laneHeights: number[];
    slices: Array<{ columnWidth: number[]; notesWidth: number; width: number }>;
}

function measureContext(context: BoardContext): MeasuredContext {
    // Lane heights: the tallest stack of notes in one column of one slice (cells counted by index, not by string key).
    const laneIndex = new Map(context.lanes.map((lane, index) => [lane.id, index]));
    const stackCount = new Array<number>(context.lanes.length).fill(0);
    for (const slice of context.slices) {
        const perCell = new Uint32Array(context.lanes.length * Math.max(1, slice.columns));
        for (const note of slice.notes) {
            const lane = laneIndex.get(note.lane);
            if (lane === undefined) continue;
            const cell = lane * slice.columns + note.column;
            stackCount[lane] = Math.max(stackCount[lane], ++perCell[cell]);
        }
    }
    const laneHeights = stackCount.map(stacked => {
        const count = Math.max(1, stacked);
        return 2 * LANE_PADDING + count * NODE_HEIGHT + (count - 1) * STACK_GAP;
    });
    const slices = context.slices.map(slice => {
        const columnWidth = Array.from({ length: slice.columns }, () => 0);
        for (const note of slice.notes) columnWidth[note.column] = Math.max(columnWidth[note.column], boardNoteWidth(note));
        const notesWidth = columnWidth.reduce((sum, w) => sum + w, 0) + Math.max(0, slice.columns - 1) * COLUMN_GAP;
        const titleWidth = Math.min(SLICE_TITLE_MAX_WIDTH, captionTextWidth(slice.title) + 8);
        return { columnWidth, notesWidth, width: Math.max(notesWidth, titleWidth) + 2 * SLICE_PADDING };
    });
    return { context, laneHeights, slices };
}

/** Breaks the slices into rows no wider than `rowWidth` (a wider slice gets a row of its own). */
function rowsOf(context: MeasuredContext, rowWidth: number): number[][] {
    const rows: number[][] = [];
    let current: number[] = [];
    let width = 0;
    context.slices.forEach((slice, index) => {
        if (breaksBefore(current.length, width, slice.width, rowWidth)) {
            rows.push(current);
            current = [];
            width = 0;
        }
        current.push(index);
        width += slice.width;
    });
    if (current.length > 0 || rows.length === 0) rows.push(current);
    return rows;
}

/** The one wrapping rule, shared by placing (rowsOf) and by the search for the row width (wrappedSize). */
function breaksBefore(slicesInRow: number, rowWidthSoFar: number, sliceWidth: number, rowWidth: number): boolean {
    return slicesInRow > 0 && rowWidthSoFar + sliceWidth > rowWidth;
}

/** What rowsOf would give, counted without building it: the number of rows and the widest. */
function wrappedSize(sliceWidths: readonly number[], rowWidth: number): { rows: number; widest: number } {
    let rows = 1;
    let inRow = 0;
    let width = 0;
    let widest = 0;
    for (const sliceWidth of sliceWidths) {
        if (breaksBefore(inRow, width, sliceWidth, rowWidth)) {
            rows++;
            inRow = 0;
            width = 0;
        }
        inRow++;
        width += sliceWidth;
        widest = Math.max(widest, width);
    }
    return { rows, widest };
}

function rowHeight(context: MeasuredContext): number {
    return SLICE_HEADER_HEIGHT + context.laneHeights.reduce((sum, h) => sum + h, 0);
}

/**
 * The row width whose board comes closest to the aspect asked for: tried from the whole longest
 * time line down to the widest slice in small steps (each try is one pass over the slices).
 */
function chooseRowWidth(contexts: readonly MeasuredContext[], aspect: number): number {
    const sliceWidths = contexts.map(context => context.slices.map(slice => slice.width));
    const rowHeights = contexts.map(rowHeight);
    const longest = Math.max(0, ...sliceWidths.map(widths => widths.reduce((sum, width) => sum + width, 0)));
    const widestSlice = Math.max(0, ...sliceWidths.flat());
    const narrowest = Math.max(widestSlice, Math.min(longest, MIN_ROW_WIDTH));
    if (longest <= narrowest) return longest;
    const sizeAt = (rowWidth: number) => {
        let width = 0;
        let height = 0;
        sliceWidths.forEach((widths, index) => {
            const { rows, widest } = wrappedSize(widths, rowWidth);
            width = Math.max(width, widest);
            height += CONTEXT_HEADER_HEIGHT + rows * rowHeights[index] + (rows - 1) * ROW_GAP + CONTEXT_GAP;
        });
        return { width: width + LANE_LABEL_WIDTH + 2 * BOARD_PADDING, height };
    };
    let best = longest;
    let bestMiss = Infinity;
    for (let rowWidth = longest; rowWidth >= narrowest * 0.999; rowWidth /= 1.05) {
        const size = sizeAt(rowWidth);
        const miss = Math.abs(Math.log(size.width / size.height / aspect));
        if (miss < bestMiss - 1e-9) {
            best = rowWidth;
            bestMiss = miss;
        }
    }
    return best;
}

function placeContext(measured: MeasuredContext, rowWidth: number, left: number, top: number): LaidOutBoardContext {
    const { context } = measured;
    const rows: LaidOutBoardRow[] = [];
    const slices: LaidOutBoardSlice[] = [];
    let rowTop = top + CONTEXT_HEADER_HEIGHT;
    let right = left + LANE_LABEL_WIDTH + 120;
    for (const indices of rowsOf(measured, rowWidth)) {
        const lanesTop = rowTop + SLICE_HEADER_HEIGHT;
        const lanes: LaidOutBoardLane[] = [];
        let laneY = lanesTop;
        context.lanes.forEach((lane, index) => {
            lanes.push(Object.assign({}, lane, { x: left, y: round(laneY), width: 0, height: measured.laneHeights[index] }));
            laneY += measured.laneHeights[index];
        });
        const laneById = new Map(lanes.map((lane, index) => [lane.id, { y: lane.y, index }]));
        let x = left + LANE_LABEL_WIDTH;
        for (const index of indices) {
            const slice = context.slices[index];
            const { columnWidth, notesWidth, width } = measured.slices[index];
            const columnX: number[] = [];
            let cx = x + SLICE_PADDING + (width - 2 * SLICE_PADDING - notesWidth) / 2;
            for (const w of columnWidth) {
                columnX.push(cx);
                cx += w + COLUMN_GAP;
            }
            const stacked = new Uint32Array(lanes.length * Math.max(1, slice.columns));
            const notes: LaidOutBoardNote[] = slice.notes.map(note => {
                const lane = laneById.get(note.lane)!;
                const stack = stacked[lane.index * slice.columns + note.column]++;
                return placedNote(note, round(columnX[note.column]), round(lane.y + LANE_PADDING + stack * (NODE_HEIGHT + STACK_GAP)), columnWidth[note.column]);
            });
            // Object.assign, as `placedNote` builds its literal: a spread followed by more properties is slow in V8.
            slices.push(Object.assign({}, slice, { notes, row: rows.length, x: round(x), y: round(rowTop), width: round(width), height: round(laneY - rowTop) }));
            x += width;
        }
        right = Math.max(right, x);
        rows.push({ lanes, x: left, y: round(rowTop), width: 0, height: round(laneY - rowTop) });
        rowTop = laneY + ROW_GAP;
    }
    const width = round(right - left);
    for (const row of rows) {
        row.width = width;
        for (const lane of row.lanes) lane.width = width;
    }
    const bottom = rows.length > 0 ? rows[rows.length - 1].y + rows[rows.length - 1].height : rowTop;
    return { name: context.name, lanes: context.lanes, rows, slices, x: left, y: top, width, height: round(bottom - top) };
}

/**
 * The note with its box, every field named: copying with a spread was most of the layout's time
 * (thousands of notes built with optional fields spread in have no fast shape to copy).
 */
function placedNote(note: BoardNote, x: number, y: number, width: number): LaidOutBoardNote {
    const { id, kind, name, context, lane, column, declaration, location } = note;
    return location
        ? { id, kind, name, context, lane, column, declaration, location, x, y, width, height: NODE_HEIGHT }
        : { id, kind, name, context, lane, column, declaration, x, y, width, height: NODE_HEIGHT };
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
