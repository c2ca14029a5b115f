/**
 * `<context>/scenarios.ts` and `<context>/scenarios.test.ts`: every scenario of the context as
 * data the shared runner (`<out>/eventloom-testing.ts`) checks, and a `node:test` file running
 * each as a test (under vitest, vitest's own `test`). Data literals are typed by the decider they
 * run against, without casts: decimals as their text, defaults applied, nested value types filled.
 * The stream id and the ids a decision draws are the interpreter's (`scenario-clock.ts`), so the
 * generated code and the editor's own run see the same scenario.
 */
import { AstUtils, type AstNode } from 'langium';
import type { ImportDeclarationStructure, SourceFileStructure } from 'ts-morph';
import { StructureKind } from './structure-kinds.js';
import type { Aggregate, Event, EventData, Expectation, Field, ObjectLiteral, ReadModel, Scenario, TypeReference } from '../language/generated/ast.js';
import { aggregateOf, contextNameOf, enumOf, errorsOf, eventDataFields, eventsOf, handledEventsOf, oldVersionOf, valueTypeOf } from '../language/model-queries.js';
import { camelCase } from '../language/typescript-names.js';
import { scenarioStreamId } from '../semantics/scenario-clock.js';
import { compare, type ContextModel } from './context-model.js';
import { aggregateFile, importPath, messageModule, projectionFile } from './element-files.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { literalToTypeScript, quote } from './literals.js';
import { TESTING_MODULE } from './runtime/testing-source.js';
import { propertyName } from './type-mapping.js';

/** Where a scenario is written, as its test names it: `<path relative to the models' folder>:line:column`. */
export function scenarioSource(scenario: Scenario, modelsRoot: string): string {
    const path = AstUtils.getDocument(scenario).uri.path;
    const relative = path.startsWith(modelsRoot) ? path.slice(modelsRoot.length) : path;
    const start = scenario.$cstNode?.range.start;
    return `${relative}:${(start?.line ?? 0) + 1}:${(start?.character ?? 0) + 1}`;
}

export function scenariosSourceFile(context: ContextModel, modelsRoot: string): SourceFileStructure {
    // A scenario runs with a `when` (a decision) or, without one, with an `expect` (a projection scenario).
    const runnable = context.scenarios.filter(scenario => aggregateOfScenario(scenario) || (!scenario.when && expectedReadModels(scenario).length > 0));
    const deciders = new Map<string, Aggregate>();
    const projections = new Map<string, ReadModel>();
    for (const scenario of runnable) {
        const aggregate = aggregateOfScenario(scenario);
        if (aggregate) deciders.set(aggregateFile(aggregate), aggregate);
        for (const readModel of expectedReadModels(scenario)) projections.set(projectionFile(readModel), readModel);
    }
    const shapes = new Map<string, string>();
    // Every message a decision may produce prints as the model writes it, not only the expected ones.
    for (const aggregate of deciders.values()) [...eventsOf(aggregate), ...errorsOf(aggregate)].forEach(message => noteShape(message, shapes));
    for (const readModel of projections.values()) noteShape({ name: readModel.name, fields: [...readModel.keys, ...readModel.fields] }, shapes);
    // Modules the entries use besides deciders and projections (upcasters, event types), with their names.
    const entryImports = new Map<string, Set<string>>();
    const entries = runnable.map(scenario => aggregateOfScenario(scenario)
        ? scenarioEntry(scenario, context, modelsRoot, shapes, entryImports)
        : projectionScenarioEntry(scenario, context, modelsRoot, shapes, entryImports));
    const runners = [
        ...(runnable.some(scenario => aggregateOfScenario(scenario)) ? ['decisionScenario'] : []),
        ...(runnable.some(scenario => expectedReadModels(scenario).length > 0) ? ['expectDocument'] : []),
        ...(runnable.some(scenario => !aggregateOfScenario(scenario)) ? ['projectionScenario'] : [])
    ];
    const modules = new Map<string, string[]>();
    for (const [file, aggregate] of deciders) modules.set(`./${file}.js`, [`${camelCase(aggregate.name)}Decider`]);
    for (const [module, names] of entryImports) modules.set(module, [...(modules.get(module) ?? []), ...[...names].sort(compare)]);
    for (const [file, readModel] of projections) {
        const names = [`${camelCase(readModel.name)}Projection`, ...(runnable.some(scenario => !scenario.when && expectedReadModels(scenario).includes(readModel)) ? [`type ${readModel.name}Event`] : [])];
        modules.set(`./${file}.js`, [...(modules.get(`./${file}.js`) ?? []), ...names]);
    }
    const imports: ImportDeclarationStructure[] = [
        { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: `../${TESTING_MODULE}.js`, namedImports: entries.length > 0 ? ['Scenario', 'Shapes'] : ['Scenario'] },
        ...(runners.length > 0 ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: `../${TESTING_MODULE}.js`, namedImports: runners }] : []),
        ...[...modules.entries()].sort(([a], [b]) => compare(a, b)).map(([moduleSpecifier, namedImports]) => ({
            kind: StructureKind.ImportDeclaration, moduleSpecifier, namedImports
        }))
    ];
    const shapeLines = [...shapes.entries()].sort(([a], [b]) => compare(a, b)).map(([type, shape]) => `    ${type}: ${shape}`);
    return {
        kind: StructureKind.SourceFile,
        statements: [
            FULLY_GENERATED_HEADER,
            ...imports,
            [
                // No scenario, no shapes: an unused constant would fail the user's `noUnusedLocals`.
                ...(entries.length === 0 ? [] : [
                    '/** Where the messages\' and documents\' decimals and enum members are: numbers compare by value, messages print as the model writes them. */',
                    shapeLines.length === 0 ? 'const shapes: Shapes = {};' : `const shapes: Shapes = {\n${shapeLines.join(',\n')}\n};`,
                    ''
                ]),
                `/** The scenarios of context ${context.name}, in the model's order; \`scenarios.test.ts\` runs each as a test. */`,
                entries.length === 0 ? 'export const scenarios: readonly Scenario[] = [];' : `export const scenarios: readonly Scenario[] = [\n${entries.join(',\n')}\n];`
            ].join('\n')
        ]
    };
}

/** The read models a scenario's `expect`s name, once each, in order (the context's own: `expect` names a local read model). */
function expectedReadModels(scenario: Scenario): ReadModel[] {
    return [...new Set(scenario.expectations.map(expectation => expectation.readModel.ref).filter((readModel): readModel is ReadModel => !!readModel))];
}

export function scenariosTestSourceFile(context: ContextModel): SourceFileStructure {
    return {
        kind: StructureKind.SourceFile,
        statements: [
            FULLY_GENERATED_HEADER,
            [
                `// The scenarios of context ${context.name} as tests: \`node --test\` (after tsc, or with tsx), or vitest.`,
                "import * as assert from 'node:assert/strict';",
                "import { scenarios } from './scenarios.js';",
                '',
                '// vitest collects its own `test`; everywhere else node\'s runner runs them.',
                "const vitest: string = 'vitest';",
                "const { test } = (process.env.VITEST ? await import(vitest) : await import('node:test')) as { test: (name: string, run: () => void) => void };",
                '',
                'for (const scenario of scenarios) {',
                '    test(`scenario "${scenario.name}" (${scenario.source})`, () => {',
                '        const failure = scenario.run();',
                '        if (failure) {',
                '            throw new assert.AssertionError({',
                '                message: `${scenario.source}: error: scenario "${scenario.name}": expected ${failure.expected}, got ${failure.actual}`,',
                "                expected: failure.expected, actual: failure.actual, operator: 'scenario'",
                '            });',
                '        }',
                '    });',
                '}'
            ].join('\n')
        ]
    };
}

/** The aggregate a scenario decides for (its `when` command's); undefined when it cannot run. */
export function aggregateOfScenario(scenario: Scenario): Aggregate | undefined {
    const command = scenario.when?.command?.ref;
    return command ? aggregateOf(command) : undefined;
}

function scenarioEntry(scenario: Scenario, context: ContextModel, modelsRoot: string, shapes: Map<string, string>, imports: Map<string, Set<string>>): string {
    const aggregate = aggregateOfScenario(scenario)!;
    const given = scenario.given.map(data => givenEntry(data, context, imports, shapes));
    const command = scenario.when!.command.ref!;
    const lines = [
        `name: ${quote(scenario.name)}`,
        `source: ${quote(scenarioSource(scenario, modelsRoot))}`,
        `context: '${context.name}'`,
        `aggregate: '${aggregate.name}'`,
        `streamId: '${scenarioStreamId(scenario.name)}'`,
        `decider: ${camelCase(aggregate.name)}Decider`,
        given.length === 0 ? 'given: []' : `given: [\n${given.map(line => `            ${line}`).join(',\n')}\n        ]`,
        `when: { type: '${command.name}', data: ${dataLiteral(command.fields, scenario.when!.data, true)} }`,
        thenLine(scenario, shapes),
        expectsLine(scenario),
        'shapes'
    ].filter((line): line is string => line !== undefined);
    return `    decisionScenario({\n${lines.map(line => `        ${line}`).join(',\n')}\n    })`;
}

/** A scenario without `when`: its given events projected on one stream id, then each `expect` checked. */
function projectionScenarioEntry(scenario: Scenario, context: ContextModel, modelsRoot: string, shapes: Map<string, string>, imports: Map<string, Set<string>>): string {
    const events = scenario.given.map(data => data.event.ref).filter((event): event is Event => !!event);
    const aggregates = [...new Map(events.map(event => [event.name, aggregateOf(event)?.name ?? ''] as const))].sort(([a], [b]) => compare(a, b));
    const given = scenario.given.map(data => givenEntry(data, context, imports, shapes));
    // Given events no expected read model handles are typed by their own declaration.
    const handled = new Set(expectedReadModels(scenario).flatMap(readModel => handledEventsOf(readModel)));
    const unhandled = [...new Set(events.filter(event => !handled.has(event)))];
    for (const event of unhandled) {
        const module = messageModule(event, context.name);
        imports.set(module, (imports.get(module) ?? new Set()).add(`type ${event.name}`));
    }
    const eventUnion = [...expectedReadModels(scenario).map(readModel => `${readModel.name}Event`), ...unhandled.map(event => event.name)].join(' | ');
    const lines = [
        `name: ${quote(scenario.name)}`,
        `source: ${quote(scenarioSource(scenario, modelsRoot))}`,
        `context: '${context.name}'`,
        `aggregates: { ${aggregates.map(([event, aggregate]) => `${event}: '${aggregate}'`).join(', ')} }`,
        `streamId: '${scenarioStreamId(scenario.name)}'`,
        given.length === 0 ? 'given: []' : `given: [\n${given.map(line => `            ${line}`).join(',\n')}\n        ]`,
        expectsLine(scenario),
        'shapes'
    ].filter((line): line is string => line !== undefined);
    return `    projectionScenario<${eventUnion}>({\n${lines.map(line => `        ${line}`).join(',\n')}\n    })`;
}

/**
 * A given event, typed by its shape: `given E v1 { … }` is the old version's data, upcast step by
 * step (the generated upcasters) to the shape the decider and projections take, as a replay does.
 */
function givenEntry(data: EventData, context: ContextModel, imports: Map<string, Set<string>>, shapes: Map<string, string>): string {
    const event = data.event.ref;
    if (event) noteShape(event, shapes);
    let entry = `{ type: '${event?.name ?? data.event.$refText}', data: ${dataLiteral(eventDataFields(data), data.data, true)} }`;
    const from = oldVersionOf(data);
    const current = event?.version === undefined ? 1 : Number(event.version);
    if (event && from !== undefined && from < current) {
        const module = importPath(context.name, contextNameOf(event), 'upcasts');
        for (let version = from; version < current; version++) {
            imports.set(module, (imports.get(module) ?? new Set()).add(`upcast${event.name}From${version}`));
            entry = `upcast${event.name}From${version}(${entry})`;
        }
    }
    return entry;
}

/** `expect R { … }` / `expect no R`: the document's fields typed by its projection; a key field given selects the document. */
function expectsLine(scenario: Scenario): string | undefined {
    const expects = scenario.expectations.filter(expectation => expectation.readModel.ref).map(expectation => expectEntry(expectation, expectation.readModel.ref!));
    return expects.length === 0 ? undefined : `expects: [\n${expects.map(line => `            ${line}`).join(',\n')}\n        ]`;
}

function expectEntry(expectation: Expectation, readModel: ReadModel): string {
    const projection = `${camelCase(readModel.name)}Projection`;
    const key = readModel.keys[0];
    const keyEntry = key && expectation.data?.entries.find(entry => entry.field.$refText === key.name);
    const documentId = keyEntry ? `, documentId: String(${literalToTypeScript(keyEntry.value, key.type)})` : '';
    const document = expectation.absent ? 'null' : dataLiteral([], expectation.data, false);
    return `expectDocument({ projection: ${projection}${documentId}, document: ${document} })`;
}

function thenLine(scenario: Scenario, shapes: Map<string, string>): string | undefined {
    if (scenario.rejected) {
        const error = scenario.rejection?.ref;
        if (!error) return undefined;
        noteShape(error, shapes);
        const data = scenario.rejectionData && scenario.rejectionData.entries.length > 0 ? `, data: ${dataLiteral(error.fields, scenario.rejectionData, false)}` : '';
        return `then: { rejected: { type: '${error.name}'${data} } }`;
    }
    if (scenario.then.length === 0) return undefined;
    const events = scenario.then.map(data => {
        const event = data.event.ref;
        if (event) noteShape(event, shapes);
        const partial = data.data && data.data.entries.length > 0 ? `, data: ${dataLiteral(event?.fields ?? [], data.data, false)}` : '';
        return `{ type: '${event?.name ?? data.event.$refText}'${partial} }`;
    });
    return `then: { events: [${events.join(', ')}] }`;
}

/**
 * A message's data as a TypeScript literal of its type: the scenario's values, and (for complete
 * data: `given`, `when`) the declared defaults of fields it leaves out.
 */
function dataLiteral(fields: readonly Field[], literal: ObjectLiteral | undefined, withDefaults: boolean): string {
    const entries = (literal?.entries ?? []).map(entry =>
        `${propertyName(entry.field.$refText)}: ${literalToTypeScript(entry.value, entry.field.ref?.type)}`);
    if (withDefaults) {
        const given = new Set((literal?.entries ?? []).map(entry => entry.field.$refText));
        for (const field of fields) {
            if (!given.has(field.name) && field.default) entries.push(`${propertyName(field.name)}: ${literalToTypeScript(field.default, field.type)}`);
        }
    }
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/** Records where a message's decimals and enum members are, when it has any. */
function noteShape(message: { readonly name: string; readonly fields: readonly ShapedField[] }, shapes: Map<string, string>): void {
    const shape = recordShape(message.fields, new Set());
    if (shape) shapes.set(message.name, shape);
}

/** A field, a read model's key included: what a shape needs of it. */
type ShapedField = Pick<Field, 'name' | 'type'>;

export function recordShape(fields: readonly ShapedField[], visiting: Set<AstNode>): string | undefined {
    const parts = fields.flatMap(field => {
        const shape = typeShape(field.type, visiting);
        return shape ? [`${propertyName(field.name)}: ${shape}`] : [];
    });
    return parts.length === 0 ? undefined : `{ ${parts.join(', ')} }`;
}

function typeShape(type: TypeReference, visiting: Set<AstNode>): string | undefined {
    let item: string | undefined;
    if (type.primitive === 'decimal') item = "'decimal'";
    else if (enumOf(type)) item = "'enum'";
    else {
        const valueType = valueTypeOf(type);
        if (valueType && !visiting.has(valueType)) {
            visiting.add(valueType);
            item = recordShape(valueType.fields, visiting);
            visiting.delete(valueType);
        }
    }
    return item && type.list ? `[${item}]` : item;
}
