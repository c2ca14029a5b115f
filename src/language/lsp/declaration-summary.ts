/**
 * One line that says what a declaration is and how it is wired: `command Withdraw → emits
 * MoneyWithdrawn; rejects InsufficientFunds`. Shown in hovers above the doc comment.
 */
import type { AstNode } from 'langium';
import {
    isAggregate, isCommand, isContextDeclaration, isDomainError, isEnum, isEnumMember, isEvent, isField,
    isPolicy, isQuery, isReadModel, isReadModelKey, isScenario, isStreamId, isUpcast, isValueType,
    type Aggregate, type Command, type Event, type Field, type ReadModel, type Upcast
} from '../generated/ast.js';
import {
    aggregateOf, commandsOf, contextNameOf, emittedEventReferences, errorsOf, eventsOf, handledEventReferences, issuedCommandReferences,
    producedFieldsOf, sameType, streamIdsOf, typeToString
} from '../model-queries.js';
import type { ReferencingNode } from './referencing-nodes.js';

type Named = AstNode & { name: string };

/** `Withdraw` for a node of the same context as `from`, `Banking.Withdraw` otherwise. */
export function nameSeenFrom(node: Named, from: AstNode): string {
    const context = contextNameOf(node);
    return context === contextNameOf(from) ? node.name : `${context}.${node.name}`;
}

export function fieldSignature(field: Pick<Field, 'name' | 'type'> & { optional?: boolean; default?: Field['default'] }): string {
    const defaultText = field.default?.$cstNode?.text;
    return `${field.name}${field.optional ? '?' : ''}: ${typeToString(field.type)}${defaultText ? ` = ${defaultText}` : ''}`;
}

/** The summary line, given the nodes that refer to the declaration (only needed for events and errors). */
export function summarize(node: AstNode, referencedBy: () => ReferencingNode[]): string | undefined {
    if (isCommand(node)) return summarizeCommand(node, referencedBy());
    if (isEvent(node)) return summarizeEvent(node, referencedBy());
    if (isDomainError(node)) {
        const rejectedBy = namesOf(referencedBy().filter(r => r.property === 'rejects').map(r => r.node), node);
        return join(`error ${node.name}${fieldsInline(node.fields)}`, rejectedBy.length ? `rejected by ${rejectedBy.join(', ')}` : 'rejected by no command');
    }
    if (isReadModel(node)) return summarizeReadModel(node);
    if (isAggregate(node)) return summarizeAggregate(node);
    if (isEnum(node)) return `enum ${node.name} { ${node.members.map(m => m.name).join(', ')} }`;
    if (isEnumMember(node)) return `${node.name}: member of enum ${node.$container.name}`;
    if (isValueType(node)) return `type ${node.name}${fieldsInline(node.fields)}`;
    if (isQuery(node)) return `query ${node.name}${fieldsInline(node.fields)} returns ${node.returns?.$refText ?? '…'}${node.list ? '[]' : ''}`;
    if (isPolicy(node)) {
        return `policy ${node.name}: on ${refs(node.triggers)} → issues ${refs(issuedCommandReferences(node))}`;
    }
    if (isStreamId(node)) return `id ${node.name}: ${typeToString(node.type)} (stream id of aggregate ${node.$container.name})`;
    if (isReadModelKey(node)) return `key ${node.name}: ${typeToString(node.type)} (key of read model ${node.$container.name})`;
    if (isField(node)) return `${fieldSignature(node)} (field of ${ownerDescription(node)})`;
    if (isContextDeclaration(node)) return `context ${node.name}`;
    if (isScenario(node)) return `scenario "${node.name}"`;
    if (isUpcast(node)) return summarizeUpcast(node);
    return undefined;
}

/** `upcast AccountOpened from 1 to 2 — carries owner — maps limit — drops limitInCents`: what each field of the step becomes. */
function summarizeUpcast(upcast: Upcast): string {
    const mapped = (upcast.mapping?.entries ?? []).map(entry => entry.field?.$refText).filter((name): name is string => !!name);
    const produced = producedFieldsOf(upcast);
    const carried = produced.filter(field => !mapped.includes(field.name) && upcast.fields.some(old => old.name === field.name && sameType(old.type, field.type)));
    const dropped = upcast.fields.filter(old => !produced.some(field => field.name === old.name));
    const from = Number(upcast.fromVersion);
    return join(
        `upcast ${upcast.event?.$refText ?? '…'} from ${upcast.fromVersion} to ${Number.isInteger(from) ? from + 1 : '…'}`,
        ...(carried.length ? [`carries ${carried.map(field => field.name).join(', ')}`] : []),
        ...(mapped.length ? [`maps ${mapped.join(', ')}`] : []),
        ...(dropped.length ? [`drops ${dropped.map(field => field.name).join(', ')}`] : [])
    );
}

function summarizeCommand(command: Command, referencedBy: ReferencingNode[]): string {
    const parts = [`command ${command.name} → emits ${command.emits.length ? refs(emittedEventReferences(command)) : 'nothing'}`];
    if (command.rejects.length) parts.push(`rejects ${refs(command.rejects)}`);
    const issuedBy = namesOf(referencedBy.filter(r => r.property === 'issues').map(r => r.node), command);
    if (issuedBy.length) parts.push(`issued by policy ${issuedBy.join(', ')}`);
    return parts.join('; ');
}

function summarizeEvent(event: Event, referencedBy: ReferencingNode[]): string {
    const emittedBy = namesOf(referencedBy.filter(r => r.property === 'emits').map(r => r.node), event);
    const readModels = namesOf(referencedBy.filter(r => r.property === 'handles').map(r => r.node), event);
    const policies = namesOf(referencedBy.filter(r => r.property === 'triggers').map(r => r.node), event);
    const consumers = [
        ...readModels.map(name => `read model ${name}`),
        ...policies.map(name => `policy ${name}`)
    ];
    const version = event.version ? ` version ${event.version}` : '';
    return join(
        `event ${event.name}${version}`,
        emittedBy.length ? `emitted by ${emittedBy.join(', ')}` : 'emitted by no command',
        consumers.length ? `consumed by ${consumers.join(', ')}` : 'consumed by nothing'
    );
}

function summarizeReadModel(readModel: ReadModel): string {
    const key = readModel.keys[0];
    return join(
        `readmodel ${readModel.name}`,
        key ? `key ${key.name}: ${typeToString(key.type)}` : 'no key',
        handledEventReferences(readModel).length ? `on ${refs(handledEventReferences(readModel))}` : 'handles no event'
    );
}

function summarizeAggregate(aggregate: Aggregate): string {
    const id = streamIdsOf(aggregate)[0];
    const parts = [`aggregate ${aggregate.name}`];
    if (id) parts.push(`id ${id.name}: ${typeToString(id.type)}`);
    parts.push(`${count(commandsOf(aggregate).length, 'command')}, ${count(eventsOf(aggregate).length, 'event')}, ${count(errorsOf(aggregate).length, 'error')}`);
    return join(...parts);
}

function ownerDescription(field: Field): string {
    const owner = field.$container;
    if (owner.$type === 'State') {
        const aggregate = aggregateOf(field);
        return `the state of aggregate ${aggregate?.name ?? '?'}`;
    }
    if (owner.$type === 'Upcast') return `version ${owner.fromVersion} of event ${owner.event?.$refText ?? ''}`;
    const kinds: Record<string, string> = { ValueType: 'type', Command: 'command', Event: 'event', DomainError: 'error', ReadModel: 'read model', Query: 'query' };
    const kind = kinds[owner.$type] ?? owner.$type;
    return `${kind} ${(owner as { name?: string }).name ?? ''}`.trim();
}

function fieldsInline(fields: readonly Field[]): string {
    return fields.length ? ` { ${fields.map(fieldSignature).join(', ')} }` : '';
}

function refs(references: ReadonlyArray<{ $refText: string }>): string {
    return references.map(r => r.$refText).join(', ');
}

function namesOf(nodes: AstNode[], from: AstNode): string[] {
    return [...new Set(nodes.filter((n): n is Named => typeof (n as Partial<Named>).name === 'string').map(n => nameSeenFrom(n, from)))];
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function join(...parts: string[]): string {
    return parts.join(' — ');
}
