/**
 * Focus on a note's neighbourhood: the notes within n steps of it along the flow's edges, in
 * either direction (its commands, events, readers, policies, and theirs). Pure, over the graph's
 * edges, so it is tested without a browser.
 */
import type { FlowEdge } from '../../protocol/flow-graph.js';

export function neighbourhood(edges: readonly FlowEdge[], nodeId: string, depth: number): Set<string> {
    const next = new Map<string, string[]>();
    const link = (from: string, to: string) => {
        const list = next.get(from);
        if (list) list.push(to);
        else next.set(from, [to]);
    };
    for (const edge of edges) {
        link(edge.source, edge.target);
        link(edge.target, edge.source);
    }
    const reached = new Set([nodeId]);
    let frontier = [nodeId];
    for (let step = 0; step < depth && frontier.length > 0; step++) {
        const following: string[] = [];
        for (const id of frontier) {
            for (const neighbour of next.get(id) ?? []) {
                if (!reached.has(neighbour)) {
                    reached.add(neighbour);
                    following.push(neighbour);
                }
            }
        }
        frontier = following;
    }
    return reached;
}
