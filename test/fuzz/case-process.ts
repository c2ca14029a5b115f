/**
 * A long-lived child process that runs fuzz cases sent over IPC, with a deadline per case: when a
 * case overruns it (a hang), the process is killed — threads blocked on a FIFO included — and a
 * fresh one is started for the next case.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from './seed-corpus.js';
import { watchForHang, type HangLimits } from './hang-watch.js';

/** `timeoutMs` of CPU time, or half of it (at most a minute) spent blocked. */
export function hangLimits(timeoutMs: number): HangLimits {
    return { cpuLimitMs: timeoutMs, stallMs: Math.min(timeoutMs / 2, 60_000) };
}

/** Node options the children need to run the TypeScript sources (the polyfill first, for Node 20). */
export const SOURCE_NODE_OPTIONS = ['--import', join(repositoryRoot, 'src/polyfills/group-by.mjs'), '--import', 'tsx'];

export class CaseProcess<Request extends { id: number }, Reply extends { id: number }> {
    private child: ChildProcess | undefined;
    private ready: Promise<void> | undefined;
    private nextId = 0;

    constructor(private readonly script: string) {}

    /**
     * The reply, or `{ hung }` saying why the case counts as hung (hang-watch.ts: `timeoutMs` of CPU
     * time, or half of it without any), or 'died' when the process exited.
     */
    async run(request: Omit<Request, 'id'>, timeoutMs: number): Promise<Reply | { hung: string } | 'died'> {
        const child = await this.start();
        const id = this.nextId++;
        return new Promise(resolve => {
            const finish = (outcome: Reply | { hung: string } | 'died') => {
                stopWatching();
                child.off('message', onMessage);
                child.off('exit', onExit);
                resolve(outcome);
            };
            const onMessage = (message: Reply) => { if (message.id === id) finish(message); };
            const onExit = () => { this.forget(child); finish('died'); };
            const stopWatching = watchForHang(child.pid, hangLimits(timeoutMs), why => { this.kill(); finish({ hung: why }); });
            child.on('message', onMessage);
            child.once('exit', onExit);
            child.send({ ...request, id });
        });
    }

    kill(): void {
        const child = this.child;
        if (!child) return;
        this.forget(child);
        child.kill('SIGKILL');
    }

    private forget(child: ChildProcess): void {
        if (this.child === child) {
            this.child = undefined;
            this.ready = undefined;
        }
    }

    private async start(): Promise<ChildProcess> {
        if (!this.child) {
            const child = fork(this.script, [], { cwd: repositoryRoot, execArgv: SOURCE_NODE_OPTIONS, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
            // Whatever the child prints outside a case (it should print nothing) is not a case's result.
            child.stdout?.resume();
            child.stderr?.resume();
            this.child = child;
            this.ready = new Promise((resolve, reject) => {
                child.once('message', () => resolve());
                child.once('exit', code => reject(new Error(`the fuzz case process exited (${code}) before it was ready`)));
            });
        }
        await this.ready;
        return this.child!;
    }
}
