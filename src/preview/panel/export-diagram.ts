/**
 * "Export as SVG" / "Export as Mermaid" in the editor: asks where to save (a save dialog) and
 * writes the same text the CLI writes.
 */
import * as vscode from 'vscode';
import { exportBoardSvg } from '../export/export-board-svg.js';
import { exportEventModeling } from '../export/export-event-modeling.js';
import { exportMermaid, mermaidLimitWarning } from '../export/export-mermaid.js';
import { exportSvg } from '../export/export-svg.js';
import type { LaidOutBoard } from '../../protocol/board.js';
import type { LaidOutFlowGraph } from '../../protocol/flow-graph.js';
import type { ExportFormat } from '../../protocol/webview-messages.js';

export function diagramText(graph: LaidOutFlowGraph, format: ExportFormat): string {
    return format === 'svg' ? exportSvg(graph) : exportMermaid(graph);
}

/** Returns the file written, or undefined when the user cancelled the dialog. */
export async function saveDiagram(graph: LaidOutFlowGraph, format: ExportFormat): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${suggestedName(graph)}.${format === 'svg' ? 'svg' : 'mmd'}`;
    const target = await vscode.window.showSaveDialog({
        title: format === 'svg' ? 'Export the flow as SVG' : 'Export the flow as Mermaid',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { Mermaid: ['mmd', 'mermaid'], Markdown: ['md'] }
    });
    if (!target) return undefined;
    let text = diagramText(graph, format);
    if (format === 'mermaid' && target.path.toLowerCase().endsWith('.md')) text = `\`\`\`mermaid\n${text}\`\`\`\n`;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const warning = format === 'mermaid' ? mermaidLimitWarning(text, { edges: graph.edges.length }, 'Choose a context or an aggregate in the preview\'s menus and export again') : undefined;
    if (warning) void vscode.window.showWarningMessage(`Saved ${vscode.workspace.asRelativePath(target)}. ${warning}`);
    else void vscode.window.showInformationMessage(`Saved the flow diagram to ${vscode.workspace.asRelativePath(target)}.`);
    return target;
}

/** The board's export: SVG, or Mermaid's `eventmodeling` for "Mermaid". */
export async function saveBoard(board: LaidOutBoard, graph: LaidOutFlowGraph, format: ExportFormat): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${suggestedName(graph).replace(/-flow$/, '')}-board.${format === 'svg' ? 'svg' : 'mmd'}`;
    const target = await vscode.window.showSaveDialog({
        title: format === 'svg' ? 'Export the board as SVG' : 'Export the board as Mermaid eventmodeling',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { Mermaid: ['mmd', 'mermaid'], Markdown: ['md'] }
    });
    if (!target) return undefined;
    const title = `Event model: ${graph.filter.aggregate ?? graph.filter.context ?? (graph.contexts.join(', ') || 'model')}`;
    const exported = format === 'svg' ? { text: exportBoardSvg(board, title), frames: 0 } : exportEventModeling(board, title);
    let text = exported.text;
    if (format === 'mermaid' && target.path.toLowerCase().endsWith('.md')) text = `\`\`\`mermaid\n${text}\`\`\`\n`;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const warning = format === 'mermaid' ? mermaidLimitWarning(exported.text, { frames: exported.frames }, 'Choose a context or an aggregate in the preview\'s menus and export again') : undefined;
    if (warning) void vscode.window.showWarningMessage(`Saved ${vscode.workspace.asRelativePath(target)}. ${warning}`);
    else void vscode.window.showInformationMessage(`Saved the board to ${vscode.workspace.asRelativePath(target)}.`);
    return target;
}

function suggestedName(graph: LaidOutFlowGraph): string {
    const scope = graph.filter.aggregate ?? graph.filter.context ?? 'event';
    return `${scope.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase()}-flow`;
}
