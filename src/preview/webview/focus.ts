/**
 * The flow's marks that follow the selected note: its edges highlighted, and — with "Focus" set
 * to n steps — every note and edge outside its neighbourhood faded. Applied to the notes and
 * edges drawn, and to those drawn later as the view moves (culling).
 */
import type { LaidOutEdge } from '../../protocol/flow-graph.js';
import { neighbourhood } from './neighbourhood.js';
import { page } from './page.js';
import { state } from './state.js';

export function installFocus(): void {
    page.focusDepth.addEventListener('change', () => {
        state.focusDepth = Number(page.focusDepth.value) || 0;
        applyFocus();
    });
}

/** The neighbourhood in focus, or undefined when nothing is focused. */
function focused(): Set<string> | undefined {
    const selected = state.persisted.selected;
    if (!state.graph || !selected || state.focusDepth <= 0 || !state.nodesById.has(selected)) return undefined;
    return neighbourhood(state.graph.edges, selected, state.focusDepth);
}

/** Marks the drawn notes and edges for the current selection and focus. */
export function applyFocus(): void {
    const drawing = state.drawing;
    if (!drawing) return;
    state.focused = focused();
    for (const [id, group] of drawing.nodes) group.classList.toggle('unfocused', state.focused !== undefined && !state.focused.has(id));
    for (const [edge, path] of drawing.edgeElements()) markEdge(edge, path);
}

/** An edge's marks: related to the selected note, or outside the focus. */
export function markEdge(edge: LaidOutEdge, path: Element): void {
    const selected = state.persisted.selected;
    path.classList.toggle('related', selected !== undefined && (edge.source === selected || edge.target === selected));
    path.classList.toggle('unfocused', state.focused !== undefined && !(state.focused.has(edge.source) && state.focused.has(edge.target)));
}
