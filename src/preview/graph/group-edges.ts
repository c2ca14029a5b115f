/** Edges grouped by a key (their source, their target…), each group in the edges' order. */
import type { FlowEdge } from '../../protocol/flow-graph.js';

export function groupEdges(edges: readonly FlowEdge[], keyOf: (edge: FlowEdge) => string): Map<string, FlowEdge[]> {
    const groups = new Map<string, FlowEdge[]>();
    for (const edge of edges) {
        const key = keyOf(edge);
        const group = groups.get(key);
        if (group) group.push(edge);
        else groups.set(key, [edge]);
    }
    return groups;
}
