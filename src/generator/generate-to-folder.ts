/**
 * Model to output folder in one call: the pure generator, then the atomic, merging writer. This
 * is what `out/generator.cjs` exports; the CLI imports it directly, the language server loads
 * the bundle on the first Generate request (ts-morph is too heavy to load at start-up).
 */
import type { Model } from '../language/generated/ast.js';
import { generateModel, type Runtime } from './generate-model.js';
import { hasEmmettApp, writeOutput, type OutputOptions, type OutputResult } from './output-folder.js';

export { OutputFolderError, type OutputOptions, type OutputResult } from './output-folder.js';
export { RUNTIMES, type Runtime } from './generate-model.js';

/** Without a `runtime`, the folder keeps the one it was generated with (the Emmett app stays). */
export async function generateToFolder(models: readonly Model[], outDir: string, options: OutputOptions & { runtime?: Runtime } = {}): Promise<OutputResult> {
    const { runtime, ...output } = options;
    const chosen = runtime ?? (await hasEmmettApp(outDir) ? 'emmett' : 'none');
    return writeOutput(outDir, generateModel(models, { runtime: chosen }), output);
}

export { generateModel, type GeneratedFile } from './generate-model.js';
export { runGeneratedScenarios, type LoadProblem, type ScenarioResult, type ScenarioRun, type SourceText } from './scenario-run/run-generated-scenarios.js';
export { runModelScenarios, type ModelScenario, type ModelScenarioOptions, type ModelScenarioRun, type ScenarioOutcome } from './scenario-run/run-model-scenarios.js';
