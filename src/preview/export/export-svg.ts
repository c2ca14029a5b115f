/**
 * "Export as SVG": a standalone file (no stylesheet, no script, no external reference; colours and
 * fonts as attributes) with a legend above the diagram, which renders the same in a browser, on
 * GitHub or in an image viewer.
 */
import type { FlowNodeKind, LaidOutFlowGraph } from '../../protocol/flow-graph.js';
import { drawArrowMarker, drawFlowDiagram, drawLegend } from '../drawing/draw-flow-diagram.js';
import { printSvgElement, svg } from '../drawing/svg-tree.js';

const MARGIN = 16;
const LEGEND_GAP = 12;

export function exportSvg(graph: LaidOutFlowGraph): string {
    const kinds = usedKinds(graph);
    const legend = drawLegend(kinds);
    const top = MARGIN + legend.height + LEGEND_GAP;
    const width = Math.ceil(Math.max(graph.width, legend.width + 2 * MARGIN));
    const height = Math.ceil(top + graph.height);
    const document = svg('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' }, [
        svg('title', {}, [], titleOf(graph)),
        svg('defs', {}, [drawArrowMarker()]),
        svg('rect', { class: 'background', width, height, fill: '#ffffff' }),
        svg('g', { transform: `translate(${MARGIN},${MARGIN})` }, [legend.element]),
        svg('g', { transform: `translate(0,${top})` }, [drawFlowDiagram(graph, { tooltips: true, edgeLabels: true })])
    ]);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${printSvgElement(document)}\n`;
}

/** The legend lists the kinds present (every kind for an empty diagram), in the notation's order. */
function usedKinds(graph: LaidOutFlowGraph): FlowNodeKind[] {
    const present = new Set(graph.nodes.map(node => node.kind));
    const order: FlowNodeKind[] = ['command', 'aggregate', 'event', 'externalEvent', 'readModel', 'query', 'policy'];
    const kinds = order.filter(kind => present.has(kind));
    return kinds.length > 0 ? kinds : order;
}

function titleOf(graph: LaidOutFlowGraph): string {
    const scope = graph.filter.aggregate ?? graph.filter.context ?? (graph.contexts.join(', ') || 'model');
    return `Event flow: ${scope}`;
}
