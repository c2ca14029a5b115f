/**
 * The board as SVG DOM, drawn for the zoom it is seen at. A small board is drawn whole. A large one
 * (the bench model's 5,000 notes took seconds to draw with every text) is drawn at a level of
 * detail and only in and near the visible area, the rest as the view moves:
 * - full (from LABEL_MIN_SCALE): everything, as the SVG export draws it;
 * - sketch: notes as bare rectangles, arrows without heads, no texts (they could not be read);
 * - overview (far out, every note a few pixels): the notes as one path per kind, no arrows;
 *   marked notes (selected, highlighted, found, stepped through) are drawn on their own on top.
 * Frames and names of the contexts are always drawn; zoomed out, the names grow like a map's.
 */
import type { BoardNoteKind, LaidOutBoard, LaidOutBoardContext, LaidOutBoardNote, LaidOutBoardRow, LaidOutBoardSlice } from '../../protocol/board.js';
import {
    BOARD_NOTE_COLOURS, BOARD_ROW_RULE_OFFSET, drawBoardNote, drawBoardRow, drawContextFrame, drawContextName, drawSliceBackground, drawSliceContent,
    type BoardDrawOptions
} from '../drawing/draw-board.js';
import { FONT_FAMILY } from '../drawing/palette.js';
import { LABEL_MIN_SCALE } from './diagram-drawing.js';
import { SVG_NS, toSvgDom } from './svg-dom.js';
import { boxOfRect, contains, intersects, type Box } from './visible-area.js';

export type BoardDetail = 'full' | 'sketch' | 'overview';

/** Below this scale a note is a few pixels: the board is drawn as an overview. */
export const BOARD_OVERVIEW_MAX_SCALE = 0.08;
/** Boards with fewer notes are drawn whole and in full: culling would save nothing noticeable. */
export const BOARD_CULL_MIN_NOTES = 500;
/** A context's name on screen, zoomed out, in pixels. */
const ZOOMED_OUT_NAME_PX = 18;

export function boardNoteCount(board: LaidOutBoard): number {
    let count = 0;
    for (const context of board.contexts) for (const slice of context.slices) count += slice.notes.length;
    return count;
}

/** The level of detail a board is drawn at, at this scale. */
export function boardDetailAt(board: LaidOutBoard, scale: number): BoardDetail {
    if (boardNoteCount(board) < BOARD_CULL_MIN_NOTES || scale >= LABEL_MIN_SCALE) return 'full';
    return scale >= BOARD_OVERVIEW_MAX_SCALE ? 'sketch' : 'overview';
}

/** A note on the board, with the slice it is in. */
export interface PlacedBoardNote {
    note: LaidOutBoardNote;
    slice: LaidOutBoardSlice;
}

/** What the drawing asks of the rest of the webview for each note it draws. */
export interface BoardMarks {
    /** The marks (CSS classes) a note has now. */
    of(note: LaidOutBoardNote, slice: LaidOutBoardSlice): string[];
    /** Whether the note must be drawn on its own in the overview (it carries a mark worth seeing). */
    stands(note: LaidOutBoardNote, slice: LaidOutBoardSlice): boolean;
}

/** Every mark a board note can carry (to clear those it no longer has). */
export const BOARD_NOTE_MARKS = ['selected', 'highlighted', 'match', 'dimmed', 'step-done', 'step-current', 'step-pending', 'step-failed'];

interface DrawnContext {
    context: LaidOutBoardContext;
    box: Box;
    name: SVGElement;
    bands: SVGGElement;
    rows: SVGGElement;
    contents: SVGGElement;
    overview: SVGGElement;
    drawnBands: Map<LaidOutBoardSlice, SVGElement>;
    drawnRows: Map<LaidOutBoardRow, SVGElement>;
    drawnContents: Map<LaidOutBoardSlice, SVGElement>;
    /** Overview only: the notes drawn on their own. */
    standing: Map<string, SVGElement>;
    sliceBoxes: Array<{ slice: LaidOutBoardSlice; index: number; box: Box }>;
    rowBoxes: Array<{ row: LaidOutBoardRow; index: number; box: Box }>;
}

export class BoardDrawing {
    readonly root: SVGGElement;
    /** The note elements in the document now, by note id. */
    readonly notes = new Map<string, { element: SVGElement } & PlacedBoardNote>();
    readonly culls: boolean;
    /** The area drawn, undefined when the whole board is. */
    area: Box | undefined;
    private readonly contexts: DrawnContext[];
    private readonly options: BoardDrawOptions;
    private nameFontSize = 14;

    constructor(readonly board: LaidOutBoard, readonly detail: BoardDetail, private readonly marks: BoardMarks) {
        this.culls = boardNoteCount(board) >= BOARD_CULL_MIN_NOTES;
        this.options = { labels: detail === 'full', arrowHeads: detail === 'full' };
        this.root = element('g', 'board');
        this.root.setAttribute('font-family', FONT_FAMILY);
        this.contexts = board.contexts.map(context => {
            const group = element('g', 'board-context');
            group.setAttribute('data-context', context.name);
            const drawn: DrawnContext = {
                context, box: boxOfRect(context.x, context.y, context.width, context.height),
                name: toSvgDom(drawContextName(context), document),
                bands: element('g', 'slice-bands'), rows: element('g', 'board-rows'), contents: element('g', 'slice-contents'), overview: element('g', 'board-overview'),
                drawnBands: new Map(), drawnRows: new Map(), drawnContents: new Map(), standing: new Map(),
                sliceBoxes: context.slices.map((slice, index) => ({ slice, index, box: boxOfRect(slice.x, slice.y, slice.width, slice.height) })),
                rowBoxes: context.rows.map((row, index) => ({ row, index, box: boxOfRect(row.x, row.y - BOARD_ROW_RULE_OFFSET, row.width, row.height + BOARD_ROW_RULE_OFFSET) }))
            };
            group.append(toSvgDom(drawContextFrame(context), document), drawn.bands, drawn.rows, drawn.overview, drawn.contents, drawn.name);
            this.root.append(group);
            return drawn;
        });
    }

    /** Draws what touches `area` (everything when undefined, or when the board is small) and removes the rest. */
    update(area: Box | undefined): void {
        this.area = this.culls ? area : undefined;
        for (const drawn of this.contexts) this.updateContext(drawn, this.area);
    }

    /**
     * Whether what is drawn still suits `visible`: it holds it (a pan that stays inside draws
     * nothing) and is not much larger (zoomed in from afar, most of it would be out of view).
     */
    covers(visible: Box): boolean {
        if (this.area === undefined) return true;
        const oversized = this.area.right - this.area.left > 2 * (visible.right - visible.left);
        return contains(this.area, visible) && !oversized;
    }

    /** After a mark changed: every drawn note's marks, and in the overview the notes standing on their own. */
    remark(): void {
        if (this.detail === 'overview') {
            for (const drawn of this.contexts) this.updateStanding(drawn, this.area);
        }
        for (const { element, note, slice } of this.notes.values()) applyMarks(element, this.marks.of(note, slice));
    }

    /**
     * After only the marks of one slice's notes changed (a step through its scenario): those notes'
     * marks. Touching every drawn note's classes made the step's style recalculation the board's size.
     */
    remarkSlice(sliceId: string): void {
        if (this.detail === 'overview') {
            this.remark();
            return;
        }
        const slice = this.board.contexts.flatMap(context => context.slices).find(candidate => candidate.id === sliceId);
        for (const note of slice?.notes ?? []) {
            const drawn = this.notes.get(note.id);
            if (drawn) applyMarks(drawn.element, this.marks.of(drawn.note, drawn.slice));
        }
    }

    /** Zoomed out the contexts' names grow to stay readable, no larger than their frame. */
    scaleNames(scale: number): void {
        const wanted = Math.max(14, ZOOMED_OUT_NAME_PX / scale);
        if (Math.abs(wanted - this.nameFontSize) / this.nameFontSize < 0.1) return;
        this.nameFontSize = wanted;
        for (const drawn of this.contexts) {
            const { context } = drawn;
            const fitting = Math.min(wanted, context.height * 0.6, context.width / Math.max(4, context.name.length * 0.62));
            const name = toSvgDom(drawContextName(context, Math.max(14, fitting)), document);
            drawn.name.replaceWith(name);
            drawn.name = name;
        }
    }

    /** The note under a point of the board (for clicks in the overview, where notes have no elements of their own). */
    noteAt(x: number, y: number): PlacedBoardNote | undefined {
        for (const drawn of this.contexts) {
            if (!inside(drawn.box, x, y)) continue;
            for (const { slice, box } of drawn.sliceBoxes) {
                if (!inside(box, x, y)) continue;
                const note = slice.notes.find(candidate => inside(boxOfRect(candidate.x, candidate.y, candidate.width, candidate.height), x, y));
                if (note) return { note, slice };
            }
        }
        return undefined;
    }

    /** Every appearance of a declaration on the board (drawn or not), in time order. */
    appearancesOf(declaration: string): PlacedBoardNote[] {
        const found: PlacedBoardNote[] = [];
        for (const context of this.board.contexts) {
            for (const slice of context.slices) for (const note of slice.notes) if (note.declaration === declaration) found.push({ note, slice });
        }
        return found;
    }

    private updateContext(drawn: DrawnContext, area: Box | undefined): void {
        const touches = !area || intersects(area, drawn.box);
        for (const { row, index, box } of drawn.rowBoxes) {
            const wanted = touches && (!area || intersects(area, box));
            toggle(drawn.drawnRows, row, wanted, drawn.rows, () => toSvgDom(drawBoardRow(drawn.context, row, index, this.options), document));
        }
        for (const { slice, index, box } of drawn.sliceBoxes) {
            const wanted = touches && (!area || intersects(area, box));
            toggle(drawn.drawnBands, slice, wanted, drawn.bands, () => toSvgDom(drawSliceBackground(slice, index, this.options), document));
            if (this.detail === 'overview') continue;
            const content = toggle(drawn.drawnContents, slice, wanted, drawn.contents, () => this.drawContent(slice));
            if (!content.drawn) for (const note of slice.notes) this.notes.delete(note.id);
        }
        if (this.detail === 'overview') {
            drawn.overview.replaceChildren(...(touches ? overviewPaths(drawn.sliceBoxes.filter(({ box }) => !area || intersects(area, box)).map(({ slice }) => slice)) : []));
            this.updateStanding(drawn, area);
        }
    }

    private drawContent(slice: LaidOutBoardSlice): SVGElement {
        const content = toSvgDom(drawSliceContent(slice, { ...this.options, arrows: this.detail === 'full' || this.detail === 'sketch' }), document);
        for (const noteElement of content.querySelectorAll('.board-note')) {
            const note = slice.notes.find(candidate => candidate.id === noteElement.getAttribute('data-note-id'));
            if (!note) continue;
            applyMarks(noteElement, this.marks.of(note, slice));
            this.notes.set(note.id, { element: noteElement as SVGElement, note, slice });
        }
        return content;
    }

    /** Overview: the marked notes of the drawn slices, each on its own over the kinds' paths. */
    private updateStanding(drawn: DrawnContext, area: Box | undefined): void {
        for (const [id, standing] of drawn.standing) {
            standing.remove();
            this.notes.delete(id);
        }
        drawn.standing.clear();
        const touches = !area || intersects(area, drawn.box);
        if (!touches) return;
        for (const { slice, box } of drawn.sliceBoxes) {
            if (area && !intersects(area, box)) continue;
            for (const note of slice.notes) {
                if (!this.marks.stands(note, slice)) continue;
                const noteElement = toSvgDom(drawBoardNote(note, this.options), document);
                applyMarks(noteElement, this.marks.of(note, slice));
                drawn.contents.append(noteElement);
                drawn.standing.set(note.id, noteElement);
                this.notes.set(note.id, { element: noteElement, note, slice });
            }
        }
    }
}

/** One path per kind of note: every note a rectangle in it (six elements for thousands of notes). */
function overviewPaths(slices: readonly LaidOutBoardSlice[]): SVGElement[] {
    const byKind = new Map<BoardNoteKind, string[]>();
    for (const slice of slices) {
        for (const note of slice.notes) {
            const parts = byKind.get(note.kind) ?? [];
            parts.push(`M${note.x},${note.y}h${note.width}v${note.height}h${-note.width}z`);
            byKind.set(note.kind, parts);
        }
    }
    return [...byKind].map(([kind, parts]) => {
        const path = element('path', `overview-notes note-${kind}`);
        const colours = BOARD_NOTE_COLOURS[kind];
        path.setAttribute('d', parts.join(''));
        path.setAttribute('fill', colours.fill);
        return path;
    });
}

/** Adds or removes the keyed element so that it is drawn exactly when wanted. */
function toggle<K>(drawnElements: Map<K, SVGElement>, key: K, wanted: boolean, parent: SVGGElement, create: () => SVGElement): { drawn: boolean } {
    const drawn = drawnElements.get(key);
    if (wanted && !drawn) {
        const created = create();
        drawnElements.set(key, created);
        parent.append(created);
    } else if (!wanted && drawn) {
        drawn.remove();
        drawnElements.delete(key);
    }
    return { drawn: wanted };
}

function applyMarks(noteElement: Element, marks: readonly string[]): void {
    for (const mark of BOARD_NOTE_MARKS) noteElement.classList.toggle(mark, marks.includes(mark));
}

function element(tag: string, className: string): SVGGElement {
    const created = document.createElementNS(SVG_NS, tag) as SVGGElement;
    created.setAttribute('class', className);
    return created;
}

function inside(box: Box, x: number, y: number): boolean {
    return box.left <= x && x <= box.right && box.top <= y && y <= box.bottom;
}
