// Bundles the in-host suite for the extension host: CommonJS, `vscode` provided by the host,
// mocha loaded from node_modules. Every suite/*.test.ts becomes its own out/test/real-editor/*.test.cjs,
// which suite/index.ts discovers, so adding a test file needs no other change.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = join(root, 'test/real-editor/suite');
const outdir = join(root, 'out/test/real-editor');
const tests = readdirSync(suiteDir).filter(name => name.endsWith('.test.ts'));

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
    entryPoints: ['index.ts', ...tests].map(name => join(suiteDir, name)),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning'
});
console.log(`[build-suite] ${tests.length} test files -> ${outdir}`);
