/**
 * The values of ts-morph's `StructureKind` and `VariableDeclarationKind` that the generator's
 * structures use, without loading ts-morph: importing its enums would load a whole TypeScript
 * compiler into every `eventloom generate`, although only a merge with a hand-edited file needs
 * one. The structures keep ts-morph's types (type-only imports), so ts-morph can still print and
 * merge them; `test/generator/structure-printer.test.ts` checks these values against ts-morph's.
 */
import type { StructureKind as Kind, VariableDeclarationKind as DeclarationKind } from 'ts-morph';

export const StructureKind = {
    ExportDeclaration: 11 as Kind.ExportDeclaration,
    Function: 13 as Kind.Function,
    ImportDeclaration: 16 as Kind.ImportDeclaration,
    Interface: 19 as Kind.Interface,
    PropertySignature: 33 as Kind.PropertySignature,
    SourceFile: 36 as Kind.SourceFile,
    TypeAlias: 38 as Kind.TypeAlias,
    VariableStatement: 41 as Kind.VariableStatement
} as const;

export const VariableDeclarationKind = {
    Const: 'const' as DeclarationKind.Const
} as const;
