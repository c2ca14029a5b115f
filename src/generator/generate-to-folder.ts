/**
 * Model to output folder in one call: the pure generator, then the atomic, merging writer. This
 * is what `out/generator.cjs` exports; the CLI imports it directly, the language server loads
 * the bundle on the first Generate request (ts-morph is too heavy to load at start-up).
 */
import type { Model } from '../language/generated/ast.js';
import { generateModel } from './generate-model.js';
import { writeOutput, type OutputOptions, type OutputResult } from './output-folder.js';

export { OutputFolderError, type OutputOptions, type OutputResult } from './output-folder.js';

export async function generateToFolder(models: readonly Model[], outDir: string, options: OutputOptions = {}): Promise<OutputResult> {
    return writeOutput(outDir, generateModel(models), options);
}

export { generateModel, type GeneratedFile } from './generate-model.js';
export { runGeneratedScenarios, type LoadProblem, type ScenarioResult, type ScenarioRun, type SourceText } from './scenario-run/run-generated-scenarios.js';
