/**
 * `<context>/types.ts`: the built-in type aliases, the message and decider shapes (structurally
 * Emmett's, with no runtime dependency), the context's enums and value types.
 */
import { StructureKind, VariableDeclarationKind, type SourceFileStructure, type StatementStructures } from 'ts-morph';
import type { Enum, ValueType } from '../language/generated/ast.js';
import type { ContextModel } from './context-model.js';
import { docs } from './doc-comments.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { TypeImports, propertyName, typeOf } from './type-mapping.js';

export function typesFile(context: ContextModel): SourceFileStructure {
    return {
        kind: StructureKind.SourceFile,
        statements: [
            FULLY_GENERATED_HEADER,
            ...builtInTypes(),
            ...messageTypes(),
            ...context.enums.flatMap(enumeration),
            ...context.valueTypes.map(valueType)
        ]
    };
}

function alias(name: string, type: string, description: string): StatementStructures {
    return { kind: StructureKind.TypeAlias, isExported: true, name, type, docs: [{ description }] };
}

function builtInTypes(): StatementStructures[] {
    return [
        alias('Decimal', 'string', 'The model\'s `decimal`: an exact decimal number as its decimal text, for example `\'12.50\'`.\nNever a JavaScript `number`: binary floats cannot hold 0.10 exactly, and amounts must add up to\nthe cent. Compute with a decimal library (or integer minor units) and store the text.'),
        alias('Timestamp', 'string', 'The model\'s `timestamp`: an ISO-8601 date-time in UTC, for example `\'2026-11-26T16:12:43.000Z\'`.\nA string because events are stored as JSON, which has no date type.'),
        alias('IsoDate', 'string', 'The model\'s `date`: an ISO-8601 calendar date, for example `\'2026-11-26\'`.'),
        alias('Uuid', 'string', 'The model\'s `uuid`: a UUID in its canonical text form.')
    ];
}

function messageTypes(): StatementStructures[] {
    return [
        alias('CommandMetadata', '{ readonly now: Date }', 'Metadata a command may carry; the same shape as Emmett\'s `DefaultCommandMetadata`.'),
        alias('EventMetadata', 'Readonly<Record<string, unknown>>', 'Metadata an event may carry (correlation ids, the user who caused it, …).'),
        alias('StoredEvent<E>', 'E & { readonly metadata: { readonly streamName: string } }',
            'An event as read back from the event store: projections and policies receive these. Its\n`metadata.streamName` (as in Emmett\'s `ReadEvent`) names the aggregate\'s stream, and through\nit the aggregate id, see `streamIdOf`.'),
        alias('Rejection<Type extends string, Data>', '{ readonly kind: \'Rejection\'; readonly type: Type; readonly data: Data }',
            'A command refused by a domain rule (an `error` of the model): `decide` returns it instead of\nthrowing, so every caller sees in the types which refusals to expect.'),
        {
            kind: StructureKind.Interface, isExported: true, name: 'Decider', typeParameters: ['State', 'Command', 'Event', 'Refusal'],
            docs: [{ description: 'An aggregate\'s decider. `toEmmettDecider` (in `emmett.ts`) turns it into an Emmett `Decider`.' }],
            properties: [
                { name: 'decide', isReadonly: true, type: '(command: Command, state: State) => Event[] | Refusal' },
                { name: 'evolve', isReadonly: true, type: '(state: State, event: Event) => State' },
                { name: 'initialState', isReadonly: true, type: '() => State' }
            ]
        },
        {
            kind: StructureKind.Interface, isExported: true, name: 'Projection', typeParameters: ['Document', 'Event extends { readonly type: string }'],
            docs: [{ description: 'A read model\'s projection, in the shape of Emmett\'s `inMemorySingleStreamProjection` /\n`inMemoryMultiStreamProjection` options (pass `collectionName: projection.name`).' }],
            properties: [
                { name: 'name', isReadonly: true, type: 'string' },
                { name: 'canHandle', isReadonly: true, type: 'Event[\'type\'][]' },
                { name: 'getDocumentId', isReadonly: true, type: '(event: StoredEvent<Event>) => string' },
                { name: 'evolve', isReadonly: true, type: '(document: Document | null, event: StoredEvent<Event>) => Document' }
            ]
        },
        {
            kind: StructureKind.Function, isExported: true, name: 'streamNameOf',
            parameters: [{ name: 'aggregate', type: 'string' }, { name: 'id', type: 'string' }], returnType: 'string',
            docs: [{ description: 'The stream of one aggregate instance: `BankAccount-<id>` (aggregate names contain no `-`).' }],
            statements: 'return `${aggregate}-${id}`;'
        },
        {
            kind: StructureKind.Function, isExported: true, name: 'streamIdOf',
            parameters: [{ name: 'streamName', type: 'string' }], returnType: 'string',
            docs: [{ description: 'The aggregate id in a stream name made by `streamNameOf`: how a projection keyed by the\naggregate id gets it from an event that does not carry it.' }],
            statements: 'return streamName.slice(streamName.indexOf(\'-\') + 1);'
        },
        {
            kind: StructureKind.Function, isExported: true, name: 'isRejection',
            typeParameters: ['Event', 'Refusal extends Rejection<string, unknown>'],
            parameters: [{ name: 'result', type: 'Event[] | Refusal' }], returnType: 'result is Refusal',
            docs: [{ description: 'Whether `decide` refused the command.' }],
            statements: 'return !Array.isArray(result);'
        },
        {
            kind: StructureKind.Function, isExported: true, name: 'assertNever',
            parameters: [{ name: 'value', type: 'never' }], returnType: 'never',
            docs: [{ description: 'Makes a `switch` on a message `type` exhaustive: a new command or event breaks compilation where it must be handled.' }],
            statements: 'throw new Error(`Unexpected message type: ${JSON.stringify(value)}`);'
        }
    ];
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

function valueType(declaration: ValueType): StatementStructures {
    const imports = new TypeImports(); // value types only reference names of this same file
    return {
        kind: StructureKind.Interface, isExported: true, name: declaration.name, docs: docs(declaration, `Value type ${declaration.name}.`),
        properties: declaration.fields.map(field => ({
            name: propertyName(field.name), isReadonly: true, hasQuestionToken: field.optional,
            type: typeOf(field.type, imports), docs: docs(field)
        }))
    };
}
