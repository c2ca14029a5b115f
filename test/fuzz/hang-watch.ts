/**
 * When a fuzz case is hung, judged by the process's CPU time rather than the wall clock: on this
 * shared machine a 5 MB model can take minutes of wall time while it works at a fraction of a core.
 * A case hangs when its process has spent `cpuLimitMs` of CPU on it (a loop, or work that is not
 * linear), or has been idle for `stallMs` (blocked: a FIFO, a lock, a request nobody answers).
 * Idle is not "no CPU at all": a language server that waits for ever still runs its timers and
 * its garbage collector now and then (a tick every half minute), which once kept a hung request
 * from ever counting as one. So idle means never seen running (or waiting for a core) and under
 * `IDLE_CPU_SHARE` of a core since the last progress; a process starved by the machine's load is
 * waiting for a core, and counts as working.
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
/** An idle process's timers and garbage collection stay far below this share of a core. */
export const IDLE_CPU_SHARE = 0.02;

interface ProcessSample {
    /** CPU time (user + system, every thread) in ms. */
    cpuMs: number;
    /** Running or waiting for a core (state R), as opposed to sleeping on something. */
    runnable: boolean;
}

/** What /proc says about the process now, or undefined when it cannot be read. */
function sample(pid: number): ProcessSample | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, runnable: fields[0] === 'R' };
    } catch {
        return undefined;
    }
}

/** The process's CPU time (user + system) in ms, or undefined when it cannot be read. */
export function cpuTimeMs(pid: number): number | undefined {
    return sample(pid)?.cpuMs;
}

/** Calls `onHang` once when the case hangs; returns the function that stops watching. */
export function watchForHang(pid: number | undefined, limits: HangLimits, onHang: (why: string) => void): () => void {
    const startedAt = Date.now();
    const startCpu = pid === undefined ? undefined : cpuTimeMs(pid);
    /** CPU time and moment of the last sign of work. */
    let progressCpu = startCpu;
    let progressAt = startedAt;
    const timer = setInterval(() => {
        const now = Date.now();
        const current = pid === undefined ? undefined : sample(pid);
        if (current === undefined || startCpu === undefined || progressCpu === undefined) {
            if (now - startedAt > limits.cpuLimitMs) finish(`no answer within ${limits.cpuLimitMs / 1000} s`);
            return;
        }
        if (current.runnable || current.cpuMs - progressCpu > (now - progressAt) * IDLE_CPU_SHARE) {
            progressCpu = current.cpuMs;
            progressAt = now;
        }
        if (current.cpuMs - startCpu > limits.cpuLimitMs) finish(`no answer within ${limits.cpuLimitMs / 1000} s of CPU time`);
        else if (now - progressAt > limits.stallMs) finish(`blocked: idle for ${limits.stallMs / 1000} s (not running, under ${IDLE_CPU_SHARE * 100} % of a core)`);
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
