/**
 * How many diagnostics one file gets. A 10 MB file can hold a million errors (one misplaced line,
 * copied); listing them all helps nobody, and the language server could not even send them: the
 * message would be a JSON string past the engine's limit, and Langium adds a check's diagnostics to
 * the list with one `push(...all)`, which a few hundred thousand overflow. So the syntax errors stop
 * at MAX_SYNTAX_ERRORS and all of a file's problems at MAX_DIAGNOSTICS, each time with one more
 * diagnostic where the list was cut, saying how many are left out and what to do.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { issue, IssueCodes } from './issue-codes.js';

/** Far more than anyone fixes in one go; after the first few, syntax errors mostly follow from them. */
export const MAX_SYNTAX_ERRORS = 1_000;
/** A hundred times the problems of a real model at its worst. */
export const MAX_DIAGNOSTICS = 10_000;

export type LimitNote = (shown: number, left: number) => string;

export const syntaxErrorsLeftOut: LimitNote = (shown, left) =>
    `${shown.toLocaleString('en')} syntax errors are shown; ${left.toLocaleString('en')} more from here on are not. Fix the first ones: one syntax error often causes the next.`;

export const problemsLeftOut: LimitNote = (shown, left) =>
    `${shown.toLocaleString('en')} problems of this kind are shown; ${left.toLocaleString('en')} more in this file are not. Fix the ones shown first.`;

/** The first `max` diagnostics and, when there were more, one at the first left out that says how many. */
export function limitDiagnostics(diagnostics: Diagnostic[], max: number, note: LimitNote): Diagnostic[] {
    if (diagnostics.length <= max) return diagnostics;
    const cut = diagnostics[max];
    const shown = diagnostics.slice(0, max);
    shown.push({ severity: DiagnosticSeverity.Error, range: cut.range, message: note(max, diagnostics.length - max), source: cut.source, data: issue(IssueCodes.DiagnosticsLeftOut) });
    return shown;
}

