/**
 * `<context>/<read-model>.projection.ts`: the read model's document type and initial document,
 * how each handled event finds its document (the key), and the projection that dispatches each
 * event to one hand-written handler.
 *
 * The key: an event that has a field of the key's name and type supplies it; any other event
 * belongs to the aggregate whose id the key is, and the id comes from the stored event's
 * `metadata.streamName` (`streamIdOf`), as Emmett's `ReadEvent` carries it.
 */
import type { ImportDeclarationStructure, SourceFileStructure, StatementStructures } from 'ts-morph';
import { StructureKind } from './structure-kinds.js';
import type { Event, ReadModel, ReadModelKey } from '../language/generated/ast.js';
import { aggregateOf, contextNameOf, handledEventsOf, sameType } from '../language/model-queries.js';
import { camelCase } from '../language/typescript-names.js';
import { copiedAssignments, printable } from './aggregate-file.js';
import { qualifiedName, type ModelForm, type ReadModelForm } from '../semantics/form.js';
import { assignmentsBody } from './behaviour/print-bodies.js';
import { compare } from './context-model.js';
import { docs } from './doc-comments.js';
import { access, handwrittenNames, messageModule } from './element-files.js';
import { GENERATED_HEADER, HANDWRITTEN_BANNER, HANDWRITTEN_TAG, declarationText } from './file-layout.js';
import { literalToTypeScript } from './literals.js';
import { switchOnType } from './exhaustive.js';
import { TypeImports, propertyName, typeOf } from './type-mapping.js';

/** `model`: the rules form, when the model's behaviour is to be generated (without it, every handler is a stub). */
export function projectionSourceFile(readModel: ReadModel, model?: ModelForm): SourceFileStructure {
    const imports = new TypeImports();
    const form = model?.readModels.get(qualifiedName(contextNameOf(readModel), readModel.name));
    const name = readModel.name;
    const camel = camelCase(name);
    const events = handledEventsOf(readModel);
    const key = readModel.keys[0];
    const keyType = key ? typeOf(key.type, imports) : 'string';
    imports.use('StoredEvent');
    imports.use('Projection');
    const generated: Array<string | StatementStructures> = [
        declarationText(docs(readModel, `Read model ${name}: one document per key.`, 'Fields without a default in the model are optional: they are unknown until an event sets them.')[0].description,
            documentType(readModel, imports)),
        {
            kind: StructureKind.TypeAlias, isExported: true, name: `${name}Event`,
            docs: [{ description: `Every event the ${name} projection handles.` }],
            type: events.length === 0 ? 'never' : events.map(event => event.name).join(' | ')
        },
        {
            kind: StructureKind.Function, isExported: true, name: `initial${name}`,
            docs: [{ description: `The ${name} document before any event: its key and the model's defaults.` }],
            parameters: key ? [{ name: propertyName(key.name) === key.name ? key.name : 'key', type: keyType }] : [],
            returnType: name, statements: `return ${initialDocument(readModel, key)};`
        },
        {
            kind: StructureKind.Function, isExported: true, name: `${camel}KeyOf`,
            docs: [{ description: `The key of the ${name} document an event updates.` }],
            parameters: [{ name: 'event', type: `StoredEvent<${name}Event>` }], returnType: keyType,
            statements: keyOf(readModel, events, key, imports)
        },
        {
            kind: StructureKind.Function, isExported: true, name: `evolve${name}`,
            docs: [{ description: `Applies one event to its ${name} document (a new one when there is none yet); \`null\` deletes it.` }],
            parameters: [{ name: 'document', type: `${name} | null` }, { name: 'event', type: `StoredEvent<${name}Event>` }],
            returnType: `${name} | null`,
            statements: [
                `const current = document ?? initial${name}(${key ? `${camel}KeyOf(event)` : ''});`,
                ...switchOnType('event', events.map(event => ({ type: event.name, returns: `${handwrittenNames.projectionHandler(readModel, event)}(current, event)` })))
            ].join('\n')
        },
        '',
        declarationText(`The projection that keeps ${name} documents up to date.`, [
            `export const ${camel}Projection: Projection<${name}, ${name}Event> = {`,
            `    name: '${name}',`,
            `    canHandle: [${events.map(event => `'${event.name}'`).join(', ')}],`,
            `    getDocumentId: event => String(${camel}KeyOf(event)),`,
            `    evolve: evolve${name}`,
            '};'
        ])
    ];
    const modelled = form?.modelled === true && printable(() => events.forEach(event => modelledHandlerBody(form, event, model!)));
    const handlers: StatementStructures[] = modelled ? [] : events.map(event => ({
        kind: StructureKind.Function, isExported: true, name: handwrittenNames.projectionHandler(readModel, event),
        docs: [{ description: `Updates the ${name} document with event ${event.name} (return \`null\` to delete it).`, tags: [{ tagName: HANDWRITTEN_TAG }] }],
        parameters: [{ name: 'document', type: name }, { name: 'event', type: `StoredEvent<${event.name}>` }],
        returnType: `${name} | null`,
        statements: handlerStub(readModel, event)
    }));
    if (modelled) {
        generated.push(...events.map((event): StatementStructures => ({
            kind: StructureKind.Function, isExported: true, name: handwrittenNames.projectionHandler(readModel, event),
            docs: [{ description: `Updates the ${name} document with event ${event.name}, as the model's \`on\` blocks say (\`null\` deletes it). Generated.` }],
            parameters: [{ name: 'document', type: name }, { name: 'event', type: `StoredEvent<${event.name}>` }],
            returnType: `${name} | null`,
            statements: modelledHandlerBody(form!, event, model!)
        })));
    }
    const bodies = generated.map(statement => typeof statement === 'string' ? statement : 'statements' in statement ? String(statement.statements ?? '') : '').join('\n');
    const usesStreamId = events.some(event => !keyField(event, key)) || bodies.includes('streamIdOf(');
    return {
        kind: StructureKind.SourceFile,
        statements: [
            GENERATED_HEADER,
            ...eventImports(readModel, events),
            ...imports.declarations(['assertNever', ...(usesStreamId ? ['streamIdOf'] : []), ...(bodies.includes('decimal.') ? ['decimal'] : [])]),
            ...generated,
            HANDWRITTEN_BANNER,
            ...handlers
        ]
    };
}

/** A modelled read model's handler for one event: every `on` block naming it, in order. */
function modelledHandlerBody(form: ReadModelForm, event: Event, model: ModelForm): string {
    const assignments = form.handlers.filter(handler => handler.events.some(entry => entry.event.slice(entry.event.indexOf('.') + 1) === event.name))
        .flatMap(handler => handler.assignments);
    if (assignments.length === 0) return 'return document;';
    const streamId = `streamIdOf(event.metadata.streamName, '${aggregateOf(event)?.name}')`;
    return assignmentsBody(assignments, form.fields, { event: 'event', document: 'next', streamId, valueTypes: model.valueTypes }, 'document');
}

function documentType(readModel: ReadModel, imports: TypeImports): string[] {
    const key = readModel.keys[0];
    const members = [
        ...(key ? [`readonly ${propertyName(key.name)}: ${typeOf(key.type, imports)}`] : []),
        ...readModel.fields.map(field =>
            `readonly ${propertyName(field.name)}${field.optional || field.default === undefined ? '?' : ''}: ${typeOf(field.type, imports)}`)
    ];
    return members.length === 0
        ? [`export type ${readModel.name} = Readonly<Record<string, never>>;`]
        : [`export type ${readModel.name} = {`, ...members.map(member => `    ${member};`), '};'];
}

function initialDocument(readModel: ReadModel, key: ReadModelKey | undefined): string {
    const values = [
        ...(key ? [propertyName(key.name) === key.name ? key.name : `${propertyName(key.name)}: key`] : []),
        ...readModel.fields.filter(field => !field.optional && field.default !== undefined)
            .map(field => `${propertyName(field.name)}: ${literalToTypeScript(field.default!, field.type)}`)
    ];
    return values.length === 0 ? '{}' : `{ ${values.join(', ')} }`;
}

function keyField(event: Event, key: ReadModelKey | undefined) {
    return key && event.fields.find(field => field.name === key.name && !field.optional && sameType(field.type, key.type));
}

function keyOf(readModel: ReadModel, events: Event[], key: ReadModelKey | undefined, imports: TypeImports): string {
    const fromStream = (event: Event | undefined) => {
        const id = `streamIdOf(event.metadata.streamName, '${event ? aggregateOf(event)?.name : readModel.name}')`;
        return key && typeOf(key.type, imports) === 'number' ? `Number(${id})` : id;
    };
    if (!key || events.every(event => !keyField(event, key))) {
        const aggregates = new Set(events.map(event => aggregateOf(event)?.name));
        if (aggregates.size <= 1) return `return ${fromStream(events[0])};`;
    }
    return switchOnType('event', events.map(event => ({ type: event.name, returns: key && keyField(event, key) ? access('event.data', key.name) : fromStream(event) }))).join('\n');
}

function handlerStub(readModel: ReadModel, event: Event): string {
    const assignments = copiedAssignments(readModel.fields, event.fields, 'event');
    return assignments.length === 0 ? 'return document;' : `return { ...document, ${assignments.join(', ')} };`;
}

/** One type import per module the handled events come from (their aggregates, maybe other contexts). */
function eventImports(readModel: ReadModel, events: Event[]): ImportDeclarationStructure[] {
    const byModule = new Map<string, Set<string>>();
    const context = contextNameOf(readModel);
    for (const event of events) {
        const module = messageModule(event, context);
        byModule.set(module, (byModule.get(module) ?? new Set()).add(event.name));
    }
    return [...byModule.entries()].sort(([a], [b]) => compare(a, b)).map(([module, names]) => ({
        kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: module, namedImports: [...names].sort(compare)
    }));
}
