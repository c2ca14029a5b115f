/**
 * Generation time and `eventloom test`'s (the scenarios run in-process against the generated code,
 * as the CLI runs them), and the reference that cancels out the machine's speed: `tsc --strict
 * --noEmit` (TypeScript 5.9) on the generated output, in the same run. Skipped until the generator exists.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model } from '../../../src/language/generated/ast.js';
import { spawnTimed } from './spawn-timed.js';
import { now } from './stats.js';

export interface GeneratorResult {
    generateMs: number;
    generateCpuMs: number;
    files: number;
    tscMs: number;
    tscCpuMs: number | undefined;
    tscExitCode: number | null;
    tscErrors: string;
    /** `eventloom test`'s run of every scenario on the generated files (transpile, load, run), in this process. */
    testMs?: number;
    testCpuMs?: number;
    /** `atStubs`: the failures that are a decide stub throwing because its body is not written (the default bench model's rules are left to hand-written code). */
    scenarios?: { passed: number; failed: number; atStubs: number };
}

interface GeneratedFile { path: string; text: string }

export async function measureGenerator(repoRoot: string, models: Model[], outDir: string): Promise<GeneratorResult | undefined> {
    const source = join(repoRoot, 'src/generator/generate-model.ts');
    if (!existsSync(source)) return undefined;
    const { generateModel } = await import(pathToFileURL(source).href) as { generateModel(models: Model[]): GeneratedFile[] };
    const start = now();
    const cpuStart = process.cpuUsage();
    const files = generateModel(models);
    const cpu = process.cpuUsage(cpuStart);
    const generateMs = now() - start;
    const generateCpuMs = (cpu.user + cpu.system) / 1000;

    rmSync(outDir, { recursive: true, force: true });
    for (const file of files) {
        const path = join(outDir, file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
    }
    // An ESM package with NodeNext resolution, as DESIGN.md §5 promises the output compiles in;
    // Node's types, as in `npm run demo` (the generated scenario tests import node:test).
    writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2));
    writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: ['node'] },
        include: ['**/*.ts']
    }, null, 2));
    const test = await measureScenarioRun(repoRoot, files, outDir);
    const run = runTsc(repoRoot, outDir);
    return {
        generateMs, generateCpuMs, files: files.length, tscMs: run.wallMs, tscCpuMs: run.cpuMs, tscExitCode: run.status,
        tscErrors: run.stdout.split('\n').slice(0, 5).join('\n'), ...test
    };
}

/** What `eventloom test` does after generating: every context's scenarios, transpiled, loaded and run in this process. */
async function measureScenarioRun(repoRoot: string, files: readonly GeneratedFile[], outDir: string): Promise<Pick<GeneratorResult, 'testMs' | 'testCpuMs' | 'scenarios'>> {
    const source = join(repoRoot, 'src/generator/scenario-run/run-generated-scenarios.ts');
    if (!existsSync(source)) return {};
    const { runGeneratedScenarios } = await import(pathToFileURL(source).href) as {
        runGeneratedScenarios(files: readonly GeneratedFile[], outDir: string): { results: Array<{ failure?: { actual: string } }> };
    };
    const start = now();
    const cpuStart = process.cpuUsage();
    const { results } = runGeneratedScenarios(files, outDir);
    const cpu = process.cpuUsage(cpuStart);
    const failed = results.filter(result => result.failure).length;
    // The generated stub's error says so (aggregate-file.ts, notWrittenMessage): such a run stops at the stub's throw.
    const atStubs = results.filter(result => result.failure?.actual.includes('is not written yet')).length;
    return { testMs: now() - start, testCpuMs: (cpu.user + cpu.system) / 1000, scenarios: { passed: results.length - failed, failed, atStubs } };
}

/** `tsc --strict --noEmit` (the tsconfig written above) on generated output, spawned and timed. */
export function runTsc(repoRoot: string, outDir: string): ReturnType<typeof spawnTimed> {
    return spawnTimed(join(repoRoot, 'node_modules/typescript/bin/tsc'), ['-p', join(outDir, 'tsconfig.json')]);
}
