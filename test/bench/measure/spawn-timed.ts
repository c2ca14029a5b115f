/** Runs a Node script to completion and measures its wall time and its own CPU time. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from './stats.js';

export interface TimedRun {
    wallMs: number;
    cpuMs: number | undefined;
    status: number | null;
    stdout: string;
    stderr: string;
}

const PRELOAD = join(import.meta.dirname, 'cpu-time-preload.cjs');

/** `env` adds to (or, with `undefined` values, removes from) this process's environment. */
export function spawnTimed(script: string, args: readonly string[], nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): TimedRun {
    const cpuFile = join(tmpdir(), `eventloom-bench-cpu-${process.pid}-${Date.now()}`);
    const start = now();
    const run = spawnSync(process.execPath, [...nodeArgs, '--require', PRELOAD, script, ...args], {
        encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env, EVENTLOOM_BENCH_CPU_FILE: cpuFile }
    });
    const wallMs = now() - start;
    const cpuMs = existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : undefined;
    rmSync(cpuFile, { force: true });
    return { wallMs, cpuMs, status: run.status, stdout: run.stdout, stderr: run.stderr };
}
