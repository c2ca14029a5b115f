/**
 * The language server's side of the Test Explorer: lists the workspace's scenarios
 * (`eventloom/scenarios`), tells the client whenever a file's list changes
 * (`eventloom/scenariosChanged`, after each build, only what differs from what it last sent), and
 * runs them against the generated code (`eventloom/runScenarios`) with the same core as
 * `eventloom test`. A model with errors runs nothing: the answer lists the errors to fix.
 */
import { join } from 'node:path';
import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import { loadGenerator } from '../generator/load-generator.js';
import {
    RunScenariosRequest, ScenarioListRequest, ScenariosChangedNotification,
    type CodeProblem, type ModelError, type RunScenariosParams, type RunScenariosResult, type ScenarioFile
} from '../protocol/scenario-requests.js';
import { answerSafely } from './answer-safely.js';
import { scenarioFileOf } from './scenario-list.js';
import { isModelError, readValidatedWorkspace } from './validated-workspace.js';

/** JSON-RPC error code for "the request failed for a reason the user can fix" (LSP RequestFailed). */
const REQUEST_FAILED = -32803;

export function registerScenarioHandlers(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(ScenarioListRequest, answerSafely('listing the scenarios', () => listScenarios(shared)));
    connection.onRequest(RunScenariosRequest, answerSafely('running the scenarios', (params: RunScenariosParams) => runScenarios(shared, params)));
    const changes = new ScenarioChanges();
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
        const changed = changes.changed(documents as Array<LangiumDocument<Model>>);
        if (changed.length > 0) void connection.sendNotification(ScenariosChangedNotification, { changed, removed: [] });
    });
    shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => {
        const removed = changes.removed(deleted.map(uri => uri.toString()));
        if (removed.length > 0) void connection.sendNotification(ScenariosChangedNotification, { changed: [], removed });
    });
}

export function listScenarios(shared: LangiumSharedServices): Promise<ScenarioFile[]> {
    return readValidatedWorkspace(shared, documents => documents.map(scenarioFileOf));
}

/** Remembers what was last sent per file, so that a keystroke that changes no scenario sends nothing. */
export class ScenarioChanges {
    private readonly sent = new Map<string, string>();

    changed(documents: ReadonlyArray<LangiumDocument<Model>>): ScenarioFile[] {
        return documents.map(scenarioFileOf).filter(file => {
            const text = JSON.stringify(file.scenarios);
            if (this.sent.get(file.uri) === text) return false;
            this.sent.set(file.uri, text);
            return true;
        });
    }

    removed(uris: readonly string[]): string[] {
        return uris.filter(uri => this.sent.delete(uri));
    }
}

export async function runScenarios(shared: LangiumSharedServices, params: RunScenariosParams): Promise<RunScenariosResult> {
    const { documents, modelErrors, notReady } = await readValidatedWorkspace(shared, all => ({
        documents: all,
        modelErrors: all.flatMap(modelErrorsOf),
        notReady: all.filter(document => document.state < DocumentState.Validated).length
    }));
    const empty: RunScenariosResult = { codeFrom: 'memory', outDir: params.outDir, updated: [], modelErrors, notReady, scenarios: [], problems: [] };
    if (modelErrors.length > 0 || notReady > 0) return empty;
    const generator = await loadGenerator();
    let run;
    try {
        // A folder that holds generated code is brought up to date and run, as `eventloom test --out`
        // does; a folder Generate never wrote is not created by a test run: the code runs in memory.
        run = await generator.runModelScenarios(documents, { outDir: params.outDir, onlyGeneratedFolder: true, resolveFrom: params.outDir });
    } catch (error) {
        if (error instanceof generator.OutputFolderError) throw new ResponseError(REQUEST_FAILED, error.message);
        throw error;
    }
    const codeFolder = run.outDir ?? params.outDir;
    const problemOf = (problem: { path: string; line: number; column: number; message: string }): CodeProblem =>
        ({ file: join(codeFolder, ...problem.path.split('/')), line: problem.line, column: problem.column, message: problem.message });
    return {
        ...empty,
        codeFrom: run.outDir ? 'outputFolder' : 'memory',
        outDir: codeFolder,
        updated: run.updated,
        problems: run.problems.map(problemOf),
        scenarios: run.scenarios.map(scenario => ({
            uri: scenario.uri, context: scenario.context, name: scenario.name, line: scenario.line - 1,
            outcome: scenario.outcome.kind === 'notRun' ? { ...scenario.outcome, problems: scenario.outcome.problems.map(problemOf) } : scenario.outcome
        }))
    };
}

/** The errors of a document other than failing scenarios: those are what the run is for. */
function modelErrorsOf(document: LangiumDocument<Model>): ModelError[] {
    return (document.diagnostics ?? [])
        .filter(isModelError)
        .map(diagnostic => ({ uri: document.uri.toString(), range: diagnostic.range, message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value }));
}
