/**
 * Draws a laid-out flow graph as an SVG element tree: one sticky note per node (kind caption and
 * name), one arrow per edge. The webview and the SVG export draw with this same function, so what
 * is exported is what the preview shows.
 */
import { FLOW_NODE_KIND_LABELS, FLOW_NODE_KINDS, type FlowNodeKind, type FlowPoint, type LaidOutEdge, type LaidOutFlowGraph, type LaidOutGroup, type LaidOutNode } from '../../protocol/flow-graph.js';
import { CAPTION_FONT_SIZE, captionOf, NAME_FONT_SIZE, nodeWidth } from './node-metrics.js';
import { EDGE_COLOUR, FONT_FAMILY, GROUP_FILL, GROUP_STROKE, GROUP_TEXT, NOTE_COLOURS, NOTE_TEXT } from './palette.js';
import { svg, type SvgElement } from './svg-tree.js';

export const ARROW_MARKER_ID = 'eventloom-arrow';
const ISSUES_DASH = '6 3';
/** An edge across the columns of a large diagram is long: faint, so that the bundles in the gutters do not hide the notes. */
const FAR_EDGE_OPACITY = 0.35;

export interface DrawOptions {
    /** Add `<title>` tooltips (name, kind, doc comment): for the export; the webview has its own hover card. */
    tooltips?: boolean;
    /**
     * Colours, fonts and arrow heads as attributes (default), for a standalone file. The webview
     * passes false and styles by class from its stylesheet: half the attributes to create.
     */
    inlineStyles?: boolean;
    /** Draw the kind and name on the notes (default); the webview leaves them out when zoomed far out. */
    labels?: boolean;
    /** Name each edge's kind (emits, handles, …) along it: the export does, the webview once zoomed in. */
    edgeLabels?: boolean;
}

export function drawArrowMarker(): SvgElement {
    return svg('marker', { id: ARROW_MARKER_ID, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, [
        svg('path', { class: 'arrow-head', d: 'M0,0 L10,5 L0,10 z', fill: EDGE_COLOUR })
    ]);
}

/** The diagram itself, at the layout's coordinates. */
export function drawFlowDiagram(graph: LaidOutFlowGraph, options: DrawOptions = {}): SvgElement {
    return svg('g', { class: 'flow-diagram', 'font-family': options.inlineStyles === false ? undefined : FONT_FAMILY }, [
        drawGroups(graph.groups, options),
        svg('g', { class: 'edges' }, graph.edges.map(edge => drawEdge(edge, options))),
        ...(options.edgeLabels ? [svg('g', { class: 'edge-labels', 'font-size': options.inlineStyles === false ? undefined : EDGE_LABEL_FONT_SIZE }, graph.edges.flatMap(edge => drawEdgeLabel(edge, options) ?? []))] : []),
        svg('g', { class: 'nodes' }, graph.nodes.map(node => drawNode(node, options)))
    ]);
}

/** The contexts' frames, each with its name in its top-left corner, under the edges and notes. */
export function drawGroups(groups: readonly LaidOutGroup[] | undefined, options: DrawOptions = {}): SvgElement {
    const inline = options.inlineStyles !== false;
    return svg('g', { class: 'groups' }, (groups ?? []).map(group => svg('g', { class: 'context-group', 'data-context': group.context }, [
        svg('rect', {
            class: 'group-frame', x: group.x, y: group.y, width: group.width, height: group.height, rx: 8,
            ...(inline ? { fill: GROUP_FILL, stroke: GROUP_STROKE, 'stroke-width': 1.2 } : {})
        }),
        svg('text', {
            class: 'group-name', x: group.x + 12, y: group.y + 18,
            ...(inline ? { 'font-size': 13, 'font-weight': 700, fill: GROUP_TEXT } : {})
        }, [], group.continued ? `${group.context} (continued)` : group.context)
    ])));
}

export function drawEdge(edge: LaidOutEdge, options: DrawOptions = {}): SvgElement {
    // A stubbed edge is one path of two pieces: the arrowhead lands on the target all the same.
    const d = edge.stubs ? `${pathOf(edge.stubs.source)} ${pathOf(edge.stubs.target)}` : pathOf(edge.points);
    const classes = `edge edge-${edge.kind}${edge.far ? ' edge-far' : ''}${edge.stubs ? ' edge-stubbed' : ''}`;
    if (options.inlineStyles === false) return svg('path', { class: classes, 'data-edge-id': edge.id, d });
    // A policy issuing a command runs back against the flow, around bands: dashed in the policy's
    // colour, it reads as an arrow and not as a boundary.
    const issues = edge.kind === 'issues';
    return svg('path', {
        class: classes, 'data-edge-id': edge.id, d, fill: 'none', stroke: issues ? NOTE_COLOURS.policy.stroke : EDGE_COLOUR, 'stroke-width': edge.far && !edge.stubs ? 1 : 1.4,
        'stroke-opacity': edge.far && !edge.stubs ? FAR_EDGE_OPACITY : undefined,
        'stroke-dasharray': issues ? ISSUES_DASH : undefined, 'marker-end': `url(#${ARROW_MARKER_ID})`
    });
}

/**
 * The edge's kind, written along its longest straight run (where it is not squeezed into a
 * corner), just above a horizontal run or right of a vertical one. None for an edge too short.
 */
export function drawEdgeLabel(edge: LaidOutEdge, options: DrawOptions = {}): SvgElement | undefined {
    if (edge.stubs) return drawStubLabels(edge, edge.stubs, options);
    let best: { x: number; y: number; length: number; horizontal: boolean } | undefined;
    for (let i = 1; i < edge.points.length; i++) {
        const [a, b] = [edge.points[i - 1], edge.points[i]];
        const length = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
        if (!best || length > best.length) best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, length, horizontal: a.y === b.y };
    }
    const text = EDGE_LABELS[edge.kind];
    if (!best || best.length < text.length * 6 + 12) return undefined;
    const inline = options.inlineStyles !== false;
    const at = best.horizontal ? { x: round(best.x), y: round(best.y - 3), 'text-anchor': 'middle' } : { x: round(best.x + 3), y: round(best.y + 3) };
    return svg('text', { class: `edge-label edge-label-${edge.kind}`, ...at, ...(inline ? { fill: EDGE_COLOUR } : {}) }, [], text);
}

/**
 * A stubbed edge's two labels, where its stubs end in the gutters: at the source's end what the
 * edge does to which note ("updates Shipping.PackingQueue"), at the target's end where it comes
 * from ("from Billing.OrderPlaced"); written away from the stub, into the gutter's middle.
 */
function drawStubLabels(edge: LaidOutEdge, stubs: NonNullable<LaidOutEdge['stubs']>, options: DrawOptions): SvgElement {
    const inline = options.inlineStyles !== false;
    const label = (tip: FlowPoint, towards: FlowPoint, text: string) => {
        const rightwards = tip.x > towards.x;
        return svg('text', {
            class: 'stub-label', x: round(tip.x + (rightwards ? 3 : -3)), y: round(tip.y + 3), 'text-anchor': rightwards ? 'start' : 'end',
            ...(inline ? { fill: NOTE_TEXT } : {})
        }, [], shortened(text));
    };
    const [sourceTip, sourceBefore] = [stubs.source[stubs.source.length - 1], stubs.source[stubs.source.length - 2]];
    const [targetTip, targetAfter] = [stubs.target[0], stubs.target[1]];
    return svg('g', { class: `edge-label edge-label-${edge.kind} stub-labels`, 'data-edge-id': edge.id }, [
        label(sourceTip, sourceBefore, `${EDGE_LABELS[edge.kind]} ${qualifiedName(edge.target)}`),
        label(targetTip, targetAfter, `from ${qualifiedName(edge.source)}`)
    ]);
}

/** `Context.Name` out of a node id (`<kind>:<Context>.<Name>`). */
function qualifiedName(nodeId: string): string {
    return nodeId.slice(nodeId.indexOf(':') + 1);
}

/** A stub label fits the gutter's label room (170 px at 9 px text). */
const STUB_LABEL_MAX_CHARS = 30;

function shortened(text: string): string {
    return text.length <= STUB_LABEL_MAX_CHARS ? text : `${text.slice(0, STUB_LABEL_MAX_CHARS - 1)}…`;
}

function pathOf(points: readonly FlowPoint[]): string {
    return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

const EDGE_LABELS: Readonly<Record<LaidOutEdge['kind'], string>> = {
    handles: 'handles', emits: 'emits', projects: 'updates', triggers: 'triggers', issues: 'issues', reads: 'reads'
};
const EDGE_LABEL_FONT_SIZE = 9;

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

export function drawNode(node: LaidOutNode, options: DrawOptions = {}): SvgElement {
    const colours = NOTE_COLOURS[node.kind];
    const children: SvgElement[] = [];
    if (options.tooltips) children.push(svg('title', {}, [], tooltipOf(node)));
    if (options.inlineStyles === false) {
        children.push(
            svg('rect', { class: 'note', width: node.width, height: node.height, rx: 4 }),
            ...(options.labels === false ? [] : [
                svg('text', { class: 'caption', x: 12, y: 19 }, [], captionOf(node)),
                svg('text', { class: 'name', x: 12, y: 38 }, [], node.name)
            ])
        );
        return svg('g', { class: `node node-${node.kind}${node.foreign ? ' foreign' : ''}`, 'data-node-id': node.id, transform: `translate(${node.x},${node.y})` }, children);
    }
    children.push(
        svg('rect', {
            class: 'note', width: node.width, height: node.height, rx: 4, fill: colours.fill, stroke: colours.stroke,
            'stroke-width': 1.2, 'stroke-dasharray': colours.dashed || node.foreign ? '5 3' : undefined, 'fill-opacity': node.foreign ? 0.7 : undefined
        }),
        svg('text', { class: 'caption', x: 12, y: 19, 'font-size': CAPTION_FONT_SIZE, fill: NOTE_TEXT, 'fill-opacity': 0.75 }, [], captionOf(node)),
        svg('text', { class: 'name', x: 12, y: 38, 'font-size': NAME_FONT_SIZE, 'font-weight': 600, fill: NOTE_TEXT }, [], node.name)
    );
    return svg('g', { class: `node node-${node.kind}${node.foreign ? ' foreign' : ''}`, 'data-node-id': node.id, transform: `translate(${node.x},${node.y})` }, children);
}

/** One note per kind in a row, for the exported file (the webview shows an HTML legend). */
export function drawLegend(kinds: readonly FlowNodeKind[] = FLOW_NODE_KINDS): { element: SvgElement; width: number; height: number } {
    let x = 0;
    const items = kinds.map(kind => {
        const label = FLOW_NODE_KIND_LABELS[kind];
        const width = Math.max(60, nodeWidth({ kind: 'command', context: '', name: label }) - 30);
        const colours = NOTE_COLOURS[kind];
        const item = svg('g', { class: `legend-item node-${kind}`, transform: `translate(${x},0)` }, [
            svg('rect', { width, height: 24, rx: 3, fill: colours.fill, stroke: colours.stroke, 'stroke-dasharray': colours.dashed ? '5 3' : undefined }),
            svg('text', { x: 8, y: 16, 'font-size': 11, fill: NOTE_TEXT }, [], label)
        ]);
        x += width + 8;
        return item;
    });
    return { element: svg('g', { class: 'legend', 'font-family': FONT_FAMILY }, items), width: Math.max(0, x - 8), height: 24 };
}

function tooltipOf(node: LaidOutNode): string {
    const title = `${FLOW_NODE_KIND_LABELS[node.kind]} ${node.context}.${node.name}`;
    return node.doc ? `${title}\n${node.doc}` : title;
}
