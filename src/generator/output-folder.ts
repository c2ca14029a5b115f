/**
 * The thin I/O shell around the pure generator: plans what regeneration changes in an output
 * folder (merging each file with the version on disk), then commits it atomically.
 *
 * Safety rules: every path stays inside the output folder, and nothing is written, read or
 * removed through a symbolic link inside it (such a link is refused, forced or not); a folder holding files Eventloom did
 * not write (per its manifest) is refused unless forced, and those files are then left alone;
 * user code is never deleted (files of removed elements are kept, commented out); and the new
 * output is assembled in a sibling staging folder and swapped in with two renames, so a failure
 * midway leaves the previous output as it was. A folder shared with the user's own files (--force)
 * is updated file by file instead, staged first and rolled back on failure. Staging folders left
 * by a run that was killed are removed by the next run.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { GeneratedFile } from './generate-model.js';
import { mergeGeneratedFile, obsoleteFile } from './merge-generated-file.js';

/** Lists the files Eventloom wrote into an output folder; anything else there is the user's. */
export const MANIFEST_FILE = '.eventloom-manifest.json';

export interface OutputOptions {
    /** Write even into a folder that holds files Eventloom did not write (they are left alone). */
    force?: boolean;
    /** Only compute what would change; write nothing. */
    check?: boolean;
    /** Replaceable for tests that simulate a failure midway. */
    writeFile?: (path: string, text: string) => Promise<void>;
}

export interface OutputResult {
    outDir: string;
    /** Files created or changed (or, with `check`, that would be). */
    written: string[];
    unchanged: string[];
    /** Code kept but marked obsolete: `path: function` or a whole `path`. */
    obsolete: string[];
    /** Files of elements that are gone and that hold no user code (fully generated, or untouched). */
    removed: string[];
    /** `path: function`: hand-written functions the model now determines, kept as the user wrote them. */
    kept: string[];
}

/** The output folder cannot be used as asked; the message says what to do. */
export class OutputFolderError extends Error {
    override readonly name = 'OutputFolderError';

    /** True when the only obstacle is files Eventloom did not write: `force` would generate anyway. */
    constructor(message: string, readonly foreignFiles = false) {
        super(message);
    }
}

interface Manifest {
    generator: 'eventloom';
    files: string[];
    /**
     * SHA-256 of each file that is exactly as generated (no user code merged in). Such a file,
     * unchanged since, is removed with its model element; any other is kept as obsolete.
     */
    pristine?: Record<string, string>;
    /**
     * Per file, the SHA-256 of each hand-written function's body that is still the stub as
     * generated: such a function holds no user code, so it follows the model (see the merge).
     */
    stubs?: Record<string, Record<string, string>>;
}

export async function writeOutput(outDirectory: string, files: readonly GeneratedFile[], options: OutputOptions = {}): Promise<OutputResult> {
    const outDir = await chosenFolder(resolve(outDirectory));
    for (const file of files) assertInside(outDir, file.path);
    await assertUsableParent(outDir);
    await recoverInterruptedSwap(outDir);
    if (!options.check) await removeAbandonedStaging(outDir);
    await assertNoLinkOnTheWay(outDir, [MANIFEST_FILE, ...files.map(file => file.path)]);
    const existing = await readExistingOutput(outDir, options.force ?? false);

    const result: OutputResult = { outDir, written: [], unchanged: [], obsolete: [], removed: [], kept: [] };
    const changes = new Map<string, string | null>(); // path -> new text, or null to delete
    const generatedPaths = new Set(files.map(file => file.path));
    const pristine: Record<string, string> = {};
    const stubs: Record<string, Record<string, string>> = {};
    for (const file of files) {
        const before = existing.texts.get(file.path);
        // A file exactly as Eventloom wrote it holds no user code: its stubs give way to what the model now determines.
        const untouched = before !== undefined && existing.manifest.pristine?.[file.path] === sha256(before);
        const printedStubs = file.stubs?.printedText === file.text ? file.stubs.bodies : undefined;
        const merged = mergeGeneratedFile(file.text, untouched ? undefined : before, existing.manifest.stubs?.[file.path], printedStubs);
        result.kept.push(...(merged.kept ?? []).map(name => `${file.path}: ${name}`));
        if (Object.keys(merged.stubs).length > 0) stubs[file.path] = merged.stubs;
        if (merged.text === file.text) pristine[file.path] = sha256(file.text);
        result.obsolete.push(...merged.obsolete.map(name => `${file.path}: ${name}`));
        if (merged.text === before) result.unchanged.push(file.path);
        else {
            result.written.push(file.path);
            changes.set(file.path, merged.text);
        }
    }
    const kept: string[] = [];
    for (const path of existing.manifest.files.filter(path => !generatedPaths.has(path))) {
        const before = existing.texts.get(path);
        if (before === undefined) continue;
        assertInside(outDir, path);
        const untouched = existing.manifest.pristine?.[path] === sha256(before);
        const obsolete = untouched ? undefined : obsoleteFile(before, existing.manifest.stubs?.[path]);
        if (obsolete === undefined) {
            result.removed.push(path);
            changes.set(path, null);
        } else {
            kept.push(path);
            if (obsolete !== before) {
                result.obsolete.push(path);
                result.written.push(path);
                changes.set(path, obsolete);
            }
        }
    }
    const manifest: Manifest = {
        generator: 'eventloom', files: [...generatedPaths, ...kept].sort(),
        pristine: sortedByKey(pristine),
        stubs: sortedByKey(Object.fromEntries(Object.entries(stubs).map(([path, hashes]) => [path, sortedByKey(hashes)])))
    };
    const manifestText = `${JSON.stringify(manifest, undefined, 2)}\n`;
    if (manifestText !== existing.manifestText) changes.set(MANIFEST_FILE, manifestText);

    if (!options.check && changes.size > 0) {
        const write = options.writeFile ?? defaultWrite;
        // A folder shared with the user's files (--force) is never copied wholesale: it may be big.
        if (existing.hasForeignFiles) await commitFileByFile(outDir, changes, write);
        else await commit(outDir, existing.exists, changes, write);
    }
    return result;
}

/**
 * `--out` itself may be a symbolic link: the user named it, so its target folder is the output
 * folder (and the link stays a link: the swap renames the real folder, never the link).
 */
async function chosenFolder(outDir: string): Promise<string> {
    const info = await lstat(outDir).catch(() => undefined);
    if (!info?.isSymbolicLink()) return outDir;
    const target = await stat(outDir).catch(() => undefined);
    if (!target?.isDirectory()) {
        throw new OutputFolderError(`The output folder ${outDir} is a symbolic link to ${target ? 'something that is not a folder' : 'nothing (a broken link)'}: choose a folder as --out.`);
    }
    return realpath(outDir);
}

/** The nearest existing folder above the output folder must be a folder, not a file. */
async function assertUsableParent(outDir: string): Promise<void> {
    for (let folder = dirname(outDir); ; folder = dirname(folder)) {
        const info = await stat(folder).catch(() => undefined);
        if (info) {
            if (!info.isDirectory()) throw new OutputFolderError(`Cannot create the output folder ${outDir}: ${folder} is a file, not a folder. Choose another --out.`);
            return;
        }
        if (dirname(folder) === folder) return;
    }
}

/**
 * A symbolic link anywhere on the way to a file Eventloom would read, write or remove (the file
 * itself, or a folder above it inside the output folder) is refused, forced or not: writing there
 * would change whatever the link points to, outside the output folder.
 */
async function assertNoLinkOnTheWay(outDir: string, paths: readonly string[]): Promise<void> {
    const checked = new Set<string>();
    for (const path of paths) {
        const segments = path.split('/');
        for (let i = 1; i <= segments.length; i++) {
            const partial = segments.slice(0, i).join('/');
            if (checked.has(partial)) continue;
            checked.add(partial);
            const info = await lstat(join(outDir, ...segments.slice(0, i))).catch(() => undefined);
            if (!info) break;
            if (info.isSymbolicLink()) {
                throw new OutputFolderError(`Refusing to generate into ${outDir}: ${partial} there is a symbolic link, and Eventloom never writes through a link (it would change files outside the output folder). Remove the link, or choose another --out.`);
            }
        }
    }
}

/** The same entries in key order, so that the manifest is byte-identical for the same model. */
function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function assertInside(outDir: string, path: string): void {
    const segments = path.split('/');
    const target = resolve(outDir, path);
    if (isAbsolute(path) || path.includes('\\') || segments.some(s => s === '' || s === '.' || s === '..')
        || !target.startsWith(outDir + sep)) {
        throw new OutputFolderError(`Refusing to write '${path}': every generated file must stay inside ${outDir}.`);
    }
}

interface ExistingOutput {
    exists: boolean;
    /** Files Eventloom did not write are there (allowed with --force). */
    hasForeignFiles: boolean;
    manifest: Manifest;
    manifestText: string | undefined;
    /** Texts of the files listed in the manifest that exist as regular files. */
    texts: Map<string, string>;
}

async function readExistingOutput(outDir: string, force: boolean): Promise<ExistingOutput> {
    const stat = await lstat(outDir).catch(() => undefined);
    const empty: ExistingOutput = { exists: false, hasForeignFiles: false, manifest: { generator: 'eventloom', files: [] }, manifestText: undefined, texts: new Map() };
    if (!stat) return empty;
    if (!stat.isDirectory()) throw new OutputFolderError(`The output folder ${outDir} is not a folder: choose another --out.`);
    const manifestText = await readFile(join(outDir, MANIFEST_FILE), 'utf8').catch(() => undefined);
    const manifest = parseManifest(manifestText);
    const present = await listFiles(outDir);
    const ours = new Set(manifest.files);
    const foreign = present.filter(path => path !== MANIFEST_FILE && !ours.has(path));
    if (foreign.length > 0 && !force) {
        const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : '');
        throw new OutputFolderError(`The output folder ${outDir} holds files Eventloom did not write (${shown}). Choose an empty or Eventloom-generated folder, or pass --force to generate into it anyway (those files are left alone).`, true);
    }
    // A manifest naming paths outside the folder was not written by Eventloom: never follow it out.
    for (const path of manifest.files) assertInside(outDir, path);
    await assertNoLinkOnTheWay(outDir, manifest.files);
    const texts = new Map<string, string>();
    const presentSet = new Set(present);
    for (const path of manifest.files) {
        if (!presentSet.has(path)) continue;
        const file = join(outDir, ...path.split('/'));
        if ((await lstat(file)).isFile()) texts.set(path, await readFile(file, 'utf8'));
    }
    return { exists: true, hasForeignFiles: foreign.length > 0, manifest, manifestText, texts };
}

/**
 * Whether the folder was last generated with the Emmett application (its manifest lists `app.ts`):
 * a run that names no runtime (`eventloom test --out`) keeps it instead of deleting the app.
 */
export async function hasEmmettApp(outDir: string): Promise<boolean> {
    const text = await readFile(join(outDir, MANIFEST_FILE), 'utf8').catch(() => undefined);
    try {
        return parseManifest(text).files.includes('app.ts');
    } catch {
        return false; // not Eventloom's manifest: writing into the folder reports it
    }
}

function parseManifest(text: string | undefined): Manifest {
    if (text === undefined) return { generator: 'eventloom', files: [] };
    try {
        const value = JSON.parse(text) as Partial<Manifest>;
        if (value.generator === 'eventloom' && Array.isArray(value.files) && value.files.every(f => typeof f === 'string')) {
            const pristine = typeof value.pristine === 'object' && value.pristine !== null ? value.pristine : {};
            const stubs = typeof value.stubs === 'object' && value.stubs !== null ? value.stubs : {};
            return { generator: 'eventloom', files: value.files, pristine, stubs };
        }
    } catch { /* reported below */ }
    throw new OutputFolderError(`The manifest ${MANIFEST_FILE} in the output folder is not Eventloom's: choose another --out, or delete that file if the folder is yours to regenerate.`);
}

/** Every file under a folder (symbolic links included, not followed), as `/`-separated relative paths. */
async function listFiles(root: string): Promise<string[]> {
    const found: string[] = [];
    const visit = async (folder: string) => {
        for (const entry of await readdir(folder, { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) await visit(path);
            else found.push(relative(root, path).split(sep).join('/'));
        }
    };
    await visit(root);
    return found.sort();
}

async function defaultWrite(path: string, text: string): Promise<void> {
    await writeFile(path, text, { flag: constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY });
}

/**
 * Builds the complete new folder beside the old one, then swaps the two with renames. Until the
 * swap nothing in the output folder changes; if the process dies between the two renames, the
 * next run restores the previous folder (`recoverInterruptedSwap`).
 */
async function commit(outDir: string, exists: boolean, changes: Map<string, string | null>, write: (path: string, text: string) => Promise<void>): Promise<void> {
    await mkdir(dirname(outDir), { recursive: true });
    const staging = await mkdtemp(stagingPrefix(outDir));
    try {
        // mkdtemp makes a private folder; the output folder keeps (or gets) ordinary permissions.
        await chmod(staging, exists ? (await lstat(outDir)).mode & 0o7777 : 0o755);
        if (exists) await cp(outDir, staging, { recursive: true, verbatimSymlinks: true, errorOnExist: false, force: true });
        for (const [path, text] of changes) {
            const target = join(staging, ...path.split('/'));
            // Remove first: a symbolic link planted in the folder is replaced, never followed.
            await rm(target, { force: true });
            if (text === null) {
                await removeEmptyFolders(staging, dirname(target));
                continue;
            }
            await mkdir(dirname(target), { recursive: true });
            await write(target, text);
        }
        const previous = `${staging}.previous`;
        if (exists) await rename(outDir, previous);
        try {
            await rename(staging, outDir);
        } catch (error) {
            if (exists) await rename(previous, outDir);
            throw error;
        }
        if (exists) await rm(previous, { recursive: true, force: true });
    } finally {
        await rm(staging, { recursive: true, force: true });
    }
}

/**
 * For a folder that also holds the user's files: every new text is first written to a staging
 * folder (a failure there changes nothing), then each file is swapped in by renames, the old
 * version moved aside; if any step fails, the renames done so far are undone in reverse order.
 */
async function commitFileByFile(outDir: string, changes: Map<string, string | null>, write: (path: string, text: string) => Promise<void>): Promise<void> {
    const staging = await mkdtemp(stagingPrefix(outDir));
    const undo: Array<() => Promise<void>> = [];
    try {
        let index = 0;
        const staged = new Map<string, { next?: string; aside: string }>();
        for (const [path, text] of changes) {
            const entry = { aside: join(staging, `old-${index}`), ...(text === null ? {} : { next: join(staging, `new-${index}`) }) };
            if (entry.next !== undefined) await write(entry.next, text!);
            staged.set(path, entry);
            index++;
        }
        try {
            for (const [path, { next, aside }] of staged) {
                const target = join(outDir, ...path.split('/'));
                if (await lstat(target).catch(() => undefined)) {
                    await rename(target, aside);
                    undo.push(() => rename(aside, target));
                }
                if (next !== undefined) {
                    await mkdir(dirname(target), { recursive: true });
                    await rename(next, target);
                    undo.push(() => rename(target, next));
                }
            }
        } catch (error) {
            for (const step of undo.reverse()) await step();
            throw error;
        }
        for (const [path, { next }] of staged) {
            if (next === undefined) await removeEmptyFolders(outDir, dirname(join(outDir, ...path.split('/')))).catch(() => undefined);
        }
    } finally {
        await rm(staging, { recursive: true, force: true });
    }
}

async function removeEmptyFolders(root: string, folder: string): Promise<void> {
    while (folder !== root && folder.startsWith(root + sep)) {
        if ((await readdir(folder)).length > 0) return;
        await rmdir(folder);
        folder = dirname(folder);
    }
}

/** A swap interrupted after its first rename left the output only in `.<out>.eventloom-*.previous`. */
async function recoverInterruptedSwap(outDir: string): Promise<void> {
    if (await lstat(outDir).catch(() => undefined)) return;
    const prefix = `.${basename(outDir)}.eventloom-`;
    const siblings = await readdir(dirname(outDir)).catch(() => [] as string[]);
    const previous = siblings.find(name => name.startsWith(prefix) && name.endsWith('.previous'));
    if (previous) await rename(join(dirname(outDir), previous), outDir);
}

/** Staging folders are named after the output folder and the process that owns them. */
function stagingPrefix(outDir: string): string {
    return join(dirname(outDir), `.${basename(outDir)}.eventloom-${process.pid}-`);
}

/**
 * Removes the staging folders of runs that were killed (their process is gone): a run always
 * removes its own, so any other is clutter. A staging folder of a live process is left alone.
 */
async function removeAbandonedStaging(outDir: string): Promise<void> {
    const prefix = `.${basename(outDir)}.eventloom-`;
    const siblings = await readdir(dirname(outDir)).catch(() => [] as string[]);
    for (const name of siblings.filter(sibling => sibling.startsWith(prefix))) {
        const owner = /^(\d+)-/.exec(name.slice(prefix.length))?.[1];
        if (owner !== undefined && Number(owner) !== process.pid && processIsAlive(Number(owner))) continue;
        if (owner !== undefined && Number(owner) === process.pid) continue;
        await rm(join(dirname(outDir), name), { recursive: true, force: true });
    }
}

function processIsAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

function sha256(text: string): string {
    return createHash('sha256').update(text).digest('hex');
}
