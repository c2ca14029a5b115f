/**
 * The models the fuzzer mutates: every template and test fixture of the repository. A folder of
 * `.loom` files is one seed (its files see each other, as in a workspace); a loose file is one too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SeedModel {
    /** Where it comes from, relative to the repository: shown in reports. */
    name: string;
    /** File name (may contain `/`) to text. */
    files: Record<string, string>;
}

/** Folders whose `.loom` files are seeds: each sub-folder one multi-file seed, each loose file one seed. */
const SEED_FOLDERS = ['templates', 'test/fixtures', 'test/generator/models', 'test/preview/fixtures'];

let cached: SeedModel[] | undefined;

export function seedModels(): SeedModel[] {
    cached ??= SEED_FOLDERS.flatMap(folder => seedsIn(join(repositoryRoot, folder)));
    return cached;
}

function seedsIn(folder: string): SeedModel[] {
    const seeds: SeedModel[] = [];
    for (const entry of readdirSync(folder).sort()) {
        const full = join(folder, entry);
        if (statSync(full).isDirectory()) {
            const files = loomFilesUnder(full);
            if (Object.keys(files).length > 0) seeds.push({ name: relative(repositoryRoot, full), files });
        } else if (entry.endsWith('.loom')) {
            seeds.push({ name: relative(repositoryRoot, full), files: { [entry]: readFileSync(full, 'utf8') } });
        }
    }
    return seeds;
}

function loomFilesUnder(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const visit = (current: string) => {
        for (const entry of readdirSync(current).sort()) {
            const full = join(current, entry);
            if (statSync(full).isDirectory()) visit(full);
            else if (entry.endsWith('.loom')) files[relative(folder, full).split('\\').join('/')] = readFileSync(full, 'utf8');
        }
    };
    visit(folder);
    return files;
}
