/**
 * Runs the benchmark on one generated model: writes the model, then measures the CLI, the
 * language server over LSP, the generator (with the tsc reference) and the preview.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkModel } from '../../src/cli/check-model.js';
import type { Model } from '../../src/language/generated/ast.js';
import { measureGenerator, type GeneratorResult } from './measure/measure-generator.js';
import { measureLanguageServer, type LanguageServerResult } from './measure/measure-language-server.js';
import { measurePreview, type PreviewResult } from './measure/measure-preview.js';
import { measureValidate, type ValidateResult } from './measure/measure-validate.js';
import type { BenchBundles } from './measure/bundle-for-bench.js';
import { generateBenchModel, type BenchSize } from './model/bench-model.js';

export interface RunResult {
    name: string;
    size: BenchSize;
    files: number;
    lines: number;
    validate: ValidateResult;
    languageServer: LanguageServerResult;
    generator?: GeneratorResult;
    preview?: PreviewResult;
}

export interface RunOptions {
    name: string;
    size: BenchSize;
    repoRoot: string;
    benchDir: string;
    bundles: BenchBundles;
    edits?: number;
    requests?: number;
    /** Lay out the whole workspace as one diagram too (default true; false skips it). */
    previewAll?: boolean;
    /** Extra Node arguments for the spawned CLI and server, e.g. `--cpu-prof`. */
    nodeArgs?: readonly string[];
    log?: (line: string) => void;
}

export async function runBenchModel(options: RunOptions): Promise<RunResult> {
    const log = options.log ?? (() => undefined);
    const runDir = join(options.benchDir, 'runs', options.name);
    const modelDir = join(runDir, 'model');
    const model = generateBenchModel(options.size);
    rmSync(runDir, { recursive: true, force: true });
    for (const file of model.files) {
        const path = join(modelDir, file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
    }
    log(`${options.name}: ${model.files.length} files, ${model.lines} lines`);

    const validate = measureValidate(options.bundles.cli, modelDir, options.nodeArgs);
    log(`  validate ${validate.ms.toFixed(0)} ms (${validate.summary})`);
    if (validate.exitCode !== 0) throw new Error(`the bench model does not validate: ${validate.summary}`);

    const languageServer = await measureLanguageServer({
        serverBundle: options.bundles.server, modelDir, editFile: model.hub.file, renameEvent: model.hub.name,
        edits: options.edits, requests: options.requests, nodeArgs: options.nodeArgs
    });
    log(`  language server: build ${languageServer.workspaceBuildMs.toFixed(0)} ms, edit p95 ${languageServer.editP95Ms.toFixed(0)} ms`);

    const models = await loadModels(modelDir, options.repoRoot);
    const generator = await measureGenerator(options.repoRoot, models, join(runDir, 'generated'));
    const preview = await measurePreview(options.repoRoot, models, (model.files.length > 0 && models[0]?.context?.name) || '', options.previewAll ?? true);
    return { name: options.name, size: options.size, files: model.files.length, lines: model.lines, validate, languageServer, generator, preview };
}

async function loadModels(modelDir: string, cwd: string): Promise<Model[]> {
    const checked = await checkModel([modelDir], cwd);
    return checked.documents.map(document => document.parseResult.value);
}
