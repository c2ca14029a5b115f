/**
 * What the preview shows (its filter and its view, flow or board), kept in the workspace's
 * extension storage at every change, for the panel a window reload brings back.
 *
 * The webview's own saved state (`setState`) is not enough: VS Code stores it with the workbench's
 * layout, which it saves every few seconds while the window has focus and once more on unload. In
 * the browser (code-server) that last save is not waited for, so a reload a few seconds after a
 * change hands the serializer the state from before it. A `Memento` update is stored on its own,
 * right away.
 */
import type * as vscode from 'vscode';
import type { FlowGraphFilter } from '../../protocol/flow-graph.js';
import type { PreviewMode, PreviewState } from '../../protocol/webview-messages.js';

const KEY = 'eventloom.preview.shown';

export interface ShownView {
    filter: FlowGraphFilter;
    mode: PreviewMode;
}

export interface PreviewMemory {
    remember(view: ShownView): void;
    /** The state to bring a panel back with: the webview's saved state, with the filter and view last remembered. */
    restore(saved: PreviewState | undefined): PreviewState | undefined;
}

export function previewMemory(storage: vscode.Memento): PreviewMemory {
    return {
        remember(view) {
            void storage.update(KEY, { filter: view.filter, mode: view.mode } satisfies ShownView);
        },
        restore(saved) {
            const remembered = storage.get<Partial<ShownView>>(KEY);
            // Anything else there (an older version's value) is ignored.
            if (typeof remembered?.filter !== 'object' || (remembered.mode !== 'flow' && remembered.mode !== 'board')) return saved;
            return { ...saved, filter: remembered.filter, mode: remembered.mode };
        }
    };
}
