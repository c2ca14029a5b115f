/**
 * Turns the paths given on the command line into the `.loom` files to read: files as they are,
 * folders recursively (skipping `node_modules` and hidden folders), each file once, sorted.
 * Refuses (exit 2) an empty path, and any model path that is not a regular file within the size
 * limit — a FIFO, a device, a link to one — without reading it (see model-file-limits.ts).
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { unreadableModelFile } from './model-file-limits.js';
import { UsageError } from './usage-error.js';

export const MODEL_EXTENSION = '.loom';
const SKIPPED_FOLDERS = new Set(['node_modules']);

export async function collectModelFiles(inputs: readonly string[], cwd: string): Promise<string[]> {
    if (inputs.length === 0) {
        throw new UsageError('No model given: name one or more .loom files or folders, for example `eventloom validate src/model`.');
    }
    const found = new Set<string>();
    for (const input of inputs) {
        // path.resolve would turn '' into the working directory: a mistake (an unset variable), not a request.
        if (input.trim() === '') throw new UsageError('An empty path was given: name a .loom file or a folder (use `.` for the current folder).');
        const absolute = path.resolve(cwd, input);
        const info = await stat(absolute).catch(() => undefined);
        if (!info) {
            throw new UsageError(`${input}: no such file or folder. Check the path (it is relative to ${cwd}).`);
        }
        if (info.isDirectory()) {
            const before = found.size;
            await collectFolder(absolute, found, input);
            if (found.size === before) {
                throw new UsageError(`${input}: this folder holds no ${MODEL_EXTENSION} files.`);
            }
        } else if (path.extname(absolute) === MODEL_EXTENSION) {
            refuseUnreadable(input, info);
            found.add(absolute);
        } else {
            throw new UsageError(`${input}: not an Eventloom model. Model files end in ${MODEL_EXTENSION}.`);
        }
    }
    return [...found].sort();
}

async function collectFolder(folder: string, found: Set<string>, shown: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const full = path.join(folder, entry.name);
        const shownEntry = path.join(shown, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) await collectFolder(full, found, shownEntry);
            continue;
        }
        if (path.extname(entry.name) !== MODEL_EXTENSION) continue;
        // A link to a model counts; a broken one is kept so that reading it reports why. Links
        // to folders are not followed (they could loop).
        const target = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : undefined;
        if (target?.isDirectory()) continue;
        if (entry.isSymbolicLink() && !target) {
            found.add(full);
            continue;
        }
        refuseUnreadable(shownEntry, target ?? await stat(full));
        found.add(full);
    }
}

function refuseUnreadable(shown: string, info: Stats): void {
    const reason = unreadableModelFile(info);
    if (reason) throw new UsageError(`${shown}: ${reason}.`);
}
