/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The preview's browser-side script (bundled to out/webview.js, loaded with the page's nonce).
 * It draws what the extension sends, handles pan, zoom, find and filters, and reports clicks.
 * Every listener is attached here (no inline handlers), every model string goes in as text.
 */
import { drawArrowMarker, drawEdge, drawNode, type DrawOptions } from '../drawing/draw-flow-diagram.js';
import { FLOW_NODE_KIND_LABELS, type FlowGraphFilter, type FlowNodeKind, type LaidOutEdge, type LaidOutFlowGraph, type LaidOutNode } from '../../protocol/flow-graph.js';
import type { FromWebviewMessage, PreviewState, ToWebviewMessage } from '../../protocol/webview-messages.js';
import { fillHoverCard } from './hover-card.js';
import { SVG_NS, toSvgDom } from './svg-dom.js';
import { centreOn, fitView, transformAttribute, zoomAt, type ViewTransform } from './view-transform.js';
import { boxOfPoints, boxOfRect, contains, intersects, visibleArea, type Box } from './visible-area.js';
import './webview.css';

interface VsCodeApi {
    postMessage(message: FromWebviewMessage): void;
    getState(): PreviewState | undefined;
    setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const element = <T extends Element>(id: string) => document.getElementById(id) as unknown as T;
const canvas = element<HTMLDivElement>('canvas');
const svgRoot = element<SVGSVGElement>('diagram');
const viewport = element<SVGGElement>('viewport');
const banner = element<HTMLDivElement>('banner');
const emptyNote = element<HTMLDivElement>('empty');
const hoverCard = element<HTMLDivElement>('hover-card');
const contextFilter = element<HTMLSelectElement>('context-filter');
const aggregateFilter = element<HTMLSelectElement>('aggregate-filter');
const findInput = element<HTMLInputElement>('find');
const findCount = element<HTMLSpanElement>('find-count');

const saved = vscode.getState();
let state: PreviewState = saved ?? { filter: {} };
let view: ViewTransform | undefined = saved?.view;
let graph: LaidOutFlowGraph | undefined;
let nodesById = new Map<string, LaidOutNode>();
let highlighted: string | undefined;
const LABEL_MIN_SCALE = 0.3;
let labelsDrawn = true;
let findMatches: string[] = [];
/** The nodes find marks, or undefined when the find box is empty. */
let findMatching: Set<string> | undefined;
let findIndex = -1;
/** Fit the next graph to the canvas: first open, or after the filter changed. */
let fitNext = view === undefined;

svgRoot.querySelector('defs')?.append(toSvgDom(drawArrowMarker(), document));
buildLegend();

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => {
    const message = event.data;
    if (message.type === 'graph') showGraph(message.graph, message.staleReason);
    else if (message.type === 'highlight') highlight(message.nodeId);
    else if (message.type === 'failed') showBanner(message.message);
});

function showGraph(next: LaidOutFlowGraph, staleReason: string | undefined): void {
    // The extension may choose the filter too (the "Preview flow" lens previews its own context).
    if (filterKey(next.filter) !== filterKey(state.filter)) {
        state = { ...state, filter: next.filter };
        fitNext = true;
    }
    graph = next;
    nodesById = new Map(next.nodes.map(node => [node.id, node]));
    updateFilterMenus(next);
    emptyNote.hidden = next.nodes.length > 0;
    if (staleReason) showBanner(staleReason);
    else banner.hidden = true;
    // Measure and set the view before the new diagram is in the document: reading sizes after
    // inserting thousands of elements would force their layout at once.
    if (fitNext || !view) {
        view = fittedView(next);
        fitNext = false;
        saveState();
    }
    applyView(false);
    drawDiagram(next);
    vscode.postMessage({ type: 'rendered', nodeIds: next.nodes.map(node => node.id), stale: staleReason !== undefined });
}

/**
 * Level of detail: zoomed out below LABEL_MIN_SCALE the labels are unreadable anyway, so the notes
 * are drawn without them (half the elements: a large model's first render and panning stay fast);
 * crossing the scale redraws.
 */
function drawDiagram(shown: LaidOutFlowGraph): void {
    labelsDrawn = (view?.scale ?? 1) >= LABEL_MIN_SCALE;
    drawing = new DiagramDrawing(shown, { inlineStyles: false, labels: labelsDrawn });
    drawing.update(cullArea(shown));
    viewport.replaceChildren(drawing.root);
    markSelected(state.selected && nodesById.has(state.selected) ? state.selected : undefined);
    highlight(highlighted);
    if (findInput.value.trim()) runFind(false);
}

// ---- culling: a large diagram draws only its notes and arrows in and near the visible area ------

/** Below this many nodes everything is drawn: culling would save nothing noticeable. */
const CULL_MIN_NODES = 500;
/** The drawn area reaches this far beyond the canvas (in canvases), so most pans draw nothing new. */
const CULL_MARGIN = 0.25;

/** The area to draw, or undefined for all of it. */
function cullArea(shown: LaidOutFlowGraph): Box | undefined {
    if (shown.nodes.length < CULL_MIN_NODES || !view) return undefined;
    return visibleArea(view, canvas.clientWidth, canvas.clientHeight, CULL_MARGIN);
}

/** After a pan, zoom or resize: draws what came into view, once the view leaves the drawn area. */
function cullToView(): void {
    if (!graph || !drawing || !drawing.area || !view) return;
    if (contains(drawing.area, visibleArea(view, canvas.clientWidth, canvas.clientHeight))) return;
    drawing.update(cullArea(graph));
}

/**
 * The diagram's elements, of which only those touching `area` are in the document; the node
 * under the editor's cursor and the selected one are always drawn (they are looked for).
 */
class DiagramDrawing {
    readonly root: SVGGElement;
    readonly nodes = new Map<string, SVGGElement>();
    private readonly edges = new Map<LaidOutEdge, SVGElement>();
    private readonly edgeLayer: SVGGElement;
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
        this.root.append(this.edgeLayer, this.nodeLayer);
        this.nodeBoxes = shown.nodes.map(node => ({ node, box: boxOfRect(node.x, node.y, node.width, node.height) }));
        this.edgeBoxes = shown.edges.map(edge => ({ edge, box: boxOfPoints(edge.points) }));
    }

    /** Draws what touches `area` (everything when undefined) and removes the rest. */
    update(area: Box | undefined): void {
        this.area = area;
        const newEdges = document.createDocumentFragment();
        for (const { edge, box } of this.edgeBoxes) {
            const drawn = this.edges.get(edge);
            const wanted = !area || intersects(area, box);
            if (wanted && !drawn) {
                const path = toSvgDom(drawEdge(edge, this.options), document);
                this.edges.set(edge, path);
                newEdges.append(path);
            } else if (!wanted && drawn) {
                drawn.remove();
                this.edges.delete(edge);
            }
        }
        this.edgeLayer.append(newEdges);
        const newNodes = document.createDocumentFragment();
        for (const { node, box } of this.nodeBoxes) {
            const wanted = !area || intersects(area, box) || node.id === highlighted || node.id === state.selected;
            if (wanted) newNodes.append(...this.create(node));
            else {
                this.nodes.get(node.id)?.remove();
                this.nodes.delete(node.id);
            }
        }
        this.nodeLayer.append(newNodes);
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

let drawing: DiagramDrawing | undefined;

/** A newly drawn note gets the marks it would have had, had it been drawn all along. */
function decorate(group: SVGGElement, nodeId: string): void {
    if (nodeId === state.selected) group.classList.add('selected');
    if (nodeId === highlighted) group.classList.add('highlighted');
    if (findMatching) group.classList.add(findMatching.has(nodeId) ? 'match' : 'dimmed');
}

function showBanner(text: string): void {
    banner.textContent = text;
    banner.hidden = false;
}

// ---- filters -----------------------------------------------------------------------------

function updateFilterMenus(next: LaidOutFlowGraph): void {
    const context = state.filter.context;
    fillSelect(contextFilter, 'All contexts', next.contexts, context);
    const aggregates = context === undefined ? next.aggregates : next.aggregates.filter(name => name.startsWith(`${context}.`));
    fillSelect(aggregateFilter, 'All aggregates', aggregates, state.filter.aggregate);
}

function fillSelect(select: HTMLSelectElement, allLabel: string, values: readonly string[], selected: string | undefined): void {
    select.replaceChildren(new Option(allLabel, ''), ...values.map(value => new Option(value, value)));
    select.value = selected !== undefined && values.includes(selected) ? selected : '';
}

contextFilter.addEventListener('change', () => changeFilter({ ...(contextFilter.value ? { context: contextFilter.value } : {}) }));
aggregateFilter.addEventListener('change', () => changeFilter({
    ...(state.filter.context !== undefined ? { context: state.filter.context } : {}),
    ...(aggregateFilter.value ? { aggregate: aggregateFilter.value } : {})
}));

function filterKey(filter: FlowGraphFilter): string {
    return `${filter.context ?? ''}/${filter.aggregate ?? ''}`;
}

function changeFilter(filter: FlowGraphFilter): void {
    state = { ...state, filter };
    fitNext = true;
    saveState();
    vscode.postMessage({ type: 'setFilter', filter });
}

// ---- pan, zoom, fit ------------------------------------------------------------------------

function applyView(redrawForLabels = true): void {
    if (!view) return;
    viewport.setAttribute('transform', transformAttribute(view));
    svgRoot.classList.toggle('zoomed-out', view.scale < LABEL_MIN_SCALE);
    if (!redrawForLabels || !graph) return;
    if (labelsDrawn !== view.scale >= LABEL_MIN_SCALE) drawDiagram(graph);
    else cullToView();
}

function setView(next: ViewTransform): void {
    view = next;
    applyView();
    saveState();
}

function fitToCanvas(): void {
    if (graph) setView(fittedView(graph));
}

/** The whole diagram in the canvas, leaving the legend's strip free at the bottom. */
function fittedView(shown: LaidOutFlowGraph): ViewTransform {
    const legendHeight = element<HTMLUListElement>('legend').offsetHeight + 8;
    return fitView(shown.width, shown.height, canvas.clientWidth, Math.max(100, canvas.clientHeight - legendHeight));
}

function zoomBy(factor: number, px = canvas.clientWidth / 2, py = canvas.clientHeight / 2): void {
    setView(zoomAt(view ?? { x: 0, y: 0, scale: 1 }, factor, px, py));
}

window.addEventListener('resize', cullToView);

canvas.addEventListener('wheel', event => {
    event.preventDefault();
    const bounds = canvas.getBoundingClientRect();
    zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - bounds.left, event.clientY - bounds.top);
}, { passive: false });

let drag: { startX: number; startY: number; view: ViewTransform; moved: boolean } | undefined;
canvas.addEventListener('pointerdown', event => {
    if (event.button !== 0) return;
    drag = { startX: event.clientX, startY: event.clientY, view: view ?? { x: 0, y: 0, scale: 1 }, moved: false };
});
window.addEventListener('pointermove', event => {
    if (!drag) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
        drag.moved = true;
        canvas.classList.add('panning');
        hoverCard.hidden = true;
    }
    setView({ ...drag.view, x: drag.view.x + dx, y: drag.view.y + dy });
});
window.addEventListener('pointerup', () => {
    canvas.classList.remove('panning');
    // The click that ends a drag must not count as a click on a node.
    setTimeout(() => { drag = undefined; }, 0);
});

element<HTMLButtonElement>('zoom-in').addEventListener('click', () => zoomBy(1.25));
element<HTMLButtonElement>('zoom-out').addEventListener('click', () => zoomBy(0.8));
element<HTMLButtonElement>('fit').addEventListener('click', fitToCanvas);
element<HTMLButtonElement>('export-svg').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'svg' }));
element<HTMLButtonElement>('export-mermaid').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'mermaid' }));

// ---- nodes: click to reveal, hover card, highlight -------------------------------------------

function nodeIdAt(target: EventTarget | null): string | undefined {
    const group = (target as Element | null)?.closest?.('.node');
    return group?.getAttribute('data-node-id') ?? undefined;
}

canvas.addEventListener('click', event => {
    if (drag?.moved) return;
    const nodeId = nodeIdAt(event.target);
    if (!nodeId) return;
    markSelected(nodeId);
    vscode.postMessage({ type: 'reveal', nodeId });
});

canvas.addEventListener('mouseover', event => {
    const node = nodesById.get(nodeIdAt(event.target) ?? '');
    if (!node || drag?.moved) return;
    fillHoverCard(hoverCard, node);
    hoverCard.hidden = false;
    placeHoverCard(event);
});
canvas.addEventListener('mousemove', event => {
    if (!hoverCard.hidden) placeHoverCard(event);
});
canvas.addEventListener('mouseout', event => {
    if (nodeIdAt(event.relatedTarget) !== nodeIdAt(event.target)) hoverCard.hidden = true;
});

function placeHoverCard(event: MouseEvent): void {
    const gap = 14;
    const width = hoverCard.offsetWidth;
    const height = hoverCard.offsetHeight;
    const left = event.clientX + gap + width > window.innerWidth ? event.clientX - gap - width : event.clientX + gap;
    const top = Math.min(event.clientY + gap, window.innerHeight - height - 4);
    hoverCard.style.left = `${Math.max(4, left)}px`;
    hoverCard.style.top = `${Math.max(4, top)}px`;
}

/** The node's note; a culled one is drawn, since whoever asks is about to mark it. */
function nodeElement(nodeId: string | undefined): SVGGElement | undefined {
    return nodeId ? drawing?.nodes.get(nodeId) ?? drawing?.drawCulled(nodeId) : undefined;
}

function markSelected(nodeId: string | undefined): void {
    for (const group of viewport.querySelectorAll('.node.selected')) group.classList.remove('selected');
    nodeElement(nodeId)?.classList.add('selected');
    if (state.selected !== nodeId) {
        state = { ...state, selected: nodeId };
        saveState();
    }
}

/** The node of the declaration under the editor's cursor. */
function highlight(nodeId: string | undefined): void {
    highlighted = nodeId;
    for (const group of viewport.querySelectorAll('.node.highlighted')) group.classList.remove('highlighted');
    nodeElement(nodeId)?.classList.add('highlighted');
}

// ---- find ----------------------------------------------------------------------------------

findInput.addEventListener('input', () => {
    findIndex = -1;
    runFind(false);
});
findInput.addEventListener('keydown', event => {
    if (event.key === 'Enter') runFind(true, event.shiftKey ? -1 : 1);
    if (event.key === 'Escape') {
        findInput.value = '';
        runFind(false);
    }
});

/** Marks the nodes whose name contains the text; with `step`, selects and centres the next one. */
function runFind(step: boolean, direction = 1): void {
    const query = findInput.value.trim().toLowerCase();
    findMatches = query && graph ? graph.nodes.filter(node => node.name.toLowerCase().includes(query)).map(node => node.id) : [];
    const matching = new Set(findMatches);
    findMatching = query ? matching : undefined;
    for (const [id, group] of drawing?.nodes ?? []) {
        group.classList.toggle('match', matching.has(id));
        group.classList.toggle('dimmed', query.length > 0 && !matching.has(id));
    }
    if (findMatches.length === 0) findIndex = -1;
    else if (step) findIndex = findIndex < 0 && direction < 0 ? findMatches.length - 1 : (findIndex + direction + findMatches.length) % findMatches.length;
    else findIndex = Math.min(findIndex, findMatches.length - 1);
    findCount.textContent = !query ? '' : findMatches.length === 0 ? 'no match'
        : findIndex < 0 ? `${findMatches.length} ${findMatches.length === 1 ? 'match' : 'matches'}` : `${findIndex + 1} of ${findMatches.length}`;
    if (step && findIndex >= 0) {
        const node = nodesById.get(findMatches[findIndex]);
        if (node) {
            markSelected(node.id);
            setView(centreOn(view ?? { x: 0, y: 0, scale: 1 }, node.x + node.width / 2, node.y + node.height / 2, canvas.clientWidth, canvas.clientHeight));
        }
    }
}

// ---- legend, keyboard, state -----------------------------------------------------------------

function buildLegend(): void {
    const legend = element<HTMLUListElement>('legend');
    const kinds: FlowNodeKind[] = ['command', 'aggregate', 'event', 'externalEvent', 'readModel', 'query', 'policy'];
    legend.replaceChildren(...kinds.map(kind => {
        const item = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = `swatch kind-${kind}`;
        item.append(swatch, document.createTextNode(FLOW_NODE_KIND_LABELS[kind]));
        return item;
    }));
}

window.addEventListener('keydown', event => {
    if (event.target === findInput || event.target instanceof HTMLSelectElement) return;
    if (event.key === '+' || event.key === '=') zoomBy(1.25);
    else if (event.key === '-') zoomBy(0.8);
    else if (event.key === '0') fitToCanvas();
    else if (event.key === 'f' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        findInput.focus();
    }
});

function saveState(): void {
    vscode.setState({ ...state, ...(view ? { view } : {}) });
}

vscode.postMessage({ type: 'ready' });
