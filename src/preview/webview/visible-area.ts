/**
 * Culling for large diagrams: which part of the diagram the canvas shows, and which notes and
 * arrows touch it. Pure maths on boxes in the layout's coordinates, so it is tested without a DOM.
 */
import type { FlowPoint } from '../../protocol/flow-graph.js';
import type { ViewTransform } from './view-transform.js';

export interface Box {
    left: number;
    top: number;
    right: number;
    bottom: number;
}

/**
 * The diagram area under a canvas of `width` × `height` pixels, grown by `margin` canvases on each
 * side: what is drawn there is ready before a small pan or zoom out shows it.
 */
export function visibleArea(view: ViewTransform, width: number, height: number, margin = 0): Box {
    const areaWidth = width / view.scale;
    const areaHeight = height / view.scale;
    const left = -view.x / view.scale;
    const top = -view.y / view.scale;
    return {
        left: left - areaWidth * margin, top: top - areaHeight * margin,
        right: left + areaWidth * (1 + margin), bottom: top + areaHeight * (1 + margin)
    };
}

export function boxOfRect(x: number, y: number, width: number, height: number): Box {
    return { left: x, top: y, right: x + width, bottom: y + height };
}

export function boxOfPoints(points: readonly FlowPoint[]): Box {
    const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    for (const { x, y } of points) {
        box.left = Math.min(box.left, x);
        box.top = Math.min(box.top, y);
        box.right = Math.max(box.right, x);
        box.bottom = Math.max(box.bottom, y);
    }
    return box;
}

export function intersects(a: Box, b: Box): boolean {
    return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function contains(outer: Box, inner: Box): boolean {
    return outer.left <= inner.left && outer.top <= inner.top && inner.right <= outer.right && inner.bottom <= outer.bottom;
}
