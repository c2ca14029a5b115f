/**
 * The event-flow graph: what the preview draws and the exports print. Plain data (JSON-safe), so
 * the language server can compute it and send it to the extension and on to the webview.
 */

/** Event Storming sticky notes, plus events that come from another bounded context. */
export type FlowNodeKind = 'command' | 'aggregate' | 'event' | 'readModel' | 'policy' | 'query' | 'externalEvent';

export const FLOW_NODE_KINDS: readonly FlowNodeKind[] = ['command', 'aggregate', 'event', 'readModel', 'policy', 'query', 'externalEvent'];

/** What each kind is called in legends, hover cards and exports. */
export const FLOW_NODE_KIND_LABELS: Readonly<Record<FlowNodeKind, string>> = {
    command: 'Command',
    aggregate: 'Aggregate',
    event: 'Event',
    readModel: 'Read model',
    policy: 'Policy',
    query: 'Query',
    externalEvent: 'Event from another context'
};

export interface FlowPosition {
    /** 0-based, as in LSP. */
    line: number;
    character: number;
}

export interface FlowRange {
    start: FlowPosition;
    end: FlowPosition;
}

/** Where a node is declared: the whole declaration (to find the node under the cursor) and its name (to reveal). */
export interface FlowLocation {
    uri: string;
    range: FlowRange;
    nameRange: FlowRange;
}

export interface FlowField {
    name: string;
    /** As written: `decimal`, `Money`, `OrderLine[]`. */
    type: string;
    optional: boolean;
    /** The stream id of an aggregate, or a read model's key. */
    identity?: boolean;
}

export interface FlowNode {
    /** Stable across edits: `<kind>:<Context>.<Name>`, so the webview keeps selection and view. */
    id: string;
    kind: FlowNodeKind;
    name: string;
    context: string;
    /** `Context.Aggregate` for commands and events. */
    aggregate?: string;
    location?: FlowLocation;
    /** The doc comment as plain text (never markup). */
    doc?: string;
    fields: FlowField[];
    /** Another context in the view has a note of this kind and name: the caption names the context. */
    confusable?: boolean;
    /** In an aggregate's view, the note belongs to another context: drawn dashed, its caption naming the context. */
    foreign?: boolean;
}

export type FlowEdgeKind = 'handles' | 'emits' | 'projects' | 'triggers' | 'issues' | 'reads';

export interface FlowEdge {
    /** `<source>-><target>`: unique, since two nodes have at most one edge between them. */
    id: string;
    kind: FlowEdgeKind;
    source: string;
    target: string;
}

export interface FlowGraphFilter {
    /** A context name: its declarations plus the other contexts' events it consumes. */
    context?: string;
    /** `Context.Aggregate` or a simple name: that aggregate's neighbourhood. */
    aggregate?: string;
}

export interface FlowGraph {
    nodes: FlowNode[];
    edges: FlowEdge[];
    /** Every context and `Context.Aggregate` of the whole model, for the filter menus. */
    contexts: string[];
    aggregates: string[];
    filter: FlowGraphFilter;
}

/** A node after layout: top-left corner and size, in SVG user units. */
export interface LaidOutNode extends FlowNode {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface FlowPoint {
    x: number;
    y: number;
}

export interface LaidOutEdge extends FlowEdge {
    /** From the source's border to the target's border, bends in between. */
    points: FlowPoint[];
    /** Runs between columns of a wrapped large layout: drawn faint (it crosses the diagram) until one of its notes is selected. */
    far?: boolean;
    /**
     * A far edge is drawn as two stubs instead of its whole route: from its source to a label in the
     * gutter beside the source's column, and from a label in the gutter beside the target's column
     * to its target. Each label names the note at the other end.
     */
    stubs?: { source: FlowPoint[]; target: FlowPoint[] };
}

/**
 * A bounded context's frame around its notes. A context the large layout wraps into several
 * columns gets one frame per column; the later ones are `continued`.
 */
export interface LaidOutGroup {
    context: string;
    x: number;
    y: number;
    width: number;
    height: number;
    continued?: boolean;
}

export interface LaidOutFlowGraph extends Omit<FlowGraph, 'nodes' | 'edges'> {
    nodes: LaidOutNode[];
    edges: LaidOutEdge[];
    /** The contexts' frames, drawn under the notes (none when the view holds one context only). */
    groups: LaidOutGroup[];
    width: number;
    height: number;
}
