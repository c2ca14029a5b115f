// Bundles every entry point with esbuild into out/: CommonJS for Node (VS Code loads CommonJS
// extensions before 1.100, and Langium is ESM-only), one browser script for the webview.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Node entry points; ones whose source does not exist yet are skipped. */
const nodeEntries = [
    { in: 'src/cli/main.ts', out: 'cli' },
    { in: 'src/server/main.ts', out: 'server' },
    { in: 'src/extension/main.ts', out: 'extension' },
    // The generator, loaded on the first Generate only; ts-morph (a whole TypeScript compiler) in a
    // bundle of its own, loaded by the generator only to merge hand-edited files or run scenarios.
    { in: 'src/generator/generate-to-folder.ts', out: 'generator' },
    { in: 'src/generator/ts-morph-bundle.ts', out: 'ts-morph' }
].filter(entry => existsSync(entry.in));

const common = {
    bundle: true,
    sourcemap: !production,
    minify: production,
    logLevel: 'warning'
};

/** `src/generator/runtime/app-runtime-sources.ts` reads `src/runtime/` at run time in development; the bundle inlines the texts. */
const inlineRuntimeSources = {
    name: 'inline-runtime-sources',
    setup(build) {
        build.onLoad({ filter: /src[\\/]generator[\\/]runtime[\\/]app-runtime-sources\.ts$/ }, () => {
            const texts = Object.fromEntries(['emmett-runtime.ts', 'http-runtime.ts'].map(file => [file, readFileSync(`src/runtime/${file}`, 'utf8')]));
            return { loader: 'ts', contents: `const texts = ${JSON.stringify(texts)};\nexport function appRuntimeSource(file) { return texts[file]; }\n` };
        });
    }
};

const contexts = [
    await esbuild.context({
        ...common,
        entryPoints: nodeEntries,
        outdir: 'out',
        outExtension: { '.js': '.cjs' },
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['vscode'],
        plugins: [inlineRuntimeSources],
        // Some dependencies read import.meta.url; give the CommonJS bundle an equivalent.
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" }
    }),
    // The flow preview's webview script (and its CSS, out/webview.css): a plain browser script.
    ...(existsSync('src/preview/webview/main.ts') ? [await esbuild.context({
        ...common,
        entryPoints: [{ in: 'src/preview/webview/main.ts', out: 'webview' }],
        outdir: 'out',
        platform: 'browser',
        target: 'es2022',
        format: 'iife'
    })] : [])
];

for (const context of contexts) {
    if (watch) await context.watch();
    else {
        await context.rebuild();
        await context.dispose();
    }
}
