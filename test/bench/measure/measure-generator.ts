/**
 * Generation time, and the reference that cancels out the machine's speed: `tsc --strict --noEmit`
 * (TypeScript 5.9) on the generated output, in the same run. Skipped until the generator exists.
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
    const run = runTsc(repoRoot, outDir);
    return {
        generateMs, generateCpuMs, files: files.length, tscMs: run.wallMs, tscCpuMs: run.cpuMs, tscExitCode: run.status,
        tscErrors: run.stdout.split('\n').slice(0, 5).join('\n')
    };
}

/** `tsc --strict --noEmit` (the tsconfig written above) on generated output, spawned and timed. */
export function runTsc(repoRoot: string, outDir: string): ReturnType<typeof spawnTimed> {
    return spawnTimed(join(repoRoot, 'node_modules/typescript/bin/tsc'), ['-p', join(outDir, 'tsconfig.json')]);
}
