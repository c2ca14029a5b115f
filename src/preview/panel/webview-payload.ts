/**
 * What the webview is sent of a graph and its board: all of it but where each declaration is
 * (`location`), which the webview never reads; the panel keeps its own copy to reveal a declaration
 * and to follow the cursor. On the 21k-line bench model the locations were a third of the board
 * message, cloned on every hop to the webview for nothing. A scenario slice keeps its location:
 * a lens's "Step on the board" finds its slice by it.
 */
import type { LaidOutBoard, LaidOutBoardNote } from '../../protocol/board.js';
import type { LaidOutFlowGraph, LaidOutNode } from '../../protocol/flow-graph.js';

export function graphForWebview(graph: LaidOutFlowGraph): LaidOutFlowGraph {
    return { ...graph, nodes: graph.nodes.map(withoutLocation) };
}

export function boardForWebview(board: LaidOutBoard): LaidOutBoard {
    return {
        ...board,
        contexts: board.contexts.map(context => ({
            ...context,
            slices: context.slices.map(slice => ({ ...slice, notes: slice.notes.map(withoutLocation) }))
        }))
    };
}

function withoutLocation<T extends LaidOutNode | LaidOutBoardNote>({ location: _location, ...rest }: T): Omit<T, 'location'> {
    return rest;
}
