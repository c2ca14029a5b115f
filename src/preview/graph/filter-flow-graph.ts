/**
 * Narrows the whole flow to what a large model's reader asks for: one bounded context (with the
 * other contexts' events it consumes), or one aggregate's neighbourhood.
 */
import type { FlowEdge, FlowGraph, FlowGraphFilter, FlowNode } from '../../protocol/flow-graph.js';
import { groupEdges } from './group-edges.js';

export function filterFlowGraph(graph: FlowGraph, filter: FlowGraphFilter): FlowGraph {
    let { nodes, edges } = graph;
    if (filter.context !== undefined) ({ nodes, edges } = contextView(nodes, edges, filter.context));
    if (filter.aggregate !== undefined) ({ nodes, edges } = aggregateNeighbourhood(nodes, edges, filter.aggregate));
    return { ...graph, nodes, edges, filter: { ...filter } };
}

interface NodesAndEdges {
    nodes: FlowNode[];
    edges: FlowEdge[];
}

/** The context's own declarations, plus other contexts' events that its read models and policies consume. */
function contextView(nodes: readonly FlowNode[], edges: readonly FlowEdge[], context: string): NodesAndEdges {
    const byId = new Map(nodes.map(node => [node.id, node]));
    const kept = new Map<string, FlowNode>();
    for (const node of nodes) {
        if (node.context === context) kept.set(node.id, node);
    }
    for (const edge of edges) {
        const source = byId.get(edge.source);
        if (source && source.context !== context && source.kind === 'event' && byId.get(edge.target)?.context === context) {
            kept.set(source.id, { ...source, kind: 'externalEvent' });
        }
    }
    return keep(nodes, edges, kept);
}

/**
 * An aggregate with the commands it takes (and the policies issuing them), the events it emits,
 * the read models and policies consuming those events, the commands those policies issue, and the
 * queries on those read models — of every context, those of other contexts marked `foreign`.
 * `aggregate` is `Context.Name`, or a simple name matching that aggregate in any context.
 */
function aggregateNeighbourhood(nodes: readonly FlowNode[], edges: readonly FlowEdge[], aggregate: string): NodesAndEdges {
    const byId = new Map(nodes.map(node => [node.id, node]));
    const outgoing = groupEdges(edges, edge => edge.source);
    const incoming = groupEdges(edges, edge => edge.target);
    const roots = nodes.filter(node => node.kind === 'aggregate' && (aggregate.includes('.') ? `${node.context}.${node.name}` === aggregate : node.name === aggregate));
    const kept = new Map<string, FlowNode>();
    const add = (id: string) => {
        const node = byId.get(id);
        if (node) kept.set(id, node);
        return node;
    };
    for (const root of roots) {
        add(root.id);
        for (const handled of incoming.get(root.id) ?? []) {
            add(handled.source);
            // The policies, of any context, that issue its commands.
            for (const issued of incoming.get(handled.source) ?? []) {
                if (issued.kind === 'issues') add(issued.source);
            }
        }
        for (const emitted of outgoing.get(root.id) ?? []) {
            add(emitted.target);
            for (const consumer of outgoing.get(emitted.target) ?? []) {
                const consumerNode = add(consumer.target);
                for (const next of outgoing.get(consumer.target) ?? []) {
                    if (consumerNode?.kind === 'policy') add(next.target);
                }
                for (const reader of incoming.get(consumer.target) ?? []) {
                    if (consumerNode?.kind === 'readModel' && byId.get(reader.source)?.kind === 'query') add(reader.source);
                }
            }
        }
    }
    // Notes of another context than the aggregate's look different (their caption names it too).
    const home = new Set(roots.map(root => root.context));
    for (const [id, node] of kept) {
        if (!home.has(node.context) && node.kind !== 'externalEvent') kept.set(id, { ...node, foreign: true });
    }
    return keep(nodes, edges, kept);
}

/** Keeps the chosen nodes in their original order, and the edges between them. */
function keep(nodes: readonly FlowNode[], edges: readonly FlowEdge[], kept: ReadonlyMap<string, FlowNode>): NodesAndEdges {
    return {
        nodes: nodes.filter(node => kept.has(node.id)).map(node => kept.get(node.id)!),
        edges: edges.filter(edge => kept.has(edge.source) && kept.has(edge.target))
    };
}
