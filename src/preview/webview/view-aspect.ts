/**
 * The view's shape, which the board and the flow are wrapped to fill: measured for `ready` and a
 * switch of view, and after a panel resize, once it settles, told to the extension (which sends
 * them re-laid out for it, and they are fitted); meanwhile the drawing follows at once (culling).
 */
import { host } from './host.js';
import { page } from './page.js';
import { state } from './state.js';

/** A drag of the panel's edge fires resize events continuously: wait until it rests. */
const RESIZE_SETTLE_MS = 300;
/** Shapes this close are the same board: a re-layout would move nothing visibly. */
const ASPECT_TOLERANCE = 0.03;

let lastSent: number | undefined;

/** The canvas's width : height (the legend has its own strip below it). */
export function viewAspect(): number | undefined {
    const width = page.canvas.clientWidth;
    const height = page.canvas.clientHeight;
    return width > 0 && height > 0 ? Math.round(width / height * 1000) / 1000 : undefined;
}
let timer: ReturnType<typeof setTimeout> | undefined;

/** The aspect the extension was last told (on ready or on a switch of view). */
export function aspectSent(aspect: number | undefined): void {
    lastSent = aspect;
}

export function installResizeFollow(): void {
    window.addEventListener('resize', () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
            timer = undefined;
            reportAspect();
        }, RESIZE_SETTLE_MS);
    });
}

function reportAspect(): void {
    const aspect = viewAspect();
    if (aspect === undefined || (lastSent !== undefined && Math.abs(Math.log(aspect / lastSent)) < ASPECT_TOLERANCE)) return;
    lastSent = aspect;
    // What comes back (board or flow) is laid out anew for the shape: the old view of it would show an arbitrary part.
    state.fitNext = true;
    host.postMessage({ type: 'viewResized', viewAspect: aspect });
}
