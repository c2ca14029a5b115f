/**
 * Messaging: what the extension sends (a graph to show, the node to highlight, a failure) and
 * what the webview reports back (ready, rendered, and the toolbar's export requests).
 */
import type { LaidOutBoard } from '../../protocol/board.js';
import type { LaidOutFlowGraph } from '../../protocol/flow-graph.js';
import { unpackPreview } from '../../protocol/packed-preview.js';
import type { PreviewMode, ScenarioAt, ToWebviewMessage } from '../../protocol/webview-messages.js';
import { drawBoardView, isBoardShown } from './board-view.js';
import { drawDiagram } from './diagram-drawing.js';
import { filterKey, updateFilterMenus } from './filters.js';
import { host } from './host.js';
import { drawMinimap } from './minimap.js';
import { page } from './page.js';
import { applyView, openingView } from './pan-zoom.js';
import { highlight } from './selection.js';
import { showLegend } from './legend.js';
import { labelToggle } from './view-mode.js';
import { aspectSent, viewAspect } from './view-aspect.js';
import { startSteppingAt, updateStepping } from './stepping.js';
import { saveState, state } from './state.js';

export function installMessaging(): void {
    window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => {
        const message = event.data;
        if (message.type === 'graph') {
            const { graph, board } = unpackPreview(message.preview);
            showGraph(graph, message.mode, board, message.staleReason, message.step);
        }
        else if (message.type === 'highlight') highlight(message.nodeId);
        else if (message.type === 'failed') showBanner(message.message);
    });
    page.exportSvg.addEventListener('click', () => host.postMessage({ type: 'export', format: 'svg' }));
    page.exportMermaid.addEventListener('click', () => host.postMessage({ type: 'export', format: 'mermaid' }));
}

/** Tells the extension the webview listens: it answers with the graph. */
export function reportReady(): void {
    const aspect = viewAspect();
    aspectSent(aspect);
    host.postMessage({ type: 'ready', viewAspect: aspect });
}

function showGraph(next: LaidOutFlowGraph, mode: PreviewMode | undefined, board: LaidOutBoard | undefined, staleReason: string | undefined, step: ScenarioAt | undefined): void {
    // The extension chooses the view too (a "Step" lens opens the board).
    if (mode !== undefined && mode !== (state.persisted.mode ?? 'flow')) {
        state.persisted = { ...state.persisted, mode };
        state.fitNext = true;
        labelToggle();
    }
    // The extension may choose the filter too (the "Preview flow" lens previews its own context).
    if (filterKey(next.filter) !== filterKey(state.persisted.filter)) {
        state.persisted = { ...state.persisted, filter: next.filter };
        state.fitNext = true;
    }
    state.graph = next;
    state.board = board;
    state.nodesById = new Map(next.nodes.map(node => [node.id, node]));
    updateFilterMenus(next);
    page.emptyNote.hidden = next.nodes.length > 0;
    if (staleReason) showBanner(staleReason);
    else page.banner.hidden = true;
    // Measure and set the view before the new diagram is in the document: reading sizes after
    // inserting thousands of elements would force their layout at once.
    // The board is drawn once it has come (the extension sends it after a switch to the board).
    if (state.persisted.mode === 'board' && !board) return;
    showLegend();
    const refitted = state.fitNext || !state.view;
    if (refitted) {
        state.view = openingView();
        state.fitNext = false;
        saveState();
    }
    applyView(false);
    if (isBoardShown()) drawBoardView(board!);
    else drawDiagram(next);
    drawMinimap();
    // Laid out anew for another shape (a resize) while a scenario is stepped: its step must stay in view.
    updateStepping(refitted);
    // A scenario's "Step on the board" lens: step through that one.
    if (step && isBoardShown()) startSteppingAt(step);
    const nodeIds = board && isBoardShown() ? [...new Set(board.contexts.flatMap(c => c.slices.flatMap(s => s.notes.map(n => n.declaration))))] : next.nodes.map(node => node.id);
    host.postMessage({ type: 'rendered', nodeIds, stale: staleReason !== undefined, mode: isBoardShown() ? 'board' : 'flow', ...(state.stepping ? { stepping: state.stepping.slice } : {}) });
}

function showBanner(text: string): void {
    page.banner.textContent = text;
    page.banner.hidden = false;
}
