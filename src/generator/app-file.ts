/**
 * `<out>/app.ts` (with `--runtime emmett`): the model wired to Emmett (DESIGN §8). `openEventStore(url)`
 * opens a store with every read model's projection registered inline; `createApp({ eventStore })`
 * gives one typed async function per command per aggregate, the queries answered from the
 * documents, and the policies routed to their target streams; `httpApi(app)` describes the same
 * for the HTTP server (`<out>/server.ts`). Written as text: it is fully generated, with no
 * hand-written part to merge.
 */
import type { Aggregate, Event, Field, Policy, Query, ReadModel, TypeReference } from '../language/generated/ast.js';
import { qualifiedName, type ModelForm } from '../semantics/form.js';
import { aggregateOf, commandsOf, contextNameOf, enumOf, issuedCommandsOf, streamIdsOf, valueTypeOf } from '../language/model-queries.js';
import { camelCase, kebabCase } from '../language/typescript-names.js';
import type { ContextModel } from './context-model.js';
import { aggregateUpcasting, projectionUpcasting } from './app-upcasts.js';
import { access, handwrittenNames } from './element-files.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';
import { literalToTypeScript, quote } from './literals.js';
import { SHARED_MODULE } from './runtime/runtime-source.js';
import { propertyName } from './type-mapping.js';

/** The collection a read model's documents live in: unique across contexts. */
export function collectionOf(readModel: ReadModel): string {
    return `${contextNameOf(readModel)}_${readModel.name}`;
}

/** The namespace a context's `index.ts` is imported as: its own (PascalCase) name, which no local camelCase name can clash with. */
function namespaceOf(context: string): string {
    return context;
}

function aggregateVariable(aggregate: Aggregate): string {
    return `${camelCase(contextNameOf(aggregate))}${aggregate.name}`;
}

function idNameOf(aggregate: Aggregate): string {
    return streamIdsOf(aggregate)[0]?.name ?? 'id';
}

/** `form`: the model's rules, resolved (how a policy's trigger supplies the keys of the documents it reads). */
export function appFileText(contexts: readonly ContextModel[], form: ModelForm): string {
    const wiring = [
        ...contexts.flatMap(context => context.aggregates.flatMap(aggregate => aggregateDefinition(context, aggregate))),
        '    const policies: Record<string, Array<{ readonly name: string; readonly react: PolicyReaction }>> = {',
        ...policyTable(contexts, form),
        '    };',
        '    const runtime = commandRuntime({',
        '        eventStore: options.eventStore, policies, maxPolicyDepth: options.maxPolicyDepth, onPolicyRejection: options.onPolicyRejection',
        '    });',
        '    return {',
        ...contexts.flatMap(context => contextApi(context)),
        '    };'
    ];
    // Only when a query or a policy reads documents (`noUnusedLocals` in the user's project).
    const documents = wiring.some(line => line.includes('documents.') || line.includes('(documents,')) ? ['    const documents = options.eventStore.documents;'] : [];
    const lines: string[] = [
        FULLY_GENERATED_HEADER,
        '/**',
        ' * The application on Emmett: `openEventStore(url)` for `memory:`, `sqlite:<file>` and',
        ' * `postgresql://…`, then `createApp({ eventStore })`. Every command reads its stream',
        ' * (`<Aggregate>-<id>`), decides, appends with optimistic concurrency and resolves to the appended',
        ' * events, or rejects with its context\'s `RejectionError`; the projections update their documents',
        ' * in the same transaction; the policies run after each append.',
        ' * @module',
        ' */',
        'import { randomUUID } from \'node:crypto\';',
        ...contexts.map(context => `import * as ${namespaceOf(context.name)} from './${context.folder}/index.js';`),
        `import { RejectionError } from './${SHARED_MODULE}.js';`,
        'import type { HttpApi } from \'./http.js\';',
        RUNTIME_IMPORTS,
        '',
        '/** Every read model\'s projection, by the collection its documents live in. */',
        'export const projections: readonly DocumentProjection[] = [',
        ...contexts.flatMap(context => context.readModels.map(readModel =>
            `    { ...${namespaceOf(context.name)}.${camelCase(readModel.name)}Projection, name: '${collectionOf(readModel)}'${projectionUpcasting(readModel, namespaceOf)} },`)),
        '];',
        '',
        '/** Opens `memory:`, `sqlite:<file>` or `postgresql://…` with the model\'s projections registered inline. */',
        'export function openEventStore(url: string): Promise<ModelEventStore> {',
        '    return openStore(url, projections);',
        '}',
        '',
        'export interface AppOptions {',
        '    readonly eventStore: ModelEventStore;',
        '    /** The clock commands are stamped with (fixed in tests). */',
        '    readonly now?: () => Date;',
        '    /** Fresh ids, for decisions (`newId`) and for a policy that starts a new aggregate (fixed in tests). */',
        '    readonly newId?: () => string;',
        '    /** How deep policy-issued commands may chain before it is taken for a loop (default 16). */',
        '    readonly maxPolicyDepth?: number;',
        '    /** A command issued by a policy was rejected; by default a warning on the console. */',
        '    readonly onPolicyRejection?: (rejection: PolicyRejection) => void;',
        '}',
        '',
        'export function createApp(options: AppOptions) {',
        '    const now = options.now ?? (() => new Date());',
        '    const newId = options.newId ?? (() => randomUUID());',
        ...documents,
        ...wiring,
        '}',
        '',
        '/** The application `createApp` returns. */',
        'export type App = ReturnType<typeof createApp>;',
        '',
        '/** Every command and query of the app, with the shape of its input, for `<out>/http.ts`. */',
        'export function httpApi(app: App): HttpApi {',
        '    return {',
        '        commands: [',
        ...contexts.flatMap(context => context.aggregates.flatMap(aggregate => commandsOf(aggregate).map(command =>
            `            { name: '${command.name}', path: ['${kebabCase(context.name)}', '${kebabCase(aggregate.name)}', '${kebabCase(command.name)}'], schema: ${schemaOf(command.fields)}, run: (id, data) => app.${camelCase(context.name)}.${camelCase(aggregate.name)}.${camelCase(command.name)}(id, data) },`))),
        '        ],',
        '        queries: [',
        ...contexts.flatMap(context => context.queries.map(query =>
            `            { name: '${query.name}', path: ['${kebabCase(context.name)}', '${kebabCase(query.name)}'], schema: ${schemaOf(query.fields)}, run: params => app.${camelCase(context.name)}.queries.${camelCase(query.name)}(params) },`)),
        '        ]',
        '    };',
        '}',
        ''
    ];
    const text = lines.join('\n');
    // Import exactly the helpers this model's app uses (`noUnusedLocals` in the user's project).
    const helpers = ['commandRuntime', 'findByKey', 'idIn', 'idOfStream', 'missingId', 'openStore'].filter(name => text.includes(`${name}(`));
    const types = ['AggregateDefinition', 'AppendedEvent', 'DocumentProjection', 'ModelEventStore', 'PolicyReaction', 'PolicyReads', 'PolicyRejection']
        .filter(name => name !== 'PolicyReads' || text.includes('PolicyReads<')).map(name => `type ${name}`);
    const imports = `import {\n    ${helpers.join(', ')},\n    ${types.join(', ')}\n} from './runtime.js';`;
    const withImports = text.replace(RUNTIME_IMPORTS, imports);
    return withImports;
}

const RUNTIME_IMPORTS = '\u0000runtime-imports\u0000';

function aggregateDefinition(context: ContextModel, aggregate: Aggregate): string[] {
    const ns = namespaceOf(context.name);
    const name = aggregate.name;
    const decider = `${ns}.${camelCase(name)}Decider`;
    return [
        `    const ${aggregateVariable(aggregate)}: AggregateDefinition<${ns}.${name}State, ${ns}.${name}Command, ${ns}.${name}Event, ${ns}.${name}Rejection> = {`,
        `        name: '${name}', context: '${context.name}',`,
        `        initialState: ${decider}.initialState, evolve: ${decider}.evolve,`,
        `        decide: (command, state) => ${decider}.decide(command, state, { now: (command.metadata?.now ?? now()).toISOString(), newId }),`,
        ...aggregateUpcasting(aggregate, namespaceOf),
        '        rejectionError: rejection => new RejectionError(rejection)',
        '    };'
    ];
}

/** Reactions by `<Context>.<Event>` of the triggering event: a policy may listen to another context. */
function policyTable(contexts: readonly ContextModel[], form: ModelForm): string[] {
    const byTrigger = new Map<string, string[]>();
    for (const context of contexts) {
        for (const policy of context.policies) {
            for (const trigger of policy.triggers.map(reference => reference.ref).filter((event): event is Event => !!event)) {
                const key = `${contextNameOf(trigger)}.${trigger.name}`;
                byTrigger.set(key, [...byTrigger.get(key) ?? [], ...reaction(context, policy, trigger, form)]);
            }
        }
    }
    return [...byTrigger.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([key, reactions]) => [
        `        '${key}': [`,
        ...reactions,
        '        ],'
    ]);
}

function reaction(context: ContextModel, policy: Policy, trigger: Event, form: ModelForm): string[] {
    const handler = `${namespaceOf(context.name)}.${handwrittenNames.policy(policy)}Policy.handle`;
    const issued = issuedCommandsOf(policy);
    const source = aggregateOf(trigger);
    const reads = readDocuments(policy, trigger, form);
    return [
        `            { name: '${policy.name}', react: async (event, issue) => {`,
        `                const trigger = event as unknown as Parameters<typeof ${handler}>[0];`,
        ...(issued.length === 0 ? ['                void trigger;'] : [
            `                const streamId = idOfStream(event.metadata.streamName, '${source?.name}');`,
            // A variable, not a literal: a hand-written handler's context has no `reads` (PolicyReads is `undefined` then).
            `                const context = { streamId, newId${reads ? `, reads: ${reads} as unknown as PolicyReads<typeof ${handler}>` : ''} };`,
            `                for (const command of ${handler}(trigger, context)) {`,
            '                    switch (command.type) {',
            ...issued.map(command => {
                const target = aggregateOf(command)!;
                return `                        case '${command.name}': await issue(${aggregateVariable(target)}, ${routeOf(policy, trigger, target)}, { type: command.type, data: command.data, metadata: { now: now() } }); break;`;
            }),
            '                    }',
            '                }'
        ]),
        '            } },'
    ];
}

/**
 * The documents a policy that `reads R` is given (DESIGN §2b): R's document for the triggering
 * event's key — the event's same-named field, else the triggering stream's id, as the model's form
 * says — as committed with the event (the policies run after the append, the projections inline).
 * A document no event created yet is absent: the handler takes a fresh one, the model's defaults.
 */
function readDocuments(policy: Policy, trigger: Event, form: ModelForm): string | undefined {
    const readModels = policy.reads.map(reference => reference.ref).filter((readModel): readModel is ReadModel => !!readModel);
    if (readModels.length === 0) return undefined;
    const reaction = form.policies.get(qualifiedName(contextNameOf(policy), policy.name))?.reactions
        .find(candidate => candidate.trigger === qualifiedName(contextNameOf(trigger), trigger.name));
    const entries = readModels.map(readModel => {
        const key = reaction?.reads.find(read => read.readModel === qualifiedName(contextNameOf(readModel), readModel.name))?.keys[0];
        const id = key?.from === 'eventField' ? `String(trigger.data.${key.key})` : 'streamId';
        return `${camelCase(readModel.name)}: (await documents.get('${collectionOf(readModel)}', ${id})) ?? undefined`;
    });
    return `{ ${entries.join(', ')} }`;
}

/**
 * The stream a policy's command goes to: the one a generated handler names (`streamId`: the target
 * aggregate's id as the model maps or fills it, exactly as the interpreter routes it). A
 * hand-written handler's command goes by the same rule, read from what it returns: the target id
 * in the command's data, else the triggering event's same-named field, else the triggering
 * stream's id when the two aggregates' ids have the same name; with none of these the command
 * starts a new aggregate, under a fresh id.
 */
function routeOf(policy: Policy, trigger: Event, target: Aggregate): string {
    const id = idNameOf(target);
    const routes = ['idIn(command, \'streamId\')', `idIn(command.data, '${id}')`];
    const field = trigger.fields.find(candidate => candidate.name === id);
    const source = aggregateOf(trigger);
    if (field) routes.push(`idIn(trigger.data, '${id}')`);
    if (source && idNameOf(source) === id) routes.push(`idOfStream(event.metadata.streamName, '${source.name}')`);
    else if (field) routes.push(`missingId('${policy.name}', '${id}')`);
    else routes.push('newId()');
    return routes.join(' ?? ');
}

function contextApi(context: ContextModel): string[] {
    const ns = namespaceOf(context.name);
    return [
        `        ${camelCase(context.name)}: {`,
        ...context.aggregates.flatMap(aggregate => [
            `            ${camelCase(aggregate.name)}: {`,
            ...commandsOf(aggregate).map(command => {
                const id = propertyName(idNameOf(aggregate)) === idNameOf(aggregate) ? idNameOf(aggregate) : 'id';
                const { parameter, data } = commandData(`${ns}.${command.name}['data']`, command.fields);
                return `                ${camelCase(command.name)}: (${id}: string, ${parameter}): Promise<Array<AppendedEvent<${ns}.${aggregate.name}Event>>> =>\n` +
                    `                    runtime.run(${aggregateVariable(aggregate)}, ${id}, { type: '${command.name}', data: ${data}, metadata: { now: now() } }),`;
            }),
            '            },'
        ]),
        '            queries: {',
        ...context.queries.flatMap(query => queryFunction(ns, query)),
        '            }',
        '        },'
    ];
}

/**
 * A command function's data parameter and the data it decides with: a field with a default
 * (`method: PaymentMethod = Card`) may be left out, and then takes its default, as over HTTP; a
 * command whose fields may all be left out may be called without data.
 */
function commandData(type: string, fields: readonly Field[]): { parameter: string; data: string } {
    const defaulted = fields.filter(field => field.default);
    const names = defaulted.map(field => quote(field.name)).join(' | ');
    const parameterType = defaulted.length === 0 ? type : `Omit<${type}, ${names}> & Partial<Pick<${type}, ${names}>>`;
    const omissible = fields.every(field => field.optional || field.default);
    const data = defaulted.length === 0 ? 'data'
        : `{ ...data, ${defaulted.map(field => `${propertyName(field.name)}: ${access('data', field.name)} ?? ${literalToTypeScript(field.default!, field.type)}`).join(', ')} }`;
    return { parameter: `data: ${parameterType}${omissible ? ' = {}' : ''}`, data };
}

/**
 * By key when the parameters hold the read model's key, otherwise the documents whose same-named
 * fields equal the parameters. A parameter with no same-named document field cannot be answered
 * from the documents: it is said in the doc comment, and not used.
 */
function queryFunction(ns: string, query: Query): string[] {
    const readModel = query.returns.ref;
    if (!readModel) return [];
    const key = readModel.keys[0];
    const documentFields = new Set([...readModel.keys.map(k => k.name), ...readModel.fields.map(field => field.name)]);
    const byKey = key && query.fields.some(field => field.name === key.name);
    const filterFields = query.fields.filter(field => documentFields.has(field.name) && (!byKey || field.name !== key.name));
    const unused = query.fields.filter(field => !documentFields.has(field.name)).map(field => field.name);
    const filter = `{ ${filterFields.map(field => `${propertyName(field.name)}: query.${field.name}`).join(', ')} }`.replace('{  }', '{}');
    const collection = `'${collectionOf(readModel)}'`;
    const result = `${ns}.${query.name}Result`;
    const parameter = query.fields.length === 0 ? `query: ${ns}.${query.name} = {}` : `query: ${ns}.${query.name}`;
    let body: string;
    if (byKey) {
        const found = `await findByKey(documents, ${collection}, String(query.${key.name}), ${filter})`;
        body = query.list ? `{ const found = ${found}; return (found ? [found] : []) as unknown as ${result}; }` : `${found} as unknown as ${result}`;
    } else {
        body = query.list
            ? `await documents.find(${collection}, ${filter}) as unknown as ${result}`
            : `((await documents.find(${collection}, ${filter}))[0] ?? null) as unknown as ${result}`;
    }
    const how = byKey ? `the ${readModel.name} document of the given ${key.name}` : `the ${readModel.name} documents whose fields equal the parameters`;
    return [
        `                /** ${query.name}: ${how}.${unused.length ? ` ${unused.join(', ')}: no same-named field in ${readModel.name}, not used (answer it by hand from \`eventStore.documents\`).` : ''} */`,
        `                ${camelCase(query.name)}: async (${parameter}): Promise<${result}> => ${body},`
    ];
}

/** The fields' shape as data, for checking JSON input at run time (`<out>/http.ts`). */
function schemaOf(fields: readonly Field[]): string {
    if (fields.length === 0) return '{}';
    return `{ ${fields.map(field => `${propertyName(field.name)}: ${fieldSchema(field)}`).join(', ')} }`;
}

function fieldSchema(field: Field): string {
    const parts = [`type: ${typeSchema(field.type)}`];
    if (field.optional) parts.push('optional: true');
    if (field.type.list) parts.push('list: true');
    if (field.default) parts.push(`default: ${literalToTypeScript(field.default, field.type)}`);
    return `{ ${parts.join(', ')} }`;
}

function typeSchema(type: TypeReference): string {
    if (type.primitive) return `'${type.primitive}'`;
    const enumeration = enumOf(type);
    if (enumeration) return `{ enum: [${enumeration.members.map(member => `'${member.name}'`).join(', ')}] }`;
    const valueType = valueTypeOf(type);
    if (valueType) return `{ fields: ${schemaOf(valueType.fields)} }`;
    return '\'string\'';
}
