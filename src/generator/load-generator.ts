/**
 * Loads the generator on first use only (it loads ts-morph, a whole TypeScript compiler, only to merge or run scenarios). Bundled, it is
 * `out/generator.cjs` beside the running server bundle; from source (tests), the module itself.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Generator from './generate-to-folder.js';

export type GeneratorModule = typeof Generator;

let loaded: Promise<GeneratorModule> | undefined;

export function loadGenerator(): Promise<GeneratorModule> {
    loaded ??= load();
    return loaded;
}

async function load(): Promise<GeneratorModule> {
    const bundle = fileURLToPath(new URL('./generator.cjs', import.meta.url));
    if (existsSync(bundle)) return createRequire(import.meta.url)(bundle) as GeneratorModule;
    // Running from source: a computed specifier, so that esbuild leaves it out of the server bundle.
    const source = './generate-to-folder.js';
    return (await import(source)) as GeneratorModule;
}
