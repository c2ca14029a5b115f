/**
 * When a fuzz case is hung, judged by the process's CPU time rather than the wall clock: on this
 * shared machine a 5 MB model can take minutes of wall time while it works at a fraction of a core.
 * A case hangs when its process has spent `cpuLimitMs` of CPU on it (a loop, or work that is not
 * linear), or has spent none for `stallMs` (blocked: a FIFO, a lock, a request nobody answers).
 * Where /proc is not there, the wall clock decides (`cpuLimitMs` of it).
 */
import { readFileSync } from 'node:fs';

export interface HangLimits {
    cpuLimitMs: number;
    stallMs: number;
}

/** Linux counts CPU time in clock ticks of 10 ms (USER_HZ, 100 on every common kernel). */
const TICK_MS = 10;
const POLL_MS = 1000;

/** The process's CPU time (user + system) in ms, or undefined when it cannot be read. */
export function cpuTimeMs(pid: number): number | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
        return undefined;
    }
}

/** Calls `onHang` once when the case hangs; returns the function that stops watching. */
export function watchForHang(pid: number | undefined, limits: HangLimits, onHang: (why: string) => void): () => void {
    const startedAt = Date.now();
    const startCpu = pid === undefined ? undefined : cpuTimeMs(pid);
    let lastCpu = startCpu;
    let lastProgressAt = startedAt;
    const timer = setInterval(() => {
        const now = Date.now();
        const cpu = pid === undefined ? undefined : cpuTimeMs(pid);
        if (cpu === undefined || startCpu === undefined || lastCpu === undefined) {
            if (now - startedAt > limits.cpuLimitMs) finish(`no answer within ${limits.cpuLimitMs / 1000} s`);
            return;
        }
        if (cpu > lastCpu) {
            lastCpu = cpu;
            lastProgressAt = now;
        }
        if (cpu - startCpu > limits.cpuLimitMs) finish(`no answer within ${limits.cpuLimitMs / 1000} s of CPU time`);
        else if (now - lastProgressAt > limits.stallMs) finish(`blocked: no CPU time spent for ${limits.stallMs / 1000} s`);
    }, POLL_MS);
    let done = false;
    function finish(why: string): void {
        if (done) return;
        done = true;
        clearInterval(timer);
        onHang(why);
    }
    return () => {
        done = true;
        clearInterval(timer);
    };
}
