/**
 * The minimap's maths, pure: the whole diagram scaled into a small box, the view's rectangle on
 * it, and the view that a click or drag on it asks for (that point in the middle of the canvas).
 */
import type { ViewTransform } from './view-transform.js';
import { centreOn } from './view-transform.js';
import { visibleArea, type Box } from './visible-area.js';

export interface Size {
    width: number;
    height: number;
}

/** The scale that fits the diagram into the minimap's largest box, and the map's size at it. */
export function minimapFit(diagram: Size, largest: Size): { scale: number; width: number; height: number } {
    if (diagram.width <= 0 || diagram.height <= 0) return { scale: 0, width: 0, height: 0 };
    const scale = Math.min(largest.width / diagram.width, largest.height / diagram.height);
    return { scale, width: Math.max(1, Math.round(diagram.width * scale)), height: Math.max(1, Math.round(diagram.height * scale)) };
}

/** The part of the diagram the canvas shows, in minimap pixels, clipped to the map. */
export function viewRectangle(view: ViewTransform, canvas: Size, mapScale: number, map: Size): Box {
    const area = visibleArea(view, canvas.width, canvas.height);
    const clip = (value: number, max: number) => Math.min(max, Math.max(0, value));
    return {
        left: clip(area.left * mapScale, map.width), top: clip(area.top * mapScale, map.height),
        right: clip(area.right * mapScale, map.width), bottom: clip(area.bottom * mapScale, map.height)
    };
}

/** Whether the canvas shows the whole diagram (then the minimap has nothing to add). */
export function showsWhole(view: ViewTransform, canvas: Size, diagram: Size): boolean {
    const area = visibleArea(view, canvas.width, canvas.height);
    return area.left <= 0 && area.top <= 0 && area.right >= diagram.width && area.bottom >= diagram.height;
}

/** The view with the diagram point under minimap pixel (x, y) in the middle of the canvas, at the same zoom. */
export function viewCentredAt(view: ViewTransform, x: number, y: number, mapScale: number, canvas: Size): ViewTransform {
    return centreOn(view, x / mapScale, y / mapScale, canvas.width, canvas.height);
}
