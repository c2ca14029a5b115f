/**
 * The switch between the flow diagram and the board, remembered per panel (the webview's saved
 * state): the extension is told, and answers with the board (or the graph) of the same view.
 */
import type { PreviewMode } from '../../protocol/webview-messages.js';
import { aspectSent, viewAspect } from './view-aspect.js';
import { host } from './host.js';
import { page } from './page.js';
import { saveState, state } from './state.js';

export function installViewMode(): void {
    labelToggle();
    page.viewToggle.addEventListener('click', () => setMode(state.persisted.mode === 'board' ? 'flow' : 'board'));
}

export function setMode(mode: PreviewMode): void {
    state.persisted = { ...state.persisted, mode };
    state.board = undefined;
    state.fitNext = true;
    saveState();
    labelToggle();
    const aspect = viewAspect();
    aspectSent(aspect);
    host.postMessage({ type: 'setMode', mode, viewAspect: aspect });
}

/** The button names the other view, the one a click switches to. */
export function labelToggle(): void {
    const board = state.persisted.mode === 'board';
    page.viewToggle.textContent = board ? 'Flow' : 'Board';
    page.viewToggle.setAttribute('aria-pressed', String(board));
    document.body.classList.toggle('board-mode', board);
    if (!board) {
        page.stepping.hidden = true;
        page.stepPanel.hidden = true;
    }
}
