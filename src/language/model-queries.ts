/**
 * Small, pure questions about a parsed model that scoping, validation, the generator and the
 * preview all ask: which context a node lives in, an aggregate's parts, a field's owner.
 */
import { AstUtils, type AstNode, type Reference } from 'langium';
import {
    isAggregate, isCommandData, isEventData, isExpectation, isField, isFieldValue, isScenario, isUpcast,
    type EventData, type ReadModelKey, type Upcast,
    isListLiteral, isValueType,
    type Aggregate, type AggregateMember, type Command, type DomainError, type Event, type EventHandler, type Field, type Model, type ObjectLiteral,
    type Policy, type ReadModel, type StreamId, type TypeReference, type ValueType, type Enum
} from './generated/ast.js';

/** Shown where a file has no `context` line yet; never a valid identifier, so it cannot collide. */
export const MISSING_CONTEXT = '<no context>';

export function modelOf(node: AstNode): Model {
    // The walk of `AstUtils.findRootNode` and a `$type` test (the root type has no subtypes), in place: every
    // qualified name of the semantics' forms is found from here, thousands per cold `eventloom validate`, and the
    // namespace getter and the reflection's checks were inlined into each function the engine optimised.
    let root = node;
    while (root.$container) root = root.$container;
    if (root.$type !== 'Model') throw new Error(`Node ${node.$type} is not inside an Eventloom model`);
    return root as Model;
}

export function contextNameOf(node: AstNode): string {
    const model = modelOf(node);
    // A `context` line in the wrong place is an error, but it still says which context is meant.
    return (model.context ?? model.misplacedContexts[0])?.name ?? MISSING_CONTEXT;
}

export function aggregateOf(node: AstNode): Aggregate | undefined {
    return AstUtils.getContainerOfType(node, isAggregate);
}

/*
 * An aggregate's members of one kind, by `$type`: each member kind is a concrete type, and the
 * reflection's `isX` (two calls per member) was most of these filters, which the scenario check
 * runs for every aggregate it reads.
 */
function membersOf<M extends AggregateMember>(aggregate: Aggregate, type: M['$type']): M[] {
    const found: M[] = [];
    for (const member of aggregate.members) if (member.$type === type) found.push(member as M);
    return found;
}

export function commandsOf(aggregate: Aggregate): Command[] {
    return membersOf<Command>(aggregate, 'Command');
}

export function eventsOf(aggregate: Aggregate): Event[] {
    return membersOf<Event>(aggregate, 'Event');
}

export function errorsOf(aggregate: Aggregate): DomainError[] {
    return membersOf<DomainError>(aggregate, 'DomainError');
}

/** The `on` blocks of an aggregate (its evolve). */
export function eventHandlersOf(aggregate: Aggregate): EventHandler[] {
    return membersOf<EventHandler>(aggregate, 'EventHandler');
}

/** The references of a command's `emits E { … }` clauses, in order. */
export function emittedEventReferences(command: Command): Array<Reference<Event>> {
    return command.emits.map(emit => emit.event);
}

/**
 * Whether a command of the event's aggregate emits it. By name too: with a duplicate event
 * elsewhere in the context the reference may resolve there, and the duplicate is the error worth
 * reporting, not a missing emitter.
 */
export function isEmittedInItsAggregate(event: Event, aggregate: Aggregate): boolean {
    return commandsOf(aggregate).some(command => emittedEventReferences(command).some(reference => reference.ref === event || reference.$refText === event.name));
}

/** The events a command emits that resolve. */
export function emittedEventsOf(command: Command): Event[] {
    return resolved(emittedEventReferences(command));
}

/**
 * Every error a command may reject with: its `rejects` list (hand-written rules) and the errors
 * after `else` of its `requires` (DESIGN §2b), without repeating a name.
 */
export function rejectionReferences(command: Command): Array<Reference<DomainError>> {
    // A `requires … else` whose error is not typed yet has no reference (a partial AST).
    const all = [...command.rejects, ...command.requirements.flatMap(requirement => requirement.error ? [requirement.error] : [])];
    const seen = new Set<string>();
    return all.filter(reference => !seen.has(reference.$refText) && seen.add(reference.$refText) !== undefined);
}

/**
 * The references of every `on E, F` of a read model, with a block (`handlers`) or without one
 * (`handles`), in source order.
 */
export function handledEventReferences(readModel: ReadModel): Array<Reference<Event>> {
    const all = [...readModel.handles, ...readModel.handlers.flatMap(handler => handler.events)];
    if (readModel.handlers.length === 0 || readModel.handles.length === 0) return all;
    const offset = (reference: Reference<Event>) => reference.$refNode?.offset ?? Number.MAX_SAFE_INTEGER;
    return all.sort((a, b) => offset(a) - offset(b));
}

export function handledEventsOf(readModel: ReadModel): Event[] {
    return resolved(handledEventReferences(readModel));
}

/** The references of a policy's `issues C { … } if …` clauses, in order. */
export function issuedCommandReferences(policy: Policy): Array<Reference<Command>> {
    return policy.issues.flatMap(issued => issued.command ? [issued.command] : []);
}

export function issuedCommandsOf(policy: Policy): Command[] {
    return resolved(issuedCommandReferences(policy));
}

function resolved<T extends AstNode>(references: ReadonlyArray<Reference<T>>): T[] {
    return references.map(reference => reference.ref).filter((node): node is T => node !== undefined);
}

export function streamIdsOf(aggregate: Aggregate): StreamId[] {
    return membersOf<StreamId>(aggregate, 'StreamId');
}

export function stateFieldsOf(aggregate: Aggregate): Field[] {
    const fields: Field[] = [];
    for (const member of aggregate.members) if (member.$type === 'State') fields.push(...member.fields);
    return fields;
}

/** A field is required when it is neither optional (`?`) nor has a default value. */
export function isRequired(field: Field): boolean {
    return !field.optional && field.default === undefined;
}

/** The value type a type reference names, if it names one. */
export function valueTypeOf(type: TypeReference | undefined): ValueType | undefined {
    const target = type?.dataType?.ref;
    return isValueType(target) ? target : undefined;
}

export function enumOf(type: TypeReference | undefined): Enum | undefined {
    const target = type?.dataType?.ref;
    return target && !isValueType(target) ? target : undefined;
}

/** A readable type name for messages: `decimal`, `Money`, `Currency[]`. */
export function typeToString(type: TypeReference | undefined): string {
    if (!type) return 'unknown';
    const base = type.primitive ?? type.dataType?.$refText ?? 'unknown';
    return type.list ? `${base}[]` : base;
}

export function sameType(a: TypeReference | undefined, b: TypeReference | undefined): boolean {
    if (!a || !b || a.list !== b.list) return false;
    if (a.primitive || b.primitive) return a.primitive === b.primitive;
    const target = a.dataType?.ref;
    return target !== undefined && target === b.dataType?.ref;
}

/**
 * The fields an object literal may name: those of the event or command it describes, or of the
 * value type the surrounding field expects. Resolves only references above the literal, so it is
 * safe to call from scoping.
 */
export function fieldsExpectedBy(literal: ObjectLiteral): ReadonlyArray<Field | ReadModelKey> {
    const owner = literal.$container;
    if (isEventData(owner)) return eventDataFields(owner);
    // `expect R { … }` may give the key to select another document (DESIGN §2c).
    if (isExpectation(owner)) return owner.readModel?.ref ? [...owner.readModel.ref.keys, ...owner.readModel.ref.fields] : [];
    if (isScenario(owner)) return owner.rejection?.ref?.fields ?? [];
    if (isCommandData(owner)) return owner.command?.ref?.fields ?? [];
    return valueTypeOf(expectedTypeOf(literal))?.fields ?? [];
}

/**
 * The type a literal must have, from the field it initialises or fills (through list items);
 * undefined at the top of a scenario's event or command data.
 */
export function expectedTypeOf(literal: AstNode): TypeReference | undefined {
    let node: AstNode = literal;
    let listDepth = 0;
    while (isListLiteral(node.$container)) {
        node = node.$container;
        listDepth++;
    }
    const owner = node.$container;
    let type: TypeReference | undefined;
    if (isField(owner)) type = owner.type;
    else if (isFieldValue(owner)) type = owner.field?.ref?.type;
    if (!type) return undefined;
    if (listDepth === 0) return type;
    // An item of a list field has the list's element type; lists of lists do not exist.
    return listDepth === 1 && type.list ? { ...type, list: false } : undefined;
}

/**
 * The fields a scenario's event data carries: the event's, or, for `given E v1 { … }`, the old
 * shape that `upcast E from 1 { … }` states (none when no upcast states it).
 */
export function eventDataFields(data: EventData): readonly Field[] {
    const event = data.event?.ref;
    if (!event) return [];
    const version = oldVersionOf(data);
    if (version === undefined || String(version) === event.version) return event.fields;
    const upcast = event.$container.members.find((member): member is Upcast => isUpcast(member) && member.event?.ref === event && member.fromVersion === String(version));
    return upcast?.fields ?? [];
}

/** The version `given E v2` names, as a number; undefined without one. */
export function oldVersionOf(data: EventData): number | undefined {
    return data.version === undefined ? undefined : Number(data.version.slice(1));
}

/**
 * The fields of the version an upcast produces: the event's own for the step to the newest
 * version, else the old shape the next upcast states; the event's own when that is not written
 * (a gap, reported on the event), so names still resolve.
 */
export function producedFieldsOf(upcast: Upcast): readonly Field[] {
    const event = upcast.event?.ref;
    if (!event) return [];
    const next = String(Number(upcast.fromVersion) + 1);
    if (next === event.version) return event.fields;
    const nextUpcast = event.$container.members.find((member): member is Upcast => isUpcast(member) && member.event?.ref === event && member.fromVersion === next);
    return nextUpcast?.fields ?? event.fields;
}
