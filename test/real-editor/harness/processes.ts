/**
 * Child processes the harness starts, killed with their whole process group when the run ends,
 * fails or is interrupted: code-server spawns its extension host and our language server, and
 * none of them may outlive the test run.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();

export function spawnOwned(command: string, args: string[], options: SpawnOptions): ChildProcess {
    // detached: the child leads a new process group, so one kill(-pid) reaches its descendants.
    const child = spawn(command, args, { ...options, detached: true });
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
}

/** SIGTERM to the group, SIGKILL if it is still there after `graceMs`. */
export async function killOwned(child: ChildProcess, graceMs = 3000): Promise<void> {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
        killGroup(child, 'SIGKILL');  // the leader may be gone while its children live on
        return;
    }
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), graceMs).unref());
    await Promise.race([exited, timer]);
    killGroup(child, 'SIGKILL');  // stragglers of the group, or the leader after the grace period
    running.delete(child);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) return;
    try {
        process.kill(-child.pid, signal);
    } catch {
        // already gone
    }
}

function killAllNow(): void {
    for (const child of running) killGroup(child, 'SIGKILL');
    running.clear();
}

// Last line of defence: whatever way this process ends, its children end with it.
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
        killAllNow();
        process.exit(130);
    });
}
