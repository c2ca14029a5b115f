/**
 * The stored shape of an event: what its JSON looks like in an event store, with every type
 * resolved down to primitives, enum members and nested value-type fields. Two models' events are
 * compared through these shapes, so a change inside a value type or an enum that an event uses is
 * seen as a change of the event (its stored JSON changes just the same).
 */
import type { AstNode } from 'langium';
import { isEnum, isValueType, type Aggregate, type Field, type Model, type TypeReference } from '../../language/generated/ast.js';
import { contextNameOf, eventsOf } from '../../language/model-queries.js';
import { wholeVersion } from '../../language/validation/evolution-validator.js';
import { isAggregate } from '../../language/generated/ast.js';

export type StoredType =
    | { kind: 'primitive'; name: string }
    | { kind: 'enum'; name: string; members: readonly string[] }
    | { kind: 'object'; name: string; fields: readonly StoredField[] }
    | { kind: 'list'; item: StoredType }
    /** A type that did not resolve (the model has an error there): compared by its text only. */
    | { kind: 'unresolved'; name: string };

export interface StoredField {
    name: string;
    type: StoredType;
    /** `name?: T`: a stored event may lack it. */
    optional: boolean;
}

/** An older shape an `upcast E from N { … }` declares, as the model states it. */
export interface DeclaredOldShape {
    fromVersion: number;
    fields: readonly StoredField[];
    node: AstNode;
}

export interface EventShape {
    context: string;
    aggregate: string;
    name: string;
    /** 1 when the event states no version. */
    version: number;
    fields: readonly StoredField[];
    /** The event's declaration, for reporting at its name. */
    node: AstNode;
    upcasts: readonly DeclaredOldShape[];
}

/** `Context.Event`: how one model's event is matched with the other's. */
export function eventKey(shape: Pick<EventShape, 'context' | 'name'>): string {
    return `${shape.context}.${shape.name}`;
}

/**
 * The upcasts an aggregate declares for one of its events. The `upcast` construct is read through
 * this one function so that the shape comparison does not depend on its grammar.
 */
export type UpcastReader = (aggregate: Aggregate, event: string) => DeclaredOldShape[];

export const noUpcasts: UpcastReader = () => [];

export function storedShapesOf(models: readonly Model[], readUpcasts: UpcastReader = noUpcasts): EventShape[] {
    const shapes: EventShape[] = [];
    for (const model of models) {
        for (const aggregate of model.elements.filter(isAggregate)) {
            for (const event of eventsOf(aggregate)) {
                if (!event.name) continue;
                shapes.push({
                    context: contextNameOf(aggregate),
                    aggregate: aggregate.name,
                    name: event.name,
                    version: versionNumber(event.version),
                    fields: storedFields(event.fields),
                    node: event,
                    upcasts: readUpcasts(aggregate, event.name)
                });
            }
        }
    }
    return shapes;
}

/** The stored version an event declares: 1 without one (or with a malformed one, reported elsewhere). */
export function versionNumber(text: string | undefined): number {
    return wholeVersion(text) ?? 1;
}

export function storedFields(fields: readonly Field[], visiting: ReadonlySet<AstNode> = new Set()): StoredField[] {
    return fields.filter(field => field.name).map(field => ({
        name: field.name,
        optional: field.optional,
        type: storedType(field.type, visiting)
    }));
}

function storedType(type: TypeReference | undefined, visiting: ReadonlySet<AstNode>): StoredType {
    if (!type) return { kind: 'unresolved', name: 'unknown' };
    const base = baseType(type, visiting);
    return type.list ? { kind: 'list', item: base } : base;
}

function baseType(type: TypeReference, visiting: ReadonlySet<AstNode>): StoredType {
    if (type.primitive) return { kind: 'primitive', name: type.primitive };
    const target = type.dataType?.ref;
    const name = type.dataType?.$refText ?? 'unknown';
    if (isEnum(target)) return { kind: 'enum', name: target.name, members: target.members.map(member => member.name) };
    if (isValueType(target)) {
        // A value type that contains itself (through a list) is compared by name past the first level.
        if (visiting.has(target)) return { kind: 'object', name: target.name, fields: [] };
        return { kind: 'object', name: target.name, fields: storedFields(target.fields, new Set([...visiting, target])) };
    }
    return { kind: 'unresolved', name };
}

/** `decimal`, `Money`, `Currency[]`: a type as the model writes it, for messages. */
export function storedTypeName(type: StoredType): string {
    return type.kind === 'list' ? `${storedTypeName(type.item)}[]` : type.name;
}
