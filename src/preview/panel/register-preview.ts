/**
 * Everything the flow preview adds to the extension: the commands "Open Flow Preview", "Export as
 * SVG" and "Export as Mermaid", the scenario lens's "Step on the board", and the serializer that brings the panel back after a reload.
 * Called once from the extension's `activate`.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { contextNameInText } from '../../language/context-line.js';
import { FlowGraphRequest, type FlowGraphParams } from '../../protocol/flow-graph-request.js';
import { PREVIEW_VIEW_TYPE, type ExportFormat, type FromWebviewMessage, type PreviewState } from '../../protocol/webview-messages.js';
import { saveDiagram } from './export-diagram.js';
import { FlowPreviewPanel, type PreviewSnapshot } from './flow-preview-panel.js';
import { modelErrorsOf } from './model-errors.js';
import { previewMemory } from './preview-memory.js';

export const OPEN_PREVIEW_COMMAND = 'eventloom.openPreview';
export const STEP_SCENARIO_COMMAND = 'eventloom.stepScenario';
export const EXPORT_SVG_COMMAND = 'eventloom.exportSvg';
export const EXPORT_MERMAID_COMMAND = 'eventloom.exportMermaid';
/** Internal (not contributed, so not in the palette): what the in-host tests observe and inject. */
export const PREVIEW_SNAPSHOT_COMMAND = '_eventloom.preview.snapshot';
export const PREVIEW_RECEIVE_COMMAND = '_eventloom.preview.receive';
/** Internal: a new panel brought back as after a window reload, with the webview state given (as VS Code saved it). */
export const PREVIEW_REVIVE_COMMAND = '_eventloom.preview.revive';

export function registerFlowPreview(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    const extensionUri = context.extensionUri;
    const memory = previewMemory(context.workspaceState);
    const revive = (panel: vscode.WebviewPanel, saved: PreviewState | undefined) => FlowPreviewPanel.revive(panel, extensionUri, client, memory, saved);
    context.subscriptions.push(
        // The code lens passes its document's URI as a string: preview that file's context. The
        // palette and the editor-title button (which passes a Uri) show the whole workspace.
        vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, async (target?: unknown) => {
            const context = typeof target === 'string' ? await contextOfDocument(target) : undefined;
            FlowPreviewPanel.createOrShow(extensionUri, client, memory, context ? { context } : undefined);
        }),
        // A scenario's lens: its document's URI string and the scenario's line. The board of the
        // file's context opens, stepping through the scenario.
        vscode.commands.registerCommand(STEP_SCENARIO_COMMAND, async (uri?: unknown, line?: unknown) => {
            if (typeof uri !== 'string' || typeof line !== 'number') return;
            const context = await contextOfDocument(uri);
            await FlowPreviewPanel.createOrShow(extensionUri, client, memory, context ? { context } : undefined).stepScenario({ uri, line });
        }),
        vscode.commands.registerCommand(EXPORT_SVG_COMMAND, () => exportDiagram(client, 'svg')),
        vscode.commands.registerCommand(EXPORT_MERMAID_COMMAND, () => exportDiagram(client, 'mermaid')),
        vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
            async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined) {
                revive(panel, state);
            }
        }),
        // The in-host test cannot reload its own window: it hands a panel to the same revival.
        vscode.commands.registerCommand(PREVIEW_REVIVE_COMMAND, (saved: PreviewState | undefined) => {
            revive(vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Eventloom Flow', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }), saved);
        }),
        vscode.commands.registerCommand(PREVIEW_SNAPSHOT_COMMAND, (): PreviewSnapshot | undefined => FlowPreviewPanel.current?.snapshotForTests),
        vscode.commands.registerCommand(PREVIEW_RECEIVE_COMMAND, async (message: FromWebviewMessage) => {
            const panel = FlowPreviewPanel.current;
            if (!panel) return undefined;
            if (message.type === 'reveal') return (await panel.reveal(message.nodeId))?.document.uri.toString();
            panel.receive(message);
            return undefined;
        }),
        { dispose: () => FlowPreviewPanel.current?.dispose() }
    );
}

/** The `context` a model file declares, read from its (possibly unsaved) text. */
async function contextOfDocument(uri: string): Promise<string | undefined> {
    try {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        return contextNameInText(document.getText());
    } catch {
        return undefined;
    }
}

/** Exports what the open preview shows; without a preview, the whole model (if it has no errors). */
async function exportDiagram(client: BaseLanguageClient, format: ExportFormat): Promise<void> {
    const panel = FlowPreviewPanel.current;
    if (panel?.shownGraph) {
        await panel.exportShown(format);
        return;
    }
    const params: FlowGraphParams = {};
    const result = await client.sendRequest(FlowGraphRequest, params);
    if (result.errorCount > 0) {
        void vscode.window.showErrorMessage(`The model has ${modelErrorsOf(result)}: fix them, then export again.`);
        return;
    }
    await saveDiagram(result.graph, format);
}
