/**
 * Reads model files defensively: an unreadable or binary file becomes a problem report for that
 * file rather than a crash, so the other files are still checked.
 */
import { readFile } from 'node:fs/promises';
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
            bytes = await readFile(path);
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

function unreadableReason(error: NodeJS.ErrnoException): string {
    switch (error.code) {
        case 'EACCES':
        case 'EPERM': return 'permission denied; check its permissions';
        case 'ENOENT': return 'it does not exist (a broken link?); fix or remove it';
        case 'EISDIR': return 'it is a folder; name the folder itself to validate the models in it';
        default: return `${error.message}; check the file`;
    }
}
