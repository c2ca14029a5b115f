/** Route points as both layouts draw them: one point where two parts of a route meet, none mid-way along a straight run. */
import type { FlowPoint } from '../../protocol/flow-graph.js';

export function withoutRedundantPoints(points: Iterable<FlowPoint>): FlowPoint[] {
    const result: FlowPoint[] = [];
    for (const point of points) {
        const last = result[result.length - 1];
        if (last && last.x === point.x && last.y === point.y) continue;
        const before = result[result.length - 2];
        if (before && last && ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y))) result.pop();
        result.push(point);
    }
    return result;
}
