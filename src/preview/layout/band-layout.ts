/**
 * A linear-time layered layout for large views, where elkjs is too slow to keep the preview live
 * (measured here: 1.4–10 s for a 380-node context, 90 s for a 3,600-node model). The layers are
 * the flow's own: commands | aggregates | events | read models and policies | queries, and each
 * aggregate gets a horizontal band holding its commands, its events and their consumers. Bands
 * are grouped by context, each context in a frame; the frames are wrapped into columns so that
 * the whole diagram has the aspect of a view instead of one tall strip. Nodes are stacked, so
 * they never overlap; edges run through the gaps between layers and bands, the gutters between
 * columns and the margin above them, each at its own offset (no two edges share a line).
 */
import type { FlowEdge, FlowGraph, FlowNode, FlowNodeKind, FlowPoint, LaidOutEdge, LaidOutFlowGraph, LaidOutGroup, LaidOutNode } from '../../protocol/flow-graph.js';
import { GROUP_HEADER_HEIGHT, NODE_HEIGHT, nodeWidth } from '../drawing/node-metrics.js';
import { groupEdges } from '../graph/group-edges.js';
import { Channels, spreadAlong } from './channels.js';
import { withoutRedundantPoints } from './route-points.js';

const LAYER_OF: Readonly<Record<FlowNodeKind, number>> = {
    command: 0, aggregate: 1, event: 2, externalEvent: 2, readModel: 3, policy: 3, query: 4
};
const LAYERS = 5;
const PADDING = 16;
const NODE_GAP = 16;
const LAYER_GAP = 64;
const BAND_GAP = 28;
/** Room left and right of the layers inside a frame, for the edges that enter or leave a band sideways. */
const SIDE_ROOM = 24;
const FRAME_GAP = 24;
const FRAME_PADDING = 10;
/**
 * Between two columns of frames: on each side a strip of lines (the edges that leave or enter the
 * column beside it), and in the middle the labels of the stubs that stand for the edges between
 * columns (see stubsOfFarEdges).
 */
const GUTTER_LINES = 44;
const STUB_LABEL_ROOM = 170;
const GUTTER = 2 * (6 + GUTTER_LINES) + 2 * STUB_LABEL_ROOM;
/** Stub labels one under the other in a gutter, at least this far apart (9 px text). */
const STUB_LABEL_STEP = 12;
/** Width : height the wrapped diagram aims at. */
export const BAND_TARGET_ASPECT = 1.6;

export interface BandLayoutOptions {
    /** Width : height to aim at when wrapping frames into columns (default BAND_TARGET_ASPECT). */
    aspect?: number;
}

interface Band {
    context: string;
    /** Nodes per layer, in graph order. */
    layers: FlowNode[][];
    height: number;
}

/** Where a band ended up: its column and top. */
interface PlacedBand extends Band {
    column: number;
    top: number;
}

export function bandLayout(graph: FlowGraph, options: BandLayoutOptions = {}): LaidOutFlowGraph {
    const { bands, bandOf } = assignBands(graph);
    const layerWidth = Array.from({ length: LAYERS }, (_, layer) =>
        Math.max(0, ...graph.nodes.filter(node => LAYER_OF[node.kind] === layer).map(nodeWidth)));
    // Layer x within a column, from the column's left edge.
    const layerX: number[] = [];
    let x = FRAME_PADDING + SIDE_ROOM;
    for (let layer = 0; layer < LAYERS; layer++) {
        layerX.push(x);
        if (layerWidth[layer] > 0) x += layerWidth[layer] + LAYER_GAP;
    }
    const frameWidth = x - LAYER_GAP + SIDE_ROOM + FRAME_PADDING;
    const showFrames = new Set(graph.nodes.map(node => node.context)).size > 1;

    const crossing = graph.edges.filter(edge => bandOf.get(edge.source) !== bandOf.get(edge.target));
    const { placed, groups, columns, columnHeight } = wrapIntoColumns(bands, frameWidth, options.aspect ?? BAND_TARGET_ASPECT, showFrames);
    const columnLeft = (column: number) => PADDING + column * (frameWidth + GUTTER);
    // The margin above the columns carries the edges between columns, each at its own height.
    const crossColumn = crossing.filter(edge => placed[bandOf.get(edge.source)!].column !== placed[bandOf.get(edge.target)!].column);
    const topMargin = crossColumn.length > 0 ? Math.min(240, 12 + 3 * crossColumn.length) : 0;
    const top = PADDING + topMargin;

    const nodes = new Map<string, LaidOutNode>();
    for (const band of placed) {
        const left = columnLeft(band.column);
        band.layers.forEach((stack, layer) => {
            const stackHeight = stack.length * (NODE_HEIGHT + NODE_GAP) - NODE_GAP;
            // Each stack is centred in its band, so an aggregate sits level with its commands and events.
            let y = top + band.top + (band.height - Math.max(0, stackHeight)) / 2;
            for (const node of stack) {
                nodes.set(node.id, { ...node, x: round(left + layerX[layer]), y: round(y), width: nodeWidth(node), height: NODE_HEIGHT });
                y += NODE_HEIGHT + NODE_GAP;
            }
        });
    }
    const geometry: Geometry = {
        nodes, bandOf, placed, top, topMargin, layerX, layerWidth, frameWidth, columnLeft
    };
    const edges = routeEdges(graph.edges, geometry);
    // A gutter right of the last column too: edges between bands of one column run there.
    const width = columnLeft(columns - 1) + frameWidth + GUTTER;
    // A gutter's stub labels may run on below the last band.
    const lowestStub = Math.max(0, ...edges.flatMap(edge => edge.stubs ? [...edge.stubs.source, ...edge.stubs.target].map(point => point.y) : []));
    const height = Math.max(top + columnHeight, lowestStub + STUB_LABEL_STEP) + PADDING;
    return {
        ...graph,
        nodes: graph.nodes.map(node => nodes.get(node.id)!),
        edges,
        groups: groups.map(group => ({ ...group, x: round(columnLeft(group.column)), y: round(top + group.y), width: round(frameWidth), height: round(group.height), ...(group.continued ? { continued: true } : {}) })),
        width: round(width), height: round(height)
    };
}

/**
 * Every aggregate opens a band; its commands and events join it; a consumer joins the band of the
 * first event it consumes in its own context, a query the band of its read model, a command
 * issued by a policy the band of its aggregate. Whatever is left (an external event, a policy on
 * one) joins a neighbour's band, and the rest one last band per context. Bands come grouped by
 * context, in the order the contexts first appear.
 */
function assignBands(graph: FlowGraph): { bands: Band[]; bandOf: Map<string, number> } {
    const bandKey = new Map<string, string>();
    const keyContext = new Map<string, string>();
    const open = (key: string, context: string) => {
        if (!keyContext.has(key)) keyContext.set(key, context);
    };
    for (const node of graph.nodes) {
        if (node.kind === 'aggregate') {
            const key = `${node.context}.${node.name}`;
            open(key, node.context);
            bandKey.set(node.id, key);
        }
    }
    for (const node of graph.nodes) {
        if (node.aggregate !== undefined && keyContext.has(node.aggregate) && !bandKey.has(node.id)) bandKey.set(node.id, node.aggregate);
    }
    const incoming = groupEdges(graph.edges, edge => edge.target);
    const outgoing = groupEdges(graph.edges, edge => edge.source);
    const contextOfKey = (key: string | undefined) => key === undefined ? undefined : keyContext.get(key);
    // Consumers follow their events, queries their read models, within their context first;
    // repeat while that places more nodes.
    for (let changed = true; changed;) {
        changed = false;
        for (const node of graph.nodes) {
            if (bandKey.has(node.id)) continue;
            const neighbours = [...(incoming.get(node.id) ?? []).map(edge => edge.source), ...(outgoing.get(node.id) ?? []).map(edge => edge.target)]
                .map(id => bandKey.get(id)).filter((key): key is string => key !== undefined);
            const own = node.kind === 'externalEvent' ? neighbours[0] : neighbours.find(key => contextOfKey(key) === node.context);
            if (own !== undefined) {
                bandKey.set(node.id, own);
                changed = true;
            }
        }
    }
    for (const node of graph.nodes) {
        if (bandKey.has(node.id)) continue;
        const key = `${node.context}.`;
        open(key, node.context);
        bandKey.set(node.id, key);
    }
    // Bands in context order, then in the order they were opened.
    const contextOrder = [...new Set(keyContext.values())];
    const keys = [...keyContext.keys()].sort((a, b) => contextOrder.indexOf(keyContext.get(a)!) - contextOrder.indexOf(keyContext.get(b)!));
    const index = new Map(keys.map((key, i) => [key, i]));
    const bands: Band[] = keys.map(key => ({ context: keyContext.get(key)!, layers: Array.from({ length: LAYERS }, () => []), height: 0 }));
    const bandOf = new Map<string, number>();
    for (const node of graph.nodes) {
        const band = index.get(bandKey.get(node.id)!)!;
        bandOf.set(node.id, band);
        bands[band].layers[LAYER_OF[node.kind]].push(node);
    }
    for (const band of bands) band.height = Math.max(NODE_HEIGHT, ...band.layers.map(stack => stack.length * (NODE_HEIGHT + NODE_GAP) - NODE_GAP));
    return { bands, bandOf };
}

interface ColumnGroup extends Omit<LaidOutGroup, 'x'> {
    column: number;
}

/**
 * Stacks the bands, context after context, into columns about `total height / n` tall, with `n`
 * chosen for the aspect. A context that does not fit the rest of a column starts the next one
 * when it would fit there whole; a context taller than a column continues in the next one.
 */
function wrapIntoColumns(bands: readonly Band[], frameWidth: number, aspect: number, frames: boolean): { placed: PlacedBand[]; groups: ColumnGroup[]; columns: number; columnHeight: number } {
    const header = frames ? GROUP_HEADER_HEIGHT : 0;
    const frameExtra = header + FRAME_PADDING + FRAME_GAP;
    const contexts = [...new Set(bands.map(band => band.context))];
    const total = bands.reduce((sum, band) => sum + band.height + BAND_GAP, 0) + contexts.length * frameExtra;
    const columns = Math.max(1, Math.round(Math.sqrt(aspect * total / (frameWidth + GUTTER))));
    const tallest = Math.max(0, ...bands.map(band => band.height + BAND_GAP)) + frameExtra;
    const limit = Math.max(total / columns, tallest);

    const placed: PlacedBand[] = [];
    const groups: ColumnGroup[] = [];
    let column = 0;
    let y = 0;
    let group: ColumnGroup | undefined;
    const closeGroup = () => {
        if (group) {
            group.height = y + FRAME_PADDING - group.y;
            y += FRAME_PADDING + FRAME_GAP;
        }
        group = undefined;
    };
    const openGroup = (context: string, continued: boolean) => {
        group = { context, column, y, width: frameWidth, height: 0, ...(continued ? { continued: true } : {}) };
        groups.push(group);
        // The first band keeps a corridor above it too, below the frame's header.
        y += header + BAND_GAP;
    };
    for (let i = 0; i < bands.length; i++) {
        const band = bands[i];
        if (group?.context !== band.context) {
            closeGroup();
            const contextHeight = bands.filter(other => other.context === band.context).reduce((sum, other) => sum + other.height + BAND_GAP, 0) + frameExtra;
            if (y > 0 && y + contextHeight > limit && contextHeight <= limit) {
                column++;
                y = 0;
            }
            openGroup(band.context, false);
        } else if (y + band.height + BAND_GAP / 2 + FRAME_PADDING > limit) {
            closeGroup();
            column++;
            y = 0;
            openGroup(band.context, true);
        }
        placed.push({ ...band, column, top: y });
        y += band.height + BAND_GAP;
    }
    closeGroup();
    const columnHeight = Math.max(0, ...groups.map(g => g.y + g.height));
    return { placed, groups: frames ? groups : [], columns: column + 1, columnHeight };
}

interface Geometry {
    nodes: ReadonlyMap<string, LaidOutNode>;
    bandOf: ReadonlyMap<string, number>;
    placed: readonly PlacedBand[];
    top: number;
    topMargin: number;
    layerX: readonly number[];
    layerWidth: readonly number[];
    frameWidth: number;
    columnLeft: (column: number) => number;
}

/**
 * Orthogonal routes. An edge leaves its source on the side facing the flow and enters its target
 * on the other: forward edges right → left, a query's `reads` from its left into the read
 * model's right, a policy's `issues` back to the left of its command. Where edges share a side,
 * a gap or a corridor, each gets its own place along it (arrowheads spread along the target's
 * side, no shared trunks).
 */
function routeEdges(edges: readonly FlowEdge[], g: Geometry): LaidOutEdge[] {
    const channels = new Channels();
    const plans = edges.map(edge => planRoute(edge, g, channels));
    // Ports: spread the ends of the edges that share a node's side, ordered by where they go.
    const ends = new Map<string, Array<{ plan: RoutePlan; end: 'start' | 'end'; towards: number }>>();
    for (const plan of plans) {
        const source = g.nodes.get(plan.edge.source)!;
        const target = g.nodes.get(plan.edge.target)!;
        push(ends, `${plan.edge.source}|${plan.startSide}`, { plan, end: 'start', towards: target.y });
        push(ends, `${plan.edge.target}|${plan.endSide}`, { plan, end: 'end', towards: source.y });
    }
    for (const [key, list] of ends) {
        const node = g.nodes.get(key.slice(0, key.lastIndexOf('|')))!;
        const side = key.endsWith('|left') ? 'left' : 'right';
        list.sort((a, b) => a.towards - b.towards);
        list.forEach((entry, i) => {
            const y = node.y + portOffset(side, i, list.length);
            if (entry.end === 'start') entry.plan.startY = y;
            else entry.plan.endY = y;
        });
    }
    channels.assign();
    const routes = plans.map(plan => plan.build(channels));
    const stubs = stubsOfFarEdges(plans, routes, g);
    return plans.map((plan, i) => ({
        ...plan.edge, points: routes[i].map(([px, py]) => ({ x: round(px), y: round(py) })),
        ...(plan.far ? { far: true, stubs: stubs.get(i)! } : {})
    }));
}

/**
 * An edge between columns runs up a gutter, across the top and down another: hundreds of them
 * made each gutter a bundle no one could follow (the bench model: 74–139 lines in a 96 px
 * gutter). Such an edge is drawn as two stubs instead, each from its note to the gutter beside its
 * column, ending at a label there that names the note at the other end; the labels of one gutter
 * side stand one under the other. The whole route stays in `points` (its extent, its identity).
 */
function stubsOfFarEdges(plans: readonly RoutePlan[], routes: ReadonlyArray<Array<[number, number]>>, g: Geometry): Map<number, { source: FlowPoint[]; target: FlowPoint[] }> {
    // The far routes' points: the source's side, the gap, the corridor, the source gutter (index
    // 3), the top margin, the target gutter (index 6), the corridor, the gap, the target's side.
    const ends = new Map<string, Array<{ plan: number; end: 'source' | 'target'; lineX: number; corridorY: number; gutter: FarGutter }>>();
    const stubs = new Map<number, { source: FlowPoint[]; target: FlowPoint[] }>();
    const endsOnSide = countBy(plans.flatMap(plan => [`${plan.edge.source}|${plan.startSide}`, `${plan.edge.target}|${plan.endSide}`]));
    plans.forEach((plan, i) => {
        if (!plan.far) return;
        const route = routes[i];
        push(ends, gutterKey(plan.far.source), { plan: i, end: 'source', lineX: route[3][0], corridorY: route[3][1], gutter: plan.far.source });
        const target = g.nodes.get(plan.edge.target)!;
        if (plan.endSide === 'left' && hasRoomOnItsLeft(target, g) && (endsOnSide.get(`${target.id}|left`) ?? 0) <= LOCAL_STUBS_ON_A_SIDE) {
            // Nothing left of the target in its band (a read model fed by other contexts only):
            // its label stands right there, on a short stub into the note.
            const [, endY] = route[route.length - 1];
            stubs.set(i, { source: [], target: [{ x: round(target.x - LOCAL_STUB), y: round(endY) }, { x: round(target.x), y: round(endY) }] });
            return;
        }
        push(ends, gutterKey(plan.far.target), { plan: i, end: 'target', lineX: route[6][0], corridorY: route[6][1], gutter: plan.far.target });
    });
    for (const list of ends.values()) {
        list.sort((a, b) => a.corridorY - b.corridorY || a.lineX - b.lineX);
        let slot = -Infinity;
        for (const entry of list) {
            slot = Math.max(entry.corridorY, slot + STUB_LABEL_STEP);
            const gutterLeft = g.columnLeft(entry.gutter.index) + g.frameWidth;
            // The label room lies between the two strips of lines; the stub ends at its edge.
            const labelX = entry.gutter.fromLeft ? gutterLeft + 6 + GUTTER_LINES + 4 : gutterLeft + GUTTER - 6 - GUTTER_LINES - 4;
            const route = routes[entry.plan];
            const stub = stubs.get(entry.plan) ?? { source: [], target: [] };
            const points: Array<[number, number]> = entry.end === 'source'
                ? [...route.slice(0, 4), [entry.lineX, slot], [labelX, slot]]
                : [[labelX, slot], [entry.lineX, slot], ...route.slice(6)];
            stub[entry.end] = simplified(points);
            stubs.set(entry.plan, stub);
        }
    }
    return stubs;
}

/** A stub beside its note: this long, and only while the note's side has room for that many labels (12 px apart). */
const LOCAL_STUB = 28;
const LOCAL_STUBS_ON_A_SIDE = 3;

/** No note of the node's band in the layers left of it. */
function hasRoomOnItsLeft(node: LaidOutNode, g: Geometry): boolean {
    const band = g.placed[g.bandOf.get(node.id)!];
    return band.layers.slice(0, LAYER_OF[node.kind]).every(stack => stack.length === 0);
}

function countBy(keys: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
}

interface FarGutter {
    index: number;
    /** The gutter's side next to the column on its left (else the one on its right). */
    fromLeft: boolean;
}

function gutterKey(gutter: FarGutter): string {
    return `${gutter.index}|${gutter.fromLeft ? 'left' : 'right'}`;
}

/** Rounded, without repeated points and points in the middle of a straight run. */
function simplified(points: ReadonlyArray<[number, number]>): FlowPoint[] {
    return withoutRedundantPoints(points.map(([px, py]) => ({ x: round(px), y: round(py) })));
}

/**
 * Where the i-th of n edge ends sits on a note's side, from the note's top. Notes sit on whole
 * pixels, two pixels apart: left sides at even offsets, right sides at odd ones, so that the
 * horizontal run out of one note's right side and the run into the next layer's left side never
 * lie on one line. Beyond what fits that way, spread evenly.
 */
function portOffset(side: 'left' | 'right', i: number, n: number): number {
    if (n <= PORTS_ON_A_SIDE) {
        // As far apart as the side allows (arrowheads side by side, not piled), in even steps.
        const step = Math.max(2, 2 * Math.floor((NODE_HEIGHT - 2 * PORT_MARGIN) / (2 * n)));
        const first = 2 * Math.round((NODE_HEIGHT / 2 - step * (n - 1) / 2) / 2);
        return first + step * i + (side === 'right' ? 1 : 0);
    }
    return spreadAlong(PORT_MARGIN, NODE_HEIGHT - PORT_MARGIN, i, n) + (side === 'right' ? 0.5 : 0);
}

const PORT_MARGIN = 8;
const PORTS_ON_A_SIDE = Math.floor((NODE_HEIGHT - 2 * PORT_MARGIN) / 2);

interface RoutePlan {
    edge: FlowEdge;
    startSide: 'left' | 'right';
    endSide: 'left' | 'right';
    startY: number;
    endY: number;
    build: (channels: Channels) => Array<[number, number]>;
    /** Between columns: the gutters its stubs end in. */
    far?: { source: FarGutter; target: FarGutter };
}

function planRoute(edge: FlowEdge, g: Geometry, channels: Channels): RoutePlan {
    const source = g.nodes.get(edge.source)!;
    const target = g.nodes.get(edge.target)!;
    const sourceBand = g.placed[g.bandOf.get(edge.source)!];
    const targetBand = g.placed[g.bandOf.get(edge.target)!];
    const layerOf = (node: LaidOutNode) => LAYER_OF[node.kind];
    // The gaps between layers, named by the layer on their right ('end' for the side room right
    // of the last): the gap after one layer is the gap before the next, one strip of lines.
    const nonEmpty = (layer: number) => g.layerWidth[layer] > 0;
    // Lines in a gap never leave their band (and the corridor above it): each band has its own.
    const gapLeftOf = (columnLeft: number, layer: number | 'end', band: number): [string, number, number] => {
        const right = layer === 'end' ? columnLeft + g.frameWidth - FRAME_PADDING : columnLeft + g.layerX[layer];
        const before = layer === 'end' ? LAYERS : layer;
        const previous = [...g.layerX.keys()].reverse().find(i => i < before && nonEmpty(i));
        const left = previous === undefined ? columnLeft + FRAME_PADDING : columnLeft + g.layerX[previous] + g.layerWidth[previous];
        return [`v|band${band}|gap${layer}`, left, right];
    };
    const gapBefore = (node: LaidOutNode) => {
        const band = g.bandOf.get(node.id)!;
        return gapLeftOf(g.columnLeft(g.placed[band].column), LAYER_OF[node.kind], band);
    };
    const gapAfter = (node: LaidOutNode) => {
        const band = g.bandOf.get(node.id)!;
        const next = g.layerX.findIndex((_, i) => i > LAYER_OF[node.kind] && nonEmpty(i));
        return gapLeftOf(g.columnLeft(g.placed[band].column), next < 0 ? 'end' : next, band);
    };
    // The corridor above a band (the gap between it and the band or frame header above).
    const corridorAbove = (band: PlacedBand): [number, number] => [g.top + band.top - BAND_GAP + 4, g.top + band.top - 4];
    const plan: RoutePlan = { edge, startSide: 'right', endSide: 'left', startY: 0, endY: 0, build: () => [] };
    const reads = edge.kind === 'reads';
    if (reads) {
        plan.startSide = 'left';
        plan.endSide = 'right';
    }
    const sx = () => plan.startSide === 'right' ? source.x + source.width : source.x;
    const tx = () => plan.endSide === 'left' ? target.x : target.x + target.width;
    const sameColumn = sourceBand.column === targetBand.column;

    const sameBand = g.bandOf.get(edge.source) === g.bandOf.get(edge.target);
    if (reads && sameBand) {
        // A query (right) reading its read model (left): in the gap between them.
        const gap = channels.take(...gapAfter(target));
        plan.build = c => [[sx(), plan.startY], [c.at(gap), plan.startY], [c.at(gap), plan.endY], [tx(), plan.endY]];
        return plan;
    }
    if (sameBand && layerOf(target) > layerOf(source)) {
        // Forward (always into the next layer): turn in the gap just before the target's layer.
        const gap = channels.take(...gapBefore(target));
        plan.build = c => [[sx(), plan.startY], [c.at(gap), plan.startY], [c.at(gap), plan.endY], [tx(), plan.endY]];
        return plan;
    }
    // Everything else leaves its band through the gap after the source's layer and the corridor
    // above the source's band, and enters the target's band through the corridor above it and
    // the gap before the target's layer (left of it for commands).
    const out = channels.take(...(reads ? gapBefore(source) : gapAfter(source)));
    const into = channels.take(...(reads ? gapAfter(target) : gapBefore(target)));
    const sourceCorridor = channels.take(`h|band${g.bandOf.get(edge.source)}`, ...corridorAbove(sourceBand));
    if (sameBand) {
        // A policy issuing a command of its own band: over the band, back to the command's left.
        plan.build = c => [
            [sx(), plan.startY], [c.at(out), plan.startY], [c.at(out), c.at(sourceCorridor)],
            [c.at(into), c.at(sourceCorridor)], [c.at(into), plan.endY], [tx(), plan.endY]
        ];
        return plan;
    }
    const targetCorridor = channels.take(`h|band${g.bandOf.get(edge.target)}`, ...corridorAbove(targetBand));
    // Another band: along the source band's corridor to a gutter (the gutters between columns are
    // the only strips free from top to bottom), along it, and in along the target band's corridor.
    // A gutter's left half carries the runs to and from the column on its left, the right half
    // those of the column on its right: runs along corridors at one height in both never meet.
    const gutter = (index: number, fromLeft: boolean) => {
        const left = g.columnLeft(index) + g.frameWidth;
        const right = left + GUTTER;
        return fromLeft ? channels.take(`v|gutter${index}|left`, left + 6, left + 6 + GUTTER_LINES) : channels.take(`v|gutter${index}|right`, right - 6 - GUTTER_LINES, right - 6);
    };
    if (sameColumn) {
        const side = gutter(sourceBand.column, true);
        plan.build = c => [
            [sx(), plan.startY], [c.at(out), plan.startY], [c.at(out), c.at(sourceCorridor)], [c.at(side), c.at(sourceCorridor)],
            [c.at(side), c.at(targetCorridor)], [c.at(into), c.at(targetCorridor)], [c.at(into), plan.endY], [tx(), plan.endY]
        ];
        return plan;
    }
    // Between columns: up the source's gutter facing the target to the margin above all columns,
    // across, and down the target column's gutter facing the source.
    const rightwards = targetBand.column > sourceBand.column;
    const farGutters = rightwards
        ? { source: { index: sourceBand.column, fromLeft: true }, target: { index: targetBand.column - 1, fromLeft: false } }
        : { source: { index: sourceBand.column - 1, fromLeft: false }, target: { index: targetBand.column, fromLeft: true } };
    plan.far = farGutters;
    const sourceGutter = gutter(farGutters.source.index, farGutters.source.fromLeft);
    const targetGutter = gutter(farGutters.target.index, farGutters.target.fromLeft);
    const margin = channels.take('h|margin', PADDING / 2, g.top - 6);
    plan.build = c => [
        [sx(), plan.startY], [c.at(out), plan.startY], [c.at(out), c.at(sourceCorridor)], [c.at(sourceGutter), c.at(sourceCorridor)],
        [c.at(sourceGutter), c.at(margin)], [c.at(targetGutter), c.at(margin)], [c.at(targetGutter), c.at(targetCorridor)],
        [c.at(into), c.at(targetCorridor)], [c.at(into), plan.endY], [tx(), plan.endY]
    ];
    return plan;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
