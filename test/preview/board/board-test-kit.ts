/** The board as reviewable text (golden files) and geometry checks on a laid-out board. */
import * as assert from 'node:assert/strict';
import type { Board, LaidOutBoard } from '../../../src/protocol/board.js';

/** One line per lane and per slice; a slice lists `column:kind Name @lane` per note and its arrows. */
export function describeBoard(board: Board): string {
    const lines: string[] = [];
    for (const context of board.contexts) {
        lines.push(`context ${context.name}`);
        lines.push(`  lanes: ${context.lanes.map(lane => `${lane.label} [${lane.id}]`).join(' | ')}`);
        for (const slice of context.slices) {
            lines.push(`  ${slice.kind} "${slice.title}"${slice.aggregate ? ` (${slice.aggregate})` : ''}`);
            for (const note of slice.notes) {
                const context = note.context === slice.context ? '' : ` (${note.context})`;
                lines.push(`    ${note.column} ${note.kind} ${note.name}${context} @${note.lane}`);
            }
            const name = (id: string) => slice.notes.find(note => note.id === id)?.name ?? id;
            if (slice.arrows.length > 0) lines.push(`    arrows: ${slice.arrows.map(([from, to]) => `${name(from)}→${name(to)}`).join(', ')}`);
            if (slice.steps) lines.push(`    steps: ${slice.steps.map(step => `${step.kind}(${step.notes.map(name).join(', ')})`).join(' ')}`);
        }
    }
    return `${lines.join('\n')}\n`;
}

/**
 * Notes sit inside their lane (in their slice's row) and their slice and never overlap; every row
 * repeats the context's lanes, stacked in order; rows are stacked inside the context's frame;
 * slices run left to right within a row and rows follow each other; contexts do not overlap.
 */
export function assertCleanBoard(board: LaidOutBoard, label: string): void {
    const all: Array<{ id: string; x: number; y: number; width: number; height: number }> = [];
    let previousBottom = -Infinity;
    for (const context of board.contexts) {
        assert.ok(context.y >= previousBottom, `${label}: context ${context.name} overlaps the one above`);
        previousBottom = context.y + context.height;
        assert.ok(context.x + context.width <= board.width && context.y + context.height <= board.height, `${label}: ${context.name} lies outside the board`);
        context.rows.forEach((row, r) => {
            assert.deepEqual(row.lanes.map(lane => lane.id), context.lanes.map(lane => lane.id), `${label}: row ${r} of ${context.name} has the context's lanes`);
            if (r > 0) assert.ok(row.y >= context.rows[r - 1].y + context.rows[r - 1].height, `${label}: rows of ${context.name} are stacked`);
            assert.ok(row.y >= context.y && row.y + row.height <= context.y + context.height + 0.01, `${label}: row ${r} lies in ${context.name}'s frame`);
            for (let i = 1; i < row.lanes.length; i++) {
                assert.equal(row.lanes[i].y, Math.round((row.lanes[i - 1].y + row.lanes[i - 1].height) * 100) / 100, `${label}: lanes of ${context.name} are stacked`);
            }
        });
        for (let i = 1; i < context.slices.length; i++) {
            const [before, after] = [context.slices[i - 1], context.slices[i]];
            if (after.row === before.row) assert.ok(after.x >= before.x + before.width - 0.01, `${label}: slices of ${context.name} run left to right`);
            else assert.equal(after.row, before.row + 1, `${label}: the time line of ${context.name} continues in the next row`);
        }
        for (const slice of context.slices) {
            const lanes = new Map(context.rows[slice.row].lanes.map(lane => [lane.id, lane]));
            assert.ok(slice.x + slice.width <= context.x + context.width + 0.01, `${label}: slice ${slice.title} lies in ${context.name}'s frame`);
            for (const note of slice.notes) {
                const lane = lanes.get(note.lane);
                assert.ok(lane, `${label}: ${note.id} has a lane`);
                assert.ok(note.y >= lane.y && note.y + note.height <= lane.y + lane.height, `${label}: ${note.name} lies in its lane ${lane.id}`);
                assert.ok(note.x >= slice.x && note.x + note.width <= slice.x + slice.width + 0.01, `${label}: ${note.name} lies in its slice ${slice.title}`);
                all.push(note);
            }
        }
    }
    for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
            const [a, b] = [all[i], all[j]];
            const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            assert.ok(apart, `${label}: ${a.id} overlaps ${b.id}`);
        }
    }
}
