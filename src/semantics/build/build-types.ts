/** Field declarations, types and literals of the AST as form types and values. */
import type { AstNode } from 'langium';
import {
    isBooleanLiteral, isEnum, isEnumLiteral, isListLiteral, isNumberLiteral, isObjectLiteral, isStringLiteral, isValueType,
    type Field, type Literal, type ObjectLiteral, type ReadModelKey, type StreamId, type TypeReference
} from '../../language/generated/ast.js';
import { contextNameOf } from '../../language/model-queries.js';
import { parseDecimal } from '../decimal.js';
import { qualifiedName, type FieldForm, type PrimitiveName, type QualifiedName, type TypeForm } from '../form.js';
import {
    booleanValue, enumValue, listValue, numberValue, recordValue, stringValue, type RecordValue, type Value
} from '../values.js';
import { tryBuild, unbuildable } from './unbuildable.js';

/** The qualified name of a named declaration: its context's name and its own. */
export function nameOf(node: AstNode & { name: string }): QualifiedName {
    return qualifiedName(contextNameOf(node), node.name);
}

export function typeOf(type: TypeReference | undefined): TypeForm {
    if (!type) return { kind: 'unknown' };
    const base = baseTypeOf(type);
    return type.list ? { kind: 'list', item: base } : base;
}

function baseTypeOf(type: TypeReference): TypeForm {
    if (type.primitive) return { kind: 'primitive', name: type.primitive as PrimitiveName };
    const target = type.dataType?.ref;
    if (isValueType(target)) return { kind: 'value', valueType: nameOf(target) };
    if (isEnum(target)) return { kind: 'enum', enum: nameOf(target) };
    return { kind: 'unknown' };
}

export function fieldForm(field: Field | ReadModelKey | StreamId): FieldForm {
    const declared = 'optional' in field ? field : undefined;
    // A default that is no value yet is the field's own problem (the validators name it), not its container's.
    const reasons: string[] = [];
    const initial = declared?.default;
    const value = initial ? tryBuild(reasons, () => literalValue(initial, { withDefaults: true })) : undefined;
    return {
        name: field.name,
        type: typeOf(field.type),
        optional: declared?.optional ?? false,
        default: value,
        ...(reasons.length > 0 ? { defaultUnbuildable: `the default of ${field.name} cannot be read (${reasons.join('; ')})` } : {}),
        source: field
    };
}

export interface LiteralOptions {
    /** Fill a value type's fields the literal leaves out with their defaults (data, not patterns). */
    readonly withDefaults: boolean;
}

/** A literal as a value. Numbers stay exact; an enum member names its enum. */
export function literalValue(literal: Literal, options: LiteralOptions): Value {
    if (isStringLiteral(literal)) return stringValue(literal.value);
    if (isNumberLiteral(literal)) {
        const value = parseDecimal(literal.value);
        return value ? numberValue(value) : unbuildable(`'${literal.value}' is not a number`);
    }
    if (isBooleanLiteral(literal)) return booleanValue(literal.value);
    if (isEnumLiteral(literal)) {
        const member = literal.member?.ref;
        if (!member || !isEnum(member.$container)) return unbuildable(`'${literal.member?.$refText ?? ''}' does not resolve`);
        return enumValue(nameOf(member.$container), member.name);
    }
    if (isListLiteral(literal)) return listValue(literal.items.map(item => literalValue(item, options)));
    if (isObjectLiteral(literal)) return objectValue(literal, options);
    return unbuildable('an unknown literal');
}

/** An object literal's entries as a record; `declared` are the fields it fills (for their defaults). */
export function objectValue(literal: ObjectLiteral | undefined, options: LiteralOptions, declared?: readonly Field[]): RecordValue {
    const entries = (literal?.entries ?? []).map(entry => [entry.field?.ref?.name ?? entry.field?.$refText, literalValue(entry.value, options)] as const);
    if (!options.withDefaults) return recordValue(entries);
    const given = new Set(entries.map(([name]) => name));
    const fields = declared ?? valueTypeFieldsOf(literal);
    const defaults = fields.flatMap(field =>
        !given.has(field.name) && field.default ? [[field.name, literalValue(field.default, options)] as const] : []);
    return recordValue([...defaults, ...entries].sort(byDeclaration(fields)));
}

/** The fields of the value type an object literal fills, from the field it is the value of. */
function valueTypeFieldsOf(literal: ObjectLiteral | undefined): readonly Field[] {
    const owner = literal?.$container;
    const field = owner && 'field' in owner ? (owner.field as { ref?: Field | ReadModelKey | StreamId }).ref : undefined;
    const target = field?.type?.dataType?.ref;
    return isValueType(target) ? target.fields : [];
}

/** Orders record entries as their fields are declared (unknown names last), for stable messages. */
function byDeclaration(fields: readonly Field[]): (a: readonly [string, Value], b: readonly [string, Value]) => number {
    const order = new Map(fields.map((field, index) => [field.name, index]));
    return ([a], [b]) => (order.get(a) ?? fields.length) - (order.get(b) ?? fields.length);
}
