/**
 * "Eventloom: New Model from Template": pick a template from `templates/`, name its context, write
 * the files into the workspace (never overwriting without asking) and open the model.
 */
import * as vscode from 'vscode';
import { contextNameProblem, instantiateTemplate, readTemplates, type ModelTemplate, type TemplateFile } from './model-template.js';
import { contextNameInText } from '../language/context-line.js';

export const NEW_MODEL_COMMAND = 'eventloom.newModelFromTemplate';

/** Optional arguments, so the command can be scripted (tests, walkthroughs) without prompts. */
export interface NewModelArguments {
    /** Template id: `banking.loom`, `online-shop`. */
    template?: string;
    contextName?: string;
    /** Folder to write into; defaults to the (picked) workspace folder. */
    targetFolder?: vscode.Uri;
    /** What to do when a file exists: ask (default), overwrite, or keep the file and stop. */
    overwrite?: boolean;
}

export function registerNewModelCommand(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.commands.registerCommand(NEW_MODEL_COMMAND,
        (args?: NewModelArguments) => newModelFromTemplate(context, args ?? {})));
}

/** Returns the written files (first one opened), or undefined when the user cancelled. */
async function newModelFromTemplate(context: vscode.ExtensionContext, args: NewModelArguments): Promise<vscode.Uri[] | undefined> {
    try {
        const templates = await readTemplates(context.asAbsolutePath('templates'));
        const template = await pickTemplate(templates, args.template);
        if (!template) return undefined;
        const contextName = await askContextName(template, args.contextName);
        if (!contextName) return undefined;
        const targetFolder = args.targetFolder ?? await pickTargetFolder();
        if (!targetFolder) return undefined;
        const files = instantiateTemplate(template, contextName);
        if (!await mayWrite(targetFolder, files, args.overwrite)) return undefined;
        const written = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Creating the ${contextName} model from '${template.label}'` },
            () => writeFiles(targetFolder, files));
        await vscode.window.showTextDocument(written[0]!);
        return written;
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`Could not create the model: ${message}. Check that the workspace folder is writable and try again.`);
        return undefined;
    }
}

async function pickTemplate(templates: ModelTemplate[], requested: string | undefined): Promise<ModelTemplate | undefined> {
    if (requested !== undefined) {
        const template = templates.find(candidate => candidate.id === requested);
        if (!template) throw new Error(`there is no template '${requested}' (available: ${templates.map(t => t.id).join(', ')})`);
        return template;
    }
    if (templates.length === 0) throw new Error('the extension ships no templates; reinstall Eventloom');
    const picked = await vscode.window.showQuickPick(templates.map(template => ({
        label: template.label,
        description: template.isFolder ? `${template.files.length} files, contexts ${contextsOf(template).join(', ')}` : `context ${template.contextName}`,
        detail: template.description,
        template
    })), { title: 'New Eventloom model', placeHolder: 'Pick a template' });
    return picked?.template;
}

function contextsOf(template: ModelTemplate): string[] {
    return template.files.map(file => contextNameInText(file.text)).filter((name): name is string => !!name);
}

async function askContextName(template: ModelTemplate, given: string | undefined): Promise<string | undefined> {
    if (given !== undefined) {
        const problem = contextNameProblem(given);
        if (problem) throw new Error(problem);
        return given;
    }
    return vscode.window.showInputBox({
        title: `New model from '${template.label}'`,
        prompt: `Name of the bounded context (replaces '${template.contextName}')`,
        value: template.contextName,
        validateInput: contextNameProblem
    });
}

async function pickTargetFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return folders[0]!.uri;
    if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new model' }))?.uri;
    const choice = await vscode.window.showErrorMessage('Open a folder first: the new model is written into the workspace.', 'Open Folder');
    if (choice === 'Open Folder') await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return undefined;
}

/** True when no file exists, or the user (or `overwrite`) allows replacing the ones that do. */
async function mayWrite(folder: vscode.Uri, files: TemplateFile[], overwrite: boolean | undefined): Promise<boolean> {
    const existing: string[] = [];
    for (const file of files) {
        if (await exists(vscode.Uri.joinPath(folder, file.path))) existing.push(file.path);
    }
    if (existing.length === 0 || overwrite === true) return true;
    const list = existing.join(', ');
    if (overwrite === false) {
        void vscode.window.showWarningMessage(`Nothing written: ${list} already exists. Choose another context name or delete the file first.`);
        return false;
    }
    const answer = await vscode.window.showWarningMessage(`${list} already exists in ${vscode.workspace.asRelativePath(folder)}. Overwrite?`,
        { modal: true, detail: 'Your changes to the existing file are lost.' }, 'Overwrite');
    return answer === 'Overwrite';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

async function writeFiles(folder: vscode.Uri, files: TemplateFile[]): Promise<vscode.Uri[]> {
    const written: vscode.Uri[] = [];
    for (const file of files) {
        const uri = vscode.Uri.joinPath(folder, ...file.path.split('/'));
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file.text));
        written.push(uri);
    }
    return written;
}
