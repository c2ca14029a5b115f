/**
 * `<context>/upcasts.ts` (DESIGN §2d, §5): for every versioned event, a type per old shape
 * (`AccountOpenedV1`), one upcaster per step printed from the rules form (mapped fields, and the
 * same-named fields of the same type carried over), and the context's `upcast(storedEvent)`, which
 * Emmett's `schema.versioning.upcast` accepts, reading the stored version from the event's
 * metadata (`schemaVersion`; an event without one was written before versions were recorded: 1).
 * `withSchemaVersion(event)` records the newest version when appending, so an event written by
 * the newest code is never upcast again. Deciders, evolve and projections see only the newest shape.
 */
import type { SourceFileStructure, StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './structure-kinds.js';
import { isUpcast, type Aggregate, type Event, type Upcast } from '../language/generated/ast.js';
import { eventsOf } from '../language/model-queries.js';
import { versionNumber } from '../semantics/evolution/stored-shape.js';
import { camelCase } from '../language/typescript-names.js';
import type { FieldForm, FilledField, ModelForm, UpcastForm } from '../semantics/form.js';
import { qualifiedName } from '../semantics/form.js';
import { printAs } from './behaviour/print-expression.js';
import type { ContextModel } from './context-model.js';
import { aggregateFile } from './element-files.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { objectTypeOf, propertyName, TypeImports } from './type-mapping.js';

/** The metadata key the stored version is recorded under. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

export interface VersionedEvent {
    aggregate: Aggregate;
    event: Event;
    version: number;
    /** By the version they start from, 1 … version-1 (a model with a gap has errors and generates nothing). */
    steps: Array<{ ast: Upcast; form: UpcastForm }>;
}

/** The file, or undefined when no event of the context has a version (nothing to upcast). */
export function upcastsSourceFile(context: ContextModel, form: ModelForm): SourceFileStructure | undefined {
    const imports = new TypeImports();
    const versioned = versionedEvents(context, form);
    if (versioned.length === 0) return undefined;
    const statements: Array<string | StatementStructures> = [FULLY_GENERATED_HEADER];
    const body: Array<string | StatementStructures> = [];
    const eventImports = new Map<string, Set<string>>();
    for (const item of versioned) {
        const file = `./${aggregateFile(item.aggregate)}.js`;
        const names = eventImports.get(file) ?? new Set<string>();
        names.add(item.event.name);
        eventImports.set(file, names);
        body.push(...eventStatements(item, form, imports));
    }
    body.push(...contextUpcast(context.name, versioned, imports));
    const usesDecimal = JSON.stringify(body).includes('decimal.');
    statements.push(...imports.declarations(usesDecimal ? ['decimal'] : []));
    for (const [file, names] of [...eventImports].sort()) {
        statements.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: file, namedImports: [...names].sort() });
    }
    statements.push(...body);
    return { kind: StructureKind.SourceFile, statements };
}

export function versionedEvents(context: ContextModel, form: ModelForm): VersionedEvent[] {
    const result: VersionedEvent[] = [];
    for (const aggregate of context.aggregates) {
        const aggregateForm = form.aggregates.get(qualifiedName(context.name, aggregate.name));
        for (const event of eventsOf(aggregate)) {
            const version = versionNumber(event.version);
            if (version < 2) continue;
            const steps = aggregate.members.filter(isUpcast).filter(upcast => upcast.event.ref === event)
                .map(ast => ({ ast, form: aggregateForm?.upcasts.find(candidate => candidate.source === ast) }))
                .filter((step): step is { ast: Upcast; form: UpcastForm } => step.form !== undefined)
                .sort((a, b) => a.form.fromVersion - b.form.fromVersion);
            result.push({ aggregate, event, version, steps });
        }
    }
    return result;
}

const oldTypeName = (event: Event, version: number) => `${event.name}V${version}`;

/** The type of version `n` of the event: an old shape, or the event's own type for the newest. */
function versionType(item: VersionedEvent, n: number): string {
    return n === item.version ? item.event.name : oldTypeName(item.event, n);
}

function eventStatements(item: VersionedEvent, form: ModelForm, imports: TypeImports): StatementStructures[] {
    imports.use('EventMetadata');
    const { event } = item;
    const statements: StatementStructures[] = [];
    for (const { ast, form: step } of item.steps) {
        const from = step.fromVersion;
        statements.push({
            kind: StructureKind.TypeAlias, isExported: true, name: oldTypeName(event, from),
            docs: [{ description: `Version ${from} of event ${event.name}, as streams written before version ${from + 1} hold it.` }],
            type: `{ readonly type: '${event.name}'; readonly data: ${objectTypeOf(ast.fields, imports)}; readonly metadata?: EventMetadata }`
        });
    }
    for (const { form: step } of item.steps) {
        const from = step.fromVersion;
        const target = from + 1 === item.version ? form.events.get(step.event)?.fields ?? [] : item.steps.find(other => other.form.fromVersion === from + 1)?.form.oldFields ?? [];
        statements.push({
            kind: StructureKind.Function, isExported: true, name: `upcast${event.name}From${from}`,
            docs: [{ description: `Version ${from} of ${event.name} as version ${from + 1}: the model's \`upcast ${event.name} from ${from}\`.` }],
            parameters: [{ name: 'event', type: oldTypeName(event, from) }],
            returnType: versionType(item, from + 1),
            statements: `return { type: event.type, data: ${dataObject(step.fields, target, form)}, metadata: event.metadata };`
        });
    }
    return statements;
}

/** The next version's data object: each filled field printed as the field's type. */
function dataObject(fields: readonly FilledField[], target: readonly FieldForm[], form: ModelForm): string {
    if (fields.length === 0) return '{}';
    const entries = fields.map(field => {
        const type = target.find(candidate => candidate.name === field.name)?.type ?? field.value.type;
        return `${propertyName(field.name)}: ${printAs(field.value, { event: 'event', valueTypes: form.valueTypes }, type)}`;
    });
    return `{ ${entries.join(', ')} }`;
}

function contextUpcast(contextName: string, versioned: readonly VersionedEvent[], imports: TypeImports): StatementStructures[] {
    const names = upcastNames(contextName);
    imports.use('EventMetadata');
    const current = versioned.map(item => `${propertyName(item.event.name)}: ${item.version}`).join(', ');
    const cases = versioned.map(item => {
        const steps = item.steps.map(({ form: step }) =>
            `            if (version <= ${step.fromVersion}) current = upcast${item.event.name}From${step.fromVersion}(current as ${oldTypeName(item.event, step.fromVersion)});`);
        return [`        case '${item.event.name}': {`, '            let current: unknown = event;', ...steps, '            return current as E;', '        }'].join('\n');
    });
    const body = versioned.length === 0
        ? 'return event;'
        : [
            `const version = storedVersionOf(event);`,
            'switch (event.type) {',
            ...cases,
            '        default: return event;',
            '}'
        ].join('\n').replace(/^ {8}/gm, '    ');
    return [
        {
            kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
            docs: [{ description: 'The version each versioned event of this context is written with today.' }],
            declarations: [{ name: names.versions, initializer: `{ ${current} } as const` }]
        },
        {
            kind: StructureKind.Function, name: 'storedVersionOf',
            docs: [{ description: `The version a stored event was written with: its \`metadata.${SCHEMA_VERSION_KEY}\`, else 1 (written before versions were recorded).` }],
            parameters: [{ name: 'event', type: '{ readonly metadata?: unknown }' }], returnType: 'number',
            statements: `const recorded = (event.metadata as { readonly ${SCHEMA_VERSION_KEY}?: unknown } | undefined)?.${SCHEMA_VERSION_KEY};\nreturn typeof recorded === 'number' && Number.isInteger(recorded) && recorded >= 1 ? recorded : 1;`
        },
        {
            kind: StructureKind.Function, isExported: true, name: names.upcast, typeParameters: [{ name: 'E', constraint: '{ readonly type: string; readonly data: unknown; readonly metadata?: unknown }' }],
            docs: [{ description: 'Reads a stored event of any version as its newest shape; others pass through. Give it to Emmett as\n`schema: { versioning: { upcast } }` when reading streams.' }],
            parameters: [{ name: 'event', type: 'E' }], returnType: 'E',
            statements: body
        },
        {
            kind: StructureKind.Function, isExported: true, name: names.withVersion, typeParameters: [{ name: 'E', constraint: '{ readonly type: string; readonly data: unknown; readonly metadata?: EventMetadata }' }],
            docs: [{ description: `The event with the version it is written with recorded in its metadata (\`${SCHEMA_VERSION_KEY}\`), for appending: an event\nwritten by this code is never upcast again.` }],
            parameters: [{ name: 'event', type: 'E' }], returnType: 'E',
            statements: `const version = (${names.versions} as Readonly<Record<string, number>>)[event.type];\nreturn version === undefined ? event : { ...event, metadata: { ...event.metadata, ${SCHEMA_VERSION_KEY}: version } };`
        }
    ];
}

/** The context's names, unique across contexts so that several indexes import side by side. */
export function upcastNames(context: string): { upcast: string; withVersion: string; versions: string } {
    return { upcast: `upcast${context}Event`, withVersion: `with${context}SchemaVersion`, versions: `${camelCase(context)}EventVersions` };
}
