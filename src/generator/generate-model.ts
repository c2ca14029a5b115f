/**
 * The generator's pure core: model in, files out. One ts-morph `SourceFileStructure` per output
 * file, printed once in an in-memory project; no node-by-node edits, no type checker. The same
 * model gives byte-identical output.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, type SourceFileStructure } from 'ts-morph';
import type { Model } from '../language/generated/ast.js';
import { aggregateSourceFile } from './aggregate-file.js';
import { groupByContext } from './context-model.js';
import { aggregateFile, projectionFile } from './element-files.js';
import { indexSourceFile } from './index-file.js';
import { policiesSourceFile } from './policies-file.js';
import { projectionSourceFile } from './projection-file.js';
import { queriesSourceFile } from './queries-file.js';
import { typesFile } from './types-file.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { RUNTIME_SOURCE, SHARED_MODULE } from './runtime/runtime-source.js';

export interface GeneratedFile {
    /** Relative to the output folder, with `/` separators: `banking/bank-account.ts`. */
    path: string;
    text: string;
}

export function generateModel(models: readonly Model[]): GeneratedFile[] {
    const structures: Array<{ path: string; structure: SourceFileStructure }> = [
        { path: `${SHARED_MODULE}.ts`, structure: { kind: StructureKind.SourceFile, statements: [FULLY_GENERATED_HEADER, RUNTIME_SOURCE.trimEnd()] } }
    ];
    for (const context of groupByContext(models)) {
        const inFolder = (file: string, structure: SourceFileStructure) => structures.push({ path: `${context.folder}/${file}.ts`, structure });
        inFolder('types', typesFile(context));
        for (const aggregate of context.aggregates) inFolder(aggregateFile(aggregate), aggregateSourceFile(aggregate));
        for (const readModel of context.readModels) inFolder(projectionFile(readModel), projectionSourceFile(readModel));
        inFolder('queries', queriesSourceFile(context));
        inFolder('policies', policiesSourceFile(context));
        inFolder('index', indexSourceFile(context));
    }
    return structures.map(({ path, structure }) => ({ path, text: printStructure(structure) }));
}

const printer = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
        quoteKind: QuoteKind.Single, indentationText: IndentationText.FourSpaces, newLineKind: NewLineKind.LineFeed,
        useTrailingCommas: false, insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true
    }
});

/**
 * Prints a structure to text. ts-morph's `createSourceFile(path, structure)` prints with its
 * structure printers and then parses the text into a source file we would only read back; the
 * parse is ~40% of the time, so use the project's printer directly when this ts-morph version
 * exposes it (pinned ~28.0), and the public route otherwise. Same printers, same text.
 */
function printStructure(structure: SourceFileStructure): string {
    const context = (printer as unknown as { _context?: InternalContext })._context;
    if (context?.structurePrinterFactory && context.createWriter) {
        const writer = context.createWriter();
        context.structurePrinterFactory.forSourceFile({ isAmbient: false }).printText(writer, structure);
        return writer.toString();
    }
    const file = printer.createSourceFile('/print.ts', structure, { overwrite: true });
    const text = file.getFullText();
    printer.removeSourceFile(file);
    return text;
}

interface InternalContext {
    createWriter?(): { toString(): string };
    structurePrinterFactory?: { forSourceFile(options: { isAmbient: boolean }): { printText(writer: unknown, structure: SourceFileStructure): void } };
}
