/**
 * The fuzzer's hang verdict: a process that computes for ever is caught by its CPU time, one that
 * waits for ever (a FIFO nobody writes, a request nobody answers) by being idle, also when its
 * timers still run now and then, and one that finishes is left alone.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpuTimeMs, watchForHang } from './hang-watch.js';

function verdict(child: ChildProcess, limits: { cpuLimitMs: number; stallMs: number }): Promise<string> {
    return new Promise(resolve => {
        const stop = watchForHang(child.pid, limits, why => { child.kill('SIGKILL'); resolve(why); });
        child.once('exit', () => { stop(); resolve('finished'); });
    });
}

describe('the fuzzer\'s hang watch', function () {
    this.timeout(120_000);

    it('calls a busy loop hung once it has spent the CPU limit', async () => {
        const child = spawn(process.execPath, ['-e', 'for (;;) {}']);
        assert.equal(await verdict(child, { cpuLimitMs: 1500, stallMs: 60_000 }), 'no answer within 1.5 s of CPU time');
    });

    it('calls a process blocked on a read hung when it spends no CPU time', async () => {
        // Reads a pipe nobody writes to, as `validate` read a FIFO.
        const child = spawn(process.execPath, ['-e', 'process.stdin.on("data", () => {})'], { stdio: ['pipe', 'ignore', 'ignore'] });
        assert.equal(await verdict(child, { cpuLimitMs: 60_000, stallMs: 3000 }), 'blocked: idle for 3 s (not running, under 2 % of a core)');
    });

    it('calls a process idle while its timers run now and then, as a language server that never answers', async () => {
        // 10 ms of work a second: a clock tick of CPU time each second, more than the idle server spent.
        const child = spawn(process.execPath, ['-e', 'setInterval(() => { const end = Date.now() + 10; while (Date.now() < end) {} }, 1000)']);
        assert.equal(await verdict(child, { cpuLimitMs: 60_000, stallMs: 3000 }), 'blocked: idle for 3 s (not running, under 2 % of a core)');
    });

    it('leaves a process that finishes alone, and reads its CPU time while it runs', async () => {
        const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 1500; while (Date.now() < end) {}']);
        assert.equal(typeof cpuTimeMs(child.pid!), 'number');
        assert.equal(await verdict(child, { cpuLimitMs: 60_000, stallMs: 60_000 }), 'finished');
    });
});
