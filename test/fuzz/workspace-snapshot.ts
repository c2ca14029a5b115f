/**
 * What a case's scratch folder holds, entry by entry (links not followed, file contents hashed), so
 * the fuzzer can tell whether a command changed anything outside the paths it may write.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export type Snapshot = Map<string, string>;

export function snapshot(root: string, allowed: readonly string[]): Snapshot {
    const entries: Snapshot = new Map();
    const isAllowed = (path: string) => allowed.some(a => path === a || path.startsWith(a + sep));
    const visit = (path: string) => {
        if (isAllowed(path)) return;
        const info = lstatSync(path);
        const name = relative(root, path) || '.';
        if (info.isSymbolicLink()) entries.set(name, `link to ${readlinkSync(path)}`);
        else if (info.isDirectory()) {
            entries.set(name, 'folder');
            for (const entry of readdirSync(path)) visit(join(path, entry));
        } else if (info.isFile()) entries.set(name, `file ${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16)}`);
        else entries.set(name, 'special file');
    };
    visit(root);
    return entries;
}

/** Entries added, removed or changed, as readable lines. */
export function differences(before: Snapshot, after: Snapshot): string[] {
    const lines: string[] = [];
    for (const [name, what] of after) {
        const was = before.get(name);
        if (was === undefined) lines.push(`created ${name} (${what})`);
        else if (was !== what) lines.push(`changed ${name} (${was} -> ${what})`);
    }
    for (const name of before.keys()) if (!after.has(name)) lines.push(`removed ${name}`);
    return lines;
}
