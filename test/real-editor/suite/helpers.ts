/**
 * What the in-host tests share: the fixture workspace, opening documents, and waiting for the
 * language server with a deadline (never a fixed sleep).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'eventloom.eventloom';

/** Activates the extension (idempotent) and returns its exports. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this host`);
    await extension.activate();
    return extension;
}

export function workspaceFolder(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need the fixture workspace open');
    return folder.uri;
}

export function workspaceFile(relativePath: string): vscode.Uri {
    return vscode.Uri.joinPath(workspaceFolder(), ...relativePath.split('/'));
}

/** Opens a workspace file in an editor, as a user would. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
    return vscode.window.showTextDocument(document);
}

/**
 * Models with deliberate mistakes, kept out of the shared workspace (whose models are valid, so
 * whole-workspace features like the preview see a clean model); tests copy in what they need.
 * The suite runs from out/test/real-editor/, three levels below the repository.
 */
export const FIXTURE_MODELS = path.resolve(__dirname, '../../../test/real-editor/fixtures/models');

/** Copies `fixtures/models/<name>` into the workspace and opens it; remove it with `deleteFile`. */
export async function addFixtureModel(name: string): Promise<vscode.TextEditor> {
    return createFile(name, fs.readFileSync(path.join(FIXTURE_MODELS, name), 'utf8'));
}

/** Deletes workspace files or folders (if present) and waits until the editor dropped their diagnostics. */
export async function deleteFiles(...relativePaths: string[]): Promise<void> {
    for (const relativePath of relativePaths) {
        const uri = workspaceFile(relativePath);
        await Promise.resolve(vscode.workspace.fs.delete(uri, { recursive: true })).catch(() => undefined);
    }
    await waitFor(() => relativePaths.every(relativePath => {
        const prefix = workspaceFile(relativePath).toString();
        return vscode.languages.getDiagnostics().every(([uri, diagnostics]) => !uri.toString().startsWith(prefix) || diagnostics.length === 0);
    }) ? true : undefined, () => `diagnostics of deleted ${relativePaths.join(', ')} linger`);
}

/** Writes a new file into the workspace and opens it; returns its editor. */
export async function createFile(relativePath: string, text: string): Promise<vscode.TextEditor> {
    const uri = workspaceFile(relativePath);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return openFixture(relativePath);
}

/**
 * Polls `check` until it returns a value other than undefined, re-checking whenever diagnostics
 * change and at least every 100 ms; fails with `describe()` of the last state after `timeoutMs`.
 */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, describe: () => string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms: ${describe()}`);
        await new Promise<void>(resolve => {
            const timer = setTimeout(done, 100);
            const subscription = vscode.languages.onDidChangeDiagnostics(done);
            function done(): void {
                clearTimeout(timer);
                subscription.dispose();
                resolve();
            }
        });
    }
}

/** A diagnostic as the tests compare it: severity, 1-based line:column range, message. */
export interface SimpleDiagnostic {
    severity: 'error' | 'warning' | 'info' | 'hint';
    range: string;
    message: string;
}

export function simplify(diagnostic: vscode.Diagnostic): SimpleDiagnostic {
    const severity = (['error', 'warning', 'info', 'hint'] as const)[diagnostic.severity];
    const { start, end } = diagnostic.range;
    return { severity, range: `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`, message: diagnostic.message };
}

/** The document's diagnostics from the Eventloom server, in document order. */
export function eventloomDiagnostics(uri: vscode.Uri): SimpleDiagnostic[] {
    return vscode.languages.getDiagnostics(uri)
        .filter(diagnostic => diagnostic.source === undefined || diagnostic.source === 'eventloom')
        .sort((a, b) => a.range.start.compareTo(b.range.start))
        .map(simplify);
}

/**
 * Waits until the document's diagnostics equal `expected` (order-insensitive by position) and
 * returns them; on timeout the assertion shows what the editor had instead.
 */
export async function expectDiagnostics(uri: vscode.Uri, expected: SimpleDiagnostic[], timeoutMs = 30_000): Promise<void> {
    const key = (list: SimpleDiagnostic[]) => JSON.stringify(list);
    let last: SimpleDiagnostic[] = [];
    try {
        await waitFor(() => {
            last = eventloomDiagnostics(uri);
            return key(last) === key(expected) ? true : undefined;
        }, () => 'diagnostics differ', timeoutMs);
    } catch {
        assert.deepStrictEqual(last, expected, `diagnostics of ${vscode.workspace.asRelativePath(uri)} after ${timeoutMs} ms`);
    }
}

/** Replaces the whole text of the editor's document through the editor API, like typing would. */
export async function replaceText(editor: vscode.TextEditor, search: string, replacement: string): Promise<void> {
    const text = editor.document.getText();
    const offset = text.indexOf(search);
    assert.ok(offset >= 0, `'${search}' not found in ${editor.document.uri.path}`);
    const range = new vscode.Range(editor.document.positionAt(offset), editor.document.positionAt(offset + search.length));
    const applied = await editor.edit(builder => builder.replace(range, replacement));
    assert.ok(applied, 'the edit was not applied');
}

/** Position of the `occurrence`-th (0-based) match of `search`, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, search: string, delta = 0, occurrence = 0): vscode.Position {
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) {
        offset = document.getText().indexOf(search, offset + 1);
        assert.ok(offset >= 0, `'${search}' (#${occurrence}) not found in ${document.uri.path}`);
    }
    return document.positionAt(offset + delta);
}

/** Closes all editors, reverting unsaved changes, so each test starts from the files on disk. */
export async function closeAllEditors(): Promise<void> {
    for (const document of vscode.workspace.textDocuments.filter(candidate => candidate.isDirty)) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * A screenshot of the whole workbench, taken by the harness outside the extension host (which
 * cannot see the page): asked for on the console, then waited for. Only the code-server runner
 * takes them (it sets EVENTLOOM_SCREENSHOTS to its folder); elsewhere this does nothing. Returns
 * the file's path.
 */
export async function screenshot(name: string): Promise<string | undefined> {
    const folder = process.env.EVENTLOOM_SCREENSHOTS;
    if (!folder) return undefined;
    const file = path.join(folder, `${name}.png`);
    fs.rmSync(file, { force: true });
    console.log(`[eventloom-screenshot] ${name}`);
    return waitFor(() => fs.existsSync(file) ? file : undefined, () => `the harness did not write ${file}`, 30_000);
}

