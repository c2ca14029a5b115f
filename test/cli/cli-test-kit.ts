/** Temporary model folders, an in-memory CLI output and the installed bundle for the command-line tests. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliOutput } from '../../src/cli/cli-output.js';
import { REPO_ROOT } from '../kit/paths.js';

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

function newestSource(folder: string): number {
    let newest = 0;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
        else if (/\.(ts|mts|mjs|langium)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
    return newest;
}

/**
 * The real executable, `bin/eventloom.cjs` with the bundles of out/, copied into a folder of its
 * own (so that a rebuild running meanwhile cannot interfere); the bundle is rebuilt first when it
 * is missing or older than any source file. Returns the copy's bin/eventloom.cjs and its folder.
 */
export function installBundledCli(): { bin: string; folder: string } {
    const bundle = path.join(REPO_ROOT, 'out', 'cli.cjs');
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(path.join(REPO_ROOT, 'src'))) {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
    }
    const folder = modelFolder({});
    mkdirSync(path.join(folder, 'bin'));
    mkdirSync(path.join(folder, 'out'));
    copyFileSync(path.join(REPO_ROOT, 'bin', 'eventloom.cjs'), path.join(folder, 'bin', 'eventloom.cjs'));
    for (const file of readdirSync(path.join(REPO_ROOT, 'out')).filter(name => name.endsWith('.cjs'))) {
        copyFileSync(path.join(REPO_ROOT, 'out', file), path.join(folder, 'out', file));
    }
    return { bin: path.join(folder, 'bin', 'eventloom.cjs'), folder };
}
