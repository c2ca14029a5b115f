/**
 * Shared set-up for the language tests: one set of Eventloom services (no file system), helpers to
 * validate one model or a multi-file workspace, and diagnostic assertions that print every
 * diagnostic of the document when they fail (Langium's own say only "Found no issues").
 */
import * as assert from 'node:assert/strict';
import { AstUtils, EmptyFileSystem, type AstNode, type LangiumDocument, type Properties } from 'langium';
import { clearDocuments, filterByOptions, printDiagnostics, validationHelper, type ValidationResult } from 'langium/test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Field, FieldValue, Model } from '../../src/language/generated/ast.js';
import type { IssueCode } from '../../src/language/validation/issue-codes.js';
import { buildWorkspace } from '../kit/workspace.js';

export const services = createEventloomServices(EmptyFileSystem);
const validateText = validationHelper<Model>(services.Eventloom);

let nextFile = 0;

/** Parses, links and validates one model in a fresh file of the shared workspace. */
export async function validate(text: string): Promise<ValidationResult<Model>> {
    return validateText(text, { documentUri: `file:///test/model-${nextFile++}.loom` });
}

/** Builds several files together, as one workspace; keyed by file name. */
export async function validateFiles(files: Record<string, string>): Promise<Record<string, ValidationResult<Model>>> {
    const documents = await buildWorkspace(files, { shared: services.shared, folder: `/test/workspace-${nextFile++}` });
    const names = Object.keys(files);
    return Object.fromEntries(documents.map((document, i) => [names[i], resultOf(document)]));
}

export function resultOf(document: LangiumDocument<Model>): ValidationResult<Model> {
    return { document, diagnostics: document.diagnostics ?? [], dispose: () => clearDocuments(services.shared, [document]) };
}

/** Removes every document, so that one test's declarations never leak into the next. */
export async function clearWorkspace(): Promise<void> {
    await clearDocuments(services.shared);
}

export interface ExpectedDiagnostic<N extends AstNode> {
    code: IssueCode;
    /** The whole message, or a distinctive part of it. */
    message: string | RegExp;
    node: N;
    property?: Properties<N> | { name: Properties<N>; index?: number };
}

/** Exactly one error with this code, message and range (the node's property). */
export function expectError<N extends AstNode>(result: ValidationResult, expected: ExpectedDiagnostic<N>): Diagnostic {
    return expectOne(result, DiagnosticSeverity.Error, expected);
}

export function expectWarning<N extends AstNode>(result: ValidationResult, expected: ExpectedDiagnostic<N>): Diagnostic {
    return expectOne(result, DiagnosticSeverity.Warning, expected);
}

function expectOne<N extends AstNode>(result: ValidationResult, severity: DiagnosticSeverity, expected: ExpectedDiagnostic<N>): Diagnostic {
    const message = typeof expected.message === 'string' ? new RegExp(escapeRegExp(expected.message)) : expected.message;
    const matching = filterByOptions(result, {
        severity, message, data: { code: expected.code }, node: expected.node, property: expected.property
    } as Parameters<typeof filterByOptions>[1]);
    assert.equal(matching.length, 1,
        `Expected one ${severity === 1 ? 'error' : 'warning'} ${expected.code} matching ${message} on the ${String(expected.property ?? 'node')} of a ${expected.node.$type}; the document has:\n${listDiagnostics(result.diagnostics)}`);
    return matching[0];
}

/** No diagnostic with this code (any severity). */
export function expectNoIssue(result: ValidationResult, code: IssueCode): void {
    const found = result.diagnostics.filter(d => codeOf(d) === code);
    assert.equal(found.length, 0, `Expected no ${code}, found:\n${listDiagnostics(found)}`);
}

/** No diagnostic at all: no parse error, no unresolved name, no error, no warning. */
export function expectClean(result: ValidationResult): void {
    assert.equal(result.diagnostics.length, 0, `Expected a clean model, found:\n${listDiagnostics(result.diagnostics)}`);
}

/** No parse or lexer error (validation findings are allowed). */
export function expectParsed(result: ValidationResult): void {
    const { lexerErrors, parserErrors } = result.document.parseResult;
    assert.deepEqual([...lexerErrors, ...parserErrors].map(e => e.message), [], 'Expected the model to parse');
}

export function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function codeOf(diagnostic: Diagnostic): string | undefined {
    return (diagnostic.data as { code?: string } | undefined)?.code;
}

export function listDiagnostics(diagnostics: readonly Diagnostic[]): string {
    return diagnostics.length === 0 ? '  (nothing)' : diagnostics.map(d => `  [${d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : d.severity}] ${codeOf(d) ?? d.code ?? ''} ${printDiagnostics([d])}`).join('\n');
}

/** The text a diagnostic's range covers, to assert it sits exactly on a name. */
export function textAt(result: ValidationResult, diagnostic: Diagnostic): string {
    return result.document.textDocument.getText(diagnostic.range);
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first node of an AST type (and name, when given) in a model or any node below it. */
export function find(root: AstNode, type: string, name?: string): AstNode {
    const found = AstUtils.streamAst(root).find(node => node.$type === type && (name === undefined || (node as { name?: unknown }).name === name));
    if (!found) throw new Error(`No ${type}${name ? ` named ${name}` : ''} in the model`);
    return found;
}

/** The value given to (or the default of) the field named `fieldName`: the `index`-th such place. */
export function valueOf(root: AstNode, fieldName: string, index = 0): AstNode {
    const places = AstUtils.streamAst(root).filter(node =>
        (node.$type === 'FieldValue' && (node as FieldValue).field.$refText === fieldName)
        || (node.$type === 'Field' && (node as Field).name === fieldName && (node as Field).default !== undefined)).toArray();
    const place = places[index];
    if (!place) throw new Error(`No value for ${fieldName} #${index}`);
    return place.$type === 'FieldValue' ? (place as FieldValue).value : (place as Field).default!;
}

/**
 * Strips `<|` and `|>` from a model and returns the range they marked: the tests write the
 * expected range of a diagnostic right into the model text.
 */
export function marked(text: string): { text: string; start: number; end: number } {
    const start = text.indexOf('<|');
    const end = text.indexOf('|>');
    if (start < 0 || end < start) return { text, start: -1, end: -1 };
    return { text: text.slice(0, start) + text.slice(start + 2, end) + text.slice(end + 2), start, end: end - 2 };
}
