/**
 * The extension's entry point (bundled to `out/extension.cjs`). It creates the language client,
 * lets each feature module register its commands against it, then starts the server.
 */
import * as vscode from 'vscode';
import { registerFlowPreview } from '../preview/panel/register-preview.js';
import { createLanguageClient, stopLanguageClient } from './language-client.js';
import { registerNewModelCommand } from './new-model-command.js';
import { registerGenerateCommand } from './generate-command.js';
import { registerScenarioTests } from './scenarios/register-scenario-tests.js';
import type { ItemReport } from './scenarios/run-report.js';

/** What the extension exports: the scenarios' test controller (whose items the Test Explorer shows), its run profile, and each run's verdicts. */
export interface EventloomApi {
    scenarioTests: vscode.TestController;
    scenarioProfile: vscode.TestRunProfile;
    onDidRunScenarios: vscode.Event<ItemReport[]>;
}

export async function activate(context: vscode.ExtensionContext): Promise<EventloomApi> {
    registerNewModelCommand(context);
    const client = createLanguageClient(context);
    // Commands are registered before the server starts: they exist (and say what is wrong) even
    // when the server cannot start, instead of "command not found".
    registerFlowPreview(context, client);
    registerGenerateCommand(context, client);
    const scenarioTests = registerScenarioTests(context, client);
    try {
        await client.start();
        // The server notifies every change from its first build on; this covers a build that
        // finished before the notification handler was connected. Not awaited: activation does
        // not wait for the workspace's first build.
        scenarioTests.refresh().catch(error => console.error('Eventloom: listing the scenarios failed:', error));
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`The Eventloom language server did not start: ${message}. See Output › Eventloom Language Server, then run "Developer: Restart Extension Host".`);
    }
    return { scenarioTests: scenarioTests.controller, scenarioProfile: scenarioTests.profile, onDidRunScenarios: scenarioTests.onDidReport };
}

export function deactivate(): Promise<void> {
    return stopLanguageClient();
}
