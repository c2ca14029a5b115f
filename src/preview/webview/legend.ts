/** The legend under the diagram: one swatch per kind of note, in Event Storming colours. */
import { FLOW_NODE_KIND_LABELS, type FlowNodeKind } from '../../protocol/flow-graph.js';
import { page } from './page.js';

export function buildLegend(): void {
    const kinds: FlowNodeKind[] = ['command', 'aggregate', 'event', 'externalEvent', 'readModel', 'query', 'policy'];
    page.legend.replaceChildren(...kinds.map(kind => {
        const item = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = `swatch kind-${kind}`;
        item.append(swatch, document.createTextNode(FLOW_NODE_KIND_LABELS[kind]));
        return item;
    }));
}
