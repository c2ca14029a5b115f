/** Which node's declaration holds a position: the innermost one (a command inside its aggregate). */
import type { FlowPosition, FlowRange, LaidOutNode } from '../../protocol/flow-graph.js';

export function nodeAtPosition(nodes: readonly LaidOutNode[], uri: string, position: FlowPosition): LaidOutNode | undefined {
    let best: LaidOutNode | undefined;
    for (const node of nodes) {
        const location = node.location;
        if (!location || location.uri !== uri || !contains(location.range, position)) continue;
        if (!best || contains(best.location!.range, location.range.start) && contains(best.location!.range, location.range.end)) best = node;
    }
    return best;
}

function contains(range: FlowRange, position: FlowPosition): boolean {
    return !before(position, range.start) && !before(range.end, position);
}

function before(a: FlowPosition, b: FlowPosition): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}
