/**
 * Where stepping through a scenario puts the view: close enough to read the notes, the whole slice
 * when it fits at that zoom, otherwise the notes of the step, and in the part of the canvas the
 * step panel and the minimap leave free. At Fit a board's notes are a few pixels high; a newcomer stepping
 * through a scenario must be able to read what happens.
 */
import type { Box } from '../../protocol/board.js';
import type { ViewTransform } from './view-transform.js';

/** From this zoom a note's caption and name can be read (a board note is ~150-180 units wide and 44 high). */
export const READABLE_SCALE = 0.8;
/** Stepping zooms in no further than this, so that as much of the slice as possible shows. */
const CLOSE_SCALE = 1;
/** What is brought into view keeps a little room around it. */
const ROOM = 0.9;
/** Between the step panel and the area beside or below it. */
const GAP = 8;

/** A rectangle of the canvas, in pixels from its top-left corner. */
export type CanvasRect = Box;

/**
 * The largest rectangles of the canvas that none of the obstacles (the step panel, the minimap:
 * they float over the canvas) covers, with a small gap around each; the whole canvas when none
 * covers any of it.
 */
export function freeAreas(canvas: { width: number; height: number }, obstacles: readonly CanvasRect[]): CanvasRect[] {
    const blocking = obstacles
        .filter(o => o.width > 0 && o.height > 0 && o.x < canvas.width && o.y < canvas.height && o.x + o.width > 0 && o.y + o.height > 0)
        .map(o => ({ x: o.x - GAP, y: o.y - GAP, width: o.width + 2 * GAP, height: o.height + 2 * GAP }));
    // Every free rectangle that cannot grow is bounded on each side by the canvas or an obstacle.
    const lefts = [0, ...blocking.map(o => o.x + o.width)];
    const rights = [canvas.width, ...blocking.map(o => o.x)];
    const tops = [0, ...blocking.map(o => o.y + o.height)];
    const bottoms = [canvas.height, ...blocking.map(o => o.y)];
    const areas: CanvasRect[] = [];
    for (const left of lefts) for (const right of rights) for (const top of tops) for (const bottom of bottoms) {
        const area = { x: Math.max(0, left), y: Math.max(0, top), width: Math.min(canvas.width, right) - Math.max(0, left), height: Math.min(canvas.height, bottom) - Math.max(0, top) };
        if (area.width > 0 && area.height > 0 && !blocking.some(o => overlaps(o, area))) areas.push(area);
    }
    // Drop those inside another.
    return areas.filter((area, index) => !areas.some((other, j) => j !== index && contains(other, area) && (j < index || !contains(area, other))));
}

/**
 * The view that shows `slice` (or, when it cannot be read whole, `focus`: the notes of the step)
 * readably in one of the free areas; undefined when the view already shows `focus` readably and
 * `force` (a scenario was just picked) is not set.
 */
export function stepView(view: ViewTransform | undefined, slice: Box, focus: Box, free: readonly CanvasRect[], force: boolean): ViewTransform | undefined {
    if (free.length === 0) return undefined;
    if (!force && view && view.scale >= READABLE_SCALE && free.some(area => contains(area, onScreen(focus, view)))) return undefined;
    const best = (box: Box) => free.map(area => ({ area, scale: fitScale(box, area) })).reduce((a, b) => (b.scale > a.scale ? b : a));
    const whole = best(slice);
    // The whole slice, as close as it fits (up to 1); else its step's notes, with as much around them as can be read.
    const { area, chosen, target } = whole.scale >= READABLE_SCALE
        ? { area: whole.area, chosen: Math.min(CLOSE_SCALE, whole.scale), target: slice }
        : { area: best(focus).area, chosen: READABLE_SCALE, target: focus };
    return {
        scale: chosen,
        x: area.x + area.width / 2 - (target.x + target.width / 2) * chosen,
        y: area.y + area.height / 2 - (target.y + target.height / 2) * chosen
    };
}

/** The bounding box of some boxes (the notes of a step). */
export function boundingBox(boxes: readonly Box[]): Box | undefined {
    if (boxes.length === 0) return undefined;
    const left = Math.min(...boxes.map(box => box.x));
    const top = Math.min(...boxes.map(box => box.y));
    const right = Math.max(...boxes.map(box => box.x + box.width));
    const bottom = Math.max(...boxes.map(box => box.y + box.height));
    return { x: left, y: top, width: right - left, height: bottom - top };
}

function fitScale(box: Box, area: CanvasRect): number {
    return Math.min(area.width * ROOM / Math.max(box.width, 1), area.height * ROOM / Math.max(box.height, 1));
}

function onScreen(box: Box, view: ViewTransform): Box {
    return { x: box.x * view.scale + view.x, y: box.y * view.scale + view.y, width: box.width * view.scale, height: box.height * view.scale };
}

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(area: CanvasRect, box: Box): boolean {
    return box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height;
}
