/** Pan and zoom of the diagram: a translation and a uniform scale, with the maths kept pure. */
export interface ViewTransform {
    x: number;
    y: number;
    scale: number;
}

/** Far enough out for Fit to show a whole 21k-line model, flow or board (85,000 units wide), in a small panel. */
export const MIN_SCALE = 0.005;
export const MAX_SCALE = 4;

export function clampScale(scale: number): number {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Zooms by `factor` keeping the diagram point under (px, py) where it is. */
export function zoomAt(view: ViewTransform, factor: number, px: number, py: number): ViewTransform {
    const scale = clampScale(view.scale * factor);
    const ratio = scale / view.scale;
    return { scale, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

/** The whole diagram centred in the canvas, never enlarged beyond 1.5× (small diagrams stay crisp, not huge). */
export function fitView(diagramWidth: number, diagramHeight: number, canvasWidth: number, canvasHeight: number): ViewTransform {
    if (diagramWidth <= 0 || diagramHeight <= 0 || canvasWidth <= 0 || canvasHeight <= 0) return { x: 0, y: 0, scale: 1 };
    const margin = 16;
    const scale = clampScale(Math.min((canvasWidth - 2 * margin) / diagramWidth, (canvasHeight - 2 * margin) / diagramHeight, 1.5));
    return { scale, x: (canvasWidth - diagramWidth * scale) / 2, y: (canvasHeight - diagramHeight * scale) / 2 };
}

/** Moves the view so that the diagram point (cx, cy) is in the middle of the canvas. */
export function centreOn(view: ViewTransform, cx: number, cy: number, canvasWidth: number, canvasHeight: number): ViewTransform {
    return { scale: view.scale, x: canvasWidth / 2 - cx * view.scale, y: canvasHeight / 2 - cy * view.scale };
}

export function transformAttribute(view: ViewTransform): string {
    return `translate(${round(view.x)},${round(view.y)}) scale(${round(view.scale, 4)})`;
}

function round(value: number, digits = 2): number {
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}
