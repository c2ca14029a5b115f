/**
 * `<context>/types.ts`: the context's enums and value types. The built-in type aliases and the
 * message and decider shapes every context shares live in `<out>/eventloom.ts`.
 */
import type { SourceFileStructure, StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './structure-kinds.js';
import type { Enum, ValueType } from '../language/generated/ast.js';
import type { ContextModel } from './context-model.js';
import { docs } from './doc-comments.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { TypeImports, propertyName, typeOf } from './type-mapping.js';

export function typesFile(context: ContextModel): SourceFileStructure {
    const imports = new TypeImports();
    const declarations = [...context.enums.flatMap(enumeration), ...context.valueTypes.map(declaration => valueType(declaration, imports))];
    return {
        kind: StructureKind.SourceFile,
        // Value types reference the context's own names from this same file: only the shared ones are imported.
        statements: [
            FULLY_GENERATED_HEADER,
            ...imports.declarations().filter(declaration => declaration.moduleSpecifier !== './types.js'),
            // A context without enums and value types still has a module here (`isolatedModules`).
            ...(declarations.length > 0 ? declarations : ['export {};'])
        ]
    };
}

function enumeration(declaration: Enum): StatementStructures[] {
    const members = declaration.members.map(member => member.name);
    return [
        {
            kind: StructureKind.TypeAlias, isExported: true, name: declaration.name,
            type: members.length === 0 ? 'never' : members.map(member => `'${member}'`).join(' | '),
            docs: docs(declaration, `Enum ${declaration.name}: one of its members' names.`)
        },
        {
            kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
            docs: docs(declaration, `The members of ${declaration.name}.`),
            declarations: [{
                name: declaration.name,
                initializer: members.length === 0 ? '{} as const' : `{ ${members.map(member => `${propertyName(member)}: '${member}'`).join(', ')} } as const`
            }]
        }
    ];
}

function valueType(declaration: ValueType, imports: TypeImports): StatementStructures {
    return {
        kind: StructureKind.Interface, isExported: true, name: declaration.name, docs: docs(declaration, `Value type ${declaration.name}.`),
        properties: declaration.fields.map(field => ({
            name: propertyName(field.name), isReadonly: true, hasQuestionToken: field.optional,
            type: typeOf(field.type, imports), docs: docs(field)
        }))
    };
}
