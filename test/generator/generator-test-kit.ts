/**
 * Shared set-up for the generator tests: parse and validate model files, generate from them,
 * type-check generated files with the TypeScript compiler API, and make scratch folders.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import type { Model } from '../../src/language/generated/ast.js';
import { generateModel, type GeneratedFile } from '../../src/generator/generate-model.js';
import { REPO_ROOT } from '../kit/paths.js';
import { assertNoErrors, buildWorkspace, freshFolder } from '../kit/workspace.js';

export { REPO_ROOT } from '../kit/paths.js';

/** Builds the given model files (name -> text) as one workspace and returns their models; fails on any error. */
export async function loadModels(files: Record<string, string>, options: { allowErrors?: boolean } = {}): Promise<Model[]> {
    const documents = await buildWorkspace(files, { folder: freshFolder('/models') });
    if (!options.allowErrors) assertNoErrors(documents, 'the model must be valid');
    return documents.map(document => document.parseResult.value);
}

/** Every `.loom` file under a folder (or the file itself), keyed by path relative to the repository. */
export function readModelFiles(path: string): Record<string, string> {
    const absolute = resolve(REPO_ROOT, path);
    const files: Record<string, string> = {};
    const visit = (entry: string) => {
        if (statSync(entry).isDirectory()) readdirSync(entry).sort().forEach(child => visit(join(entry, child)));
        else if (entry.endsWith('.loom')) files[relative(REPO_ROOT, entry)] = readFileSync(entry, 'utf8');
    };
    visit(absolute);
    return files;
}

export async function generateFrom(files: Record<string, string>): Promise<GeneratedFile[]> {
    return generateModel(await loadModels(files));
}

export function scratchFolder(name: string): string {
    return mkdtempSync(join(tmpdir(), `eventloom-${name}-`));
}

export type ModuleMode = 'nodenext' | 'bundler';

/**
 * Writes files into a scratch package inside the repository (so `node_modules` resolves, for the
 * Emmett test) and type-checks them with the TypeScript compiler API as `tsc --strict --noEmit`
 * would: in an ESM package with NodeNext resolution, or under `moduleResolution: bundler`.
 * `extraFiles` (relative to the package) may import the generated ones from `./generated/`.
 * Returns the diagnostics as readable lines, empty when everything compiles.
 */
export function typeCheck(files: readonly GeneratedFile[], mode: ModuleMode, extraFiles: Record<string, string> = {}): string[] {
    const root = scratchPackage();
    const paths: string[] = [];
    const write = (path: string, text: string) => {
        const absolute = join(root, path);
        mkdirSync(dirname(absolute), { recursive: true });
        writeFileSync(absolute, text);
        paths.push(absolute);
    };
    for (const file of files) write(`generated/${file.path}`, file.text);
    for (const [path, text] of Object.entries(extraFiles)) write(path, text);
    const options: ts.CompilerOptions = {
        strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: true,
        ...(mode === 'nodenext'
            ? { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
            : { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler })
    };
    // The generated code needs no Node types; only the scenario tests (node:test, node:assert) do.
    const tests = paths.filter(path => path.endsWith('.test.ts'));
    const programs = [ts.createProgram(paths.filter(path => !tests.includes(path)), options)];
    if (tests.length > 0) programs.push(ts.createProgram(tests, { ...options, types: ['node'] }));
    const diagnostics = [...new Set(programs.flatMap(program => ts.getPreEmitDiagnostics(program).map(diagnostic => {
        const where = diagnostic.file && diagnostic.start !== undefined
            ? `${relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: ` : '';
        return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    })))];
    rmSync(root, { recursive: true, force: true });
    return diagnostics;
}

/** An empty `"type": "module"` package under the repository's git-ignored `.cache/`. */
export function scratchPackage(): string {
    const parent = join(REPO_ROOT, '.cache', 'generator-tests');
    mkdirSync(parent, { recursive: true });
    const root = mkdtempSync(join(parent, 'package-'));
    writeFileSync(join(root, 'package.json'), '{ "type": "module", "private": true }\n');
    return root;
}

/** Compiles `<root>/generated` with tsc --strict (NodeNext, node's types) into `<root>/dist`; the diagnostics' messages. */
export function compileToJavaScript(root: string): string[] {
    const files = ts.sys.readDirectory(join(root, 'generated'), ['.ts']);
    const program = ts.createProgram(files, {
        strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: ['node'], skipLibCheck: true, outDir: join(root, 'dist'), rootDir: join(root, 'generated')
    });
    const emitted = program.emit();
    return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
