/**
 * The card shown while the pointer rests on a node: kind, qualified name, doc comment and fields.
 * Built with textContent only, so doc comments are shown as the text they are.
 */
import { FLOW_NODE_KIND_LABELS, type FlowField, type LaidOutNode } from '../../protocol/flow-graph.js';

export function fillHoverCard(card: HTMLElement, node: LaidOutNode): void {
    card.replaceChildren();
    const document = card.ownerDocument;
    const heading = document.createElement('div');
    heading.className = 'card-heading';
    const kind = document.createElement('span');
    kind.className = `card-kind kind-${node.kind}`;
    kind.textContent = FLOW_NODE_KIND_LABELS[node.kind];
    const name = document.createElement('span');
    name.className = 'card-name';
    name.textContent = `${node.context}.${node.name}`;
    heading.append(kind, name);
    card.append(heading);

    if (node.doc) {
        const doc = document.createElement('p');
        doc.className = 'card-doc';
        doc.textContent = node.doc;
        card.append(doc);
    }
    if (node.fields.length > 0) {
        const list = document.createElement('ul');
        list.className = 'card-fields';
        for (const field of node.fields) {
            const item = document.createElement('li');
            item.textContent = describeField(field);
            list.append(item);
        }
        card.append(list);
    }
}

export function describeField(field: FlowField): string {
    return `${field.name}${field.optional ? '?' : ''}: ${field.type}${field.identity ? ' (key)' : ''}`;
}
