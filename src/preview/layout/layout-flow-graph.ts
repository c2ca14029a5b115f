/**
 * Lays the flow graph out with elkjs (layered, left to right), outside the webview so that its
 * Content Security Policy never needs to allow a worker or eval. Sizes come from the labels;
 * ELK guarantees that nodes do not overlap. A view of several contexts frames each (compound
 * nodes). Large views use the band layout (band-layout.ts).
 */
import ElkBundle from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { FlowGraph, FlowNode, FlowNodeKind, FlowPoint, LaidOutEdge, LaidOutFlowGraph, LaidOutGroup, LaidOutNode } from '../../protocol/flow-graph.js';
import { bandLayout } from './band-layout.js';
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

/** With frames: one layout over all levels (edges between contexts), coordinates absolute. */
const HIERARCHY_OPTIONS: Record<string, string> = {
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.json.shapeCoords': 'ROOT',
    'elk.json.edgeCoords': 'ROOT'
};

/** A context's frame: room for its name on top. */
const GROUP_OPTIONS: Record<string, string> = {
    'elk.padding': `[top=${GROUP_HEADER_HEIGHT + 12},left=14,bottom=14,right=14]`
};

/**
 * Above this many nodes elkjs cannot keep the preview live (seconds to minutes on large models),
 * so the linear-time band layout takes over: same layers, same direction, no overlaps.
 */
export const ELK_MAX_NODES = 200;

// elkjs is CommonJS with a `default` that points at itself: this works from ESM (tsx) and from
// esbuild's CommonJS bundles alike.
const ELK = ElkBundle.default;
let elk: InstanceType<typeof ELK> | undefined;

export async function layoutFlowGraph(graph: FlowGraph): Promise<LaidOutFlowGraph> {
    return graph.nodes.length > ELK_MAX_NODES ? bandLayout(graph) : elkLayout(graph);
}

export async function elkLayout(graph: FlowGraph): Promise<LaidOutFlowGraph> {
    elk ??= new ELK();
    const ordered = inFlowOrder(graph.nodes);
    const leaf = (node: FlowNode): ElkNode => ({ id: node.id, width: nodeWidth(node), height: NODE_HEIGHT });
    const contexts = [...new Set(ordered.map(node => node.context))];
    // Two or more contexts: each is a compound node (its frame), laid out in one pass with the
    // edges between them; coordinates come back absolute.
    const grouped = contexts.length > 1;
    const children: ElkNode[] = grouped
        ? contexts.map(context => ({ id: groupId(context), layoutOptions: GROUP_OPTIONS, children: ordered.filter(node => node.context === context).map(leaf) }))
        : ordered.map(leaf);
    // A query reads its read model: laid out as read model → query (the query right of it, as in
    // the band layout), drawn from the query (its route reversed).
    const input: ElkNode = {
        id: 'root',
        layoutOptions: grouped ? { ...LAYOUT_OPTIONS, ...HIERARCHY_OPTIONS } : LAYOUT_OPTIONS,
        children,
        edges: graph.edges.map(edge => edge.kind === 'reads'
            ? { id: edge.id, sources: [edge.target], targets: [edge.source] }
            : { id: edge.id, sources: [edge.source], targets: [edge.target] })
    };
    const result = await elk.layout(input);
    const placedNodes = grouped ? (result.children ?? []).flatMap(group => group.children ?? []) : result.children ?? [];
    const positions = new Map(placedNodes.map(child => [child.id, child]));
    const routes = new Map((result.edges ?? []).map(edge => [edge.id, edge]));
    const nodes: LaidOutNode[] = graph.nodes.map(node => {
        const placed = positions.get(node.id);
        return { ...node, x: round(placed?.x ?? 0), y: round(placed?.y ?? 0), width: placed?.width ?? nodeWidth(node), height: placed?.height ?? NODE_HEIGHT };
    });
    const edges: LaidOutEdge[] = graph.edges.map(edge => {
        const points = pointsOf(routes.get(edge.id));
        return { ...edge, points: edge.kind === 'reads' ? points.reverse() : points };
    });
    const groups: LaidOutGroup[] = grouped ? (result.children ?? []).map(group => ({
        context: group.id.slice(GROUP_PREFIX.length), x: round(group.x ?? 0), y: round(group.y ?? 0), width: round(group.width ?? 0), height: round(group.height ?? 0)
    })) : [];
    return { ...graph, nodes, edges, groups, width: round(result.width ?? 0), height: round(result.height ?? 0) };
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

function pointsOf(edge: ElkExtendedEdge | undefined): FlowPoint[] {
    const section = edge?.sections?.[0];
    if (!section) return [];
    return [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(p => ({ x: round(p.x), y: round(p.y) }));
}

/** Two decimals: stable golden files and smaller messages, no visible difference. */
function round(value: number): number {
    return Math.round(value * 100) / 100;
}
