/**
 * ts-morph (and the TypeScript compiler inside it) on first use only: most `generate` runs write
 * every file as generated and never need a parser, so the generator bundle does not contain it.
 * Bundled, it is `out/ts-morph.cjs` beside `out/generator.cjs`; from source (tests), the package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as TsMorph from 'ts-morph';

export type TsMorphModule = typeof TsMorph;

let loaded: TsMorphModule | undefined;

export function loadTsMorph(): TsMorphModule {
    if (loaded) return loaded;
    const requireHere = createRequire(import.meta.url);
    const bundle = fileURLToPath(new URL('./ts-morph.cjs', import.meta.url));
    loaded = (existsSync(bundle) ? requireHere(bundle) : requireHere('ts-morph')) as TsMorphModule;
    return loaded;
}
