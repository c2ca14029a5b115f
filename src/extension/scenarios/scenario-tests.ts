/**
 * The model's scenarios in VS Code's Test Explorer (DESIGN §9), after the shape of the
 * test-provider sample: one `TestController`, its items kept equal to what the language server
 * lists (it says when a file's scenarios change), one run profile that asks the server to run
 * them against the generated code with the user's hand-written bodies (once, or continuously as
 * the model and the code change), and the results reported at each scenario's line with expected
 * vs actual.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { Range as LspRange } from 'vscode-languageserver-protocol';
import {
    RunScenariosRequest, ScenarioListRequest, ScenariosChangedNotification,
    type ScenarioFile, type ScenariosChanged
} from '../../protocol/scenario-requests.js';
import { reportRun, type ItemReport, type ReportLocation, type RunReport } from './run-report.js';
import { fileNodeOf, type ScenarioNode } from './scenario-tree.js';
import { watchScenarios } from './watch-scenarios.js';

export const CONTROLLER_ID = 'eventloom.scenarios';

export class ScenarioTests implements vscode.Disposable {
    readonly controller = vscode.tests.createTestController(CONTROLLER_ID, 'Eventloom scenarios');
    readonly profile: vscode.TestRunProfile;
    private readonly changed = new vscode.EventEmitter<void>();
    /** Fires when the items change (the code lenses follow). */
    readonly onDidChange = this.changed.event;
    private readonly reported = new vscode.EventEmitter<ItemReport[]>();
    /** Fires after every run with what it reported (continuous runs included). */
    readonly onDidReport = this.reported.event;

    constructor(private readonly client: BaseLanguageClient) {
        this.profile = this.controller.createRunProfile('Run scenarios', vscode.TestRunProfileKind.Run, (request, token) => request.continuous
            ? watchScenarios(token, () => this.outDirs(), () => this.run(new vscode.TestRunRequest(request.include, request.exclude, request.profile), token))
            : this.run(request, token).then(() => undefined), true, undefined, true);
        this.controller.refreshHandler = token => this.refresh(token);
        // Registered before the client starts: the server's first build already notifies.
        client.onNotification(ScenariosChangedNotification, change => this.apply(change));
    }

    /** Replaces every item with the server's current list. */
    async refresh(token?: vscode.CancellationToken): Promise<void> {
        const files = await this.client.sendRequest(ScenarioListRequest, token);
        const listed = new Set(files.map(file => file.uri));
        const gone: string[] = [];
        this.controller.items.forEach(item => { if (!listed.has(item.id)) gone.push(item.id); });
        this.apply({ changed: files, removed: gone });
    }

    apply(change: ScenariosChanged): void {
        for (const uri of change.removed) this.controller.items.delete(uri);
        for (const file of change.changed) this.applyFile(file);
        this.changed.fire();
    }

    /** Every scenario item, in tree order. */
    scenarioItems(within?: Iterable<vscode.TestItem>): vscode.TestItem[] {
        const found: vscode.TestItem[] = [];
        const visit = (item: vscode.TestItem) => {
            if (item.children.size === 0 && item.range) found.push(item);
            else item.children.forEach(visit);
        };
        if (within) for (const item of within) visit(item);
        else this.controller.items.forEach(visit);
        return found;
    }

    findItem(id: string): vscode.TestItem | undefined {
        return this.scenarioItems().find(item => item.id === id);
    }

    /** Runs what the request includes (everything when it names nothing) and reports it on a new test run. */
    async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<ItemReport[]> {
        const run = this.controller.createTestRun(request);
        try {
            const excluded = new Set((request.exclude ?? []).map(item => item.id));
            const items = this.scenarioItems(request.include).filter(item => !excluded.has(item.id) && !hasExcludedParent(item, excluded));
            for (const item of items) run.enqueued(item);
            if (items.length === 0) {
                run.appendOutput('No scenario to run: the workspace\'s .loom files have none.\r\n');
                return [];
            }
            const folder = workspaceFolderOf(items[0].uri);
            if (!folder) {
                const message = 'Not run: open the folder of the models as a workspace; the generated code belongs to a workspace folder.';
                for (const item of items) run.errored(item, new vscode.TestMessage(message));
                return [];
            }
            const configured = configuredOutDir(folder);
            const outDir = path.resolve(folder.uri.fsPath, configured);
            warnAboutUnsavedCode(run, outDir, configured);
            for (const item of items) run.started(item);
            let report: RunReport;
            let codeNote = '';
            try {
                const result = await vscode.window.withProgress(
                    { location: vscode.ProgressLocation.Window, title: `Eventloom: running ${items.length === 1 ? 'a scenario' : `${items.length} scenarios`}…` },
                    () => this.client.sendRequest(RunScenariosRequest, { outDir }, token));
                const ran = result.modelErrors.length === 0 && result.notReady === 0;
                codeNote = !ran ? '' : result.codeFrom === 'memory' ? ` (code generated in memory: nothing in ${configured} yet)`
                    : result.updated.length > 0 ? ` (updated ${result.updated.length} stale file(s) in ${configured} first)` : '';
                report = reportRun(result, items.map(item => item.id), {
                    outDir: configured,
                    fileLabel: uriOrPath => vscode.workspace.asRelativePath(uriOrPath.includes('://') ? vscode.Uri.parse(uriOrPath) : vscode.Uri.file(uriOrPath), false),
                    fileUri: file => vscode.Uri.file(file).toString()
                });
            } catch (error) {
                if (token.isCancellationRequested) {
                    for (const item of items) run.skipped(item);
                    return [];
                }
                // The server refused (an output folder it will not touch) or failed: its message says why.
                const message = `Not run: ${error instanceof Error ? error.message : String(error)}`;
                run.appendOutput(`${message}\r\n`);
                for (const item of items) run.errored(item, new vscode.TestMessage(message));
                void vscode.window.showErrorMessage(`Eventloom: ${message}`);
                return [];
            }
            const byId = new Map(items.map(item => [item.id, item]));
            for (const line of report.output) {
                run.appendOutput(`${line.text}\r\n`, line.location && locationOf(line.location), line.id ? byId.get(line.id) : undefined);
            }
            for (const entry of report.items) reportItem(run, byId.get(entry.id)!, entry);
            vscode.window.setStatusBarMessage(`Eventloom scenarios: ${report.summary}${codeNote}`, 10_000);
            const errored = report.items.find(entry => entry.verdict === 'errored');
            if (errored?.message) void vscode.window.showErrorMessage(`Eventloom: ${errored.message}`);
            this.reported.fire(report.items);
            return report.items;
        } finally {
            run.end();
        }
    }

    /** The output folders of the workspace's folders (where continuous runs watch for saved code). */
    private outDirs(): string[] {
        return (vscode.workspace.workspaceFolders ?? []).map(folder => path.resolve(folder.uri.fsPath, configuredOutDir(folder)));
    }

    dispose(): void {
        this.controller.dispose();
        this.changed.dispose();
        this.reported.dispose();
    }

    private applyFile(file: ScenarioFile): void {
        const uri = vscode.Uri.parse(file.uri);
        const node = fileNodeOf(file, vscode.workspace.asRelativePath(uri, false));
        if (!node) {
            this.controller.items.delete(file.uri);
            return;
        }
        const existing = this.controller.items.get(node.id);
        this.controller.items.add(this.itemOf(node, uri, existing));
    }

    /** The item for a node, reusing the existing one (its results stay) and updating it in place. */
    private itemOf(node: ScenarioNode, uri: vscode.Uri, existing: vscode.TestItem | undefined): vscode.TestItem {
        const item = existing ?? this.controller.createTestItem(node.id, node.label, uri);
        item.label = node.label;
        item.description = node.description;
        item.range = node.range && rangeOf(node.range);
        // Sorted by where they are in the file (a group by its first scenario), not by name.
        const line = node.range?.start.line ?? node.children[0]?.range?.start.line;
        item.sortText = line === undefined ? undefined : String(line).padStart(8, '0');
        item.children.replace(node.children.map(child => this.itemOf(child, uri, item.children.get(child.id))));
        return item;
    }
}

function reportItem(run: vscode.TestRun, item: vscode.TestItem, entry: ItemReport): void {
    if (entry.verdict === 'passed') return run.passed(item);
    if (entry.verdict === 'skipped') return run.skipped(item);
    const message = entry.expected !== undefined && entry.actual !== undefined
        ? vscode.TestMessage.diff(entry.message ?? '', entry.expected, entry.actual)
        : new vscode.TestMessage(entry.message ?? '');
    if (entry.location) message.location = locationOf(entry.location);
    if (entry.verdict === 'failed') run.failed(item, message);
    else run.errored(item, message);
}

function hasExcludedParent(item: vscode.TestItem, excluded: ReadonlySet<string>): boolean {
    for (let parent = item.parent; parent; parent = parent.parent) if (excluded.has(parent.id)) return true;
    return false;
}

/** Edits of the generated files that are not saved are not what runs: say so before running. */
function warnAboutUnsavedCode(run: vscode.TestRun, outDir: string, shown: string): void {
    const unsaved = vscode.workspace.textDocuments.filter(document => document.isDirty && document.uri.scheme === 'file'
        && !path.relative(outDir, document.uri.fsPath).startsWith('..'));
    if (unsaved.length === 0) return;
    run.appendOutput(`Unsaved changes in ${unsaved.map(document => path.relative(outDir, document.uri.fsPath)).join(', ')} (${shown}) are not part of this run: save them first.\r\n`);
}

function configuredOutDir(folder: vscode.WorkspaceFolder): string {
    return vscode.workspace.getConfiguration('eventloom', folder.uri).get<string>('generate.outDir', 'src/generated').trim() || 'src/generated';
}

function workspaceFolderOf(uri: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
    const owner = uri && vscode.workspace.getWorkspaceFolder(uri);
    if (owner) return owner;
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.length === 1 ? folders[0] : undefined;
}

function rangeOf(range: LspRange): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function locationOf(location: ReportLocation): vscode.Location {
    return new vscode.Location(vscode.Uri.parse(location.uri), new vscode.Position(location.line, location.character));
}
