/**
 * `<context>/<aggregate>.ts`: the aggregate's commands, events and rejections (Emmett-shaped
 * messages), their unions and type guards, its state and initial state, the exhaustive `decide`
 * and `evolve` that dispatch to one hand-written function per command and per event, and the
 * decider bundling them.
 */
import type { SourceFileStructure, StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './structure-kinds.js';
import type { Aggregate, Command, DomainError, Event, Field } from '../language/generated/ast.js';
import { aggregateOf, commandsOf, contextNameOf, emittedEventsOf, errorsOf, eventsOf, sameType, stateFieldsOf } from '../language/model-queries.js';
import { camelCase, contextFolder } from '../language/typescript-names.js';
import { docs } from './doc-comments.js';
import { access, aggregateFile, handwrittenNames } from './element-files.js';
import { GENERATED_HEADER, HANDWRITTEN_BANNER, HANDWRITTEN_TAG, declarationText } from './file-layout.js';
import { literalToTypeScript, quote } from './literals.js';
import { switchOnType } from './exhaustive.js';
import { TypeImports, objectTypeOf, propertyName, typeOf } from './type-mapping.js';
import { qualifiedName, type AggregateForm, type CommandForm, type ModelForm } from '../semantics/form.js';
import { assignmentsBody, decideBody } from './behaviour/print-bodies.js';
import { UnprintableExpression } from './behaviour/print-expression.js';

/** `model`: the rules form, when the model's behaviour is to be generated (without it, every body is a stub). */
export function aggregateSourceFile(aggregate: Aggregate, model?: ModelForm): SourceFileStructure {
    const imports = new TypeImports();
    const form = model?.aggregates.get(qualifiedName(contextNameOf(aggregate), aggregate.name));
    const name = aggregate.name;
    const commands = commandsOf(aggregate);
    const events = eventsOf(aggregate);
    const errors = errorsOf(aggregate);
    const generated: Array<string | StatementStructures> = [
        ...commands.map(command => messageType(command, 'CommandMetadata', imports)),
        ...events.map(event => messageType(event, 'EventMetadata', imports)),
        ...errors.map(error => rejectionType(error, imports)),
        union(`${name}Command`, commands, `Every command aggregate ${name} handles.`),
        union(`${name}Event`, events, `Every event in the stream of ${name}.`),
        union(`${name}Rejection`, errors, `Every way a command of ${name} can be refused.`),
        ...typeGuards(name, 'Command', commands),
        ...typeGuards(name, 'Event', events),
        ...typeGuards(name, 'Rejection', errors),
        stateType(aggregate, imports),
        initialState(aggregate),
        evolve(aggregate, events),
        decide(aggregate, commands, imports),
        decider(aggregate, imports)
    ];
    // What the model determines is generated (and regenerated); the rest gets a hand-written stub.
    // An aggregate that states no rule at all (no `requires`, mapping or `on` block) is hand-written
    // as a whole: its plain commands, which the fill rule alone would complete, stay the user's.
    const statesRules = form !== undefined && (form.evolve.length > 0 || form.commands.some(command => command.statesBehaviour));
    const modelledCommand = (command: Command) => !statesRules ? undefined : form.commands.find(candidate => local(candidate.name) === command.name
        && candidate.modelled && printable(() => decideBody(candidate, model!)));
    const modelledEvolve = form?.evolveModelled === true && form.evolve.length > 0
        && printable(() => events.forEach(event => modelledEvolveFunction(aggregate, event, form, model!)));
    const decidedByModel = commands.filter(command => modelledCommand(command));
    generated.push(
        ...decidedByModel.map(command => modelledDecide(aggregate, command, modelledCommand(command)!, model!, imports)),
        ...(modelledEvolve ? events.map(event => modelledEvolveFunction(aggregate, event, form!, model!)) : [])
    );
    const handwritten: StatementStructures[] = [
        ...commands.filter(command => !modelledCommand(command)).map(command => decideStub(aggregate, command, imports)),
        ...(modelledEvolve ? [] : events.map(event => evolveStub(aggregate, event)))
    ];
    const bodies = generated.map(statement => typeof statement === 'string' ? statement : 'statements' in statement ? String(statement.statements ?? '') : '').join('\n');
    const values = ['assertNever', ...(bodies.includes('decimal.') ? ['decimal'] : []), ...(bodies.includes('streamIdOfDecision(') ? ['streamIdOfDecision'] : [])];
    return {
        kind: StructureKind.SourceFile,
        statements: [
            GENERATED_HEADER,
            ...imports.declarations(values),
            ...generated,
            HANDWRITTEN_BANNER,
            ...handwritten
        ]
    };
}

function messageType(message: Command | Event, metadata: string, imports: TypeImports): string {
    imports.use(metadata);
    const version = 'version' in message && message.version ? [`Version ${message.version} of this event.`] : [];
    const kind = metadata === 'CommandMetadata' ? 'Command' : 'Event';
    return declarationText(docs(message, `${kind} ${message.name} of aggregate ${aggregateOf(message)?.name}.`, ...version)[0].description, [
        `export type ${message.name} = {`,
        `    readonly type: '${message.name}';`,
        `    readonly data: ${objectTypeOf(message.fields, imports)};`,
        `    readonly metadata?: ${metadata};`,
        '};'
    ]);
}

function rejectionType(error: DomainError, imports: TypeImports): StatementStructures {
    imports.use('Rejection');
    return {
        kind: StructureKind.TypeAlias, isExported: true, name: error.name, docs: docs(error, `Rejection ${error.name}: a command of ${aggregateOf(error)?.name} refused by this rule.`),
        type: `Rejection<'${error.name}', ${objectTypeOf(error.fields, imports)}>`
    };
}

function union(name: string, members: ReadonlyArray<{ name: string }>, description: string): StatementStructures {
    return {
        kind: StructureKind.TypeAlias, isExported: true, name, docs: [{ description }],
        type: members.length === 0 ? 'never' : members.map(member => member.name).join(' | ')
    };
}

function typeGuards(aggregate: string, kind: 'Command' | 'Event' | 'Rejection', messages: ReadonlyArray<Command | Event | DomainError>): StatementStructures[] {
    const listName = `${camelCase(aggregate)}${kind}Types`;
    const what = kind === 'Rejection' ? 'rejections (for `isRejectionError(error, …)`)' : `${kind.toLowerCase()}s`;
    return [
        {
            kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
            docs: [{ description: `The \`type\` of every ${aggregate}${kind}.` }],
            declarations: [{ name: listName, type: `ReadonlyArray<${aggregate}${kind}['type']>`, initializer: `[${messages.map(m => `'${m.name}'`).join(', ')}]` }]
        },
        {
            kind: StructureKind.Function, isExported: true, name: `is${aggregate}${kind}`,
            docs: [{ description: `Whether a message is one of aggregate ${aggregate}'s ${what}.` }],
            parameters: [{ name: 'message', type: '{ readonly type: string }' }], returnType: `message is ${aggregate}${kind}`,
            statements: `return (${listName} as ReadonlyArray<string>).includes(message.type);`
        }
    ];
}

/**
 * State fields that are required but have no default become optional in the state type: no
 * honest value exists before the event that sets them (an empty string is not a customer).
 */
function stateType(aggregate: Aggregate, imports: TypeImports): StatementStructures {
    return {
        kind: StructureKind.Interface, isExported: true, name: `${aggregate.name}State`,
        docs: [{ description: `The decision state of ${aggregate.name}, rebuilt by replaying its events. Fields without a default\nin the model are optional: they are unknown until an event sets them.` }],
        properties: stateFieldsOf(aggregate).map(field => ({
            name: propertyName(field.name), isReadonly: true, hasQuestionToken: !hasInitialValue(field),
            type: typeOf(field.type, imports), docs: docs(field)
        }))
    };
}

function hasInitialValue(field: Field): boolean {
    return !field.optional && field.default !== undefined;
}

function initialState(aggregate: Aggregate): StatementStructures {
    const values = stateFieldsOf(aggregate).filter(hasInitialValue)
        .map(field => `${propertyName(field.name)}: ${literalToTypeScript(field.default!, field.type)}`);
    return {
        kind: StructureKind.Function, isExported: true, name: 'initialState', returnType: `${aggregate.name}State`,
        docs: [{ description: `The state of ${aggregate.name} before its first event: the model's defaults.` }],
        statements: `return { ${values.join(', ')} };`.replace('{  }', '{}')
    };
}

function evolve(aggregate: Aggregate, events: Event[]): StatementStructures {
    const body = switchOnType('event', events.map(event => ({ type: event.name, returns: `${handwrittenNames.evolve(event)}(state, event)` })));
    return {
        kind: StructureKind.Function, isExported: true, name: 'evolve',
        docs: [{ description: `Applies one event to the state of ${aggregate.name}: a left fold over the stream gives its\ncurrent state. One case per event, each in its hand-written \`evolve…\` function below.` }],
        parameters: [{ name: 'state', type: `${aggregate.name}State` }, { name: 'event', type: `${aggregate.name}Event` }],
        returnType: `${aggregate.name}State`, statements: body.join('\n')
    };
}

function decide(aggregate: Aggregate, commands: Command[], imports: TypeImports): StatementStructures {
    imports.use('DecisionContext');
    const body = switchOnType('command', commands.map(command => ({ type: command.name, returns: `${handwrittenNames.decide(command)}(command, state, context)` })));
    return {
        kind: StructureKind.Function, isExported: true, name: 'decide',
        docs: [{ description: `Decides what a command does to ${aggregate.name}: the events to append, or the rejection.\nPure: it never throws for a domain rule, and takes the time and new ids from \`context\`. One\ncase per command, each in its hand-written \`decide…\` function below.` }],
        parameters: [{ name: 'command', type: `${aggregate.name}Command` }, { name: 'state', type: `${aggregate.name}State` }, { name: 'context', type: 'DecisionContext' }],
        returnType: `${aggregate.name}Event[] | ${aggregate.name}Rejection`, statements: body.join('\n')
    };
}

function decider(aggregate: Aggregate, imports: TypeImports): StatementStructures {
    imports.use('Decider');
    const name = aggregate.name;
    return {
        kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
        docs: docs(aggregate, undefined, `The decider of aggregate ${name}.`),
        declarations: [{
            name: `${camelCase(name)}Decider`,
            type: `Decider<${name}State, ${name}Command, ${name}Event, ${name}Rejection>`,
            initializer: '{ decide, evolve, initialState }'
        }]
    };
}

const local = (name: string) => name.slice(name.indexOf('.') + 1);

/** Whether a body prints (an expression reading what its site does not offer stays hand-written). */
export function printable(print: () => unknown): boolean {
    try {
        print();
        return true;
    } catch (error) {
        if (error instanceof UnprintableExpression) return false;
        throw error;
    }
}

/** A command the model decides completely: its decide, printed from the rules form. */
function modelledDecide(aggregate: Aggregate, command: Command, form: CommandForm, model: ModelForm, imports: TypeImports): StatementStructures {
    const emitted = form.emits.map(emit => local(emit.event));
    const rejections = [...new Set(form.requires.map(guard => local(guard.error)))];
    return {
        kind: StructureKind.Function, isExported: true, name: handwrittenNames.decide(command),
        docs: [{ description: `Decides command ${command.name} as the model says${rejections.length ? ` (rejects with ${rejections.join(', ')})` : ''}. Generated: change the model to change it.` }],
        parameters: [{ name: 'command', type: command.name }, { name: 'state', type: `${aggregate.name}State` }, { name: 'context', type: imports.use('DecisionContext') }],
        returnType: [emitted.length === 0 ? 'never[]' : `Array<${[...new Set(emitted)].join(' | ')}>`, ...rejections].join(' | '),
        statements: decideBody(form, model)
    };
}

/** An event's evolve for an aggregate with `on` blocks: every block naming it, in order. */
function modelledEvolveFunction(aggregate: Aggregate, event: Event, form: AggregateForm, model: ModelForm): StatementStructures {
    const assignments = form.evolve.filter(handler => handler.events.some(name => local(name) === event.name)).flatMap(handler => handler.assignments);
    return {
        kind: StructureKind.Function, isExported: true, name: handwrittenNames.evolve(event),
        docs: [{ description: `Applies event ${event.name} to the state of ${aggregate.name}, as the model's \`on\` blocks say. Generated.` }],
        parameters: [{ name: 'state', type: `${aggregate.name}State` }, { name: 'event', type: event.name }],
        returnType: `${aggregate.name}State`,
        statements: assignments.length === 0 ? 'return state;'
            : assignmentsBody(assignments, form.state, { event: 'event', state: 'next', valueTypes: model.valueTypes }, 'state')
    };
}

function handwrittenDocs(description: string): Array<{ description: string; tags: Array<{ tagName: string }> }> {
    return [{ description, tags: [{ tagName: HANDWRITTEN_TAG }] }];
}

/**
 * The first stub of a command's decision: when every required field of its first event can be
 * copied from a same-named, same-typed command field, it emits that event; otherwise it throws
 * until the user writes the rule (the only throw in generated code, and only in a stub).
 */
function decideStub(aggregate: Aggregate, command: Command, imports: TypeImports): StatementStructures {
    const emitted = emittedEventsOf(command);
    const rejections = command.rejects.map(reference => reference.$refText);
    const returnType = [
        emitted.length === 0 ? 'never[]' : `Array<${emitted.map(event => event.name).join(' | ')}>`,
        ...rejections
    ].join(' | ');
    const first = emitted[0];
    const data = first ? copiedFields(first.fields, command.fields, 'command') : undefined;
    const rules = rejections.length > 0 ? `check the rules (may reject with ${rejections.join(', ')}), then ` : '';
    const body = first && data
        ? [`// TODO: ${rules}complete the event data.`, `return [{ type: '${first.name}', data: ${data} }];`]
        : [`// TODO: ${rules}return the events ${command.name} causes.`,
            `throw new Error(${quote(notWrittenMessage(aggregate, command))});`];
    return {
        kind: StructureKind.Function, isExported: true, name: handwrittenNames.decide(command),
        docs: handwrittenDocs(`Decides command ${command.name}${emitted.length ? `: emits ${emitted.map(e => e.name).join(', ')}` : ''}${rejections.length ? `, or rejects with ${rejections.join(', ')}` : ''}.`),
        parameters: [{ name: 'command', type: command.name }, { name: 'state', type: `${aggregate.name}State` }, { name: 'context', type: imports.use('DecisionContext') }],
        returnType, statements: body.join('\n')
    };
}

/**
 * What a stub's error says: which function, where to write it, or what to model instead. The HTTP
 * runtime answers a command that reaches a stub with 501 and this text (it matches "is not written yet").
 */
function notWrittenMessage(aggregate: Aggregate, command: Command): string {
    const file = `${contextFolder(contextNameOf(aggregate))}/${aggregateFile(aggregate)}.ts`;
    return `${aggregate.name}: decide${command.name} is not written yet: write its body in ${file}, or model the rules of ${command.name} in the ${contextNameOf(aggregate)} context`;
}

function evolveStub(aggregate: Aggregate, event: Event): StatementStructures {
    const assignments = copiedAssignments(stateFieldsOf(aggregate), event.fields, 'event');
    return {
        kind: StructureKind.Function, isExported: true, name: handwrittenNames.evolve(event),
        docs: handwrittenDocs(`Applies event ${event.name} to the state of ${aggregate.name}.`),
        parameters: [{ name: 'state', type: `${aggregate.name}State` }, { name: 'event', type: event.name }],
        returnType: `${aggregate.name}State`,
        statements: assignments.length === 0 ? 'return state;' : `return { ...state, ${assignments.join(', ')} };`
    };
}

/** `target: source.data.target` for each target field a same-named, same-typed source field fills. */
export function copiedAssignments(targets: readonly Field[], sources: readonly Field[], source: string): string[] {
    const assignments: string[] = [];
    for (const target of targets) {
        const from = sources.find(field => field.name === target.name && sameType(field.type, target.type));
        // An optional source cannot fill a target that must always hold a value.
        if (!from || (from.optional && !target.optional)) continue;
        assignments.push(`${propertyName(target.name)}: ${access(`${source}.data`, from.name)}`);
    }
    return assignments;
}

/** The data object of an event filled from a command, or undefined when a required field has no source. */
function copiedFields(targets: readonly Field[], sources: readonly Field[], source: string): string | undefined {
    const assignments = copiedAssignments(targets, sources, source);
    const filled = new Set(assignments.map(assignment => assignment.slice(0, assignment.indexOf(':'))));
    if (targets.some(field => !field.optional && !filled.has(propertyName(field.name)))) return undefined;
    return assignments.length === 0 ? '{}' : `{ ${assignments.join(', ')} }`;
}
