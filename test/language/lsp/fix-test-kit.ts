/**
 * Applying a quick fix the way an editor does: build the workspace, find the diagnostic, ask the
 * code-action provider, apply the chosen edit, rebuild and re-validate the fixed workspace.
 */
import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Model } from '../../../src/language/generated/ast.js';
import { applyWorkspaceEdit, fileName, lsp, openWorkspace } from './lsp-test-kit.js';

export function codeOf(diagnostic: Diagnostic): string | undefined {
    return (diagnostic.data as { code?: string } | undefined)?.code;
}

export interface FixResult {
    /** The titles of every fix offered. */
    titles: string[];
    /** The texts of the files after applying the chosen fix, by file name. */
    texts: Record<string, string>;
    /** Diagnostics of the fixed workspace, `file:line: [severity] code message`. */
    after: string[];
}

/**
 * Builds the workspace, finds the one diagnostic with `code` on `onText` in `file`, asks for its
 * code actions, applies the one whose title matches `choose` (the only one by default),
 * rebuilds and re-validates the workspace.
 */
export async function applyFix(files: Record<string, string>, file: string, code: string, onText: string, choose?: RegExp): Promise<FixResult> {
    const { documents, diagnostics, actions } = await fixesFor(files, file, code, onText);
    const chosen = choose ? actions.filter(a => choose.test(a.title)) : actions;
    assert.equal(chosen.length, 1, `expected one fix matching ${choose}, got: ${actions.map(a => a.title).join(' | ')}`);
    assert.deepEqual(chosen[0].diagnostics, diagnostics);
    return applied(documents, actions, chosen[0]);
}

/** The titles of the fixes offered for the one diagnostic with `code` on `onText`. */
export async function fixTitles(files: Record<string, string>, file: string, code: string, onText: string): Promise<string[]> {
    return (await fixesFor(files, file, code, onText)).actions.map(a => a.title);
}

async function fixesFor(files: Record<string, string>, file: string, code: string, onText: string) {
    const documents = await openWorkspace(files);
    const document = documents[file];
    const diagnostics = (document.diagnostics ?? []).filter(d => codeOf(d) === code && document.textDocument.getText(d.range) === onText);
    assert.equal(diagnostics.length, 1, `expected one ${code} on '${onText}', found:\n${describeAll(Object.values(documents)).join('\n')}`);
    return { documents, diagnostics, actions: await codeActions(document, diagnostics[0].range, diagnostics) };
}

/**
 * The code actions offered at the `n`-th occurrence of `atText` in `file` when no diagnostic is
 * there (what the editor's light bulb shows at the cursor); applies the one matching `choose`.
 */
export async function applyActionAt(files: Record<string, string>, file: string, atText: string, choose: RegExp, { n = 0 } = {}): Promise<FixResult> {
    const documents = await openWorkspace(files);
    const document = documents[file];
    const range = rangeOf(document, atText, n);
    const actions = await codeActions(document, range, []);
    const chosen = actions.filter(a => choose.test(a.title));
    assert.equal(chosen.length, 1, `expected one action matching ${choose}, got: ${actions.map(a => a.title).join(' | ')}`);
    return applied(documents, actions, chosen[0]);
}

/** The titles of the actions offered at `atText` with no diagnostic there. */
export async function actionTitlesAt(files: Record<string, string>, file: string, atText: string, { n = 0 } = {}): Promise<string[]> {
    const documents = await openWorkspace(files);
    const document = documents[file];
    return (await codeActions(document, rangeOf(document, atText, n), [])).map(a => a.title);
}

async function codeActions(document: LangiumDocument, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return (await lsp.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range, context: { diagnostics }
    }) ?? []) as CodeAction[];
}

function rangeOf(document: LangiumDocument, text: string, n: number): Range {
    let offset = -1;
    for (let i = 0; i <= n; i++) {
        offset = document.textDocument.getText().indexOf(text, offset + 1);
        assert.ok(offset >= 0, `'${text}' (occurrence ${n}) is not in the document`);
    }
    const start = document.textDocument.positionAt(offset);
    return { start, end: start };
}

async function applied(documents: Record<string, LangiumDocument<Model>>, actions: CodeAction[], chosen: CodeAction): Promise<FixResult> {
    const changed = applyWorkspaceEdit(chosen.edit!, Object.values(documents));
    const texts = Object.fromEntries(Object.entries(documents).map(([name, d]) => [name, changed.get(d.uri.toString()) ?? d.textDocument.getText()]));
    const fixed = await openWorkspace(texts);
    return { titles: actions.map(a => a.title), texts, after: describeAll(Object.values(fixed)) };
}

export function describeAll(documents: LangiumDocument[]): string[] {
    return documents.flatMap(document => (document.diagnostics ?? []).map(d =>
        `${fileName(document.uri.toString())}:${d.range.start.line + 1}: [${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'}] ${codeOf(d) ?? ''} ${d.message}`));
}

export function errorsIn(after: string[]): string[] {
    return after.filter(line => line.includes('[error]'));
}
