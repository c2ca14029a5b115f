/** Wall time of `eventloom validate <model folder>` as a user runs it: a fresh Node process. */
import { spawnSync } from 'node:child_process';
import { now } from './stats.js';

export interface ValidateResult {
    ms: number;
    exitCode: number | null;
    summary: string;
}

export function measureValidate(cliBundle: string, modelDir: string, nodeArgs: readonly string[] = []): ValidateResult {
    const start = now();
    const run = spawnSync(process.execPath, [...nodeArgs, cliBundle, 'validate', modelDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = now() - start;
    const lines = run.stdout.trim().split('\n');
    return { ms, exitCode: run.status, summary: lines.at(-1) ?? run.stderr.trim() };
}
