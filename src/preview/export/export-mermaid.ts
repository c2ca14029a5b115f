/**
 * "Export as Mermaid": a `flowchart LR` with the same nodes and edges as the preview and one
 * `classDef` per kind in the Event Storming colours, which GitHub renders in READMEs and pull
 * requests. Each note is captioned with its kind (not told by colour alone) and, where another
 * context has a note of the same name, its context (see confusable-nodes.ts). Needs no layout: Mermaid lays it out itself.
 */
import { FLOW_NODE_KINDS, type FlowGraph, type FlowNode, type FlowNodeKind } from '../../protocol/flow-graph.js';
import { NOTE_COLOURS, NOTE_TEXT } from '../drawing/palette.js';
import { captionOf } from '../drawing/node-metrics.js';

/** Mermaid's defaults (`maxEdges`, `maxTextSize`): past them it draws an error placeholder instead. */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT_SIZE = 50_000;

/** Mermaid's `eventmodeling` frame numbers are at most three digits (`EM_FID: /\d{1,3}/`). */
export const EVENT_MODELING_MAX_FRAMES = 999;

/**
 * What to tell the user when a diagram is past what Mermaid renders with its default settings,
 * with the figures and how to narrow it; undefined when it renders as is.
 */
export function mermaidLimitWarning(text: string, counts: { edges?: number; frames?: number }, narrowing = 'Narrow it with --context <name> or --aggregate <name>'): string | undefined {
    const over: string[] = [];
    if ((counts.edges ?? 0) > MERMAID_MAX_EDGES) over.push(`${counts.edges} edges (Mermaid draws at most ${MERMAID_MAX_EDGES})`);
    if ((counts.frames ?? 0) > EVENT_MODELING_MAX_FRAMES) over.push(`${counts.frames} time frames (Mermaid numbers at most ${EVENT_MODELING_MAX_FRAMES})`);
    if (text.length > MERMAID_MAX_TEXT_SIZE) over.push(`${text.length} characters (Mermaid reads at most ${MERMAID_MAX_TEXT_SIZE})`);
    if (over.length === 0) return undefined;
    return `The diagram has ${over.join(' and ')}: with its default settings Mermaid shows an error instead. `
        + narrowing
        + (counts.frames === undefined ? ', or raise maxEdges / maxTextSize where you render it.' : '.');
}

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

/** `command<br/>PlaceOrder`: the kind above the name, as on the preview's notes. */
function nodeLine(node: FlowNode, ids: ReadonlyMap<string, string>): string {
    const caption = captionOf(node);
    return `${ids.get(node.id)}["${escapeMermaidLabel(caption)}<br/>${escapeMermaidLabel(node.name)}"]:::${node.kind}`;
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
