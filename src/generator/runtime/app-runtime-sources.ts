/**
 * The texts of `src/runtime/*.ts`, which `--runtime emmett` copies into the output folder. Read
 * from the source tree here (tests, tsx); esbuild.mjs replaces this module by the inlined texts in
 * the bundle, which ships without `src/`. The runtime files are real, type-checked TypeScript.
 */
import { readFileSync } from 'node:fs';

export function appRuntimeSource(file: 'emmett-runtime.ts' | 'http-runtime.ts'): string {
    return readFileSync(new URL(`../../runtime/${file}`, import.meta.url), 'utf8');
}
