/** Wall and CPU time of `eventloom validate` and `eventloom generate` as a user runs them: a fresh Node process each. */
import { rmSync } from 'node:fs';
import { spawnTimed } from './spawn-timed.js';

export interface ValidateResult {
    ms: number;
    cpuMs: number | undefined;
    exitCode: number | null;
    summary: string;
}

export function measureValidate(cliBundle: string, modelDir: string, nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): ValidateResult {
    const run = spawnTimed(cliBundle, ['validate', modelDir], nodeArgs, env);
    const lines = run.stdout.trim().split('\n');
    return { ms: run.wallMs, cpuMs: run.cpuMs, exitCode: run.status, summary: lines.at(-1) || run.stderr.trim() };
}

/** `eventloom generate <model folder> --out <empty folder>`: validation, generation and writing every file. */
export function measureGenerateCli(cliBundle: string, modelDir: string, outDir: string, nodeArgs: readonly string[] = []): ValidateResult {
    rmSync(outDir, { recursive: true, force: true });
    const run = spawnTimed(cliBundle, ['generate', modelDir, '--out', outDir], nodeArgs);
    const lines = run.stdout.trim().split('\n');
    return { ms: run.wallMs, cpuMs: run.cpuMs, exitCode: run.status, summary: lines.at(-1) || run.stderr.trim() };
}
