/**
 * What a run of scenarios tells the user, as plain data (no `vscode` here, so it is unit-tested):
 * a verdict per requested test item with its message, expected and actual values and where to
 * show it, and the lines of the run's output. A model with errors or generated code that does not
 * load says what to fix and where; a failure is shown at its scenario's line, as the CLI prints it.
 */
import { countOf } from '../../language/wording.js';
import type { CodeProblem, RunScenariosResult } from '../../protocol/scenario-requests.js';
import { scenarioId } from './scenario-tree.js';

export interface ReportLocation {
    uri: string;
    /** 0-based. */
    line: number;
    character: number;
}

export interface ItemReport {
    id: string;
    verdict: 'passed' | 'failed' | 'errored' | 'skipped';
    message?: string;
    expected?: string;
    actual?: string;
    location?: ReportLocation;
}

export interface OutputLine {
    text: string;
    location?: ReportLocation;
    /** The test item the line is about. */
    id?: string;
}

export interface RunReport {
    items: ItemReport[];
    output: OutputLine[];
    /** `2 passed, 1 failed`, for the run's last line and a notification. */
    summary: string;
}

export interface ReportWords {
    /** How the output folder is shown (`src/generated`). */
    outDir: string;
    /** How a file is shown (relative to the workspace). */
    fileLabel: (uriOrPath: string) => string;
    /** A file path as a URI the editor opens. */
    fileUri: (path: string) => string;
}

/** `requested`: the ids of the scenario items to report, in the order the run should list them. */
export function reportRun(result: RunScenariosResult, requested: readonly string[], words: ReportWords): RunReport {
    if (result.modelErrors.length > 0) {
        const [first] = result.modelErrors;
        const at = { uri: first.uri, line: first.range.start.line, character: first.range.start.character };
        const where = (uri: string, line: number, character: number) => `${words.fileLabel(uri)}:${line + 1}:${character + 1}`;
        const firstAt = `${where(first.uri, at.line, at.character)}: ${first.message}`;
        const message = result.modelErrors.length === 1
            ? `Not run: the model has an error. Fix it first: ${firstAt}`
            : `Not run: the model has ${countOf(result.modelErrors.length, 'error')}. Fix them first (see the Problems view); the first is ${firstAt}`;
        return {
            items: requested.map(id => ({ id, verdict: 'errored', message, location: at })),
            output: [
                { text: `The model has ${countOf(result.modelErrors.length, 'error')}; no scenario was run. Fix ${result.modelErrors.length === 1 ? 'it' : 'them'} first:` },
                ...result.modelErrors.map(error => ({
                    text: `${where(error.uri, error.range.start.line, error.range.start.character)}: error: ${error.message}`,
                    location: { uri: error.uri, line: error.range.start.line, character: error.range.start.character }
                }))
            ],
            summary: `not run: the model has ${countOf(result.modelErrors.length, 'error')}`
        };
    }
    if (result.notReady > 0) {
        const message = `Not run: ${countOf(result.notReady, 'model file')} ${result.notReady === 1 ? 'is' : 'are'} still being checked. Run again in a moment.`;
        return { items: requested.map(id => ({ id, verdict: 'errored', message })), output: [{ text: message }], summary: 'not run: the model is still being checked' };
    }

    const output: OutputLine[] = [];
    if (result.codeFrom === 'memory') {
        output.push({ text: `No generated code in ${words.outDir} yet: the scenarios ran against code generated in memory (the model's rules, and stubs where a rule is hand-written). "Eventloom: Generate Code" writes it there, for you to fill in the stubs.` });
    } else if (result.updated.length > 0) {
        output.push({ text: `The generated code in ${words.outDir} was stale: updated ${countOf(result.updated.length, 'file')} first (${result.updated.join(', ')}); your hand-written bodies are kept.` });
    }
    for (const problem of result.problems) {
        output.push({ text: `${codeWhere(problem, words)}: error: ${problem.message}`, location: codeLocation(problem, words) });
    }

    const byId = new Map(result.scenarios.map(scenario => [scenarioId(scenario.uri, scenario.context, scenario.name), scenario]));
    const items: ItemReport[] = [];
    const counts = { passed: 0, failed: 0, notRun: 0 };
    for (const id of requested) {
        const scenario = byId.get(id);
        if (!scenario) {
            counts.notRun++;
            items.push({ id, verdict: 'skipped' });
            output.push({ id, text: `not run: ${id.slice(id.indexOf('#') + 1)} is no longer in the model.` });
            continue;
        }
        const at: ReportLocation = { uri: scenario.uri, line: scenario.line, character: 0 };
        const where = `${words.fileLabel(scenario.uri)}:${scenario.line + 1}:1`;
        const outcome = scenario.outcome;
        if (outcome.kind === 'passed') {
            counts.passed++;
            items.push({ id, verdict: 'passed' });
        } else if (outcome.kind === 'failed') {
            counts.failed++;
            items.push({ id, verdict: 'failed', message: `Expected ${outcome.expected}, got ${outcome.actual}`, expected: outcome.expected, actual: outcome.actual, location: at });
            // No location: the failure's message is already shown at that line.
            output.push({ id, text: `${where}: error: scenario "${scenario.name}": expected ${outcome.expected}, got ${outcome.actual}` });
        } else if (outcome.problems.length > 0) {
            counts.notRun++;
            const [first] = outcome.problems;
            items.push({
                id, verdict: 'errored', location: codeLocation(first, words),
                message: `Not run: ${outcome.reason}: ${codeWhere(first, words)}: ${first.message}. Fix it there (or regenerate), then run again.`
            });
            output.push({ id, text: `${where}: not run: scenario "${scenario.name}": ${outcome.reason}.` });
        } else {
            counts.notRun++;
            items.push({ id, verdict: 'skipped' });
            output.push({ id, location: at, text: `${where}: not run: scenario "${scenario.name}": ${outcome.reason}.` });
        }
    }
    const summary = `${counts.passed} passed, ${counts.failed} failed${counts.notRun > 0 ? `, ${counts.notRun} not run` : ''}`;
    output.push({ text: summary });
    return { items, output, summary };
}

function codeWhere(problem: CodeProblem, words: ReportWords): string {
    return `${words.fileLabel(problem.file)}:${problem.line}:${problem.column}`;
}

function codeLocation(problem: CodeProblem, words: ReportWords): ReportLocation {
    return { uri: words.fileUri(problem.file), line: problem.line - 1, character: problem.column - 1 };
}
