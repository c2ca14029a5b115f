/**
 * Draws a laid-out board as an SVG element tree: a frame per context with its name, the slices'
 * titles, the lanes with their labels, the notes and the arrows within each slice. The board view
 * of the webview and the board's SVG export draw with this one function. Colours are attributes,
 * so a standalone file needs no stylesheet; the webview's stylesheet may override them per theme.
 */
import type { BoardNoteKind, LaidOutBoard, LaidOutBoardContext, LaidOutBoardNote, LaidOutBoardRow, LaidOutBoardSlice } from '../../protocol/board.js';
import { boardCaptionOf, LANE_LABEL_WIDTH, SLICE_HEADER_HEIGHT } from './board-metrics.js';
import { CAPTION_FONT_SIZE, NAME_FONT_SIZE } from './node-metrics.js';
import { FONT_FAMILY, NOTE_COLOURS, NOTE_TEXT, type NoteColours } from './palette.js';
import { svg, type SvgElement } from './svg-tree.js';

export const BOARD_ARROW_MARKER_ID = 'eventloom-board-arrow';
const FRAME_STROKE = '#8a919c';
const LABEL_TEXT = '#3b4048';
const ARROW_COLOUR = '#6b7280';
const SLICE_SHADE = '#f3f4f6';
/** The dashed rule between two rows of a time line sits in the gap above the lower one. */
const ROW_RULE_OFFSET = 9;

export const BOARD_NOTE_COLOURS: Readonly<Record<BoardNoteKind, NoteColours>> = {
    policy: NOTE_COLOURS.policy,
    command: NOTE_COLOURS.command,
    readModel: NOTE_COLOURS.readModel,
    event: NOTE_COLOURS.event,
    externalEvent: NOTE_COLOURS.externalEvent,
    rejection: { fill: '#ffc9c9', stroke: '#b42318' }
};

export function drawBoardArrowMarker(): SvgElement {
    return svg('marker', { id: BOARD_ARROW_MARKER_ID, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, [
        svg('path', { class: 'arrow-head', d: 'M0,0 L10,5 L0,10 z', fill: ARROW_COLOUR })
    ]);
}

/**
 * How much of each piece is drawn. The export draws everything; the webview drops what cannot be
 * read at its zoom (a board of thousands of notes draws fast only without its texts).
 */
export interface BoardDrawOptions {
    /** Lane labels, slice titles, the notes' captions and names. */
    labels: boolean;
    /** Arrowheads on the arrows (a marker per arrow is costly, and invisible when small). */
    arrowHeads: boolean;
}

const EVERYTHING: BoardDrawOptions = { labels: true, arrowHeads: true };

export function drawBoard(board: LaidOutBoard): SvgElement {
    return svg('g', { class: 'board', 'font-family': FONT_FAMILY }, board.contexts.map(drawContext));
}

function drawContext(context: LaidOutBoardContext): SvgElement {
    return svg('g', { class: 'board-context', 'data-context': context.name }, [
        drawContextFrame(context),
        drawContextName(context),
        ...context.slices.map((slice, index) => drawSliceBackground(slice, index)),
        ...context.rows.map((row, index) => drawBoardRow(context, row, index)),
        ...context.slices.map(slice => drawSliceContent(slice))
    ]);
}

export function drawContextFrame(context: LaidOutBoardContext): SvgElement {
    return svg('rect', { class: 'context-frame', x: context.x, y: context.y, width: context.width, height: context.height, rx: 6, fill: 'none', stroke: FRAME_STROKE, 'stroke-width': 1.2 });
}

/** The context's name in its top-left corner; `fontSize` larger than 14 keeps it readable zoomed out. */
export function drawContextName(context: LaidOutBoardContext, fontSize = 14): SvgElement {
    const offset = fontSize > 14 ? { x: 10 + fontSize * 0.2, y: 20 + fontSize * 0.9 } : { x: 10, y: 20 };
    return svg('text', { class: 'context-name', x: context.x + offset.x, y: context.y + offset.y, 'font-size': round(fontSize), 'font-weight': 700, fill: LABEL_TEXT }, [], context.name);
}

/** A row's lanes: a rule above each and its label on the left; a row after the first is marked as the time line's continuation. */
export function drawBoardRow(context: LaidOutBoardContext, row: LaidOutBoardRow, rowIndex: number, options: BoardDrawOptions = EVERYTHING): SvgElement {
    const lanesTop = row.y + SLICE_HEADER_HEIGHT;
    return svg('g', { class: 'board-row', 'data-row': rowIndex }, [
        ...(rowIndex > 0 ? [
            svg('line', { class: 'row-rule', x1: row.x, y1: row.y - ROW_RULE_OFFSET, x2: row.x + row.width, y2: row.y - ROW_RULE_OFFSET, stroke: FRAME_STROKE, 'stroke-dasharray': '6 4' }),
            ...(options.labels ? [svg('text', { class: 'row-continued', x: row.x + 10, y: row.y + 16, 'font-size': CAPTION_FONT_SIZE, fill: LABEL_TEXT, 'fill-opacity': 0.7 }, [], `${context.name}, continued`)] : [])
        ] : []),
        ...row.lanes.map((lane, index) => svg('g', { class: `lane lane-${lane.kind}`, 'data-lane-id': lane.id }, [
            svg('line', { class: 'lane-rule', x1: lane.x, y1: index === 0 ? lanesTop : lane.y, x2: lane.x + lane.width, y2: index === 0 ? lanesTop : lane.y, stroke: FRAME_STROKE, 'stroke-opacity': 0.45 }),
            ...(options.labels ? [svg('text', { class: 'lane-label', x: lane.x + 10, y: lane.y + lane.height / 2 + 4, 'font-size': 11, fill: LABEL_TEXT }, [], truncate(lane.label, LANE_LABEL_WIDTH - 16))] : [])
        ]))
    ]);
}

/** The area above a row that its drawing covers (the dashed rule between rows). */
export const BOARD_ROW_RULE_OFFSET = ROW_RULE_OFFSET;

/** The slice's band (every other one shaded) and its title. */
export function drawSliceBackground(slice: LaidOutBoardSlice, index: number, options: BoardDrawOptions = EVERYTHING): SvgElement {
    return svg('g', { class: `slice slice-${slice.kind}`, 'data-slice-id': slice.id }, [
        svg('rect', { class: index % 2 === 0 ? 'slice-band shaded' : 'slice-band', x: slice.x, y: slice.y, width: slice.width, height: slice.height, fill: index % 2 === 0 ? SLICE_SHADE : 'none', 'fill-opacity': 0.6 }),
        ...(options.labels ? [svg('text', { class: 'slice-title', x: slice.x + 8, y: slice.y + 16, 'font-size': CAPTION_FONT_SIZE + 1, 'font-style': slice.kind === 'scenario' ? 'italic' : undefined, fill: LABEL_TEXT },
            [], truncate(slice.kind === 'scenario' ? `“${slice.title}”` : slice.title, slice.width - 12))] : [])
    ]);
}

/** The slice's arrows and notes; `arrows: false` leaves the arrows out (too small to see). */
export function drawSliceContent(slice: LaidOutBoardSlice, options: BoardDrawOptions & { arrows?: boolean } = EVERYTHING): SvgElement {
    const byId = new Map(slice.notes.map(note => [note.id, note]));
    const arrows = options.arrows === false ? [] : slice.arrows.flatMap(([from, to]) => {
        const source = byId.get(from);
        const target = byId.get(to);
        return source && target ? [drawArrow(source, target, options)] : [];
    });
    return svg('g', { class: 'slice-content', 'data-slice-id': slice.id }, [
        svg('g', { class: 'arrows' }, arrows),
        svg('g', { class: 'notes' }, slice.notes.map(note => drawBoardNote(note, options)))
    ]);
}

/** Right side of the source to the left side of the target, turning halfway in the gap. */
function drawArrow(source: LaidOutBoardNote, target: LaidOutBoardNote, options: BoardDrawOptions): SvgElement {
    const sx = source.x + source.width;
    const sy = source.y + source.height / 2;
    const tx = target.x;
    const ty = target.y + target.height / 2;
    const mid = Math.round((sx + tx) / 2 * 100) / 100;
    const d = sy === ty ? `M${sx},${sy} L${tx},${ty}` : `M${sx},${sy} L${mid},${sy} L${mid},${ty} L${tx},${ty}`;
    return svg('path', { class: 'board-arrow', d, fill: 'none', stroke: ARROW_COLOUR, 'stroke-width': 1.3, 'marker-end': options.arrowHeads ? `url(#${BOARD_ARROW_MARKER_ID})` : undefined });
}

export function drawBoardNote(note: LaidOutBoardNote, options: BoardDrawOptions = EVERYTHING): SvgElement {
    const colours = BOARD_NOTE_COLOURS[note.kind];
    const rect = svg('rect', { class: 'note', width: note.width, height: note.height, rx: 4, fill: colours.fill, stroke: colours.stroke, 'stroke-width': 1.2, 'stroke-dasharray': colours.dashed ? '5 3' : undefined });
    return svg('g', { class: `board-note note-${note.kind}`, 'data-note-id': note.id, 'data-node-id': note.declaration, transform: `translate(${note.x},${note.y})` }, options.labels ? [
        svg('title', {}, [], `${boardCaptionOf(note)}: ${note.name}`),
        rect,
        svg('text', { class: 'caption', x: 12, y: 19, 'font-size': CAPTION_FONT_SIZE, fill: NOTE_TEXT, 'fill-opacity': 0.75 }, [], boardCaptionOf(note)),
        svg('text', { class: 'name', x: 12, y: 38, 'font-size': NAME_FONT_SIZE, 'font-weight': 600, fill: NOTE_TEXT }, [], note.name)
    ] : [rect]);
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

/** Cuts a caption-sized text to the width estimate, with an ellipsis. */
function truncate(text: string, width: number): string {
    const max = Math.max(4, Math.floor(width / 6.6));
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
