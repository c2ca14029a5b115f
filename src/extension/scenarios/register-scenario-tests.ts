/**
 * Wires the scenarios' Test Explorer into the extension: the controller, a "Run scenario" code
 * lens on each scenario (from the same items, so a lens exists exactly where the Test Explorer
 * lists a scenario), and the command the lens runs, which reports on a test run like the Test
 * Explorer's own buttons and returns the verdicts (for scripts and tests).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LANGUAGE_ID } from '../language-client.js';
import type { ItemReport } from './run-report.js';
import { ScenarioTests } from './scenario-tests.js';

export const RUN_SCENARIO_COMMAND = 'eventloom.runScenario';

export function registerScenarioTests(context: vscode.ExtensionContext, client: BaseLanguageClient): ScenarioTests {
    const tests = new ScenarioTests(client);
    context.subscriptions.push(
        tests,
        vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID }, new RunScenarioLenses(tests)),
        vscode.commands.registerCommand(RUN_SCENARIO_COMMAND, (id?: string) => runScenario(tests, id))
    );
    return tests;
}

class RunScenarioLenses implements vscode.CodeLensProvider {
    readonly onDidChangeCodeLenses: vscode.Event<void>;

    constructor(private readonly tests: ScenarioTests) {
        this.onDidChangeCodeLenses = tests.onDidChange;
    }

    provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
        const uri = document.uri.toString();
        return this.tests.scenarioItems()
            .filter(item => item.uri?.toString() === uri && item.range)
            .map(item => new vscode.CodeLens(item.range!.with({ end: item.range!.start }), { title: 'Run scenario', command: RUN_SCENARIO_COMMAND, arguments: [item.id] }));
    }
}

async function runScenario(tests: ScenarioTests, id: string | undefined): Promise<ItemReport[]> {
    const item = id === undefined ? undefined : tests.findItem(id);
    if (!item) {
        void vscode.window.showErrorMessage(id === undefined
            ? 'Eventloom: Run scenario needs a scenario: use the "Run scenario" lens above one, or the Test Explorer.'
            : 'Eventloom: that scenario is no longer in the model (renamed or removed?). Run it from the Test Explorer.');
        return [];
    }
    const cancellation = new vscode.CancellationTokenSource();
    try {
        return await tests.run(new vscode.TestRunRequest([item], undefined, tests.profile), cancellation.token);
    } finally {
        cancellation.dispose();
    }
}
