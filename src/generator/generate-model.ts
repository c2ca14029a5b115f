/**
 * The generator's pure core: model in, files out. One ts-morph `SourceFileStructure` per output
 * file, printed as ts-morph's public `printStructure` prints it (by `print-structure.ts`, which
 * needs no TypeScript compiler; ts-morph itself for a structure that printer refuses): no
 * project, no node-by-node edits, no type checker. The same model gives byte-identical output.
 */
import type { SourceFileStructure } from 'ts-morph';
import { StructureKind } from './structure-kinds.js';
import { printSourceFile, UnsupportedStructure, type PrintOptions } from './print-structure.js';
import { loadTsMorph } from './load-ts-morph.js';
import { HANDWRITTEN_MARKER, HANDWRITTEN_TAG } from './file-layout.js';
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
import type { ModelForm } from '../semantics/form.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { RUNTIME_SOURCE, SHARED_MODULE } from './runtime/runtime-source.js';

export interface GeneratedFile {
    /** Relative to the output folder, with `/` separators: `banking/bank-account.ts`. */
    path: string;
    text: string;
    /**
     * The body of each hand-written function's stub in `text`, by name, as ts-morph's parser would
     * read it: the writer needs no parser for a file it writes as generated. Only valid while
     * `text` is still the text printed (`printedText`); absent when unknown.
     */
    stubs?: { printedText: string; bodies: Readonly<Record<string, string>> };
}

/** `emmett` also writes the application wired to Emmett (DESIGN §8): app.ts, runtime.ts, http.ts, server.ts. */
export type Runtime = 'none' | 'emmett';

export const RUNTIMES: readonly Runtime[] = ['none', 'emmett'];

export interface GenerateModelOptions {
    runtime?: Runtime;
}

export function generateModel(models: readonly Model[], options: GenerateModelOptions = {}): GeneratedFile[] {
    const form = buildModelForm(models);
    const files = generateStructures(models, form).map(({ path, structure }) => printFile(path, structure));
    if (options.runtime === 'emmett') files.push(...emmettAppFiles(groupByContext(models), form));
    return files;
}

/** Every output file but the Emmett application's, as the structure to print. */
/** `form`: the rules, resolved once (`buildModelForm(models)`): generated bodies are printed from it, as the interpreter runs it. */
export function generateStructures(models: readonly Model[], form: ModelForm = buildModelForm(models)): Array<{ path: string; structure: SourceFileStructure }> {
    const contexts = groupByContext(models);
    const structures: Array<{ path: string; structure: SourceFileStructure }> = [
        { path: `${SHARED_MODULE}.ts`, structure: { kind: StructureKind.SourceFile, statements: [FULLY_GENERATED_HEADER, RUNTIME_SOURCE.trimEnd()] } },
        { path: `${TESTING_MODULE}.ts`, structure: { kind: StructureKind.SourceFile, statements: [FULLY_GENERATED_HEADER, TESTING_SOURCE.trimEnd()] } }
    ];
    const modelsRoot = modelsRootOf(models);
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
    return structures;
}

function emmettAppFiles(contexts: ReturnType<typeof groupByContext>, form: ModelForm): GeneratedFile[] {
    const copied = (file: 'emmett-runtime.ts' | 'http-runtime.ts') => `${FULLY_GENERATED_HEADER}\n${appRuntimeSource(file)}`;
    return [
        { path: 'app.ts', text: appFileText(contexts, form) },
        { path: 'runtime.ts', text: copied('emmett-runtime.ts') },
        { path: 'http.ts', text: copied('http-runtime.ts') },
        { path: 'server.ts', text: serverFileText(contexts) }
    ];
}

/** The generated code's style: single quotes, four spaces, LF, spaces inside non-empty braces. */
export const PRINT_OPTIONS: PrintOptions = {
    useSingleQuote: true, indentNumberOfSpaces: 4, newLine: '\n', insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true
};

/** Structures straight to text: no project, no source file parsed only to be read back. */
export function printFile(path: string, structure: SourceFileStructure): GeneratedFile {
    let printed;
    try {
        printed = printSourceFile(structure, PRINT_OPTIONS);
    } catch (error) {
        if (!(error instanceof UnsupportedStructure)) throw error;
        return { path, text: loadTsMorph().printStructure(structure, PRINT_OPTIONS) };
    }
    const { text, functions } = printed;
    if (!text.includes(HANDWRITTEN_MARKER)) return { path, text };
    const handwritten = functions.filter(fn => fn.tags.includes(HANDWRITTEN_TAG));
    // Every `@handwritten` of the text is a tag printed on one of them: otherwise (the tag in a
    // doc comment's text, say) only the parser knows which functions it marks.
    if (occurrences(text, `@${HANDWRITTEN_TAG}`) !== handwritten.reduce((count, fn) => count + fn.tags.filter(tag => tag === HANDWRITTEN_TAG).length, 0)) {
        return { path, text };
    }
    return { path, text, stubs: { printedText: text, bodies: Object.fromEntries(handwritten.map(fn => [fn.name, fn.body])) } };
}

function occurrences(text: string, part: string): number {
    let count = 0;
    for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
    return count;
}
