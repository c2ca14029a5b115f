/**
 * "Eventloom: Generate Code" (also the "Generate" code lens on `context` lines): asks the language
 * server, which holds the parsed models, to generate the workspace's TypeScript into the folder of
 * the setting `eventloom.generate.outDir` (relative to the workspace folder). Shows progress, then
 * a summary with a button to open the output; a refusal says why and what to do.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { generateFailureOf, GenerateRequest, type GenerateParams, type GenerateResult } from '../protocol/generate-request.js';

export const GENERATE_COMMAND = 'eventloom.generate';

/** What the command accepts: nothing (palette), a document URI (code lens), or options (tests, scripts). */
export type GenerateArgument = vscode.Uri | string | {
    uri?: vscode.Uri | string;
    /** Overrides the setting; relative to the workspace folder. */
    outDir?: string;
    force?: boolean;
    /** No notifications: for tests that assert on the returned result. */
    quiet?: boolean;
};

export function registerGenerateCommand(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    context.subscriptions.push(
        vscode.commands.registerCommand(GENERATE_COMMAND, (argument?: GenerateArgument) => generateCode(client, argument))
    );
}

async function generateCode(client: BaseLanguageClient, argument: GenerateArgument | undefined): Promise<GenerateResult | undefined> {
    const options = typeof argument === 'object' && !(argument instanceof vscode.Uri) ? argument : { uri: argument };
    const folder = await workspaceFolderFor(options.uri);
    if (!folder) {
        void vscode.window.showErrorMessage('Eventloom: open a folder with .loom models first; the generated code goes into a folder of the workspace.');
        return undefined;
    }
    const setting = vscode.workspace.getConfiguration('eventloom', folder.uri).get<string>('generate.outDir', 'src/generated');
    const configured = options.outDir ?? (setting.trim() || 'src/generated');
    const outDir = path.resolve(folder.uri.fsPath, configured);
    const runtime = vscode.workspace.getConfiguration('eventloom', folder.uri).get<string>('generate.runtime', 'none');
    const params: GenerateParams = { outDir, ...(options.force ? { force: true } : {}), ...(runtime === 'emmett' ? { runtime: 'emmett' as const } : {}) };
    try {
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Eventloom: generating TypeScript into ${configured}…` },
            () => client.sendRequest(GenerateRequest, params)
        );
        if (!options.quiet) void showSummary(result, configured);
        return result;
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (options.quiet) throw error;
        if (generateFailureOf(error)?.reason === 'foreignFiles' && !options.force) {
            const choice = await vscode.window.showErrorMessage(`Eventloom: ${message}`, 'Generate Anyway', 'Change Output Folder');
            if (choice === 'Generate Anyway') return generateCode(client, { ...options, force: true });
            if (choice === 'Change Output Folder') await vscode.commands.executeCommand('workbench.action.openSettings', 'eventloom.generate.outDir');
            return undefined;
        }
        void vscode.window.showErrorMessage(`Eventloom: ${message}`);
        return undefined;
    }
}

async function showSummary(result: GenerateResult, shownOut: string): Promise<void> {
    const summary = `Eventloom generated into ${shownOut}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.obsolete.length} obsolete.`;
    const show = result.obsolete.length > 0
        ? vscode.window.showWarningMessage(`${summary} Kept, commented out, because their model element is gone: ${result.obsolete.join(', ')}.`, 'Open Output')
        : vscode.window.showInformationMessage(summary, 'Open Output');
    if ((await show) !== 'Open Output') return;
    const first = result.written.find(file => file.endsWith('/index.ts')) ?? result.written[0] ?? result.unchanged.find(file => file.endsWith('/index.ts'));
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(result.outDir));
    if (first) await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.outDir, first)));
}

/** The folder of the given document, else of the active editor's, else the only one (or the user's pick). */
async function workspaceFolderFor(target: vscode.Uri | string | undefined): Promise<vscode.WorkspaceFolder | undefined> {
    const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target ?? vscode.window.activeTextEditor?.document.uri;
    const owner = uri && vscode.workspace.getWorkspaceFolder(uri);
    if (owner) return owner;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) return folders[0];
    return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Generate the TypeScript of which workspace folder?' });
}
