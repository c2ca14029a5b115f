/**
 * Places contexts' frames in rows and routes the edges between them. elkjs lays out each context
 * on its own, with a port on the frame's border for every edge that leaves it (east side) or
 * enters it (west side); this module puts the frames in their rows and joins each pair of ports
 * through the free strips around the frames: the gutter right of the source frame, the corridor
 * between rows, a side strip right of all rows when rows are more than one apart, and the gutter
 * left of the target frame. Every edge has its own line in every strip (no shared trunks), and
 * strips are as wide as their lines need.
 */
import { spreadAlong } from './channels.js';
import type { FrameSize } from './frame-rows.js';

/** One edge between two frames, in layout direction (from an east port to a west port). */
export interface FrameCrossing {
    id: string;
    from: number;
    /** The source port's height on its frame's east side, from the frame's top. */
    fromY: number;
    to: number;
    /** The target port's height on its frame's west side. */
    toY: number;
}

export interface PlacedFrames {
    /** Top-left corner of each frame. */
    positions: Array<{ x: number; y: number }>;
    /** Per crossing id: from the source port to the target port, both included. */
    routes: Map<string, Array<[number, number]>>;
    width: number;
    height: number;
}

export const FRAME_PADDING = 16;
/** Room per edge line in a gutter (vertical runs). */
const LINE_SPACING = 8;
/** Room per edge line in a corridor (horizontal runs): an edge's label fits between two lines. */
const CORRIDOR_LINE_SPACING = 13;
/** Between two frames of a row, and between two rows, even when no edge runs there. */
const MIN_GUTTER = 40;
const MIN_CORRIDOR = 32;

/** Where a crossing runs: the strips it takes, in order. */
interface CrossingPlan {
    crossing: FrameCrossing;
    outGutter: string;
    inGutter: string;
    /** One corridor, or two joined by the side strip. */
    corridors: [number] | [number, number];
    /** Towards the corridor above (-1) or below (+1) the source's row, and the target's. */
    outDirection: -1 | 1;
    inDirection: -1 | 1;
}

export function placeFramesInRows(frames: readonly FrameSize[], rows: readonly number[][], crossings: readonly FrameCrossing[]): PlacedFrames {
    const rowOf: number[] = [];
    const columnOf: number[] = [];
    rows.forEach((row, r) => row.forEach((frame, c) => { rowOf[frame] = r; columnOf[frame] = c; }));
    const rowHeight = rows.map(row => Math.max(...row.map(frame => frames[frame].height)));

    const plans = crossings.map((crossing): CrossingPlan => {
        const [ra, rb] = [rowOf[crossing.from], rowOf[crossing.to]];
        const outGutter = `${ra}:${columnOf[crossing.from] + 1}`;
        const inGutter = `${rb}:${columnOf[crossing.to]}`;
        if (ra === rb) {
            // Over the row or under it, whichever the ports are nearer to.
            const below = (crossing.fromY + crossing.toY) / 2 > rowHeight[ra] / 2;
            return { crossing, outGutter, inGutter, corridors: [below ? ra + 1 : ra], outDirection: below ? 1 : -1, inDirection: below ? 1 : -1 };
        }
        const down = rb > ra;
        const first = down ? ra + 1 : ra;
        const last = down ? rb : rb + 1;
        return { crossing, outGutter, inGutter, corridors: first === last ? [first] : [first, last], outDirection: down ? 1 : -1, inDirection: down ? -1 : 1 };
    });

    // Count the lines of every strip, then size the strips.
    const outLines = countBy(plans, plan => plan.outGutter);
    const inLines = countBy(plans, plan => plan.inGutter);
    const corridorLines = countBy(plans.flatMap(plan => plan.corridors), corridor => String(corridor));
    const sideLines = plans.filter(plan => plan.corridors.length === 2).length;
    const half = (lines: number, spacing = LINE_SPACING) => lines > 0 ? (lines + 1) * spacing : 0;
    const gutterHalves = (r: number, c: number): [number, number] => {
        const [left, right] = [half(outLines.get(`${r}:${c}`) ?? 0), half(inLines.get(`${r}:${c}`) ?? 0)];
        const inner = c > 0 && c < rows[r].length;
        const width = Math.max(inner ? MIN_GUTTER : 0, left + right);
        // Spare room is shared in proportion (all of it to the one half in use).
        return left + right === 0 ? [width / 2, width / 2] : [width * left / (left + right), width * right / (left + right)];
    };
    const corridorHeight = (k: number) => Math.max(k > 0 && k < rows.length ? MIN_CORRIDOR : 0, half(corridorLines.get(String(k)) ?? 0, CORRIDOR_LINE_SPACING));

    // Geometry: rows top to bottom, frames left to right, top-aligned in their row.
    const positions: Array<{ x: number; y: number }> = [];
    const corridorTop: number[] = [];
    const gutterLeft = new Map<string, { x: number; halves: [number, number] }>();
    let y = FRAME_PADDING;
    let rowsRight = 0;
    rows.forEach((row, r) => {
        corridorTop[r] = y;
        y += corridorHeight(r);
        let x = FRAME_PADDING;
        for (let c = 0; c <= row.length; c++) {
            const halves = gutterHalves(r, c);
            gutterLeft.set(`${r}:${c}`, { x, halves });
            x += halves[0] + halves[1];
            if (c < row.length) {
                positions[row[c]] = { x, y };
                x += frames[row[c]].width;
            }
        }
        rowsRight = Math.max(rowsRight, x);
        y += rowHeight[r];
    });
    corridorTop[rows.length] = y;
    y += corridorHeight(rows.length);
    const sideWidth = half(sideLines);

    // Lines: in a gutter, the edge nearest the frame is the one that turns first (no crossing
    // between two edges of one side); elsewhere in the order the edges come.
    const outX = assignLines(plans, plan => plan.outGutter, plan => plan.outDirection * -plan.crossing.fromY, (key, i, n) => {
        const gutter = gutterLeft.get(key)!;
        return spreadAlong(gutter.x, gutter.x + gutter.halves[0], i, n);
    });
    const inX = assignLines(plans, plan => plan.inGutter, plan => plan.inDirection * -plan.crossing.toY, (key, i, n) => {
        const gutter = gutterLeft.get(key)!;
        const right = gutter.x + gutter.halves[0] + gutter.halves[1];
        return spreadAlong(right - gutter.halves[1], right, n - 1 - i, n);
    });
    const corridorY = new Map<string, number>();
    for (const [corridor, entries] of groupBy(plans.flatMap(plan => plan.corridors.map(k => ({ plan, k }))), entry => entry.k)) {
        entries.forEach((entry, i) => corridorY.set(`${entry.plan.crossing.id}|${corridor}`, spreadAlong(corridorTop[corridor], corridorTop[corridor] + corridorHeight(corridor), i, entries.length)));
    }
    const sideX = new Map(plans.filter(plan => plan.corridors.length === 2).map((plan, i) => [plan.crossing.id, spreadAlong(rowsRight, rowsRight + sideWidth, i, sideLines)]));

    const routes = new Map<string, Array<[number, number]>>();
    for (const plan of plans) {
        const { crossing } = plan;
        const [source, target] = [positions[crossing.from], positions[crossing.to]];
        const start: [number, number] = [source.x + frames[crossing.from].width, source.y + crossing.fromY];
        const end: [number, number] = [target.x, target.y + crossing.toY];
        const [x1, x2] = [outX.get(crossing.id)!, inX.get(crossing.id)!];
        const [first, last] = [plan.corridors[0], plan.corridors[plan.corridors.length - 1]];
        const y1 = corridorY.get(`${crossing.id}|${first}`)!;
        const y2 = corridorY.get(`${crossing.id}|${last}`)!;
        const side = sideX.get(crossing.id);
        routes.set(crossing.id, [
            start, [x1, start[1]], [x1, y1],
            ...(side === undefined ? [] : [[side, y1], [side, y2]] as Array<[number, number]>),
            [x2, y2], [x2, end[1]], end
        ]);
    }
    const width = Math.max(rowsRight + sideWidth, FRAME_PADDING) + FRAME_PADDING;
    return { positions, routes, width, height: y + FRAME_PADDING };
}

/** Gives each plan a place in its strip: ordered by `rank`, spread by `place(key, i, n)`. */
function assignLines(plans: readonly CrossingPlan[], strip: (plan: CrossingPlan) => string, rank: (plan: CrossingPlan) => number, place: (key: string, i: number, n: number) => number): Map<string, number> {
    const at = new Map<string, number>();
    for (const [key, list] of groupBy(plans, strip)) {
        const sorted = [...list].sort((a, b) => rank(a) - rank(b));
        sorted.forEach((plan, i) => at.set(plan.crossing.id, place(key, i, sorted.length)));
    }
    return at;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
    const groups = new Map<K, T[]>();
    for (const item of items) {
        const list = groups.get(key(item));
        if (list) list.push(item);
        else groups.set(key(item), [item]);
    }
    return groups;
}
