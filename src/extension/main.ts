/**
 * The extension's entry point (bundled to `out/extension.cjs`). It starts the language server and
 * lets each feature module register its commands against the running client.
 */
import * as vscode from 'vscode';
import { startLanguageClient, stopLanguageClient } from './language-client.js';
import { registerNewModelCommand } from './new-model-command.js';
import { registerFlowPreview } from '../preview/panel/register-preview.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    // The template command works without the server, so register it first: it stays usable even
    // if the server fails to start.
    registerNewModelCommand(context);
    const client = await startLanguageClient(context);
    registerFlowPreview(context, client);
}

export function deactivate(): Promise<void> {
    return stopLanguageClient();
}
