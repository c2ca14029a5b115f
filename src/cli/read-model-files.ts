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
            const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message;
            problems.push({ path, line: 1, column: 1, severity: 'error', message: `cannot read the file (${reason}): check its permissions.` });
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
