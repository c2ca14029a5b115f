/** Wall and CPU time of `eventloom validate <model folder>` as a user runs it: a fresh Node process. */
import { spawnTimed } from './spawn-timed.js';

export interface ValidateResult {
    ms: number;
    cpuMs: number | undefined;
    exitCode: number | null;
    summary: string;
}

export function measureValidate(cliBundle: string, modelDir: string, nodeArgs: readonly string[] = []): ValidateResult {
    const run = spawnTimed(cliBundle, ['validate', modelDir], nodeArgs);
    const lines = run.stdout.trim().split('\n');
    return { ms: run.wallMs, cpuMs: run.cpuMs, exitCode: run.status, summary: lines.at(-1) || run.stderr.trim() };
}
