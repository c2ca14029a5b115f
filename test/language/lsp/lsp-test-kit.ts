/**
 * Shared set-up for the editor-feature tests: a small two-context workspace (Banking with two
 * aggregates, Shipping consuming its events), cursor markers, and helpers that open a document in
 * it and call a provider the way the language server does.
 */
import * as assert from 'node:assert/strict';
import { URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Model } from '../../../src/language/generated/ast.js';
import { buildWorkspace, freshFolder } from '../../kit/workspace.js';
import { clearWorkspace, services } from '../language-test-kit.js';

export { services, clearWorkspace };
export const lsp = services.Eventloom;

export const BANKING = `/** Accounts and their money. */
context Banking

enum Currency { EUR, USD }

aggregate Account {
  id accountId: uuid

  /** Opens an account for its owner. */
  command Open {
    owner: string
    currency: Currency
    emits Opened
  }

  command Withdraw {
    amount: decimal
    note?: string
    emits Withdrawn
    rejects Insufficient
  }

  /** The account exists. */
  event Opened { owner: string, currency: Currency }
  event Withdrawn { amount: decimal }

  error Insufficient { requested: decimal }
}

aggregate Card {
  id cardId: uuid
  command Block { emits Blocked }
  event Blocked {}
  error CardExpired
}

readmodel Balance {
  key accountId: uuid
  amount: decimal = 0
  on Opened, Withdrawn
}

policy BlockOnOverdraft {
  on Withdrawn
  issues Block
}

scenario "cannot overdraw" {
  given Opened { owner: "Ann", currency: EUR }
  when Withdraw { amount: 150 }
  then rejected Insufficient
}
`;

export const SHIPPING = `context Shipping

aggregate Parcel {
  id parcelId: uuid
  command Dispatch { accountId: uuid, emits Dispatched }
  event Dispatched { accountId: uuid }
}

readmodel AccountsSeen {
  key accountId: uuid
  on Banking.Opened, Dispatched
}
`;

/** Builds the files as one workspace (after clearing the previous one); keyed by file name. */
export async function openWorkspace(files: Record<string, string>): Promise<Record<string, LangiumDocument<Model>>> {
    await clearWorkspace();
    const names = Object.keys(files);
    const documents = await buildWorkspace(files, { shared: services.shared, folder: freshFolder('/lsp-test/ws') });
    return Object.fromEntries(documents.map((document, i) => [names[i], document]));
}

/** The two-context workspace most LSP suites start each test from (BANKING and SHIPPING), checked clean. */
export async function openBankingAndShipping(): Promise<{ banking: LangiumDocument<Model>; shipping: LangiumDocument<Model> }> {
    const documents = await openWorkspace({ 'banking.loom': BANKING, 'shipping.loom': SHIPPING });
    assert.deepEqual(problemsOf(Object.values(documents)), [], 'the test workspace is clean');
    return { banking: documents['banking.loom'], shipping: documents['shipping.loom'] };
}

/** Every diagnostic of the documents, as `file:line: message` (empty for a clean workspace). */
export function problemsOf(documents: Iterable<LangiumDocument>): string[] {
    return [...documents].flatMap(document => (document.diagnostics ?? [])
        .map(d => `${fileName(document.uri.toString())}:${d.range.start.line + 1}: ${d.message}`));
}

/** The position of the `n`-th occurrence (0-based) of `text` in the document, plus `shift` characters. */
export function positionOf(document: LangiumDocument, text: string, { n = 0, shift = 0 } = {}): Position {
    let offset = -1;
    for (let i = 0; i <= n; i++) {
        offset = document.textDocument.getText().indexOf(text, offset + 1);
        if (offset < 0) throw new Error(`'${text}' (occurrence ${n}) is not in ${document.uri.toString()}`);
    }
    return document.textDocument.positionAt(offset + shift);
}

export function textDocumentPosition(document: LangiumDocument, position: Position) {
    return { textDocument: { uri: document.uri.toString() }, position };
}

/** Applies a workspace edit's changes to each document's text; returns the new texts by URI. */
export function applyWorkspaceEdit(edit: WorkspaceEdit, documents: LangiumDocument[]): Map<string, string> {
    const texts = new Map<string, string>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
        const document = documents.find(d => d.uri.toString() === uri);
        if (!document) throw new Error(`The edit changes ${uri}, which is not open`);
        texts.set(uri, applyEdits(document.textDocument, edits));
    }
    return texts;
}

export function applyEdits(textDocument: TextDocument, edits: TextEdit[]): string {
    return TextDocument.applyEdits(textDocument, edits);
}

/** The file name of a document URI (`banking.loom`). */
export function fileName(uri: string): string {
    return URI.parse(uri).path.split('/').pop() ?? uri;
}
