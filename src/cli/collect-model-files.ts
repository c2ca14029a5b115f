/**
 * Turns the paths given on the command line into the `.loom` files to read: files as they are,
 * folders recursively (skipping `node_modules` and hidden folders), each file once, sorted.
 */
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError } from './usage-error.js';

export const MODEL_EXTENSION = '.loom';
const SKIPPED_FOLDERS = new Set(['node_modules']);

export async function collectModelFiles(inputs: readonly string[], cwd: string): Promise<string[]> {
    if (inputs.length === 0) {
        throw new UsageError('No model given: name one or more .loom files or folders, for example `eventloom validate src/model`.');
    }
    const found = new Set<string>();
    for (const input of inputs) {
        const absolute = path.resolve(cwd, input);
        const info = await stat(absolute).catch(() => undefined);
        if (!info) {
            throw new UsageError(`${input}: no such file or folder. Check the path (it is relative to ${cwd}).`);
        }
        if (info.isDirectory()) {
            const before = found.size;
            await collectFolder(absolute, found);
            if (found.size === before) {
                throw new UsageError(`${input}: this folder holds no ${MODEL_EXTENSION} files.`);
            }
        } else if (path.extname(absolute) === MODEL_EXTENSION) {
            found.add(absolute);
        } else {
            throw new UsageError(`${input}: not an Eventloom model. Model files end in ${MODEL_EXTENSION}.`);
        }
    }
    return [...found].sort();
}

async function collectFolder(folder: string, found: Set<string>): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) await collectFolder(full, found);
        } else if ((entry.isFile() || entry.isSymbolicLink()) && path.extname(entry.name) === MODEL_EXTENSION) {
            // A link to a model counts; a broken one is kept so that reading it reports why.
            // Links to folders are not followed (they could loop).
            const target = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : undefined;
            if (!target?.isDirectory()) found.add(full);
        }
    }
}
