/**
 * `eventloom test <files or folders> [--out <dir>]`: runs every scenario against the generated
 * code with the user's hand-written bodies (DESIGN §4). With `--out`, the output folder is brought
 * up to date first (only what is stale is written, user code merged as `generate` does); without,
 * the code is generated in memory (the model's own bodies and the stubs). The scenarios run in
 * this process, through the core the editor's Test Explorer uses (`runModelScenarios`); each failure is printed at its scenario as `path:line:col: error: scenario "…":
 * expected …, got …`, then `N passed, M failed`; exit 1 on a failure.
 */
import * as path from 'node:path';
import { loadGenerator } from '../generator/load-generator.js';
import { checkModel } from './check-model.js';
import type { CliOutput } from './cli-output.js';
import { displayPath, formatProblem, summarize } from './report.js';
import { UsageError } from './usage-error.js';

export interface TestOptions {
    out?: string;
}

export async function testCommand(inputs: readonly string[], options: TestOptions, output: CliOutput): Promise<number> {
    const checked = await checkModel(inputs, output.cwd);
    // Scenarios the interpreter fails are reported below, by running them against the code.
    const modelErrors = checked.problems.filter(problem => problem.severity === 'error' && !problem.scenarioFails);
    for (const problem of modelErrors) output.err(formatProblem(problem, output.cwd));
    if (checked.hasModelErrors) {
        output.err(`${summarize(modelErrors, checked.files.length)} Fix the errors first; no scenario was run.`);
        return 1;
    }
    const generator = await loadGenerator();
    let run;
    try {
        run = await generator.runModelScenarios(checked.documents, { ...(options.out ? { outDir: path.resolve(output.cwd, options.out) } : {}), resolveFrom: output.cwd });
    } catch (error) {
        if (error instanceof generator.OutputFolderError) throw new UsageError(error.message);
        throw error;
    }
    const codeFolder = run.outDir ?? output.cwd;
    if (run.updated.length > 0) output.out(`The output was stale: updated ${run.updated.length} file(s) in ${displayPath(codeFolder, output.cwd)}.`);
    for (const problem of run.problems) {
        const where = problem.path ? `${displayPath(path.join(codeFolder, ...problem.path.split('/')), output.cwd)}:${problem.line}:${problem.column}` : 'eventloom';
        output.err(`${where}: error: ${problem.message}${problem.context ? ` (the scenarios of ${problem.context} cannot run: fix the generated code)` : ''}`);
    }
    let passed = 0, failed = 0, notRun = 0;
    for (const scenario of run.scenarios) {
        if (scenario.outcome.kind === 'passed') passed++;
        else if (scenario.outcome.kind === 'notRun') notRun++;
        else {
            failed++;
            output.out(`${displayPath(scenario.fsPath, output.cwd)}:${scenario.line}:${scenario.column}: error: scenario "${scenario.name}": expected ${scenario.outcome.expected}, got ${scenario.outcome.actual}`);
        }
    }
    output.out(`${passed} passed, ${failed} failed${notRun > 0 ? `, ${notRun} not run` : ''}`);
    return failed > 0 || run.problems.length > 0 ? 1 : 0;
}
