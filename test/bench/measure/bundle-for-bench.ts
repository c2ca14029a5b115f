/**
 * Bundles the CLI, the language server and the lazily loaded generator exactly as esbuild.mjs does (CommonJS, node20), into the
 * bench folder: the bench measures the shipped bundles, and does not depend on other entry points
 * of esbuild.mjs building at the same moment.
 */
import * as esbuild from 'esbuild';
import { join } from 'node:path';

export interface BenchBundles {
    cli: string;
    server: string;
}

export async function bundleForBench(repoRoot: string, outDir: string): Promise<BenchBundles> {
    await esbuild.build({
        absWorkingDir: repoRoot,
        entryPoints: [
            { in: 'src/cli/main.ts', out: 'cli' }, { in: 'src/server/main.ts', out: 'server' },
            // Loaded on first use by the CLI's generate command and the server's generate request.
            { in: 'src/generator/generate-to-folder.ts', out: 'generator' },
            // Loaded by the generator only when a file needs merging, and by `eventloom test`.
            { in: 'src/generator/ts-morph-bundle.ts', out: 'ts-morph' }
        ],
        bundle: true,
        outdir: outDir,
        outExtension: { '.js': '.cjs' },
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['vscode'],
        sourcemap: true,
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
        logLevel: 'warning'
    });
    return { cli: join(outDir, 'cli.cjs'), server: join(outDir, 'server.cjs') };
}
