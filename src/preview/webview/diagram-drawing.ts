/**
 * Drawing: the laid-out graph as SVG DOM in the viewport, with the level of detail (labels only
 * when readable) and culling (a large diagram draws only its notes and arrows in and near the
 * visible area, drawing the rest as the view moves).
 */
import { drawEdge, drawEdgeLabel, drawGroups, drawNode, type DrawOptions } from '../drawing/draw-flow-diagram.js';
import type { LaidOutEdge, LaidOutFlowGraph, LaidOutNode } from '../../protocol/flow-graph.js';
import { runFind } from './find.js';
import { applyFocus, markEdge } from './focus.js';
import { page } from './page.js';
import { highlight, markSelected } from './selection.js';
import { state } from './state.js';
import { SVG_NS, toSvgDom } from './svg-dom.js';
import { boxOfPoints, boxOfRect, contains, intersects, visibleArea, type Box } from './visible-area.js';

/** Below this scale the notes are drawn without labels. */
export const LABEL_MIN_SCALE = 0.3;
/** From this scale on the edges' kinds are written along them (smaller, they could not be read). */
export const EDGE_LABEL_MIN_SCALE = 0.9;
/** Below this many nodes everything is drawn: culling would save nothing noticeable. */
const CULL_MIN_NODES = 500;
/** The drawn area reaches this far beyond the canvas (in canvases), so most pans draw nothing new. */
const CULL_MARGIN = 0.25;

/**
 * Level of detail: zoomed out below LABEL_MIN_SCALE the labels are unreadable anyway, so the notes
 * are drawn without them (half the elements: a large model's first render and panning stay fast);
 * crossing the scale redraws.
 */
export function drawDiagram(shown: LaidOutFlowGraph): void {
    state.labelsDrawn = (state.view?.scale ?? 1) >= LABEL_MIN_SCALE;
    state.edgeLabelsDrawn = (state.view?.scale ?? 1) >= EDGE_LABEL_MIN_SCALE;
    state.boardDrawing = undefined;
    state.drawing = new DiagramDrawing(shown, { inlineStyles: false, labels: state.labelsDrawn, edgeLabels: state.edgeLabelsDrawn });
    state.drawing.update(cullArea(shown));
    page.viewport.replaceChildren(state.drawing.root);
    const selected = state.persisted.selected;
    markSelected(selected && state.nodesById.has(selected) ? selected : undefined);
    applyFocus();
    highlight(state.highlighted);
    if (page.findInput.value.trim()) runFind(false);
}

/** The area to draw, or undefined for all of it. */
function cullArea(shown: LaidOutFlowGraph): Box | undefined {
    if (shown.nodes.length < CULL_MIN_NODES || !state.view) return undefined;
    return visibleArea(state.view, page.canvas.clientWidth, page.canvas.clientHeight, CULL_MARGIN);
}

/** After a pan, zoom or resize: draws what came into view, once the view leaves the drawn area. */
export function cullToView(): void {
    const { graph, drawing, view } = state;
    if (!graph || !drawing || !drawing.area || !view) return;
    if (contains(drawing.area, visibleArea(view, page.canvas.clientWidth, page.canvas.clientHeight))) return;
    drawing.update(cullArea(graph));
}

/** The node's note; a culled one is drawn, since whoever asks is about to mark it. */
export function nodeElement(nodeId: string | undefined): SVGGElement | undefined {
    return nodeId ? state.drawing?.nodes.get(nodeId) ?? state.drawing?.drawCulled(nodeId) : undefined;
}

/**
 * The diagram's elements, of which only those touching `area` are in the document; the node
 * under the editor's cursor and the selected one are always drawn (they are looked for).
 */
export class DiagramDrawing {
    readonly root: SVGGElement;
    readonly nodes = new Map<string, SVGGElement>();
    private readonly edges = new Map<LaidOutEdge, SVGElement>();
    private readonly edgeLabels = new Map<LaidOutEdge, SVGElement>();
    private readonly edgeLayer: SVGGElement;
    private readonly edgeLabelLayer: SVGGElement;
    private readonly nodeLayer: SVGGElement;
    private readonly nodeBoxes: Array<{ node: LaidOutNode; box: Box }>;
    private readonly edgeBoxes: Array<{ edge: LaidOutEdge; box: Box }>;
    area: Box | undefined;

    constructor(shown: LaidOutFlowGraph, private readonly options: DrawOptions) {
        this.root = document.createElementNS(SVG_NS, 'g');
        this.root.setAttribute('class', 'flow-diagram');
        this.edgeLayer = document.createElementNS(SVG_NS, 'g');
        this.edgeLayer.setAttribute('class', 'edges');
        this.nodeLayer = document.createElementNS(SVG_NS, 'g');
        this.nodeLayer.setAttribute('class', 'nodes');
        // The contexts' frames are few: always drawn whole, under everything.
        this.edgeLabelLayer = document.createElementNS(SVG_NS, 'g');
        this.edgeLabelLayer.setAttribute('class', 'edge-labels');
        this.root.append(toSvgDom(drawGroups(shown.groups, options), document), this.edgeLayer, this.edgeLabelLayer, this.nodeLayer);
        this.nodeBoxes = shown.nodes.map(node => ({ node, box: boxOfRect(node.x, node.y, node.width, node.height) }));
        this.edgeBoxes = shown.edges.map(edge => ({ edge, box: boxOfPoints(edge.points) }));
    }

    /** Draws what touches `area` (everything when undefined) and removes the rest. */
    update(area: Box | undefined): void {
        this.area = area;
        const newEdges = document.createDocumentFragment();
        const newLabels = document.createDocumentFragment();
        for (const { edge, box } of this.edgeBoxes) {
            const drawn = this.edges.get(edge);
            const wanted = !area || intersects(area, box);
            if (wanted && !drawn) {
                const path = toSvgDom(drawEdge(edge, this.options), document);
                this.edges.set(edge, path);
                markEdge(edge, path);
                newEdges.append(path);
                const label = this.options.edgeLabels ? drawEdgeLabel(edge, this.options) : undefined;
                if (label) {
                    const element = toSvgDom(label, document);
                    this.edgeLabels.set(edge, element);
                    newLabels.append(element);
                }
            } else if (!wanted && drawn) {
                drawn.remove();
                this.edges.delete(edge);
                this.edgeLabels.get(edge)?.remove();
                this.edgeLabels.delete(edge);
            }
        }
        this.edgeLayer.append(newEdges);
        this.edgeLabelLayer.append(newLabels);
        const newNodes = document.createDocumentFragment();
        for (const { node, box } of this.nodeBoxes) {
            const wanted = !area || intersects(area, box) || node.id === state.highlighted || node.id === state.persisted.selected;
            if (wanted) newNodes.append(...this.create(node));
            else {
                this.nodes.get(node.id)?.remove();
                this.nodes.delete(node.id);
            }
        }
        this.nodeLayer.append(newNodes);
    }

    /** The edges drawn now, with their elements. */
    edgeElements(): IterableIterator<[LaidOutEdge, SVGElement]> {
        return this.edges.entries();
    }

    /** The node's element, drawn now if it was culled. */
    drawCulled(nodeId: string): SVGGElement | undefined {
        const node = this.nodeBoxes.find(candidate => candidate.node.id === nodeId)?.node;
        if (node) this.nodeLayer.append(...this.create(node));
        return this.nodes.get(nodeId);
    }

    /** The node's element if it is not drawn yet, to be inserted by the caller. */
    private create(node: LaidOutNode): SVGGElement[] {
        if (this.nodes.has(node.id)) return [];
        const group = toSvgDom(drawNode(node, this.options), document) as SVGGElement;
        decorate(group, node.id);
        this.nodes.set(node.id, group);
        return [group];
    }
}

/** A newly drawn note gets the marks it would have had, had it been drawn all along. */
function decorate(group: SVGGElement, nodeId: string): void {
    if (nodeId === state.persisted.selected) group.classList.add('selected');
    if (nodeId === state.highlighted) group.classList.add('highlighted');
    if (state.find.matching) group.classList.add(state.find.matching.has(nodeId) ? 'match' : 'dimmed');
    if (state.focused && !state.focused.has(nodeId)) group.classList.add('unfocused');
}
