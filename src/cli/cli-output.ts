/** Where a command writes and what it resolves paths against; tests pass their own. */
export interface CliOutput {
    cwd: string;
    out(line: string): void;
    err(line: string): void;
}

export function processOutput(): CliOutput {
    return {
        cwd: process.cwd(),
        out: line => process.stdout.write(`${line}\n`),
        err: line => process.stderr.write(`${line}\n`)
    };
}
