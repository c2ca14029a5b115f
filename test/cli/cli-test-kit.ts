/** Temporary model folders and an in-memory CLI output for the command-line tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliOutput } from '../../src/cli/cli-output.js';

/** A fresh folder with the given files (paths relative to it, folders created as needed). */
export function modelFolder(files: Record<string, string | Buffer>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'eventloom-cli-'));
    for (const [file, content] of Object.entries(files)) {
        const full = path.join(root, file);
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
    }
    return root;
}

export function removeFolder(folder: string): void {
    rmSync(folder, { recursive: true, force: true });
}

export interface CapturedOutput extends CliOutput {
    stdout: string[];
    stderr: string[];
}

export function captureOutput(cwd: string): CapturedOutput {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
        cwd, stdout, stderr,
        out: line => stdout.push(...line.split('\n')),
        err: line => stderr.push(...line.split('\n'))
    };
}

export const CLEAN_MODEL = `context Banking
aggregate Account {
  id accountId: uuid
  command OpenAccount { owner: string, emits AccountOpened }
  event AccountOpened { owner: string }
}
`;

/** Line 3: a command without emits (error); line 4: an event nobody emits (warning). */
export const BROKEN_MODEL = `context Banking
aggregate Account {
  id accountId: uuid
  command OpenAccount { owner: string }
  event AccountOpened { owner: string }
}
`;

export const BROKEN_MODEL_LINES = [
    '4:11: error: Command OpenAccount emits nothing: add `emits EventName` with the event(s) it records.',
    '5:9: warning: No command emits AccountOpened: add it to the `emits` of a command of Account, or remove the event.'
];

/** Warnings only: an event nobody emits. */
export const WARNING_MODEL = CLEAN_MODEL.replace('  event AccountOpened', '  event AccountClosed {}\n  event AccountOpened');
