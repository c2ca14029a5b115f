/**
 * A child process that runs CLI cases in-process (`runCli`, as the tests call it) on request over
 * IPC, one at a time, and reports the exit code, the output, anything written to the console, and
 * an exception that escaped (which `eventloom` would print as an internal error). The fuzzer
 * kills and restarts it when a case hangs.
 */
import { runCli } from '../../src/cli/run-cli.js';

export interface CliCaseRequest {
    id: number;
    argv: string[];
    cwd: string;
}

export interface CliCaseReply {
    id: number;
    exitCode?: number;
    /** An exception escaped runCli: the CLI would exit 3 with "internal error". */
    thrown?: string;
    stdout: string[];
    stderr: string[];
    /** console.* output (Langium logs caught exceptions there, with their stacks). */
    logged: string[];
    milliseconds: number;
}

const logged: string[] = [];
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[method] = (...values: unknown[]) => {
        logged.push(values.map(value => (value instanceof Error ? value.stack ?? value.message : String(value))).join(' '));
    };
}

process.on('message', (request: CliCaseRequest) => {
    void run(request).then(reply => process.send!(reply));
});

async function run(request: CliCaseRequest): Promise<CliCaseReply> {
    logged.length = 0;
    const stdout: string[] = [];
    const stderr: string[] = [];
    const started = performance.now();
    const reply = (extra: Partial<CliCaseReply>): CliCaseReply => ({
        id: request.id, stdout, stderr, logged: [...logged], milliseconds: Math.round(performance.now() - started), ...extra
    });
    try {
        const exitCode = await runCli(request.argv, { cwd: request.cwd, out: line => stdout.push(line), err: line => stderr.push(line) });
        return reply({ exitCode });
    } catch (error) {
        return reply({ thrown: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
}

process.send!({ ready: true });
