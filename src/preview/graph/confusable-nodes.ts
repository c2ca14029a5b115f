/**
 * Notes that could be taken for one another: the same kind and name in two contexts of one view
 * (two contexts' `Thing001`). Those carry their context's name in the caption, wherever drawn.
 */
import type { FlowGraph, FlowNode } from '../../protocol/flow-graph.js';

export function markConfusable(graph: FlowGraph): FlowGraph {
    const contextsByName = new Map<string, Set<string>>();
    const keyOf = (node: FlowNode) => `${node.kind === 'externalEvent' ? 'event' : node.kind}:${node.name}`;
    for (const node of graph.nodes) {
        const key = keyOf(node);
        let contexts = contextsByName.get(key);
        if (!contexts) contextsByName.set(key, contexts = new Set());
        contexts.add(node.context);
    }
    // Object.assign rather than `{ ...node, confusable: true }`: a spread followed by more properties is slow in V8.
    const nodes = graph.nodes.map(node => contextsByName.get(keyOf(node))!.size > 1 && node.kind !== 'externalEvent' ? Object.assign({}, node, { confusable: true }) : node);
    return { ...graph, nodes };
}
