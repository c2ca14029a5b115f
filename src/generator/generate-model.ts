/**
 * The generator's pure core: model in, files out. One ts-morph `SourceFileStructure` per output
 * file, printed with ts-morph's public `printStructure`: no project, no node-by-node edits, no
 * type checker. The same model gives byte-identical output.
 */
import { printStructure, StructureKind, type PrintStructureOptions, type SourceFileStructure } from 'ts-morph';
import type { Model } from '../language/generated/ast.js';
import { aggregateSourceFile } from './aggregate-file.js';
import { groupByContext, modelsRootOf } from './context-model.js';
import { scenariosSourceFile, scenariosTestSourceFile } from './scenarios-file.js';
import { TESTING_MODULE, TESTING_SOURCE } from './runtime/testing-source.js';
import { appFileText } from './app-file.js';
import { appRuntimeSource } from './runtime/app-runtime-sources.js';
import { serverFileText } from './server-file.js';
import { aggregateFile, projectionFile } from './element-files.js';
import { indexSourceFile } from './index-file.js';
import { policiesSourceFile } from './policies-file.js';
import { projectionSourceFile } from './projection-file.js';
import { queriesSourceFile } from './queries-file.js';
import { typesFile } from './types-file.js';
import { upcastsSourceFile } from './upcasts-file.js';
import { buildModelForm } from '../semantics/build-form.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { RUNTIME_SOURCE, SHARED_MODULE } from './runtime/runtime-source.js';

export interface GeneratedFile {
    /** Relative to the output folder, with `/` separators: `banking/bank-account.ts`. */
    path: string;
    text: string;
}

/** `emmett` also writes the application wired to Emmett (DESIGN §8): app.ts, runtime.ts, http.ts, server.ts. */
export type Runtime = 'none' | 'emmett';

export const RUNTIMES: readonly Runtime[] = ['none', 'emmett'];

export interface GenerateModelOptions {
    runtime?: Runtime;
}

export function generateModel(models: readonly Model[], options: GenerateModelOptions = {}): GeneratedFile[] {
    const contexts = groupByContext(models);
    const structures: Array<{ path: string; structure: SourceFileStructure }> = [
        { path: `${SHARED_MODULE}.ts`, structure: { kind: StructureKind.SourceFile, statements: [FULLY_GENERATED_HEADER, RUNTIME_SOURCE.trimEnd()] } },
        { path: `${TESTING_MODULE}.ts`, structure: { kind: StructureKind.SourceFile, statements: [FULLY_GENERATED_HEADER, TESTING_SOURCE.trimEnd()] } }
    ];
    const modelsRoot = modelsRootOf(models);
    // The rules, resolved once: generated bodies are printed from this form, as the interpreter runs it.
    const form = buildModelForm(models);
    for (const context of contexts) {
        const inFolder = (file: string, structure: SourceFileStructure) => structures.push({ path: `${context.folder}/${file}.ts`, structure });
        inFolder('types', typesFile(context));
        for (const aggregate of context.aggregates) inFolder(aggregateFile(aggregate), aggregateSourceFile(aggregate, form));
        for (const readModel of context.readModels) inFolder(projectionFile(readModel), projectionSourceFile(readModel, form));
        inFolder('queries', queriesSourceFile(context));
        inFolder('policies', policiesSourceFile(context, form));
        inFolder('scenarios', scenariosSourceFile(context, modelsRoot));
        inFolder('scenarios.test', scenariosTestSourceFile(context));
        const upcasts = upcastsSourceFile(context, form);
        if (upcasts) inFolder('upcasts', upcasts);
        inFolder('index', indexSourceFile(context, form));
    }
    const files = structures.map(({ path, structure }) => ({ path, text: printFile(structure) }));
    if (options.runtime === 'emmett') files.push(...emmettAppFiles(contexts));
    return files;
}

function emmettAppFiles(contexts: ReturnType<typeof groupByContext>): GeneratedFile[] {
    const copied = (file: 'emmett-runtime.ts' | 'http-runtime.ts') => `${FULLY_GENERATED_HEADER}\n${appRuntimeSource(file)}`;
    return [
        { path: 'app.ts', text: appFileText(contexts) },
        { path: 'runtime.ts', text: copied('emmett-runtime.ts') },
        { path: 'http.ts', text: copied('http-runtime.ts') },
        { path: 'server.ts', text: serverFileText(contexts) }
    ];
}

/** The generated code's style: single quotes, four spaces, LF, spaces inside non-empty braces. */
const PRINT_OPTIONS: PrintStructureOptions = {
    useSingleQuote: true, indentNumberOfSpaces: 4, newLine: '\n', insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true
};

/** ts-morph's structure printers straight to text: no project, no source file parsed only to be read back. */
function printFile(structure: SourceFileStructure): string {
    return printStructure(structure, PRINT_OPTIONS);
}
