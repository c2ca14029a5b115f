/**
 * The model grouped by bounded context: a context may span several files, and generated code is
 * laid out per context. Contexts and files are ordered by name and path, so the same model always
 * generates the same output whatever order the files were loaded in.
 */
import { AstUtils } from 'langium';
import {
    isAggregate, isEnum, isPolicy, isQuery, isReadModel, isValueType,
    type Aggregate, type ContextDeclaration, type Enum, type Model, type Policy, type Query, type ReadModel, type ValueType
} from '../language/generated/ast.js';
import { contextFolder } from '../language/typescript-names.js';

export interface ContextModel {
    name: string;
    folder: string;
    declarations: ContextDeclaration[];
    enums: Enum[];
    valueTypes: ValueType[];
    aggregates: Aggregate[];
    readModels: ReadModel[];
    queries: Query[];
    policies: Policy[];
}

export function groupByContext(models: readonly Model[]): ContextModel[] {
    const contexts = new Map<string, ContextModel>();
    for (const model of [...models].sort((a, b) => compare(uriOf(a), uriOf(b)))) {
        const declaration = model.context;
        if (!declaration?.name) continue;
        let context = contexts.get(declaration.name);
        if (!context) {
            context = {
                name: declaration.name, folder: contextFolder(declaration.name), declarations: [],
                enums: [], valueTypes: [], aggregates: [], readModels: [], queries: [], policies: []
            };
            contexts.set(declaration.name, context);
        }
        context.declarations.push(declaration);
        context.enums.push(...model.elements.filter(isEnum));
        context.valueTypes.push(...model.elements.filter(isValueType));
        context.aggregates.push(...model.elements.filter(isAggregate));
        context.readModels.push(...model.elements.filter(isReadModel));
        context.queries.push(...model.elements.filter(isQuery));
        context.policies.push(...model.elements.filter(isPolicy));
    }
    return [...contexts.values()].sort((a, b) => compare(a.folder, b.folder));
}

function uriOf(model: Model): string {
    return model.$document ? AstUtils.getDocument(model).uri.toString() : '';
}

/** Plain code-unit order: locale-independent, so output never depends on the machine. */
export function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
