/**
 * Lays the flow graph out with elkjs (layered, left to right), outside the webview so that its
 * Content Security Policy never needs to allow a worker or eval. Sizes come from the labels;
 * ELK guarantees that nodes do not overlap. A view of several contexts frames each: every context
 * is laid out on its own (a compound node whose ports are its edges to other contexts), and the
 * frames are wrapped into rows so that the diagram takes the view's shape instead of one long
 * strip (route-between-frames.ts joins the ports). Large views use the band layout (band-layout.ts).
 */
import ElkBundle from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';
import type { FlowEdge, FlowGraph, FlowNode, FlowNodeKind, FlowPoint, LaidOutEdge, LaidOutFlowGraph, LaidOutGroup, LaidOutNode } from '../../protocol/flow-graph.js';
import { bandLayout } from './band-layout.js';
import { frameRowsForAspect } from './frame-rows.js';
import { placeFramesInRows } from './route-between-frames.js';
import { withoutRedundantPoints } from './route-points.js';
import { GROUP_HEADER_HEIGHT, NODE_HEIGHT, nodeWidth } from '../drawing/node-metrics.js';

const LAYOUT_OPTIONS: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.spacing.nodeNode': '20',
    'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    'elk.layered.spacing.edgeNodeBetweenLayers': '16',
    'elk.spacing.componentComponent': '36',
    'elk.separateConnectedComponents': 'true',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    // Every cycle of the flow runs through a policy issuing a command: with the nodes given in the
    // order of the flow (see FLOW_ORDER), model-order cycle breaking turns exactly those edges back.
    'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
    'elk.padding': '[top=16,left=16,bottom=16,right=16]'
};

/** A context's frame: room for its name on top; its ports (edges to other contexts) keep their sides. */
const GROUP_OPTIONS: Record<string, string> = {
    ...LAYOUT_OPTIONS,
    'elk.padding': `[top=${GROUP_HEADER_HEIGHT + 12},left=14,bottom=14,right=14]`,
    'elk.portConstraints': 'FIXED_SIDE'
};

/** Between frames: elkjs's positions are ignored, the frames are placed in rows (frame-rows.ts). */
const FRAMES_OPTIONS: Record<string, string> = { 'elk.algorithm': 'fixed' };

/** Width : height the wrapped diagram aims at when the view does not say (an export). */
export const FLOW_TARGET_ASPECT = 1.6;

export interface FlowLayoutOptions {
    /** Width : height of the view: frames are wrapped into rows (band columns) to come close to it. */
    aspect?: number;
}

/**
 * Above this many nodes elkjs cannot keep the preview live (seconds to minutes on large models),
 * so the linear-time band layout takes over: same layers, same direction, no overlaps.
 */
export const ELK_MAX_NODES = 200;

// elkjs is CommonJS with a `default` that points at itself: this works from ESM (tsx) and from
// esbuild's CommonJS bundles alike.
const ELK = ElkBundle.default;
let elk: InstanceType<typeof ELK> | undefined;

export async function layoutFlowGraph(graph: FlowGraph, options: FlowLayoutOptions = {}): Promise<LaidOutFlowGraph> {
    const aspect = options.aspect ?? FLOW_TARGET_ASPECT;
    return graph.nodes.length > ELK_MAX_NODES ? bandLayout(graph, { aspect }) : elkLayout(graph, { aspect });
}

export async function elkLayout(graph: FlowGraph, options: FlowLayoutOptions = {}): Promise<LaidOutFlowGraph> {
    elk ??= new ELK();
    const ordered = inFlowOrder(graph.nodes);
    const contexts = [...new Set(ordered.map(node => node.context))];
    return contexts.length > 1 ? framedLayout(graph, ordered, contexts, options.aspect ?? FLOW_TARGET_ASPECT) : flatLayout(graph, ordered);
}

/** A query reads its read model: laid out as read model → query (the query right of it, as in the band layout), drawn from the query. */
function layoutEnds(edge: FlowEdge): [string, string] {
    return edge.kind === 'reads' ? [edge.target, edge.source] : [edge.source, edge.target];
}

function leaf(node: FlowNode): ElkNode {
    return { id: node.id, width: nodeWidth(node), height: NODE_HEIGHT };
}

/** One context: one elkjs layout, no frame. */
async function flatLayout(graph: FlowGraph, ordered: readonly FlowNode[]): Promise<LaidOutFlowGraph> {
    const input: ElkNode = {
        id: 'root',
        layoutOptions: LAYOUT_OPTIONS,
        children: ordered.map(leaf),
        edges: graph.edges.map(edge => { const [from, to] = layoutEnds(edge); return { id: edge.id, sources: [from], targets: [to] }; })
    };
    const result = await elk!.layout(input);
    const positions = new Map((result.children ?? []).map(child => [child.id, child]));
    const routes = new Map((result.edges ?? []).map(edge => [edge.id, pointsOf(edge)]));
    const nodes: LaidOutNode[] = graph.nodes.map(node => {
        const placed = positions.get(node.id);
        return { ...node, x: round(placed?.x ?? 0), y: round(placed?.y ?? 0), width: placed?.width ?? nodeWidth(node), height: placed?.height ?? NODE_HEIGHT };
    });
    const edges: LaidOutEdge[] = graph.edges.map(edge => {
        const points = routes.get(edge.id) ?? [];
        return { ...edge, points: edge.kind === 'reads' ? points.reverse() : points };
    });
    return { ...graph, nodes, edges, groups: [], width: round(result.width ?? 0), height: round(result.height ?? 0) };
}

/**
 * Several contexts: each is laid out by elkjs in its own frame, an edge to another context
 * ending at a port on the frame's border (leaving on the east side, entering on the west); the
 * frames are then wrapped into rows for the view's aspect and the ports joined around the frames.
 */
async function framedLayout(graph: FlowGraph, ordered: readonly FlowNode[], contexts: readonly string[], aspect: number): Promise<LaidOutFlowGraph> {
    const contextOf = new Map(graph.nodes.map(node => [node.id, node.context]));
    const frames = new Map(contexts.map(context => [context, {
        id: groupId(context), layoutOptions: GROUP_OPTIONS, ports: [] as ElkPort[], edges: [] as ElkExtendedEdge[],
        children: ordered.filter(node => node.context === context).map(leaf)
    }]));
    const crossing: Array<{ edge: FlowEdge; from: string; to: string }> = [];
    for (const edge of graph.edges) {
        const [from, to] = layoutEnds(edge);
        const [fromContext, toContext] = [contextOf.get(from)!, contextOf.get(to)!];
        if (fromContext === toContext) {
            frames.get(fromContext)!.edges.push({ id: edge.id, sources: [from], targets: [to] });
            continue;
        }
        const [source, target] = [frames.get(fromContext)!, frames.get(toContext)!];
        source.ports.push({ id: outPort(edge), layoutOptions: { 'elk.port.side': 'EAST' } });
        source.edges.push({ id: outPort(edge), sources: [from], targets: [outPort(edge)] });
        target.ports.push({ id: inPort(edge), layoutOptions: { 'elk.port.side': 'WEST' } });
        target.edges.push({ id: inPort(edge), sources: [inPort(edge)], targets: [to] });
        crossing.push({ edge, from: fromContext, to: toContext });
    }
    const result = await elk!.layout({ id: 'root', layoutOptions: FRAMES_OPTIONS, children: [...frames.values()] });
    const laidOut = new Map((result.children ?? []).map(frame => [frame.id, frame]));
    const framesInOrder = contexts.map(context => laidOut.get(groupId(context))!);
    const sizes = framesInOrder.map(frame => ({ width: frame.width ?? 0, height: frame.height ?? 0 }));
    const index = new Map(contexts.map((context, i) => [context, i]));
    const portY = (frame: ElkNode, port: string) => frame.ports?.find(candidate => candidate.id === port)?.y ?? 0;
    const rows = frameRowsForAspect(sizes, aspect, { gutter: 48, corridor: 40 });
    const placed = placeFramesInRows(sizes, rows, crossing.map(({ edge, from, to }) => ({
        id: edge.id, from: index.get(from)!, fromY: portY(framesInOrder[index.get(from)!], outPort(edge)),
        to: index.get(to)!, toY: portY(framesInOrder[index.get(to)!], inPort(edge))
    })));

    // Frame-relative coordinates (elkjs's, as each frame sits at 0,0) moved to the frame's place.
    const nodes = new Map<string, LaidOutNode>();
    const routes = new Map<string, FlowPoint[]>();
    framesInOrder.forEach((frame, i) => {
        const { x, y } = placed.positions[i];
        for (const child of frame.children ?? []) nodes.set(child.id, { x: round(x + (child.x ?? 0)), y: round(y + (child.y ?? 0)), width: child.width ?? 0, height: child.height ?? 0 } as LaidOutNode);
        for (const edge of frame.edges ?? []) routes.set(edge.id, pointsOf(edge, x, y));
    });
    const edges: LaidOutEdge[] = graph.edges.map(edge => {
        const between = placed.routes.get(edge.id);
        const points = between === undefined
            ? routes.get(edge.id) ?? []
            : withoutRedundantPoints([...routes.get(outPort(edge)) ?? [], ...between.map(([px, py]) => ({ x: round(px), y: round(py) })), ...routes.get(inPort(edge)) ?? []]);
        return { ...edge, points: edge.kind === 'reads' ? points.reverse() : points };
    });
    const groups: LaidOutGroup[] = framesInOrder.map((frame, i) => ({
        context: contexts[i], x: round(placed.positions[i].x), y: round(placed.positions[i].y), width: round(frame.width ?? 0), height: round(frame.height ?? 0)
    }));
    return {
        ...graph,
        nodes: graph.nodes.map(node => {
            const at = nodes.get(node.id);
            return { ...node, x: at?.x ?? 0, y: at?.y ?? 0, width: at?.width ?? nodeWidth(node), height: at?.height ?? NODE_HEIGHT };
        }),
        edges, groups, width: round(placed.width), height: round(placed.height)
    };
}

function outPort(edge: FlowEdge): string {
    return `${edge.id}|out`;
}

function inPort(edge: FlowEdge): string {
    return `${edge.id}|in`;
}


const GROUP_PREFIX = 'context-group:';

function groupId(context: string): string {
    return `${GROUP_PREFIX}${context}`;
}

/** Commands, aggregates, events, read models, queries, policies: the direction the flow's edges point. */
const FLOW_ORDER: Readonly<Record<FlowNodeKind, number>> = {
    command: 0, aggregate: 1, event: 2, externalEvent: 2, readModel: 3, query: 4, policy: 5
};

function inFlowOrder(nodes: readonly FlowNode[]): FlowNode[] {
    return nodes.map((node, index) => ({ node, index }))
        .sort((a, b) => FLOW_ORDER[a.node.kind] - FLOW_ORDER[b.node.kind] || a.index - b.index)
        .map(entry => entry.node);
}

/** An elkjs route, moved by (dx, dy). */
function pointsOf(edge: ElkExtendedEdge | undefined, dx = 0, dy = 0): FlowPoint[] {
    const section = edge?.sections?.[0];
    if (!section) return [];
    return [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(p => ({ x: round(dx + p.x), y: round(dy + p.y) }));
}

/** Two decimals: stable golden files and smaller messages, no visible difference. */
function round(value: number): number {
    return Math.round(value * 100) / 100;
}
