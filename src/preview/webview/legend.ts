/**
 * The legend under the diagram: one swatch per kind of note present in what is shown (the flow's
 * or the board's kinds), in Event Storming colours.
 */
import { BOARD_NOTE_KIND_LABELS, type BoardNoteKind } from '../../protocol/board.js';
import { FLOW_NODE_KIND_LABELS, type FlowNodeKind } from '../../protocol/flow-graph.js';
import { isBoardShown } from './board-view.js';
import { page } from './page.js';
import { state } from './state.js';

const FLOW_ORDER: FlowNodeKind[] = ['command', 'aggregate', 'event', 'externalEvent', 'readModel', 'query', 'policy'];
const BOARD_ORDER: BoardNoteKind[] = ['policy', 'command', 'readModel', 'event', 'externalEvent', 'rejection'];

export function showLegend(): void {
    const items: Array<[string, string]> = [];
    if (isBoardShown()) {
        const present = new Set(state.board!.contexts.flatMap(c => c.slices.flatMap(s => s.notes.map(n => n.kind))));
        for (const kind of BOARD_ORDER.filter(k => present.has(k))) items.push([`board-${kind}`, BOARD_NOTE_KIND_LABELS[kind]]);
    } else {
        const present = new Set(state.graph?.nodes.map(node => node.kind) ?? []);
        for (const kind of FLOW_ORDER.filter(k => present.has(k))) items.push([kind, FLOW_NODE_KIND_LABELS[kind]]);
    }
    page.legend.hidden = items.length === 0;
    page.legend.replaceChildren(...items.map(([kind, label]) => {
        const item = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = `swatch kind-${kind}`;
        item.append(swatch, document.createTextNode(label));
        return item;
    }));
}
