/**
 * How many diagnostics one file gets. A 10 MB file can hold a million errors (one misplaced line,
 * copied); listing them all helps nobody, and the language server could not even send them: the
 * message would be a JSON string past the engine's limit, and Langium adds a check's diagnostics to
 * the list with one `push(...all)`, which a few hundred thousand overflow. So each kind (lexer errors,
 * parser errors, unresolved references, the checks' problems) stops at its limit, each time with one
 * more diagnostic where the list was cut, saying how many are left out and what to do.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/** Not a rule's code (those are in issue-codes.ts): the note where a list was cut. */
export const DIAGNOSTICS_LEFT_OUT_CODE = 'eventloom.diagnostics-left-out';

/** Far more than anyone fixes in one go; after the first few, syntax errors mostly follow from them. */
export const MAX_SYNTAX_ERRORS = 1_000;
/** A hundred times the problems of a real model at its worst. */
export const MAX_DIAGNOSTICS = 10_000;

/** The note's text, from how many are shown and how many are left out. */
export type LimitNote = (shown: number, left: number) => string;

const count = (n: number) => n.toLocaleString('en');

export const unreadableCharactersLeftOut: LimitNote = (shown, left) =>
    `${count(shown)} unreadable characters are shown; ${count(left)} more from here on are not. Fix the first ones, then validate again (is this file a model at all?).`;

export const syntaxErrorsLeftOut: LimitNote = (shown, left) =>
    `${count(shown)} syntax errors are shown; ${count(left)} more from here on are not. Fix the first ones, then validate again: one syntax error often causes the next.`;

export const unresolvedReferencesLeftOut: LimitNote = (shown, left) =>
    `${count(shown)} unresolved references are shown; ${count(left)} more from here on are not. Fix the first ones, then validate again: one missing declaration often causes many.`;

export const problemsLeftOut: LimitNote = (shown, left) =>
    `${count(shown)} problems found by Eventloom's checks are shown; ${count(left)} more in this file are not. Fix the ones shown, then validate again.`;

/**
 * The first `max` diagnostics and, when there were more, one at the first left out that says how
 * many. The note is as severe as the worst it leaves out, so a cut never hides that a file fails.
 */
export function limitDiagnostics(diagnostics: Diagnostic[], max: number, note: LimitNote): Diagnostic[] {
    if (diagnostics.length <= max) return diagnostics;
    const cut = diagnostics[max];
    const leftOut: LeftOut = { errors: 0, warnings: 0, others: 0 };
    for (let i = max; i < diagnostics.length; i++) {
        const severity = diagnostics[i].severity ?? DiagnosticSeverity.Error;
        if (severity === DiagnosticSeverity.Error) leftOut.errors++;
        else if (severity === DiagnosticSeverity.Warning) leftOut.warnings++;
        else leftOut.others++;
    }
    const severity = leftOut.errors > 0 ? DiagnosticSeverity.Error : leftOut.warnings > 0 ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
    const shown = diagnostics.slice(0, max);
    shown.push({ severity, range: cut.range, message: note(max, diagnostics.length - max), source: cut.source, data: { code: DIAGNOSTICS_LEFT_OUT_CODE, leftOut } });
    return shown;
}

/** What a note stands for, by severity: the CLI's summary counts them. */
export interface LeftOut { errors: number; warnings: number; others: number }

/** The problems a diagnostic stands for when it is a note of a cut list. */
export function leftOutBy(diagnostic: Diagnostic): LeftOut | undefined {
    const data = diagnostic.data as { code?: unknown; leftOut?: LeftOut } | undefined;
    return data?.code === DIAGNOSTICS_LEFT_OUT_CODE ? data.leftOut : undefined;
}
