/**
 * Nodes: a click reveals the declaration (and selects the note), the hover card shows a note's
 * details, and the note of the declaration under the editor's cursor is highlighted.
 */
import { boardNoteAtPoint, isBoardShown, remarkBoard } from './board-view.js';
import { nodeElement } from './diagram-drawing.js';
import { applyFocus } from './focus.js';
import { fillHoverCard } from './hover-card.js';
import { host } from './host.js';
import { page } from './page.js';
import { saveState, state } from './state.js';

function nodeIdAt(target: EventTarget | null): string | undefined {
    const group = (target as Element | null)?.closest?.('.node, .board-note');
    return group?.getAttribute('data-node-id') ?? undefined;
}

/** The clicked note: its element's, or on a board's overview (notes without elements) the one under the pointer. */
function clickedNodeId(event: MouseEvent): string | undefined {
    return nodeIdAt(event.target) ?? boardNoteAtPoint(event.clientX, event.clientY)?.note.declaration;
}

export function markSelected(nodeId: string | undefined): void {
    for (const group of page.viewport.querySelectorAll('.node.selected')) group.classList.remove('selected');
    if (!isBoardShown()) nodeElement(nodeId)?.classList.add('selected');
    if (state.persisted.selected !== nodeId) {
        state.persisted = { ...state.persisted, selected: nodeId };
        saveState();
    }
    remarkBoard();
    // The selected note's edges stand out; a focus follows the selection.
    if (!isBoardShown()) applyFocus();
}

/** The node of the declaration under the editor's cursor. */
export function highlight(nodeId: string | undefined): void {
    state.highlighted = nodeId;
    if (isBoardShown()) {
        remarkBoard();
        return;
    }
    for (const group of page.viewport.querySelectorAll('.node.highlighted')) group.classList.remove('highlighted');
    nodeElement(nodeId)?.classList.add('highlighted');
}

export function installSelection(): void {
    const { canvas, hoverCard } = page;
    canvas.addEventListener('click', event => {
        if (state.drag?.moved) return;
        const nodeId = clickedNodeId(event);
        if (!nodeId) return;
        markSelected(nodeId);
        host.postMessage({ type: 'reveal', nodeId });
    });

    canvas.addEventListener('mouseover', event => {
        const node = state.nodesById.get(nodeIdAt(event.target) ?? '');
        if (!node || state.drag?.moved) return;
        fillHoverCard(hoverCard, node);
        hoverCard.hidden = false;
        placeHoverCard(event);
    });
    canvas.addEventListener('mousemove', event => {
        if (!hoverCard.hidden) placeHoverCard(event);
    });
    canvas.addEventListener('mouseout', event => {
        if (nodeIdAt(event.relatedTarget) !== nodeIdAt(event.target)) hoverCard.hidden = true;
    });
}

function placeHoverCard(event: MouseEvent): void {
    const { hoverCard } = page;
    const gap = 14;
    const width = hoverCard.offsetWidth;
    const height = hoverCard.offsetHeight;
    const left = event.clientX + gap + width > window.innerWidth ? event.clientX - gap - width : event.clientX + gap;
    const top = Math.min(event.clientY + gap, window.innerHeight - height - 4);
    hoverCard.style.left = `${Math.max(4, left)}px`;
    hoverCard.style.top = `${Math.max(4, top)}px`;
}
