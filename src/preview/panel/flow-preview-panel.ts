/**
 * The flow preview panel, shaped like the VS Code webview sample: one panel at a time
 * (`createOrShow`), brought back after a window reload (`revive`), a disposables list. It asks the
 * language server for the laid-out graph (debounced while typing), keeps the last valid diagram
 * while the text has errors, and connects the diagram and the editor both ways.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FlowGraphRequest, type FlowGraphParams, type FlowGraphResult } from '../../protocol/flow-graph-request.js';
import type { FlowGraphFilter, LaidOutFlowGraph, LaidOutNode } from '../../protocol/flow-graph.js';
import type { LaidOutBoard } from '../../protocol/board.js';
import { PREVIEW_VIEW_TYPE, type FromWebviewMessage, type PreviewMode, type PreviewState, type ScenarioAt, type ToWebviewMessage } from '../../protocol/webview-messages.js';
import { saveBoard, saveDiagram } from './export-diagram.js';
import { nodeAtPosition } from './node-at-position.js';
import { previewHtml } from './webview-html.js';
import { packPreview } from '../../protocol/packed-preview.js';
import { modelErrorsOf } from './model-errors.js';
import type { PreviewMemory } from './preview-memory.js';

const UPDATE_DELAY_MS = 250;

/** What the panel last showed and heard; the in-host tests read it through an internal command. */
export interface PreviewSnapshot {
    filter: FlowGraphFilter;
    mode: PreviewMode;
    renderedNodeIds: string[];
    /** The view the webview last drew. */
    renderedMode?: PreviewMode;
    /** The scenario slice the webview last showed stepping. */
    renderedStepping?: string;
    renderCount: number;
    stale: boolean;
    highlighted?: string;
    /** The view's width : height the last graph (or board) was laid out for. */
    requestedAspect?: number;
}

export class FlowPreviewPanel {
    static current: FlowPreviewPanel | undefined;

    private readonly disposables: vscode.Disposable[] = [];
    private filter: FlowGraphFilter;
    private mode: PreviewMode;
    /** What the webview shows now, and the last graph (and board) computed from error-free text. */
    private shown: LaidOutFlowGraph | undefined;
    private shownBoard: LaidOutBoard | undefined;
    /** The scenario a lens asked to step through, until a board goes out with it. */
    private pendingStep: ScenarioAt | undefined;
    /** The webview canvas's width : height (the board wraps to it), once the webview said. */
    private viewAspect: number | undefined;
    private lastValid: { graph: LaidOutFlowGraph; board?: LaidOutBoard } | undefined;
    private staleReason: string | undefined;
    private updateTimer: ReturnType<typeof setTimeout> | undefined;
    private requestNumber = 0;
    private inFlight: Promise<void> | undefined;
    private snapshot: PreviewSnapshot;

    /** Shows the preview; with a filter (the lens on a `context` line), shows that view. */
    static createOrShow(extensionUri: vscode.Uri, client: BaseLanguageClient, memory: PreviewMemory, filter?: FlowGraphFilter): FlowPreviewPanel {
        const existing = FlowPreviewPanel.current;
        if (existing) {
            existing.panel.reveal(undefined, true);
            if (filter) existing.receive({ type: 'setFilter', filter });
            return existing;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Eventloom Flow',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
        return FlowPreviewPanel.current = new FlowPreviewPanel(panel, extensionUri, client, memory, filter ? { filter } : undefined);
    }

    /** After a window reload: `saved` is the webview's state as VS Code kept it, possibly older than the last change (see preview-memory.ts). */
    static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, client: BaseLanguageClient, memory: PreviewMemory, saved: PreviewState | undefined): FlowPreviewPanel {
        FlowPreviewPanel.current?.dispose();
        return FlowPreviewPanel.current = new FlowPreviewPanel(panel, extensionUri, client, memory, memory.restore(saved));
    }

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        extensionUri: vscode.Uri,
        private readonly client: BaseLanguageClient,
        private readonly memory: PreviewMemory,
        state: PreviewState | undefined
    ) {
        this.filter = state?.filter ?? {};
        this.mode = state?.mode ?? 'flow';
        this.snapshot = { filter: this.filter, mode: this.mode, renderedNodeIds: [], renderCount: 0, stale: false };
        this.memory.remember({ filter: this.filter, mode: this.mode });
        panel.webview.options = webviewOptions(extensionUri);
        const out = vscode.Uri.joinPath(extensionUri, 'out');
        panel.webview.html = previewHtml({
            cspSource: panel.webview.cspSource,
            scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(out, 'webview.js')).toString(),
            styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(out, 'webview.css')).toString()
        });

        const watcher = vscode.workspace.createFileSystemWatcher('**/*.loom');
        this.disposables.push(
            watcher,
            watcher.onDidCreate(() => this.scheduleUpdate()),
            watcher.onDidDelete(() => this.scheduleUpdate()),
            panel.onDidDispose(() => this.dispose()),
            panel.webview.onDidReceiveMessage((message: FromWebviewMessage) => this.receive(message)),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document.languageId === 'eventloom' && event.contentChanges.length > 0) this.scheduleUpdate();
            }),
            vscode.workspace.onDidSaveTextDocument(document => {
                if (document.languageId === 'eventloom') this.scheduleUpdate();
            }),
            // New diagnostics mean the server has validated a new state (also its first workspace build).
            vscode.languages.onDidChangeDiagnostics(event => {
                if (event.uris.some(uri => uri.path.endsWith('.loom'))) this.scheduleUpdate();
            }),
            vscode.window.onDidChangeTextEditorSelection(event => this.followCursor(event.textEditor))
        );
    }

    get snapshotForTests(): PreviewSnapshot {
        return { ...this.snapshot };
    }

    /** The graph on screen: what "Export" writes. */
    get shownGraph(): LaidOutFlowGraph | undefined {
        return this.shown;
    }

    receive(message: FromWebviewMessage): void {
        switch (message.type) {
            case 'ready':
                if (message.viewAspect !== undefined) this.viewAspect = message.viewAspect;
                // A fresh page (first load, reload, or the panel became visible again).
                if (this.shown) this.post(this.graphMessage(this.shown, this.shownBoard, this.staleReason));
                void this.update();
                break;
            case 'rendered':
                this.snapshot = { ...this.snapshot, renderedNodeIds: message.nodeIds, renderedMode: message.mode, renderedStepping: message.stepping, renderCount: this.snapshot.renderCount + 1, stale: message.stale };
                break;
            case 'reveal':
                void this.reveal(message.nodeId);
                break;
            case 'setFilter':
                this.filter = message.filter;
                this.lastValid = undefined;
                this.shownViewChanged();
                void this.update();
                break;
            case 'viewResized':
                // Both the board and the flow wrap to the view's shape.
                this.viewAspect = message.viewAspect;
                void this.update();
                break;
            case 'setMode':
                this.mode = message.mode;
                if (message.viewAspect !== undefined) this.viewAspect = message.viewAspect;
                this.lastValid = undefined;
                this.shownViewChanged();
                void this.update();
                break;
            case 'export':
                void this.exportShown(message.format);
                break;
        }
    }

    /** A scenario's "Step on the board" lens: the board, stepping through that scenario. */
    stepScenario(scenario: ScenarioAt): Promise<void> {
        this.pendingStep = scenario;
        if (this.mode !== 'board') {
            this.mode = 'board';
            this.lastValid = undefined;
            this.shownViewChanged();
        }
        return this.update();
    }

    /** The filter or the view (flow, board) changed: what the tests read, and what a reload brings back. */
    private shownViewChanged(): void {
        this.snapshot = { ...this.snapshot, filter: this.filter, mode: this.mode };
        this.memory.remember({ filter: this.filter, mode: this.mode });
    }

    async exportShown(format: 'svg' | 'mermaid'): Promise<vscode.Uri | undefined> {
        if (!this.shown) {
            void vscode.window.showWarningMessage('The flow preview has nothing to export yet.');
            return undefined;
        }
        if (this.mode === 'board' && this.shownBoard) return saveBoard(this.shownBoard, this.shown, format);
        return saveDiagram(this.shown, format);
    }

    scheduleUpdate(): void {
        if (this.updateTimer) clearTimeout(this.updateTimer);
        this.updateTimer = setTimeout(() => {
            this.updateTimer = undefined;
            void this.update();
        }, UPDATE_DELAY_MS);
    }

    /** Asks the server for the current graph; answers to older requests are dropped. */
    update(): Promise<void> {
        const running = this.requestGraph();
        this.inFlight = running;
        return running;
    }

    /** Runs a pending (debounced) update now and waits for the one in flight: afterwards the ranges are current. */
    private async settle(): Promise<void> {
        if (this.updateTimer) {
            clearTimeout(this.updateTimer);
            this.updateTimer = undefined;
            await this.update();
        }
        await this.inFlight;
    }

    private async requestGraph(): Promise<void> {
        const request = ++this.requestNumber;
        let result: FlowGraphResult;
        try {
            // The view's shape, for the layout of what it shows.
            const aspect = this.viewAspect === undefined ? {} : this.mode === 'board' ? { boardAspect: this.viewAspect } : { flowAspect: this.viewAspect };
            const params: FlowGraphParams = { filter: this.filter, ...(this.mode === 'board' ? { board: true } : {}), ...aspect };
            this.snapshot = { ...this.snapshot, requestedAspect: this.viewAspect };
            result = await this.client.sendRequest(FlowGraphRequest, params);
        } catch (error) {
            if (request !== this.requestNumber) return;
            const reason = `The flow could not be computed: ${(error as Error).message}`;
            // Never a blank preview: the last diagram stays, under a banner that says why.
            const last = this.lastValid ?? (this.shown ? { graph: this.shown, board: this.shownBoard } : undefined);
            if (last) this.show(last.graph, last.board, `${reason} Showing the last diagram.`);
            else this.post({ type: 'failed', message: `${reason} Save the file and try again, or reload the window.` });
            return;
        }
        if (request !== this.requestNumber) return;
        if (result.errorCount === 0) {
            this.lastValid = { graph: result.graph, ...(result.board ? { board: result.board } : {}) };
            this.show(result.graph, result.board, undefined);
        } else {
            const errors = modelErrorsOf(result);
            if (this.lastValid) this.show(this.lastValid.graph, this.lastValid.board, `The model has ${errors}: showing the last valid diagram until they are fixed.`);
            else this.show(result.graph, result.board, `The model has ${errors}: the diagram may be incomplete until they are fixed.`);
        }
    }

    private show(graph: LaidOutFlowGraph, board: LaidOutBoard | undefined, staleReason: string | undefined): void {
        this.shown = graph;
        this.shownBoard = board;
        this.staleReason = staleReason;
        this.post(this.graphMessage(graph, board, staleReason));
        const editor = vscode.window.activeTextEditor;
        if (editor) this.followCursor(editor);
    }

    private graphMessage(graph: LaidOutFlowGraph, board: LaidOutBoard | undefined, staleReason: string | undefined): ToWebviewMessage {
        // A lens's scenario goes with the first board sent after it.
        const step = board ? this.pendingStep : undefined;
        if (step) this.pendingStep = undefined;
        return {
            type: 'graph', preview: packPreview(graph, board), mode: this.mode,
            ...(staleReason ? { staleReason } : {}), ...(step ? { step } : {})
        };
    }

    /**
     * Click on a node (or a board note: its declaration's id): reveal the declaration, in the editor
     * column that already shows the file if any.
     */
    async reveal(nodeId: string): Promise<vscode.TextEditor | undefined> {
        // Typing may have moved the declaration since the diagram was drawn.
        await this.settle();
        const location = this.shown?.nodes.find(candidate => candidate.id === nodeId)?.location
            // A board note whose declaration the flow does not draw (a rejection's error).
            ?? this.shownBoard?.contexts.flatMap(context => context.slices.flatMap(slice => slice.notes)).find(note => note.declaration === nodeId)?.location;
        if (!location) return undefined;
        const uri = this.client.protocol2CodeConverter.asUri(location.uri);
        const { start, end } = location.nameRange;
        const selection = new vscode.Range(start.line, start.character, end.line, end.character);
        const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === uri.toString());
        const document = await vscode.workspace.openTextDocument(uri);
        const editor = await vscode.window.showTextDocument(document, {
            viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
            selection,
            preserveFocus: false
        });
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return editor;
    }

    /** The cursor on a declaration highlights its node. */
    private followCursor(editor: vscode.TextEditor): void {
        if (editor.document.languageId !== 'eventloom' || !this.shown) return;
        const uri = this.client.code2ProtocolConverter.asUri(editor.document.uri);
        const node: LaidOutNode | undefined = nodeAtPosition(this.shown.nodes, uri, editor.selection.active);
        if (node?.id === this.snapshot.highlighted) return;
        this.snapshot = { ...this.snapshot, highlighted: node?.id };
        this.post({ type: 'highlight', ...(node ? { nodeId: node.id } : {}) });
    }

    private post(message: ToWebviewMessage): void {
        void this.panel.webview.postMessage(message);
    }

    dispose(): void {
        if (FlowPreviewPanel.current === this) FlowPreviewPanel.current = undefined;
        if (this.updateTimer) clearTimeout(this.updateTimer);
        this.panel.dispose();
        for (const disposable of this.disposables.splice(0)) disposable.dispose();
    }
}

/** Scripts on, and nothing loadable but the bundle folder. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out')] };
}
