/**
 * `eventloom test <files or folders> [--out <dir>]`: runs every scenario against the generated
 * code with the user's hand-written bodies (DESIGN §4). With `--out`, the output folder is brought
 * up to date first (only what is stale is written, user code merged as `generate` does); without,
 * the code is generated in memory (the model's own bodies and the stubs). The scenarios run in
 * this process; each failure is printed at its scenario as `path:line:col: error: scenario "…":
 * expected …, got …`, then `N passed, M failed`; exit 1 on a failure.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { AstUtils, type LangiumDocument } from 'langium';
import { isScenario, type Model, type Scenario } from '../language/generated/ast.js';
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
    const models = checked.documents.map(document => document.parseResult.value);
    const generator = await loadGenerator();
    const generated = generator.generateModel(models);
    let files = generated;
    let outDir = output.cwd;
    if (options.out) {
        outDir = path.resolve(output.cwd, options.out);
        let result;
        try {
            result = await generator.generateToFolder(models, outDir);
        } catch (error) {
            if (error instanceof generator.OutputFolderError) throw new UsageError(error.message);
            throw error;
        }
        if (result.written.length > 0) output.out(`The output was stale: updated ${result.written.length} file(s) in ${displayPath(outDir, output.cwd)}.`);
        files = await Promise.all(generated.map(async file => ({ path: file.path, text: await readFile(path.join(outDir, ...file.path.split('/')), 'utf8') })));
    }

    const run = generator.runGeneratedScenarios(files, outDir);
    for (const problem of run.problems) {
        const where = problem.path ? `${displayPath(path.join(outDir, ...problem.path.split('/')), output.cwd)}:${problem.line}:${problem.column}` : 'eventloom';
        output.err(`${where}: error: ${problem.message}${problem.context ? ` (the scenarios of ${problem.context} cannot run: fix the generated code)` : ''}`);
    }
    const locations = scenarioLocations(checked.documents);
    let failed = 0;
    for (const result of run.results) {
        if (!result.failure) continue;
        failed++;
        const where = locations.get(`${result.context}\u0000${result.name}`);
        const at = where ? `${displayPath(where.path, output.cwd)}:${where.line}:${where.column}` : result.source;
        output.out(`${at}: error: scenario "${result.name}": expected ${result.failure.expected}, got ${result.failure.actual}`);
    }
    const passed = run.results.length - failed;
    const notRun = locations.size - run.results.length;
    output.out(`${passed} passed, ${failed} failed${notRun > 0 ? `, ${notRun} not run` : ''}`);
    return failed > 0 || run.problems.length > 0 ? 1 : 0;
}

/** Every scenario's position, by context and name. */
function scenarioLocations(documents: ReadonlyArray<LangiumDocument<Model>>): Map<string, { path: string; line: number; column: number }> {
    const locations = new Map<string, { path: string; line: number; column: number }>();
    for (const document of documents) {
        const model = document.parseResult.value;
        for (const scenario of model.elements.filter(isScenario) as Scenario[]) {
            const start = scenario.$cstNode?.range.start ?? { line: 0, character: 0 };
            locations.set(`${model.context?.name}\u0000${scenario.name}`, {
                path: AstUtils.getDocument(scenario).uri.fsPath, line: start.line + 1, column: start.character + 1
            });
        }
    }
    return locations;
}
