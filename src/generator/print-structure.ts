/**
 * Prints the generator's structures to text without ts-morph: the same algorithm as ts-morph's
 * `printStructure` for the subset of structures the generator builds, on the same writer
 * (code-block-writer, which ts-morph prints with), so the text is byte-identical. It exists
 * because loading ts-morph (a whole TypeScript compiler) and its printer cost most of a
 * `generate` run. Anything outside that subset (a kind or property the generator does not use
 * today, or text where ts-morph's result depends on its scanner) is refused with
 * `UnsupportedStructure`, and the caller prints that file with ts-morph itself.
 * `test/generator/structure-printer.test.ts` compares both printers on every template and test model.
 *
 * It also returns the body text of every top-level function, as ts-morph's parser would read it
 * back from the printed text: the writer needs no parser for a file it writes as generated.
 */
import CodeBlockWriter from 'code-block-writer';
import type {
    ExportDeclarationStructure, FunctionDeclarationStructure, ImportDeclarationStructure, InterfaceDeclarationStructure,
    JSDocStructure, OptionalKind, ParameterDeclarationStructure, PropertySignatureStructure, SourceFileStructure,
    TypeAliasDeclarationStructure, TypeParameterDeclarationStructure, VariableDeclarationStructure, VariableStatementStructure
} from 'ts-morph';
import { StructureKind } from './structure-kinds.js';

/** A structure this printer does not print exactly as ts-morph would: print it with ts-morph. */
export class UnsupportedStructure extends Error {
    override readonly name = 'UnsupportedStructure';
}

export interface PrintedFunction {
    name: string;
    /** The JSDoc tags on it, by name. */
    tags: string[];
    /** `{ … }`, as in the printed text. */
    body: string;
}

export interface PrintedSourceFile {
    text: string;
    functions: PrintedFunction[];
}

/** ts-morph's `printStructure` options that the generator uses. */
export interface PrintOptions {
    useSingleQuote: boolean;
    indentNumberOfSpaces: number;
    newLine: '\n';
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: boolean;
}

type Docs = Array<OptionalKind<JSDocStructure> | string> | undefined;
type Statement = string | { kind: number };

export function printSourceFile(structure: SourceFileStructure, options: PrintOptions): PrintedSourceFile {
    allowOnly(structure, ['kind', 'statements']);
    const writer = new CodeBlockWriter({ indentNumberOfSpaces: options.indentNumberOfSpaces, useTabs: false, newLine: options.newLine, useSingleQuote: options.useSingleQuote });
    const printer = new Printer(writer, options);
    writer.closeComment();
    printer.statements(structure.statements as Statement | Statement[] | undefined);
    writer.conditionalNewLine(!writer.isAtStartOfFirstLineOfBlock() && !writer.isLastNewLine());
    const text = writer.toString();
    return { text, functions: printer.functions.map(({ name, tags, start, end }) => ({ name, tags, body: text.slice(start, end) })) };
}

class Printer {
    readonly functions: Array<{ name: string; tags: string[]; start: number; end: number }> = [];

    constructor(private readonly writer: CodeBlockWriter, private readonly options: PrintOptions) {}

    /** ts-morph's StatementStructurePrinter.printTexts (not ambient). */
    statements(statements: Statement | Statement[] | undefined, topLevel = true): void {
        const writer = this.writer;
        if (statements == null) return;
        if (typeof statements === 'string') {
            writer.write(statements);
            return;
        }
        if (!Array.isArray(statements)) throw new UnsupportedStructure('statements that are neither text nor a list');
        for (const statement of statements) {
            if (isLastNonWhitespaceCharCloseBrace(writer)) writer.blankLineIfLastNot();
            else if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLineIfLastNot();
            if (statement != null) this.statement(statement, topLevel);
        }
    }

    private statement(statement: Statement, topLevel: boolean): void {
        const writer = this.writer;
        if (typeof statement === 'string') {
            writer.write(statement);
            return;
        }
        const ensureBlankLine = () => {
            if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLineIfLastNot();
        };
        switch (statement.kind) {
            case StructureKind.Function:
                ensureBlankLine();
                this.function(statement as FunctionDeclarationStructure, topLevel);
                break;
            case StructureKind.Interface:
                ensureBlankLine();
                this.interface(statement as InterfaceDeclarationStructure);
                break;
            case StructureKind.TypeAlias:
                this.typeAlias(statement as TypeAliasDeclarationStructure);
                break;
            case StructureKind.VariableStatement:
                this.variableStatement(statement as VariableStatementStructure);
                break;
            case StructureKind.ImportDeclaration:
                this.importDeclaration(statement as ImportDeclarationStructure);
                break;
            case StructureKind.ExportDeclaration:
                this.exportDeclaration(statement as ExportDeclarationStructure);
                break;
            default:
                throw new UnsupportedStructure(`statement kind ${statement.kind}`);
        }
    }

    private function(structure: FunctionDeclarationStructure, topLevel: boolean): void {
        allowOnly(structure, ['kind', 'name', 'isExported', 'docs', 'typeParameters', 'parameters', 'returnType', 'statements']);
        const writer = this.writer;
        writer.closeComment();
        this.docs(structure.docs);
        this.modifiers(structure);
        writer.write('function');
        if (!isNullOrWhitespace(structure.name)) writer.write(` ${structure.name}`);
        this.typeParameters(structure.typeParameters);
        writer.write('(');
        const parameters = structure.parameters;
        if (parameters != null && parameters.length > 0) writer.hangingIndent(() => this.separated(parameters, parameter => this.parameter(parameter)));
        writer.write(')');
        if (structure.returnType != null) this.typeAnnotation(':', textOf(structure.returnType));
        writer.space();
        const start = writer.getLength();
        writer.inlineBlock(() => this.statements(structure.statements as Statement | Statement[] | undefined, false));
        if (topLevel && structure.name) this.functions.push({ name: structure.name, tags: tagNamesOf(structure.docs), start, end: writer.getLength() });
    }

    private parameter(structure: OptionalKind<ParameterDeclarationStructure>): void {
        allowOnly(structure, ['kind', 'name', 'type', 'hasQuestionToken', 'initializer']);
        const writer = this.writer;
        writer.closeComment();
        writer.write(structure.name);
        writer.conditionalWrite(structure.hasQuestionToken, '?');
        if (structure.type != null || structure.hasQuestionToken) this.typeAnnotation(':', structure.type == null ? 'any' : textOf(structure.type));
        this.initializer(structure.initializer);
    }

    private typeParameters(structures: Array<OptionalKind<TypeParameterDeclarationStructure> | string> | undefined): void {
        if (structures == null || structures.length === 0) return;
        const writer = this.writer;
        writer.write('<');
        this.separated(structures, structure => {
            writer.closeComment();
            if (typeof structure === 'string') {
                writer.write(structure);
                return;
            }
            allowOnly(structure, ['kind', 'name', 'constraint']);
            writer.hangingIndent(() => {
                writer.write(structure.name);
                if (structure.constraint != null) {
                    const constraint = textOf(structure.constraint);
                    if (!isNullOrWhitespace(constraint)) writer.write(` extends ${constraint}`);
                }
            });
        });
        writer.write('>');
    }

    private interface(structure: InterfaceDeclarationStructure): void {
        allowOnly(structure, ['kind', 'name', 'isExported', 'docs', 'properties']);
        const writer = this.writer;
        writer.closeComment();
        this.docs(structure.docs);
        this.modifiers(structure);
        writer.write(`interface ${structure.name}`);
        writer.space();
        writer.inlineBlock(() => {
            const properties = structure.properties;
            if (properties == null || properties.length === 0) return;
            if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLine();
            properties.forEach((property, index) => {
                writer.conditionalNewLine(index > 0);
                this.propertySignature(property);
            });
        });
    }

    private propertySignature(structure: OptionalKind<PropertySignatureStructure>): void {
        allowOnly(structure, ['kind', 'name', 'isReadonly', 'hasQuestionToken', 'type', 'docs']);
        const writer = this.writer;
        writer.closeComment();
        this.docs(structure.docs);
        this.modifiers(structure);
        writer.write(structure.name);
        writer.conditionalWrite(structure.hasQuestionToken, '?');
        if (structure.type != null) this.typeAnnotation(':', textOf(structure.type));
        writer.write(';');
    }

    private typeAlias(structure: TypeAliasDeclarationStructure): void {
        allowOnly(structure, ['kind', 'name', 'isExported', 'docs', 'type']);
        const writer = this.writer;
        writer.closeComment();
        this.docs(structure.docs);
        this.modifiers(structure);
        writer.write(`type ${structure.name}`);
        if (structure.type != null) this.typeAnnotation(' =', textOf(structure.type));
        writer.write(';');
    }

    private variableStatement(structure: VariableStatementStructure): void {
        allowOnly(structure, ['kind', 'isExported', 'declarationKind', 'docs', 'declarations']);
        const writer = this.writer;
        writer.closeComment();
        this.docs(structure.docs);
        writer.hangingIndent(() => {
            this.modifiers(structure);
            writer.write(`${structure.declarationKind || 'let'} `);
            if (structure.declarations.length === 0) throw new UnsupportedStructure('a variable statement without declarations');
            this.separated(structure.declarations, declaration => this.variableDeclaration(declaration));
            writer.write(';');
        });
    }

    private variableDeclaration(structure: OptionalKind<VariableDeclarationStructure>): void {
        allowOnly(structure, ['kind', 'name', 'type', 'initializer']);
        const writer = this.writer;
        writer.closeComment();
        writer.write(structure.name);
        if (structure.type != null) this.typeAnnotation(':', textOf(structure.type));
        this.initializer(structure.initializer);
    }

    private importDeclaration(structure: ImportDeclarationStructure): void {
        allowOnly(structure, ['kind', 'isTypeOnly', 'moduleSpecifier', 'namedImports']);
        const writer = this.writer;
        writer.closeComment();
        const named = namesOf(structure.namedImports);
        writer.write('import');
        if (structure.isTypeOnly) writer.write(' type');
        if (named.length > 0) {
            writer.space();
            this.braces(named);
        }
        writer.conditionalWrite(named.length > 0, ' from');
        writer.write(' ');
        writer.quote(structure.moduleSpecifier);
        writer.write(';');
    }

    private exportDeclaration(structure: ExportDeclarationStructure): void {
        allowOnly(structure, ['kind', 'isTypeOnly', 'moduleSpecifier', 'namedExports']);
        const writer = this.writer;
        writer.closeComment();
        const hasModuleSpecifier = structure.moduleSpecifier != null && structure.moduleSpecifier.length > 0;
        const named = namesOf(structure.namedExports);
        writer.write('export');
        if (structure.isTypeOnly) writer.write(' type');
        if (named.length > 0) {
            writer.space();
            this.braces(named);
        } else if (!hasModuleSpecifier) {
            writer.write(' {').conditionalWrite(this.options.insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces, ' ').write('}');
        } else {
            writer.write(' *');
        }
        if (hasModuleSpecifier) {
            writer.write(' from ');
            writer.quote(structure.moduleSpecifier!);
        }
        writer.write(';');
    }

    /** `{ a, b }` of import and export specifiers (names and keywords only). */
    private braces(names: string[]): void {
        const space = this.options.insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces ? ' ' : '';
        this.writer.write(`{${space}${names.join(', ')}${space}}`);
    }

    /** ts-morph's JSDocStructurePrinter.printDocs. */
    private docs(docs: Docs): void {
        if (docs == null) return;
        const writer = this.writer;
        for (const doc of docs) {
            writer.closeComment();
            const lines = jsDocText(doc).split(/\r?\n/);
            const startIndex = lines[0].length === 0 ? 1 : 0;
            writer.write('/**');
            if (lines.length <= 1) {
                writer.space();
                writer.write(lines[startIndex]);
            } else {
                writer.newLine();
                for (let i = startIndex; i < lines.length; i++) {
                    writer.write(' *');
                    if (lines[i].length > 0) writer.write(` ${lines[i]}`);
                    writer.newLine();
                }
            }
            writer.spaceIfLastNot();
            writer.write('*/');
            writer.newLine();
        }
    }

    private modifiers(structure: { isExported?: boolean; isReadonly?: boolean }): void {
        if (structure.isExported) this.writer.write('export ');
        if (structure.isReadonly) this.writer.write('readonly ');
    }

    /** ts-morph's TypedNodeStructurePrinter and ReturnTypedNodeStructurePrinter. */
    private typeAnnotation(separator: string, type: string): void {
        if (isNullOrWhitespace(type)) return;
        this.writer.hangingIndent(() => this.writer.write(`${separator} ${type}`));
    }

    private initializer(initializer: unknown): void {
        if (initializer == null) return;
        const text = textOf(initializer);
        if (isNullOrWhitespace(text)) return;
        this.writer.hangingIndent(() => {
            this.writer.spaceIfLastNot();
            this.writer.write(`= ${text}`);
        });
    }

    /**
     * ts-morph's CommaSeparatedStructuresPrinter: items separated by a space, then a comma put
     * after each but the last where its scanner finds the item's last token. That is right after
     * the item for an item that ends in a token; any other is refused.
     */
    private separated<T>(items: readonly T[], print: (item: T) => void): void {
        const writer = this.writer;
        items.forEach((item, index) => {
            if (index > 0) writer.spaceIfLastNot();
            const start = writer.getLength();
            print(item);
            const printed = textSince(writer, start);
            if (printed.length === 0 || printed !== printed.trimEnd() || printed.endsWith(',') || /\/\/|\/\*|`/.test(printed)) {
                throw new UnsupportedStructure(`a list item ts-morph's scanner would have to place the comma of: ${printed}`);
            }
            if (index < items.length - 1) writer.write(',');
        });
    }
}

/** The text of a JSDoc as ts-morph writes it inside `/** … *\/`: the description, then the tags. */
function jsDocText(doc: OptionalKind<JSDocStructure> | string): string {
    if (typeof doc === 'string') return normalized(doc);
    allowOnly(doc, ['kind', 'description', 'tags']);
    const description = doc.description == null ? '' : textOf(doc.description);
    if (doc.tags == null || doc.tags.length === 0) return normalized(description);
    // ts-morph closes an open `/*` of the description before each tag: refuse rather than copy that.
    if (description.includes('/*')) throw new UnsupportedStructure('a JSDoc with tags whose description opens a comment');
    const tags = doc.tags.map(tag => {
        allowOnly(tag, ['kind', 'tagName']);
        return `@${tag.tagName}`;
    });
    return normalized(`${description}${description.length > 0 ? '\n' : ''}${tags.join('\n')}`);
}

function tagNamesOf(docs: Docs): string[] {
    return (docs ?? []).flatMap(doc => (typeof doc === 'string' ? [] : (doc.tags ?? []).map(tag => tag.tagName)));
}

function namesOf(specifiers: unknown): string[] {
    if (specifiers == null) return [];
    if (!Array.isArray(specifiers)) throw new UnsupportedStructure('specifiers written by a function');
    return specifiers.map(specifier => {
        // Names and keywords (`type X`, `X as Y`): what ts-morph writes of them is the text itself.
        if (typeof specifier !== 'string' || !/^[\w$]+( [\w$]+)*$/.test(specifier)) throw new UnsupportedStructure(`the specifier ${JSON.stringify(specifier)}`);
        return specifier;
    });
}

/** What a fresh writer makes of a text: ts-morph prints every nested text through one. */
function textOf(text: unknown): string {
    if (typeof text !== 'string') throw new UnsupportedStructure('text written by a function');
    return normalized(text);
}

function normalized(text: string): string {
    return text.includes('\r') ? text.replace(/\r?\n/g, '\n') : text;
}

function allowOnly(structure: object, keys: readonly string[]): void {
    for (const key of Object.keys(structure)) {
        if (!keys.includes(key) && (structure as Record<string, unknown>)[key] !== undefined) throw new UnsupportedStructure(`the property ${key}`);
    }
}

const WHITESPACE = new Set([' ', '\f', '\n', '\r', '\t', '\v', '\u00A0', '\u2028', '\u2029'].map(char => char.charCodeAt(0)));

function isNullOrWhitespace(text: string | undefined): boolean {
    if (typeof text !== 'string') return true;
    for (let i = 0; i < text.length; i++) if (!WHITESPACE.has(text.charCodeAt(i))) return false;
    return true;
}

/** The text written since `start` (the writer keeps its text in pieces: joining them all for each item would be quadratic). */
function textSince(writer: CodeBlockWriter, start: number): string {
    const chars: string[] = [];
    writer.iterateLastChars((char, index) => {
        if (index < start) return true;
        chars.push(char);
        return undefined;
    });
    return chars.reverse().join('');
}

function isLastNonWhitespaceCharCloseBrace(writer: CodeBlockWriter): boolean {
    return writer.iterateLastCharCodes(code => (code === 0x7d ? true : WHITESPACE.has(code) ? undefined : false)) ?? false;
}
