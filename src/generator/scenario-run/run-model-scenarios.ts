/**
 * The one core behind `eventloom test` and the editor's Test Explorer: the scenarios of validated
 * models run against the generated code with the user's hand-written bodies. With an output
 * folder, the folder is first brought up to date (only stale files are written, user code merged
 * as Generate does) and the code is read from it; without one, the code is generated in memory
 * (the model's own bodies, stubs elsewhere). Every scenario of the models comes back with where it
 * is and how it went, so that each shell (the CLI's lines, the editor's test items) only presents.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { AstUtils, type LangiumDocument } from 'langium';
import { isScenario, type Model, type Scenario } from '../../language/generated/ast.js';
import { kebabCase } from '../../language/typescript-names.js';
import { generateModel } from '../generate-model.js';
import { MANIFEST_FILE, hasEmmettApp, writeOutput } from '../output-folder.js';
import { runGeneratedScenarios, type LoadProblem } from './run-generated-scenarios.js';

export interface ModelScenarioOptions {
    /** Bring this folder up to date and run the code in it; without, generate in memory. */
    outDir?: string;
    /**
     * Only a folder Eventloom already generated into is used (the editor: a test run does not
     * create the output folder); another `outDir` is treated as absent. Default: any folder.
     */
    onlyGeneratedFolder?: boolean;
    /** Where libraries the code imports are resolved from when it runs in memory. */
    resolveFrom: string;
}

export type ScenarioOutcome =
    | { kind: 'passed' }
    | { kind: 'failed'; expected: string; actual: string }
    /** Not run; `reason` says why in words, `problems` are the load problems that stopped it. */
    | { kind: 'notRun'; reason: string; problems: LoadProblem[] };

export interface ModelScenario {
    context: string;
    name: string;
    /** The document's URI, as Langium names it. */
    uri: string;
    /** The model file on disk. */
    fsPath: string;
    /** The scenario's first line and column, 1-based. */
    line: number;
    column: number;
    outcome: ScenarioOutcome;
}

export interface ModelScenarioRun {
    /** The folder the code ran from, or undefined when it was generated in memory. */
    outDir?: string;
    /** Output files that were stale and have been rewritten (relative to `outDir`). */
    updated: string[];
    /** Every scenario of the models, in document order. */
    scenarios: ModelScenario[];
    /** The generated code cannot run as it is (paths relative to the folder the code is in). */
    problems: LoadProblem[];
}

/** `documents` must be validated and free of model errors (failing scenarios are fine). */
export async function runModelScenarios(documents: ReadonlyArray<LangiumDocument<Model>>, options: ModelScenarioOptions): Promise<ModelScenarioRun> {
    const models = documents.map(document => document.parseResult.value);
    const generated = generateModel(models);
    let files: Array<{ path: string; text: string }> = generated;
    let updated: string[] = [];
    const outDir = options.outDir && (!options.onlyGeneratedFolder || existsSync(path.join(options.outDir, MANIFEST_FILE))) ? options.outDir : undefined;
    if (outDir) {
        // A folder generated with the Emmett app keeps it (the scenarios run without its files).
        const result = await writeOutput(outDir, await hasEmmettApp(outDir) ? generateModel(models, { runtime: 'emmett' }) : generated);
        updated = result.written;
        // One file at a time: a model of thousands of aggregates would open them all at once (EMFILE).
        files = [];
        for (const file of generated) files.push({ path: file.path, text: await readFile(path.join(result.outDir, ...file.path.split('/')), 'utf8') });
    }
    const codeFolder = outDir ? path.resolve(outDir) : options.resolveFrom;
    const run = runGeneratedScenarios(files, codeFolder);
    const results = new Map(run.results.map(result => [`${result.context}\u0000${result.name}`, result]));
    const scenarios = documents.flatMap(document => {
        const model = document.parseResult.value;
        const context = model.context?.name ?? '';
        return (model.elements.filter(isScenario) as Scenario[]).map((scenario): ModelScenario => {
            const start = scenario.$cstNode?.range.start ?? { line: 0, character: 0 };
            const result = results.get(`${context}\u0000${scenario.name}`);
            const outcome: ScenarioOutcome = !result ? notRun(scenario, context, run.problems)
                : result.failure ? { kind: 'failed', ...result.failure } : { kind: 'passed' };
            return {
                context, name: scenario.name, uri: AstUtils.getDocument(scenario).uri.toString(), fsPath: AstUtils.getDocument(scenario).uri.fsPath,
                line: start.line + 1, column: start.character + 1, outcome
            };
        });
    });
    return { ...(outDir ? { outDir: codeFolder } : {}), updated, scenarios, problems: run.problems };
}

/** Why a scenario has no result: its context's code did not load, or no test was generated for it. */
function notRun(scenario: Scenario, context: string, problems: readonly LoadProblem[]): ScenarioOutcome {
    const folder = kebabCase(context);
    const blocking = problems.filter(problem => problem.context === folder || problem.path.startsWith(`${folder}/`));
    if (blocking.some(problem => problem.context === folder)) {
        return { kind: 'notRun', reason: `the generated code of ${context} does not load`, problems: blocking };
    }
    if (!scenario.when) return { kind: 'notRun', reason: 'a scenario without `when` is not run against the generated code yet', problems: [] };
    return { kind: 'notRun', reason: 'the generated scenarios have no test for it', problems: [] };
}
