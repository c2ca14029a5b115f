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
 * Notes sit inside their lane and their slice and never overlap; lanes are stacked in order;
 * slices follow each other left to right; contexts do not overlap.
 */
export function assertCleanBoard(board: LaidOutBoard, label: string): void {
    const all: Array<{ id: string; x: number; y: number; width: number; height: number }> = [];
    let previousBottom = -Infinity;
    for (const context of board.contexts) {
        assert.ok(context.y >= previousBottom, `${label}: context ${context.name} overlaps the one above`);
        previousBottom = context.y + context.height;
        assert.ok(context.x + context.width <= board.width && context.y + context.height <= board.height, `${label}: ${context.name} lies outside the board`);
        for (let i = 1; i < context.lanes.length; i++) {
            assert.equal(context.lanes[i].y, context.lanes[i - 1].y + context.lanes[i - 1].height, `${label}: lanes of ${context.name} are stacked`);
        }
        for (let i = 1; i < context.slices.length; i++) {
            assert.ok(context.slices[i].x >= context.slices[i - 1].x + context.slices[i - 1].width - 0.01, `${label}: slices of ${context.name} run left to right`);
        }
        const lanes = new Map(context.lanes.map(lane => [lane.id, lane]));
        for (const slice of context.slices) {
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
