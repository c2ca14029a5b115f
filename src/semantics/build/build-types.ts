/** Field declarations, types and literals of the AST as form types and values. */
import type { AstNode } from 'langium';
import {
    isValueType,
    type Field, type Literal, type ObjectLiteral, type ReadModelKey, type StreamId, type TypeReference
} from '../../language/generated/ast.js';
import { contextNameOf } from '../../language/model-queries.js';
import { parseDecimal } from '../decimal.js';
import { qualifiedName, type FieldForm, type PrimitiveName, type QualifiedName, type TypeForm } from '../form.js';
import {
    booleanValue, enumValue, listValue, numberValue, recordValue, stringValue, type RecordValue, type Value
} from '../values.js';
import { tryBuild, unbuildable } from './unbuildable.js';

/**
 * Each declaration's qualified name as last made, with the two names it was made of: a node keeps
 * its name, but its file's `context` line may change under it (a spliced edit keeps the root).
 */
const qualifiedNames = new WeakMap<AstNode, { readonly context: string; readonly name: string; readonly qualified: QualifiedName }>();

/**
 * The qualified name of a named declaration: its context's name and its own. The same string for
 * the same declaration: a run's forms name an enum, an event or a value type thousands of times in
 * a cold `eventloom validate`, and one string is hashed once as a lookup key and compared by identity.
 */
export function nameOf(node: AstNode & { name: string }): QualifiedName {
    const context = contextNameOf(node);
    const made = qualifiedNames.get(node);
    if (made !== undefined && made.context === context && made.name === node.name) return made.qualified;
    const qualified = qualifiedName(context, node.name);
    qualifiedNames.set(node, { context, name: node.name, qualified });
    return qualified;
}

export function typeOf(type: TypeReference | undefined): TypeForm {
    if (!type) return { kind: 'unknown' };
    const base = baseTypeOf(type);
    return type.list ? { kind: 'list', item: base } : base;
}

/** One form per primitive type: forms are never changed, and every field of a run's forms has a type. */
const PRIMITIVES = new Map<PrimitiveName, TypeForm>();

export function primitiveType(name: PrimitiveName): TypeForm {
    let primitive = PRIMITIVES.get(name);
    if (!primitive) PRIMITIVES.set(name, primitive = { kind: 'primitive', name });
    return primitive;
}

function baseTypeOf(type: TypeReference): TypeForm {
    if (type.primitive) return primitiveType(type.primitive as PrimitiveName);
    // By `$type` (concrete types), as `literalValue`: every field's type is read here.
    const target = type.dataType?.ref;
    if (target?.$type === 'ValueType') return { kind: 'value', valueType: nameOf(target) };
    if (target?.$type === 'Enum') return { kind: 'enum', enum: nameOf(target) };
    return { kind: 'unknown' };
}

export function fieldForm(field: Field | ReadModelKey | StreamId): FieldForm {
    const declared = 'optional' in field ? field : undefined;
    // A default that is no value yet is the field's own problem (the validators name it), not its container's.
    const reasons: string[] = [];
    const initial = declared?.default;
    const value = initial ? tryBuild(reasons, () => literalValue(initial, { withDefaults: true })) : undefined;
    const name = field.name;
    const type = typeOf(field.type);
    const optional = declared?.optional ?? false;
    // Two literals rather than a spread of the optional part (the engine's generic copy): every field of a run's forms is made here.
    if (reasons.length === 0) return { name, type, optional, default: value, source: field };
    return { name, type, optional, default: value, defaultUnbuildable: `the default of ${name} cannot be read (${reasons.join('; ')})`, source: field };
}

export interface LiteralOptions {
    /** Fill a value type's fields the literal leaves out with their defaults (data, not patterns). */
    readonly withDefaults: boolean;
}

/** A literal as a value. Numbers stay exact; an enum member names its enum. */
export function literalValue(literal: Literal, options: LiteralOptions): Value {
    // By `$type` (each literal kind is a concrete type): a chain of `isX` calls asked the reflection up to six times per literal.
    // A half-typed entry has no literal at all.
    if (!literal) return unbuildable('an unknown literal');
    switch (literal.$type) {
        case 'StringLiteral': return stringValue(literal.value);
        case 'NumberLiteral': {
            const value = parseDecimal(literal.value);
            return value ? numberValue(value) : unbuildable(`'${literal.value}' is not a number`);
        }
        case 'BooleanLiteral': return booleanValue(literal.value);
        case 'EnumLiteral': {
            const member = literal.member?.ref;
            if (!member || member.$container?.$type !== 'Enum') return unbuildable(`'${literal.member?.$refText ?? ''}' does not resolve`);
            return enumValue(nameOf(member.$container), member.name);
        }
        case 'ListLiteral': return listValue(literal.items.map(item => literalValue(item, options)));
        case 'ObjectLiteral': return objectValue(literal, options);
        default: return unbuildable('an unknown literal');
    }
}

/**
 * An object literal's entries as a record; `declared` are the fields it fills (for their defaults).
 * With defaults, the entries and the added defaults are ordered as the fields are declared (unknown
 * names last, each group as written). Plain loops: scenario data is most of what a scenario's form
 * is built from, and the check builds a thousand of them in a one-shot `eventloom validate`.
 */
export function objectValue(literal: ObjectLiteral | undefined, options: LiteralOptions, declared?: readonly Field[]): RecordValue {
    const entries: Array<readonly [string, Value]> = [];
    // The field's name as written: a resolved reference names a field of exactly that name (names resolve
    // as written), and its `ref` getter and resolver are not worth a call for every entry of every scenario.
    for (const entry of literal?.entries ?? []) entries.push([entry.field?.$refText, literalValue(entry.value, options)]);
    if (!options.withDefaults) return recordValue(entries);
    const fields = declared ?? valueTypeFieldsOf(literal);
    const all: Array<readonly [string, Value]> = [];
    for (const field of fields) {
        if (field.default && !hasEntry(entries, field.name)) all.push([field.name, literalValue(field.default, options)]);
    }
    for (const entry of entries) all.push(entry);
    return recordValue(inDeclarationOrder(all, fields));
}

function hasEntry(entries: ReadonlyArray<readonly [string, Value]>, name: string): boolean {
    for (const entry of entries) if (entry[0] === name) return true;
    return false;
}

/** A stable sort by the position of each entry's field among `fields` (the last of a name; unknown names last), skipped when already in order. */
function inDeclarationOrder(entries: Array<readonly [string, Value]>, fields: readonly Field[]): Array<readonly [string, Value]> {
    const position = (name: string) => {
        for (let index = fields.length - 1; index >= 0; index--) if (fields[index].name === name) return index;
        return fields.length;
    };
    const positions = entries.map(entry => position(entry[0]));
    let ordered = true;
    for (let index = 1; index < positions.length && ordered; index++) ordered = positions[index - 1] <= positions[index];
    if (ordered) return entries;
    return entries.map((entry, index) => ({ entry, at: positions[index] })).sort((a, b) => a.at - b.at).map(({ entry }) => entry);
}

/** The fields of the value type an object literal fills, from the field it is the value of. */
function valueTypeFieldsOf(literal: ObjectLiteral | undefined): readonly Field[] {
    const owner = literal?.$container;
    const field = owner && 'field' in owner ? (owner.field as { ref?: Field | ReadModelKey | StreamId }).ref : undefined;
    const target = field?.type?.dataType?.ref;
    return isValueType(target) ? target.fields : [];
}
