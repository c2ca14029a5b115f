/**
 * Runs the benchmark on one generated model: writes the model, then measures the CLI, the
 * language server over LSP, the generator (with the tsc reference) and the preview.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkModel } from '../../src/cli/check-model.js';
import type { Model } from '../../src/language/generated/ast.js';
import { measureGenerator, runTsc, type GeneratorResult } from './measure/measure-generator.js';
import { measureLanguageServer, type LanguageServerResult } from './measure/measure-language-server.js';
import { measurePreview, type PreviewResult } from './measure/measure-preview.js';
import { measureScenarioCost, type ScenarioCostResult } from './measure/measure-scenario-cost.js';
import { measureGenerateCli, measureValidate, type ValidateResult } from './measure/measure-validate.js';
import type { BenchBundles } from './measure/bundle-for-bench.js';
import { percentile } from './measure/stats.js';
import { generateBenchModel, type BenchSize } from './model/bench-model.js';

export interface RunResult {
    name: string;
    size: BenchSize;
    files: number;
    lines: number;
    validate: ValidateResult;
    languageServer: LanguageServerResult;
    generator?: GeneratorResult;
    /** `eventloom validate` and `eventloom generate` against `tsc --strict` on the generated output, interleaved runs, medians. */
    ratio?: ValidateTscRatio;
    preview?: PreviewResult;
    /** A modelled run (issue 11): validate and edits with and without the scenario runs, interleaved. */
    scenarioCost?: ScenarioCostResult;
}

/** `--only-behaviour`: a modelled run's with / without measurement alone (issue 11). */
export interface ScenarioCostRun {
    name: string;
    size: BenchSize;
    files: number;
    lines: number;
    scenarioCost: ScenarioCostResult;
}

export interface ValidateTscRatio {
    runs: number;
    validateMs: number;
    validateCpuMs: number;
    tscMs: number;
    tscCpuMs: number;
    /** Median of the per-pair ratios (wall and CPU). */
    wall: number;
    cpu: number;
    /** `eventloom generate` into an empty folder (the CLI as shipped: validation, generation, writing). */
    generateMs: number;
    generateCpuMs: number;
    generateWall: number;
    generateCpu: number;
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
    /** Only the CLI's validate and the language server (no generator, tsc or preview). */
    editorOnly?: boolean;
    /** Interleaved validate / tsc pairs for the ratio (default 3; 0 skips them). */
    ratioRuns?: number;
    /** A modelled run's interleaved with / without measurement: validate pairs and edits per server. */
    scenarioCost?: { validatePairs?: number; edits?: number };
    /** Extra Node arguments for the spawned CLI and server, e.g. `--cpu-prof`. */
    nodeArgs?: readonly string[];
    log?: (line: string) => void;
}

/** Generates the run's model and writes it into its folder (emptied first). */
function writeRunModel(options: RunOptions): { runDir: string; modelDir: string; model: ReturnType<typeof generateBenchModel> } {
    const runDir = join(options.benchDir, 'runs', options.name);
    const modelDir = join(runDir, 'model');
    const model = generateBenchModel(options.size);
    rmSync(runDir, { recursive: true, force: true });
    for (const file of model.files) {
        const path = join(modelDir, file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
    }
    options.log?.(`${options.name}: ${model.files.length} files, ${model.lines} lines`);
    return { runDir, modelDir, model };
}

/**
 * Only the with / without measurement of a modelled model (issue 11, measure-scenario-cost.ts):
 * no plain validate, no language-server session of its own. With `nodeArgs` (`--cpu-prof`), each
 * side's processes write their profiles into their own folder, `<profiles>/scenario-cost/with|without`.
 */
export async function runScenarioCostModel(options: RunOptions & { profileDir?: string }): Promise<ScenarioCostRun> {
    const { modelDir, model } = writeRunModel(options);
    const scenarioCost = await measureScenarioCost({
        cliBundle: options.bundles.cli, serverBundle: options.bundles.server, modelDir, editFile: model.hub.file,
        validatePairs: options.scenarioCost?.validatePairs, edits: options.scenarioCost?.edits, log: options.log,
        profileDir: options.profileDir && join(options.profileDir, 'scenario-cost')
    });
    return { name: options.name, size: options.size, files: model.files.length, lines: model.lines, scenarioCost };
}

export async function runBenchModel(options: RunOptions): Promise<RunResult> {
    const log = options.log ?? (() => undefined);
    const { runDir, modelDir, model } = writeRunModel(options);

    const validate = measureValidate(options.bundles.cli, modelDir, options.nodeArgs);
    log(`  validate ${validate.ms.toFixed(0)} ms (${validate.summary})`);
    if (validate.exitCode !== 0) throw new Error(`the bench model does not validate: ${validate.summary}`);

    const languageServer = await measureLanguageServer({
        serverBundle: options.bundles.server, modelDir, editFile: model.hub.file, renameEvent: model.hub.name,
        edits: options.edits, requests: options.requests, nodeArgs: options.nodeArgs
    });
    log(`  language server: build ${languageServer.workspaceBuildMs.toFixed(0)} ms, edit p95 ${languageServer.editP95Ms.toFixed(0)} ms`);
    // Issue 11: what the scenario runs cost, with and without them interleaved (measure-scenario-cost.ts).
    const scenarioCost = options.size.behaviour
        ? await measureScenarioCost({
            cliBundle: options.bundles.cli, serverBundle: options.bundles.server, modelDir, editFile: model.hub.file,
            validatePairs: options.scenarioCost?.validatePairs, edits: options.scenarioCost?.edits, log
        })
        : undefined;
    const result: RunResult = { name: options.name, size: options.size, files: model.files.length, lines: model.lines, validate, languageServer, scenarioCost };
    if (options.editorOnly) return result;

    const models = await loadModels(modelDir, options.repoRoot);
    const generator = await measureGenerator(options.repoRoot, models, join(runDir, 'generated'));
    const ratio = generator && (options.ratioRuns ?? 3) > 0
        ? measureRatio(options, modelDir, join(runDir, 'generated'), options.ratioRuns ?? 3) : undefined;
    if (ratio) log(`  validate / tsc ${ratio.wall.toFixed(2)} (CPU ${ratio.cpu.toFixed(2)}), median of ${ratio.runs}`);
    const preview = await measurePreview(options.repoRoot, models, (model.files.length > 0 && models[0]?.context?.name) || '', options.previewAll ?? true);
    return { ...result, generator, ratio, preview };
}

/** Validate, generate and tsc alternately, so that all three see the same load; medians of the triples. */
function measureRatio(options: RunOptions, modelDir: string, outDir: string, runs: number): ValidateTscRatio {
    const pairs: Array<{ validate: ValidateResult; generate: ValidateResult; tsc: ReturnType<typeof runTsc> }> = [];
    const cliOut = join(dirname(outDir), 'generated-by-cli');
    for (let i = 0; i < runs; i++) {
        const validate = measureValidate(options.bundles.cli, modelDir);
        const generate = measureGenerateCli(options.bundles.cli, modelDir, cliOut);
        if (generate.exitCode !== 0) throw new Error(`eventloom generate failed on the bench model: ${generate.summary}`);
        const tsc = runTsc(options.repoRoot, outDir);
        pairs.push({ validate, generate, tsc });
        // Each triple, not only the medians: under a shared machine's load the spread matters.
        options.log?.(`  run ${i + 1}/${runs}: generate ${generate.ms.toFixed(0)} ms (CPU ${generate.cpuMs?.toFixed(0)}), validate CPU ${validate.cpuMs?.toFixed(0)}, `
            + `tsc ${tsc.wallMs.toFixed(0)} ms (CPU ${tsc.cpuMs?.toFixed(0)}): generate / tsc ${(generate.ms / tsc.wallMs).toFixed(2)} (CPU ${((generate.cpuMs ?? Number.NaN) / (tsc.cpuMs ?? Number.NaN)).toFixed(2)})`);
    }
    const median = (values: number[]) => percentile(values, 50);
    return {
        runs,
        validateMs: median(pairs.map(pair => pair.validate.ms)),
        validateCpuMs: median(pairs.map(pair => pair.validate.cpuMs ?? Number.NaN)),
        tscMs: median(pairs.map(pair => pair.tsc.wallMs)),
        tscCpuMs: median(pairs.map(pair => pair.tsc.cpuMs ?? Number.NaN)),
        wall: median(pairs.map(pair => pair.validate.ms / pair.tsc.wallMs)),
        cpu: median(pairs.map(pair => (pair.validate.cpuMs ?? Number.NaN) / (pair.tsc.cpuMs ?? Number.NaN))),
        generateMs: median(pairs.map(pair => pair.generate.ms)),
        generateCpuMs: median(pairs.map(pair => pair.generate.cpuMs ?? Number.NaN)),
        generateWall: median(pairs.map(pair => pair.generate.ms / pair.tsc.wallMs)),
        generateCpu: median(pairs.map(pair => (pair.generate.cpuMs ?? Number.NaN) / (pair.tsc.cpuMs ?? Number.NaN)))
    };
}

async function loadModels(modelDir: string, cwd: string): Promise<Model[]> {
    const checked = await checkModel([modelDir], cwd);
    return checked.documents.map(document => document.parseResult.value);
}
