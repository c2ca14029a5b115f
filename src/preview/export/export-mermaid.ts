/**
 * "Export as Mermaid": a `flowchart LR` with the same nodes and edges as the preview and one
 * `classDef` per kind in the Event Storming colours, which GitHub renders in READMEs and pull
 * requests. Needs no layout: Mermaid lays it out itself.
 */
import { FLOW_NODE_KINDS, type FlowGraph, type FlowNode, type FlowNodeKind } from '../../protocol/flow-graph.js';
import { NOTE_COLOURS, NOTE_TEXT } from '../drawing/palette.js';

export function exportMermaid(graph: FlowGraph): string {
    const ids = mermaidIds(graph.nodes);
    const lines = ['flowchart LR'];
    const kinds = new Set(graph.nodes.map(node => node.kind));
    for (const kind of FLOW_NODE_KINDS.filter(k => kinds.has(k))) lines.push(`  ${classDefOf(kind)}`);

    const byContext = groupByContext(graph);
    if (byContext) {
        for (const [context, nodes] of byContext) {
            lines.push(`  subgraph ${contextId(context)}["${escapeMermaidLabel(context)}"]`);
            for (const node of nodes) lines.push(`    ${nodeLine(node, ids)}`);
            lines.push('  end');
        }
    } else {
        for (const node of graph.nodes) lines.push(`  ${nodeLine(node, ids)}`);
    }
    for (const edge of graph.edges) {
        const source = ids.get(edge.source);
        const target = ids.get(edge.target);
        if (source && target) lines.push(`  ${source} --> ${target}`);
    }
    return `${lines.join('\n')}\n`;
}

/**
 * Mermaid labels are HTML: quotes, angle brackets, `&` and `#` (its own escape character) become
 * Mermaid entity codes, line breaks become spaces, so no model string can end the label.
 */
export function escapeMermaidLabel(text: string): string {
    return text
        .replace(/[\r\n]+/g, ' ')
        .replace(/[#"<>&`]/g, char => `#${char.charCodeAt(0)};`);
}

function nodeLine(node: FlowNode, ids: ReadonlyMap<string, string>): string {
    const label = node.kind === 'externalEvent' ? `${node.context}.${node.name}` : node.name;
    return `${ids.get(node.id)}["${escapeMermaidLabel(label)}"]:::${node.kind}`;
}

function classDefOf(kind: FlowNodeKind): string {
    const colours = NOTE_COLOURS[kind];
    const dashed = colours.dashed ? ',stroke-dasharray:5 3' : '';
    return `classDef ${kind} fill:${colours.fill},stroke:${colours.stroke},color:${NOTE_TEXT}${dashed}`;
}

/** Subgraphs per context when several contexts are drawn together (not for a single context's view). */
function groupByContext(graph: FlowGraph): Map<string, FlowNode[]> | undefined {
    if (graph.filter.context !== undefined) return undefined;
    const groups = new Map<string, FlowNode[]>();
    for (const node of graph.nodes) {
        const group = groups.get(node.context);
        if (group) group.push(node);
        else groups.set(node.context, [node]);
    }
    return groups.size > 1 ? groups : undefined;
}

/** Mermaid ids allow letters, digits and `_`; keywords like `end` are avoided by the kind prefix. */
function mermaidIds(nodes: readonly FlowNode[]): Map<string, string> {
    const ids = new Map<string, string>();
    const used = new Set<string>();
    for (const node of nodes) {
        const base = `${node.kind === 'externalEvent' ? 'event' : node.kind}_${sanitize(node.context)}_${sanitize(node.name)}`;
        let id = base;
        for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
        used.add(id);
        ids.set(node.id, id);
    }
    return ids;
}

function contextId(context: string): string {
    return `context_${sanitize(context)}`;
}

function sanitize(text: string): string {
    return text.replace(/[^A-Za-z0-9_]/g, '_');
}
