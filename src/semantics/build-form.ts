/**
 * The rules form of a whole model (every document of a workspace), built from the linked AST in
 * one walk. Contexts are ordered by name and their declarations by file and position, so the same
 * model always builds the same form. A partial model (unresolved names while typing) still builds:
 * what cannot be resolved makes its construct hand-written, with the reason, and never throws.
 */
import { AstUtils } from 'langium';
import { isAggregate, isEnum, isPolicy, isReadModel, isScenario, isValueType, type Enum, type Model, type ValueType } from '../language/generated/ast.js';
import { contextNameOf } from '../language/model-queries.js';
import { aggregateForm } from './build/build-aggregate.js';
import { policyForm, readModelForm } from './build/build-read-side.js';
import { scenarioForm } from './build/build-scenario.js';
import { fieldForm, nameOf } from './build/build-types.js';
import { indexContexts, type ContextForm, type EnumForm, type ModelForm, type ValueTypeForm } from './form.js';

export function buildModelForm(models: readonly Model[]): ModelForm {
    const contexts = [...modelsByContext(models)].sort(([a], [b]) => compare(a, b))
        .map(([name, files]) => buildContextForm(name, files));
    return indexContexts(contexts);
}

/** The models (files) of each context, each context's in file order. */
export function modelsByContext(models: readonly Model[]): Map<string, Model[]> {
    const byContext = new Map<string, Model[]>();
    for (const model of [...models].sort((a, b) => compare(uriOf(a), uriOf(b)))) {
        if (!model.context?.name) continue;
        const name = contextNameOf(model);
        byContext.set(name, [...(byContext.get(name) ?? []), model]);
    }
    return byContext;
}

/** One context's form from its files (references into other contexts are by name). */
export function buildContextForm(name: string, files: readonly Model[]): ContextForm {
    const elements = files.flatMap(model => model.elements);
    return {
        name,
        enums: elements.filter(isEnum).map(enumForm),
        valueTypes: elements.filter(isValueType).map(valueTypeForm),
        aggregates: elements.filter(isAggregate).map(aggregateForm),
        readModels: elements.filter(isReadModel).map(readModelForm),
        policies: elements.filter(isPolicy).map(policyForm),
        scenarios: elements.filter(isScenario).map(scenarioForm)
    };
}

export function enumForm(node: Enum): EnumForm {
    return { name: nameOf(node), members: node.members.map(member => member.name), source: node };
}

export function valueTypeForm(node: ValueType): ValueTypeForm {
    return { name: nameOf(node), fields: node.fields.map(fieldForm), source: node };
}

function uriOf(model: Model): string {
    return model.$document ? AstUtils.getDocument(model).uri.toString() : '';
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
