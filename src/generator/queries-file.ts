/** `<context>/queries.ts`: each query's request and result types and the signature of its handler. */
import type { SourceFileStructure, StatementStructures } from 'ts-morph';
import { StructureKind } from './structure-kinds.js';
import type { Query } from '../language/generated/ast.js';
import { compare, type ContextModel } from './context-model.js';
import { docs } from './doc-comments.js';
import { projectionFile } from './element-files.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { TypeImports, objectTypeOf } from './type-mapping.js';

export function queriesSourceFile(context: ContextModel): SourceFileStructure {
    const imports = new TypeImports();
    const statements = context.queries.flatMap(query => queryTypes(query, imports));
    const readModels = new Map<string, string>();
    for (const query of context.queries) {
        const readModel = query.returns.ref;
        if (readModel) readModels.set(readModel.name, projectionFile(readModel));
    }
    return {
        kind: StructureKind.SourceFile,
        statements: [
            FULLY_GENERATED_HEADER,
            ...[...readModels.entries()].sort(([, a], [, b]) => compare(a, b)).map(([name, file]) => ({
                kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: `./${file}.js`, namedImports: [name]
            })),
            ...imports.declarations(),
            ...statements
        ]
    };
}

function queryTypes(query: Query, imports: TypeImports): StatementStructures[] {
    const result = query.returns.$refText;
    return [
        {
            kind: StructureKind.TypeAlias, isExported: true, name: query.name, docs: docs(query, `The parameters of query ${query.name}.`),
            type: objectTypeOf(query.fields, imports)
        },
        {
            kind: StructureKind.TypeAlias, isExported: true, name: `${query.name}Result`,
            docs: [{ description: query.list ? `Every ${result} matching the query.` : `The ${result} asked for, or \`null\` when there is none.` }],
            type: query.list ? `readonly ${result}[]` : `${result} | null`
        },
        {
            kind: StructureKind.TypeAlias, isExported: true, name: `${query.name}Handler`,
            docs: [{ description: `Answers query ${query.name} from the ${result} documents.` }],
            type: `(query: ${query.name}) => Promise<${query.name}Result>`
        }
    ];
}
