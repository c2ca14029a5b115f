/**
 * The extension's entry point (bundled to `out/extension.cjs`). It creates the language client,
 * lets each feature module register its commands against it, then starts the server.
 */
import * as vscode from 'vscode';
import { registerFlowPreview } from '../preview/panel/register-preview.js';
import { createLanguageClient, stopLanguageClient } from './language-client.js';
import { registerNewModelCommand } from './new-model-command.js';
import { registerGenerateCommand } from './generate-command.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    registerNewModelCommand(context);
    const client = createLanguageClient(context);
    // Commands are registered before the server starts: they exist (and say what is wrong) even
    // when the server cannot start, instead of "command not found".
    registerFlowPreview(context, client);
    registerGenerateCommand(context, client);
    try {
        await client.start();
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`The Eventloom language server did not start: ${message}. See Output › Eventloom Language Server, then run "Developer: Restart Extension Host".`);
    }
}

export function deactivate(): Promise<void> {
    return stopLanguageClient();
}
