/** The `path:line:column: severity: message` lines editors and CI annotate from, and the summary. */
import * as path from 'node:path';
import { countOf } from '../language/wording.js';
import type { LeftOut } from '../language/validation/diagnostic-limits.js';

export interface FileProblem {
    path: string;
    /** 1-based. */
    line: number;
    /** 1-based. */
    column: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    message: string;
    /** A scenario the model's own rules fail (an error for `validate` only). */
    scenarioFails?: boolean;
    /** The note where a file's list of one kind was cut: the problems it stands for, which are not listed. */
    leftOut?: LeftOut;
}

export function formatProblem(problem: FileProblem, cwd: string): string {
    return `${displayPath(problem.path, cwd)}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`;
}

/** Relative to the working directory when inside it, as compilers print paths. */
export function displayPath(file: string, cwd: string): string {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export function summarize(problems: readonly FileProblem[], fileCount: number): string {
    let errors = 0, warnings = 0, notListed = 0;
    for (const problem of problems) {
        if (problem.leftOut) {
            errors += problem.leftOut.errors;
            warnings += problem.leftOut.warnings;
            notListed += problem.leftOut.errors + problem.leftOut.warnings;
        } else if (problem.severity === 'error') errors++;
        else if (problem.severity === 'warning') warnings++;
    }
    const files = countOf(fileCount, 'file');
    if (errors === 0 && warnings === 0) return `No problems in ${files}.`;
    const unlisted = notListed > 0 ? ` (${notListed} of them not listed)` : '';
    return `${countOf(errors, 'error')}, ${countOf(warnings, 'warning')} in ${files}${unlisted}.`;
}

/** Problems in a stable order: by file, then position. */
export function sortProblems(problems: FileProblem[]): FileProblem[] {
    return problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
}
