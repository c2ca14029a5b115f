/**
 * Reads model files defensively: an unreadable or binary file becomes a problem report for that
 * file rather than a crash, so the other files are still checked. The file is opened without
 * blocking and checked through its handle, so that a file swapped for a FIFO or a device after it
 * was collected is still refused instead of read for ever.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { unreadableModelFile } from './model-file-limits.js';
import type { SourceFile } from '../language/workspace/load-documents.js';
import type { FileProblem } from './report.js';

export interface ReadResult {
    sources: SourceFile[];
    problems: FileProblem[];
}

export async function readModelFiles(paths: readonly string[]): Promise<ReadResult> {
    const sources: SourceFile[] = [];
    const problems: FileProblem[] = [];
    for (const path of paths) {
        let bytes: Buffer;
        try {
            const content = await readRegularFile(path);
            if (typeof content === 'string') {
                problems.push({ path, line: 1, column: 1, severity: 'error', message: `cannot read the file: ${content}.` });
                continue;
            }
            bytes = content;
        } catch (error) {
            problems.push({ path, line: 1, column: 1, severity: 'error', message: `cannot read the file: ${unreadableReason(error as NodeJS.ErrnoException)}.` });
            continue;
        }
        if (bytes.includes(0)) {
            problems.push({ path, line: 1, column: 1, severity: 'error', message: 'this is a binary file, not an Eventloom model: remove it or rename it so it does not end in .loom.' });
            continue;
        }
        sources.push({ path, text: bytes.toString('utf8').replace(/^\uFEFF/, '') });
    }
    return { sources, problems };
}

/** The file's bytes, or why it is not read. */
async function readRegularFile(path: string): Promise<Buffer | string> {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
        const reason = unreadableModelFile(await handle.stat());
        return reason ?? await handle.readFile();
    } finally {
        await handle.close();
    }
}

function unreadableReason(error: NodeJS.ErrnoException): string {
    switch (error.code) {
        case 'EACCES':
        case 'EPERM': return 'permission denied; check its permissions';
        case 'ENOENT': return 'it does not exist (a broken link?); fix or remove it';
        case 'EISDIR': return 'it is a folder; name the folder itself to validate the models in it';
        default: return `${error.message}; check the file`;
    }
}
