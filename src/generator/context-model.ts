/**
 * The model grouped by bounded context: a context may span several files, and generated code is
 * laid out per context. Contexts and files are ordered by name and path, so the same model always
 * generates the same output whatever order the files were loaded in.
 */
import { AstUtils } from 'langium';
import {
    isAggregate, isEnum, isPolicy, isQuery, isReadModel, isScenario, isValueType,
    type Aggregate, type ContextDeclaration, type Enum, type Model, type Policy, type Query, type ReadModel, type Scenario, type ValueType
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
    scenarios: Scenario[];
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
                enums: [], valueTypes: [], aggregates: [], readModels: [], queries: [], policies: [], scenarios: []
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
        context.scenarios.push(...model.elements.filter(isScenario));
    }
    return [...contexts.values()].sort((a, b) => compare(a.folder, b.folder));
}

/**
 * The folder all model files are in (with a trailing `/`): scenario tests name their source
 * relative to it, so the output does not depend on where the models were checked out.
 */
export function modelsRootOf(models: readonly Model[]): string {
    const folders = models.filter(model => model.$document).map(model => AstUtils.getDocument(model).uri.path.replace(/[^/]*$/, ''));
    if (folders.length === 0) return '/';
    let root = folders[0];
    for (const folder of folders) while (!folder.startsWith(root)) root = root.replace(/[^/]*\/$/, '');
    return root || '/';
}

function uriOf(model: Model): string {
    return model.$document ? AstUtils.getDocument(model).uri.toString() : '';
}

/** Plain code-unit order: locale-independent, so output never depends on the machine. */
export function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
