/**
 * Reads the `.loom` files of a model as they were at a git commit, with the git the user has: the
 * I/O shell of `eventloom evolution` and of the editor's evolution warnings. Paths come back as
 * working-tree paths, so a finding in the old model points at the file it lives in now.
 */
import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { SourceFile } from './load-documents.js';

const MODEL_EXTENSION = '.loom';

/** Why the history cannot be read (no git, not a repository, no such ref), in words for the user. */
export class GitHistoryError extends Error {
    override readonly name: string = 'GitHistoryError';
}

/** The path is in no git repository. */
class NotInRepositoryError extends GitHistoryError {
    override readonly name = 'NotInRepositoryError';
}

const run = promisify(execFile);
const GIT_OUTPUT_LIMIT = 256 * 1024 * 1024;

async function git(cwd: string, args: readonly string[]): Promise<string> {
    try {
        const { stdout } = await run('git', [...args], { cwd, maxBuffer: GIT_OUTPUT_LIMIT, encoding: 'utf8' });
        return stdout;
    } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string };
        if (failure.code === 'ENOENT') {
            throw new GitHistoryError('git is not installed (or not on PATH): `eventloom evolution` reads the earlier model with git.');
        }
        throw error;
    }
}

/** The repository's top folder, or a usage error saying the path is not in one. */
export async function repositoryRoot(folder: string): Promise<string> {
    try {
        return (await git(folder, ['rev-parse', '--show-toplevel'])).trim();
    } catch (error) {
        if (error instanceof GitHistoryError) throw error;
        throw new NotInRepositoryError(`${folder} is not inside a git repository: \`eventloom evolution\` compares the model with a commit of its history.`);
    }
}

/** Refuses a ref git does not have, saying how to get it (a shallow clone of CI, typically). */
export async function verifyRef(root: string, ref: string): Promise<void> {
    if (ref.trim() === '' || ref.startsWith('-')) {
        throw new GitHistoryError(`'${ref}' is not a git ref: name a branch, tag or commit, for example --against main.`);
    }
    try {
        await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
        return;
    } catch (error) {
        if (error instanceof GitHistoryError) throw error;
    }
    const shallow = (await git(root, ['rev-parse', '--is-shallow-repository']).catch(() => 'false')).trim() === 'true';
    throw new GitHistoryError(shallow
        ? `the ref '${ref}' is not in this clone, which is shallow: fetch it first (for example \`git fetch --depth=1 origin ${ref}:${ref}\`, or check out with full history in CI).`
        : `the ref '${ref}' is not in this repository: name a branch, tag or commit it has (see \`git branch -a\`), or fetch it first.`);
}

/**
 * The model files under each input (a file or a folder, searched recursively as the other
 * commands do) as committed at `ref`. Files added since are simply absent; removed ones are read,
 * and so is an input that is gone from the working tree but was a file or folder at `ref`: its
 * events are exactly what the comparison is for. An input in neither place is refused.
 */
export async function modelFilesAtRef(inputs: readonly string[], ref: string, cwd: string): Promise<SourceFile[]> {
    const files = new Map<string, SourceFile>();
    const verified = new Set<string>();
    for (const input of inputs) {
        const absolute = path.resolve(cwd, input);
        const present = await stat(absolute).catch(() => undefined);
        const missing = () => new GitHistoryError(`${input}: no such file or folder, in the working tree or at ${ref}. Check the path (it is relative to ${cwd}).`);
        const root = present
            ? await repositoryRoot(present.isDirectory() ? absolute : path.dirname(absolute))
            // A path that is gone and in no repository was never a model file of one.
            : await repositoryRoot(await existingAncestor(path.dirname(absolute))).catch((error: unknown) => {
                throw error instanceof NotInRepositoryError ? missing() : error;
            });
        if (!verified.has(root)) {
            await verifyRef(root, ref);
            verified.add(root);
        }
        // git names files relative to its (real) top folder; map them back under the path as the
        // user gave it, so that findings name the files they see.
        const real = await realPath(absolute);
        const relative = path.relative(root, real).split(path.sep).join('/') || '.';
        // A link out of the repository (to another checkout, to a device): git has no history of its target.
        if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) {
            throw new GitHistoryError(`${input}: its real path ${real} is outside the git repository at ${root}, which has no history of it: name a file or folder inside the repository.`);
        }
        const kind = present ? (present.isDirectory() ? 'tree' : 'blob') : await kindAtRef(root, ref, relative);
        if (kind !== 'tree' && kind !== 'blob') throw missing();
        const isFolder = kind === 'tree';
        const listed = await git(root, ['ls-tree', '-r', '-z', '--name-only', '--end-of-options', ref, '--', relative]);
        for (const file of listed.split('\0').filter(Boolean)) {
            if (!file.endsWith(MODEL_EXTENSION) || skipped(file)) continue;
            const full = isFolder ? path.join(absolute, path.relative(real, path.join(root, ...file.split('/')))) : absolute;
            if (files.has(full)) continue;
            const text = await git(root, ['show', `${ref}:${file}`]);
            files.set(full, { path: full, text: text.replace(/^\uFEFF/, '') });
        }
    }
    return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The nearest folder of the path that exists (a deleted file's folder may be deleted too). */
async function existingAncestor(folder: string): Promise<string> {
    let current = folder;
    while (!(await stat(current).catch(() => undefined))?.isDirectory() && path.dirname(current) !== current) current = path.dirname(current);
    return current;
}

/** The real path of a file or folder, or of its nearest existing folder with the rest as given. */
async function realPath(absolute: string): Promise<string> {
    const real = await realpath(absolute).catch(() => undefined);
    if (real) return real;
    const ancestor = await existingAncestor(path.dirname(absolute));
    return path.join(await realpath(ancestor).catch(() => ancestor), path.relative(ancestor, absolute));
}

/** What the path is at the ref: 'tree' (a folder), 'blob' (a file), or undefined when it is not there. */
async function kindAtRef(root: string, ref: string, relative: string): Promise<string | undefined> {
    if (relative === '.') return 'tree';
    return (await git(root, ['cat-file', '-t', '--end-of-options', `${ref}:${relative}`]).catch(error => {
        if (error instanceof GitHistoryError) throw error;
        return undefined;
    }))?.trim();
}

/** The folders the other commands skip (hidden ones, node_modules) are skipped here too. */
function skipped(file: string): boolean {
    return file.split('/').slice(0, -1).some(folder => folder.startsWith('.') || folder === 'node_modules');
}
