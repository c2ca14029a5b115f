/**
 * The minimap, over the canvas's bottom-right corner while part of the diagram (flow or board) is
 * out of view: the whole diagram in small, each note a dot of its kind's colour, the contexts'
 * frames, and the view's rectangle. A click or a drag on it moves the view there, at the same zoom.
 * Drawn on a 2D canvas (thousands of notes are a few fillRect calls); the view's rectangle is an
 * element moved with CSSOM, which the page's Content Security Policy allows.
 */
import { BOARD_NOTE_COLOURS } from '../drawing/draw-board.js';
import { GROUP_STROKE, NOTE_COLOURS, type NoteColours } from '../drawing/palette.js';
import { isBoardShown } from './board-view.js';
import { minimapFit, showsWhole, viewCentredAt, viewRectangle, type Size } from './minimap-geometry.js';
import { page } from './page.js';
import { setView } from './pan-zoom.js';
import { state } from './state.js';

/** The largest the map gets, in CSS pixels; it keeps the diagram's shape within. */
const LARGEST: Size = { width: 220, height: 150 };

let fit = { scale: 0, width: 0, height: 0 };
let dragging = false;

export function installMinimap(): void {
    const { minimap } = page;
    // The map is over the canvas: its pointer events must not pan, select or zoom the diagram.
    minimap.addEventListener('pointerdown', event => {
        if (event.button !== 0) return;
        event.stopPropagation();
        dragging = true;
        minimap.setPointerCapture(event.pointerId);
        moveViewTo(event);
    });
    minimap.addEventListener('pointermove', event => {
        if (dragging) moveViewTo(event);
    });
    const stop = (event: PointerEvent) => {
        dragging = false;
        if (minimap.hasPointerCapture(event.pointerId)) minimap.releasePointerCapture(event.pointerId);
    };
    minimap.addEventListener('pointerup', stop);
    minimap.addEventListener('pointercancel', stop);
    for (const type of ['click', 'mouseover', 'wheel'] as const) minimap.addEventListener(type, event => event.stopPropagation());
}

function moveViewTo(event: PointerEvent): void {
    if (!state.view || fit.scale <= 0) return;
    const bounds = page.minimapCanvas.getBoundingClientRect();
    setView(viewCentredAt(state.view, event.clientX - bounds.left, event.clientY - bounds.top, fit.scale, canvasSize()));
}

function canvasSize(): Size {
    return { width: page.canvas.clientWidth, height: page.canvas.clientHeight };
}

function shownSize(): Size | undefined {
    const shown = isBoardShown() ? state.board : state.graph;
    return shown && { width: shown.width, height: shown.height };
}

/** After a diagram or board was drawn: the map of it. */
export function drawMinimap(): void {
    const size = shownSize();
    fit = size ? minimapFit(size, LARGEST) : { scale: 0, width: 0, height: 0 };
    const map = page.minimapCanvas;
    const ratio = window.devicePixelRatio || 1;
    map.width = Math.round(fit.width * ratio);
    map.height = Math.round(fit.height * ratio);
    map.style.width = `${fit.width}px`;
    map.style.height = `${fit.height}px`;
    const context = map.getContext('2d');
    if (context && fit.scale > 0) {
        context.setTransform(ratio * fit.scale, 0, 0, ratio * fit.scale, 0, 0);
        context.clearRect(0, 0, size!.width, size!.height);
        if (isBoardShown()) drawBoardMap(context);
        else drawFlowMap(context);
    }
    updateMinimapView();
}

function drawFlowMap(context: CanvasRenderingContext2D): void {
    for (const group of state.graph?.groups ?? []) frame(context, group);
    for (const node of state.graph?.nodes ?? []) dot(context, node, NOTE_COLOURS[node.kind]);
}

function drawBoardMap(context: CanvasRenderingContext2D): void {
    for (const boardContext of state.board?.contexts ?? []) {
        frame(context, boardContext);
        for (const slice of boardContext.slices) for (const note of slice.notes) dot(context, note, BOARD_NOTE_COLOURS[note.kind]);
    }
}

/** A frame's outline, one map pixel wide whatever the scale. */
function frame(context: CanvasRenderingContext2D, box: { x: number; y: number; width: number; height: number }): void {
    context.strokeStyle = GROUP_STROKE;
    context.lineWidth = 1 / fit.scale;
    context.strokeRect(box.x, box.y, box.width, box.height);
}

/** A note at least a map pixel in each direction, in its border colour (its fill is too pale that small). */
function dot(context: CanvasRenderingContext2D, box: { x: number; y: number; width: number; height: number }, colours: NoteColours): void {
    const least = 1 / fit.scale;
    context.fillStyle = colours.stroke;
    context.fillRect(box.x, box.y, Math.max(least, box.width), Math.max(least, box.height));
}

/** After the view moved or the canvas changed size: the view's rectangle, or no map while the whole diagram is in view. */
export function updateMinimapView(): void {
    const size = shownSize();
    const view = state.view;
    if (!size || !view || fit.scale <= 0 || showsWhole(view, canvasSize(), size)) {
        page.minimap.hidden = true;
        return;
    }
    page.minimap.hidden = false;
    const rectangle = viewRectangle(view, canvasSize(), fit.scale, fit);
    const style = page.minimapView.style;
    style.left = `${rectangle.left}px`;
    style.top = `${rectangle.top}px`;
    style.width = `${Math.max(2, rectangle.right - rectangle.left)}px`;
    style.height = `${Math.max(2, rectangle.bottom - rectangle.top)}px`;
}
