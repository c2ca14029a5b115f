/** The `path:line:column: severity: message` lines editors and CI annotate from, and the summary. */
import * as path from 'node:path';
import { countOf } from '../language/wording.js';

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
    const errors = problems.filter(p => p.severity === 'error').length;
    const warnings = problems.filter(p => p.severity === 'warning').length;
    const files = countOf(fileCount, 'file');
    if (errors === 0 && warnings === 0) return `No problems in ${files}.`;
    return `${countOf(errors, 'error')}, ${countOf(warnings, 'warning')} in ${files}.`;
}

/** Problems in a stable order: by file, then position. */
export function sortProblems(problems: FileProblem[]): FileProblem[] {
    return problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
}
