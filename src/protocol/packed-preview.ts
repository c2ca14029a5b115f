/**
 * The flow graph and board as the panel posts them to the webview: one JSON text in which every
 * note and node is a row of numbers in a flat array and every string is written once, in a shared
 * table. On the 21k-line bench model the board's 5,000 notes and the flow's 3,600 nodes (with their
 * fields) were some 40,000 small objects, copied one by one at every hop to the webview (structured
 * clone, a third of its first draw); a string crosses each hop as one copy, and the webview parses
 * the rows in one go. Where each declaration is (`location`) is left out: the webview never reads
 * it (the panel keeps its copy to reveal a declaration and to follow the cursor); a scenario slice
 * keeps its own (a row of numbers too), by which a lens's "Step" finds it. A note's id (`<slice id>#<n>`) is written only
 * where it is not that; arrows and steps name notes by their place in the slice.
 * `unpackPreview(packPreview(graph, board))` gives the graph and board back, without locations.
 */
import type { BoardStep, FieldValueView, LaidOutBoard, LaidOutBoardContext, LaidOutBoardNote, LaidOutBoardSlice, ScenarioRunView } from './board.js';
import type { FlowField, FlowLocation, FlowRange, LaidOutFlowGraph, LaidOutNode } from './flow-graph.js';

/** The JSON text of a `PackedPreview`. */
export type PackedPreviewText = string & { readonly __packedPreview: never };

export interface PackedPreview {
    /** Every string of the rows below, once; a row holds its index. */
    strings: string[];
    graph: PackedFlowGraph;
    board?: PackedBoard;
}

export interface PackedFlowGraph extends Omit<LaidOutFlowGraph, 'nodes'> {
    /** NODE_STRIDE numbers per node, see `packNode`. */
    nodes: number[];
    /** FIELD_STRIDE numbers per field, the nodes' fields one after the other. */
    fields: number[];
}

export interface PackedBoard extends Omit<LaidOutBoard, 'contexts'> {
    contexts: PackedBoardContext[];
}

export interface PackedBoardContext extends Omit<LaidOutBoardContext, 'slices'> {
    slices: PackedBoardSlice[];
}

export interface PackedBoardSlice extends Omit<LaidOutBoardSlice, 'notes' | 'arrows' | 'steps' | 'run' | 'location'> {
    /** NOTE_STRIDE numbers per note, see `packSlice`. */
    notes: number[];
    /** Pairs of notes (see `noteRef`): from, to. */
    arrows: number[];
    steps?: Array<{ kind: BoardStep['kind']; notes: number[] }>;
    run?: PackedRun;
    /** A scenario's location, LOCATION_STRIDE numbers (see `packLocation`): seven objects as it is. */
    location?: number[];
}

/** A scenario's run with each list of fields and values as pairs of string indices. */
export interface PackedRun extends Omit<ScenarioRunView, 'steps'> {
    steps: Array<{ summary: string; state?: number[]; documents: Array<{ readModel: string; key: string; fields: number[] }> }>;
}

const NODE_STRIDE = 12;
const FIELD_STRIDE = 3;
const NOTE_STRIDE = 11;
const LOCATION_STRIDE = 9;
/** An absent optional string. */
const NONE = -1;

const NODE_CONFUSABLE = 1;
const NODE_FOREIGN = 2;
const FIELD_OPTIONAL = 1;
const FIELD_IDENTITY = 2;

export function packPreview(graph: LaidOutFlowGraph, board?: LaidOutBoard): PackedPreviewText {
    const table = new StringTable();
    const packedGraph = packGraph(graph, table);
    const packedBoard = board ? packBoard(board, table) : undefined;
    const packed: PackedPreview = { strings: table.strings, graph: packedGraph, ...(packedBoard ? { board: packedBoard } : {}) };
    return JSON.stringify(packed) as PackedPreviewText;
}

export function unpackPreview(text: PackedPreviewText): { graph: LaidOutFlowGraph; board?: LaidOutBoard } {
    const packed = JSON.parse(text) as PackedPreview;
    const { strings } = packed;
    const graph = unpackGraph(packed.graph, strings);
    return packed.board ? { graph, board: unpackBoard(packed.board, strings) } : { graph };
}

// ---- the flow graph ------------------------------------------------------------------------

function packGraph(graph: LaidOutFlowGraph, table: StringTable): PackedFlowGraph {
    const { nodes, ...rest } = graph;
    const rows: number[] = [];
    const fields: number[] = [];
    for (const node of nodes) {
        rows.push(
            table.index(node.id), table.index(node.kind), table.index(node.name), table.index(node.context),
            table.optional(node.aggregate), table.optional(node.doc),
            (node.confusable ? NODE_CONFUSABLE : 0) | (node.foreign ? NODE_FOREIGN : 0),
            node.x, node.y, node.width, node.height, node.fields.length
        );
        for (const field of node.fields) {
            fields.push(table.index(field.name), table.index(field.type), (field.optional ? FIELD_OPTIONAL : 0) | (field.identity ? FIELD_IDENTITY : 0));
        }
    }
    return { ...rest, nodes: rows, fields };
}

function unpackGraph(packed: PackedFlowGraph, strings: readonly string[]): LaidOutFlowGraph {
    const { nodes: rows, fields: fieldRows, ...rest } = packed;
    const nodes: LaidOutNode[] = [];
    let field = 0;
    for (let at = 0; at < rows.length; at += NODE_STRIDE) {
        const fields: FlowField[] = [];
        for (let n = 0; n < rows[at + 11]; n++, field += FIELD_STRIDE) {
            const flags = fieldRows[field + 2];
            fields.push({
                name: strings[fieldRows[field]], type: strings[fieldRows[field + 1]], optional: (flags & FIELD_OPTIONAL) !== 0,
                ...(flags & FIELD_IDENTITY ? { identity: true } : {})
            });
        }
        const node: LaidOutNode = {
            id: strings[rows[at]], kind: strings[rows[at + 1]] as LaidOutNode['kind'], name: strings[rows[at + 2]], context: strings[rows[at + 3]],
            fields, x: rows[at + 7], y: rows[at + 8], width: rows[at + 9], height: rows[at + 10]
        };
        if (rows[at + 4] !== NONE) node.aggregate = strings[rows[at + 4]];
        if (rows[at + 5] !== NONE) node.doc = strings[rows[at + 5]];
        if (rows[at + 6] & NODE_CONFUSABLE) node.confusable = true;
        if (rows[at + 6] & NODE_FOREIGN) node.foreign = true;
        nodes.push(node);
    }
    return { ...rest, nodes };
}

// ---- the board -----------------------------------------------------------------------------

function packBoard(board: LaidOutBoard, table: StringTable): PackedBoard {
    return {
        ...board,
        contexts: board.contexts.map(context => ({ ...context, slices: context.slices.map(slice => packSlice(slice, table)) }))
    };
}

function packSlice(slice: LaidOutBoardSlice, table: StringTable): PackedBoardSlice {
    const { notes, arrows, steps, run, location, ...rest } = slice;
    const rows: number[] = [];
    const places = new Map<string, number>();
    notes.forEach((note, n) => {
        places.set(note.id, n);
        rows.push(
            note.id === derivedNoteId(slice.id, n) ? NONE : table.index(note.id), table.index(note.kind), table.index(note.name), table.index(note.context),
            table.index(note.lane), note.column, table.index(note.declaration), note.x, note.y, note.width, note.height
        );
    });
    const ref = (id: string) => noteRef(places, id, table);
    const packedArrows: number[] = [];
    for (const [from, to] of arrows) packedArrows.push(ref(from), ref(to));
    // Into the object the rest pattern made: a spread followed by more properties is slow in V8.
    return Object.assign(rest, {
        notes: rows, arrows: packedArrows,
        ...(steps ? { steps: steps.map(step => ({ kind: step.kind, notes: step.notes.map(ref) })) } : {}),
        ...(run ? { run: packRun(run, table) } : {}),
        ...(location ? { location: packLocation(location, table) } : {})
    });
}

/** The file's string index, then the declaration's range and its name's, each start line and character, end line and character. */
function packLocation(location: FlowLocation, table: StringTable): number[] {
    const range = ({ start, end }: FlowRange) => [start.line, start.character, end.line, end.character];
    return [table.index(location.uri), ...range(location.range), ...range(location.nameRange)];
}

function unpackLocation(row: readonly number[], strings: readonly string[]): FlowLocation {
    if (row.length !== LOCATION_STRIDE) throw new Error(`a packed location has ${LOCATION_STRIDE} numbers, not ${row.length}`);
    const range = (at: number): FlowRange => ({ start: { line: row[at], character: row[at + 1] }, end: { line: row[at + 2], character: row[at + 3] } });
    return { uri: strings[row[0]], range: range(1), nameRange: range(5) };
}

/** What a note's id is unless it says otherwise (build-board.ts numbers a slice's notes so). */
function derivedNoteId(sliceId: string, n: number): string {
    return `${sliceId}#${n}`;
}

/** A note named by an arrow or a step: its place in the slice, or (never seen, but kept) -2 - its id's string index. */
function noteRef(places: ReadonlyMap<string, number>, id: string, table: StringTable): number {
    return places.get(id) ?? -2 - table.index(id);
}

function noteId(ids: readonly string[], ref: number, strings: readonly string[]): string {
    return ref >= 0 ? ids[ref] : strings[-2 - ref];
}

function packRun(run: ScenarioRunView, table: StringTable): PackedRun {
    const pairs = (fields: readonly FieldValueView[]) => fields.flatMap(({ field, value }) => [table.index(field), table.index(value)]);
    return {
        ...run,
        steps: run.steps.map(step => ({
            summary: step.summary, ...(step.state ? { state: pairs(step.state) } : {}),
            documents: step.documents.map(document => ({ readModel: document.readModel, key: document.key, fields: pairs(document.fields) }))
        }))
    };
}

function unpackRun(run: PackedRun, strings: readonly string[]): ScenarioRunView {
    const fields = (pairs: readonly number[]) => {
        const views: FieldValueView[] = [];
        for (let at = 0; at < pairs.length; at += 2) views.push({ field: strings[pairs[at]], value: strings[pairs[at + 1]] });
        return views;
    };
    return {
        ...run,
        steps: run.steps.map(step => ({
            summary: step.summary, ...(step.state ? { state: fields(step.state) } : {}),
            documents: step.documents.map(document => ({ readModel: document.readModel, key: document.key, fields: fields(document.fields) }))
        }))
    };
}

function unpackBoard(packed: PackedBoard, strings: readonly string[]): LaidOutBoard {
    return {
        ...packed,
        contexts: packed.contexts.map(context => ({ ...context, slices: context.slices.map(slice => unpackSlice(slice, strings)) }))
    };
}

function unpackSlice(packed: PackedBoardSlice, strings: readonly string[]): LaidOutBoardSlice {
    const { notes: rows, arrows: arrowRows, steps, run, location, ...rest } = packed;
    const notes: LaidOutBoardNote[] = [];
    const ids: string[] = [];
    for (let at = 0, n = 0; at < rows.length; at += NOTE_STRIDE, n++) {
        const id = rows[at] === NONE ? derivedNoteId(packed.id, n) : strings[rows[at]];
        ids.push(id);
        notes.push({
            id, kind: strings[rows[at + 1]] as LaidOutBoardNote['kind'], name: strings[rows[at + 2]], context: strings[rows[at + 3]],
            lane: strings[rows[at + 4]], column: rows[at + 5], declaration: strings[rows[at + 6]],
            x: rows[at + 7], y: rows[at + 8], width: rows[at + 9], height: rows[at + 10]
        });
    }
    const arrows: Array<[string, string]> = [];
    for (let at = 0; at < arrowRows.length; at += 2) arrows.push([noteId(ids, arrowRows[at], strings), noteId(ids, arrowRows[at + 1], strings)]);
    return Object.assign(rest, {
        notes, arrows,
        ...(steps ? { steps: steps.map(step => ({ kind: step.kind, notes: step.notes.map(ref => noteId(ids, ref, strings)) })) } : {}),
        ...(run ? { run: unpackRun(run, strings) } : {}),
        ...(location ? { location: unpackLocation(location, strings) } : {})
    });
}

/** Each string once, in the order first seen. */
class StringTable {
    readonly strings: string[] = [];
    private readonly indices = new Map<string, number>();

    index(text: string): number {
        let index = this.indices.get(text);
        if (index === undefined) {
            index = this.strings.length;
            this.strings.push(text);
            this.indices.set(text, index);
        }
        return index;
    }

    optional(text: string | undefined): number {
        return text === undefined ? NONE : this.index(text);
    }
}
