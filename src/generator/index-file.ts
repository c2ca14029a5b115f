/**
 * `<context>/index.ts`: re-exports every name DESIGN §5 promises, by name, so that two aggregates'
 * `decide` functions (reachable through their deciders) never clash and type-only names stay
 * type-only exports (`isolatedModules`, `verbatimModuleSyntax`). Only the context's own names:
 * what all contexts share (`Decimal`, `toEmmettDecider`, `RejectionError`, …) is exported once, by
 * `<out>/eventloom.ts`, so that several contexts' indexes can be imported side by side.
 */
import type { ExportDeclarationStructure, SourceFileStructure } from 'ts-morph';
import { StructureKind } from './structure-kinds.js';
import { camelCase } from '../language/typescript-names.js';
import { commandsOf, errorsOf, eventsOf } from '../language/model-queries.js';
import { upcastNames, versionedEvents } from './upcasts-file.js';
import type { ModelForm } from '../semantics/form.js';
import type { ContextModel } from './context-model.js';
import { jsDocTextOf } from './doc-comments.js';
import { aggregateFile, handwrittenNames, projectionFile } from './element-files.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';

export function indexSourceFile(context: ContextModel, form: ModelForm): SourceFileStructure {
    const exports: ExportDeclarationStructure[] = [];
    const add = (file: string, names: string[], isTypeOnly: boolean) => {
        if (names.length > 0) exports.push({ kind: StructureKind.ExportDeclaration, isTypeOnly, moduleSpecifier: `./${file}.js`, namedExports: names });
    };
    add('types', context.valueTypes.map(valueType => valueType.name), true);
    add('types', context.enums.map(enumeration => enumeration.name), false);
    for (const aggregate of context.aggregates) {
        const name = aggregate.name;
        add(aggregateFile(aggregate), [
            ...commandsOf(aggregate).map(command => command.name), ...eventsOf(aggregate).map(event => event.name),
            ...errorsOf(aggregate).map(error => error.name),
            `${name}Command`, `${name}Event`, `${name}Rejection`, `${name}State`
        ], true);
        add(aggregateFile(aggregate), [
            `${camelCase(name)}Decider`, `${camelCase(name)}CommandTypes`, `${camelCase(name)}EventTypes`, `${camelCase(name)}RejectionTypes`,
            `is${name}Command`, `is${name}Event`, `is${name}Rejection`
        ], false);
    }
    for (const readModel of context.readModels) {
        add(projectionFile(readModel), [readModel.name, `${readModel.name}Event`], true);
        add(projectionFile(readModel), [`initial${readModel.name}`, `${camelCase(readModel.name)}Projection`], false);
    }
    add('queries', context.queries.flatMap(query => [query.name, `${query.name}Result`, `${query.name}Handler`]), true);
    add('policies', context.policies.flatMap(policy => [`${handwrittenNames.policy(policy)}Policy`]), false);
    const versioned = versionedEvents(context, form);
    const steps = versioned.flatMap(({ event, steps }) => steps.map(step => ({ event, from: step.form.fromVersion })));
    add('upcasts', steps.map(({ event, from }) => `${event.name}V${from}`), true);
    if (versioned.length > 0) {
        const names = upcastNames(context.name);
        add('upcasts', [...steps.map(({ event, from }) => `upcast${event.name}From${from}`), names.upcast, names.withVersion, names.versions], false);
    }
    const description = context.declarations.map(jsDocTextOf).find(text => text !== undefined);
    return {
        kind: StructureKind.SourceFile,
        statements: [
            FULLY_GENERATED_HEADER,
            `/**\n * Bounded context ${context.name}.${description ? `\n *\n${description.split('\n').map(line => ` * ${line}`.trimEnd()).join('\n')}` : ''}\n * @module\n */`,
            ...(exports.length > 0 ? exports : ['export {};'])
        ]
    };
}
