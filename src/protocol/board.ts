/**
 * The Event Modeling board: the model told as a time line. Plain data (JSON-safe) like the flow
 * graph, so the language server computes it and the webview and the exports draw it.
 *
 * Per bounded context, lanes from top to bottom: automations (policies), commands and read
 * models, one lane per aggregate holding its events, and — when the context's story needs them —
 * a lane for the events of other contexts. Time runs left to right as a row of slices: each
 * scenario is a slice (given → when → then), each command without a scenario a slice of its own.
 */
import type { FlowLocation } from './flow-graph.js';

export type BoardNoteKind = 'policy' | 'command' | 'readModel' | 'event' | 'externalEvent' | 'rejection';

export type BoardLaneKind = 'automation' | 'commands' | 'events' | 'external';

export interface BoardLane {
    /** `<kind>:<Context>[.<Aggregate>]`, unique on the board. */
    id: string;
    kind: BoardLaneKind;
    context: string;
    /** The aggregate whose events the lane holds (`events` lanes). */
    aggregate?: string;
    label: string;
}

/** One appearance of a declaration on the time line (an event may appear in many slices). */
export interface BoardNote {
    /** `<slice id>#<n>`, unique on the board. */
    id: string;
    kind: BoardNoteKind;
    name: string;
    /** The context the declaration belongs to (for an external event, the other context). */
    context: string;
    /** The lane it sits in. */
    lane: string;
    /** Its column within the slice, from 0. */
    column: number;
    /** The flow graph's node id of the declaration (`event:Ordering.OrderPlaced`), for click and find. */
    declaration: string;
    location?: FlowLocation;
}

export type BoardSliceKind = 'scenario' | 'command' | 'unplaced';

/** What stepping through a scenario shows, one entry per step, in order. */
export interface BoardStep {
    kind: 'given' | 'when' | 'then';
    /** The notes this step lights up. */
    notes: string[];
}

export interface BoardSlice {
    /** `scenario:<Context>:<n>` or `command:<Context>.<Name>`, unique on the board. */
    id: string;
    kind: BoardSliceKind;
    /** The scenario's name, or the command's. */
    title: string;
    context: string;
    /** `Context.Aggregate` the slice is about, if any. */
    aggregate?: string;
    notes: BoardNote[];
    /** Arrows between notes of the slice: [from note id, to note id]. */
    arrows: Array<[string, string]>;
    /** Number of columns the slice spans. */
    columns: number;
    /** Scenarios only: the steps, and where the scenario is declared. */
    steps?: BoardStep[];
    location?: FlowLocation;
    /** Scenarios only, when asked for: the model's interpreter run of it, step by step. */
    run?: ScenarioRunView;
}

/** A field and its value as the model's author would write it (`99.90`, `EUR`, `"Ann"`). */
export interface FieldValueView {
    field: string;
    value: string;
}

/** One read model's document for the scenario's stream, as it stands after a step. */
export interface DocumentView {
    readModel: string;
    key: string;
    fields: FieldValueView[];
}

/** What the board shows after one step of a scenario, computed by the model's interpreter. */
export interface StepView {
    /** What happened in words: `OrderStarted applied`, `PlaceOrder rejected: EmptyCart`. */
    summary: string;
    /** The aggregate's state after the step (absent where the model does not determine it). */
    state?: FieldValueView[];
    /** The documents of the slice's read models after the step. */
    documents: DocumentView[];
}

export interface ScenarioRunView {
    outcome: 'passed' | 'failed' | 'skipped';
    /** Why it was skipped, or what differs (expected and actual). */
    message?: string;
    /** One per step of the slice (BoardSlice.steps), fewer when the run stopped early. */
    steps: StepView[];
    /** The step at which the model and the scenario part ways. */
    failedStep?: number;
}

export interface BoardContext {
    name: string;
    lanes: BoardLane[];
    /** In time order, left to right. */
    slices: BoardSlice[];
}

export interface Board {
    contexts: BoardContext[];
}

// ---- after layout ------------------------------------------------------------------------

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface LaidOutBoardNote extends BoardNote, Box {}

export interface LaidOutBoardLane extends BoardLane, Box {}

export interface LaidOutBoardSlice extends Omit<BoardSlice, 'notes'>, Box {
    notes: LaidOutBoardNote[];
    /** The row of the context's time line the slice sits in (long time lines wrap), from 0. */
    row: number;
}

/** One row of a context's time line: a line of slice titles, then every lane of the context. */
export interface LaidOutBoardRow extends Box {
    lanes: LaidOutBoardLane[];
}

export interface LaidOutBoardContext extends Omit<BoardContext, 'slices'>, Box {
    /** Top to bottom; each repeats the context's lanes, so a note's lane is found in its slice's row. */
    rows: LaidOutBoardRow[];
    slices: LaidOutBoardSlice[];
}

export interface LaidOutBoard {
    contexts: LaidOutBoardContext[];
    width: number;
    height: number;
}

export const BOARD_NOTE_KIND_LABELS: Readonly<Record<BoardNoteKind, string>> = {
    policy: 'Automation',
    command: 'Command',
    readModel: 'Read model',
    event: 'Event',
    externalEvent: 'Event from another context',
    rejection: 'Rejection'
};
