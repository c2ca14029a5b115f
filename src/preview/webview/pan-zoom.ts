/** Pan, zoom and fit: the view transform, wheel and drag on the canvas, the zoom and fit buttons. */
import { boardToView, isBoardShown } from './board-view.js';
import { cullToView, drawDiagram, EDGE_LABEL_MIN_SCALE, LABEL_MIN_SCALE } from './diagram-drawing.js';
import { updateMinimapView } from './minimap.js';
import { page } from './page.js';
import { saveState, state } from './state.js';
import { READABLE_SCALE } from './step-view.js';
import { fitView, transformAttribute, zoomAt, type ViewTransform } from './view-transform.js';

export function applyView(redrawForLabels = true): void {
    const { view, graph } = state;
    if (!view) return;
    page.viewport.setAttribute('transform', transformAttribute(view));
    updateMinimapView();
    page.svgRoot.classList.toggle('zoomed-out', view.scale < LABEL_MIN_SCALE);
    if (!redrawForLabels || !graph) return;
    if (isBoardShown()) {
        boardToView();
        return;
    }
    if (state.labelsDrawn !== view.scale >= LABEL_MIN_SCALE || state.edgeLabelsDrawn !== view.scale >= EDGE_LABEL_MIN_SCALE) drawDiagram(graph);
    else cullToView();
}

export function setView(next: ViewTransform): void {
    state.view = next;
    applyView();
    saveState();
}

export function fitToCanvas(): void {
    if (state.graph) setView(fittedView());
}

/** The size of what is shown: the board, or the flow diagram. */
function shownSize(): { width: number; height: number } {
    const shown = isBoardShown() ? state.board : state.graph;
    return { width: shown?.width ?? 0, height: shown?.height ?? 0 };
}

/** The whole diagram (or board) in the canvas (the legend has its own strip below it). */
export function fittedView(): ViewTransform {
    const { width, height } = shownSize();
    return fitView(width, height, page.canvas.clientWidth, page.canvas.clientHeight);
}

/**
 * What a newly drawn view opens on: the whole diagram; but a board too large to read whole (its
 * notes would be drawn below READABLE_SCALE) opens on its start, readable: the first context's
 * name, lanes and first slices, with the minimap to move along. Fit shows it whole, as a map.
 */
export function openingView(): ViewTransform {
    const whole = fittedView();
    if (!isBoardShown() || whole.scale >= READABLE_SCALE) return whole;
    return { scale: READABLE_SCALE, x: 0, y: 0 };
}

export function zoomBy(factor: number, px = page.canvas.clientWidth / 2, py = page.canvas.clientHeight / 2): void {
    setView(zoomAt(state.view ?? { x: 0, y: 0, scale: 1 }, factor, px, py));
}

export function installPanZoom(): void {
    const { canvas } = page;
    window.addEventListener('resize', () => {
        if (isBoardShown()) boardToView();
        else cullToView();
        updateMinimapView();
    });

    canvas.addEventListener('wheel', event => {
        event.preventDefault();
        const bounds = canvas.getBoundingClientRect();
        zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - bounds.left, event.clientY - bounds.top);
    }, { passive: false });

    canvas.addEventListener('pointerdown', event => {
        if (event.button !== 0) return;
        state.drag = { startX: event.clientX, startY: event.clientY, view: state.view ?? { x: 0, y: 0, scale: 1 }, moved: false, ended: false };
    });
    window.addEventListener('pointermove', event => {
        const drag = state.drag;
        if (!drag || drag.ended) return;
        const dx = event.clientX - drag.startX;
        const dy = event.clientY - drag.startY;
        if (!drag.moved && Math.hypot(dx, dy) < 4) return;
        if (!drag.moved) {
            drag.moved = true;
            canvas.classList.add('panning');
            page.hoverCard.hidden = true;
        }
        setView({ ...drag.view, x: drag.view.x + dx, y: drag.view.y + dy });
    });
    window.addEventListener('pointerup', () => {
        const drag = state.drag;
        canvas.classList.remove('panning');
        if (!drag) return;
        // The click that ends a drag must not count as a click on a node, so the drag stays until
        // then; but it has ended: a move before that (or the next drag's press) is not part of it.
        drag.ended = true;
        setTimeout(() => { if (state.drag === drag) state.drag = undefined; }, 0);
    });

    page.zoomIn.addEventListener('click', () => zoomBy(1.25));
    page.zoomOut.addEventListener('click', () => zoomBy(0.8));
    page.fit.addEventListener('click', fitToCanvas);
}
