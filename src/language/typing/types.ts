/**
 * The static types of the model's behaviour expressions (DESIGN §2b): the built-in types, enums,
 * value types, lists and optionals, plus two kinds of name that are not values (an enum's name
 * before `.Member`, a read model a policy reads before `.field`) and `unknown` where the checker
 * cannot tell (an unresolved name, the items of `[]`) — `unknown` is compatible with everything,
 * so that one error does not cascade into more.
 */
import type { Enum, ReadModel, TypeReference, ValueType } from '../generated/ast.js';

export type PrimitiveName = 'string' | 'int' | 'float' | 'decimal' | 'boolean' | 'timestamp' | 'date' | 'uuid';

export type Type =
    /** `literal`: written in the expression (`5`, `"EUR"`), so it may stand for a wider type (see assignable). */
    | { readonly kind: 'primitive'; readonly name: PrimitiveName; readonly literal?: boolean }
    | { readonly kind: 'enum'; readonly enum: Enum }
    | { readonly kind: 'value'; readonly valueType: ValueType }
    | { readonly kind: 'list'; readonly item: Type }
    /** A value that may be absent: an optional field, a state field without a default. */
    | { readonly kind: 'optional'; readonly value: Type }
    /** `Currency` in `Currency.EUR`. */
    | { readonly kind: 'enumName'; readonly enum: Enum }
    /** `R` in `R.field`, a read model a policy `reads`. */
    | { readonly kind: 'document'; readonly readModel: ReadModel }
    | { readonly kind: 'unknown' };

export const UNKNOWN: Type = { kind: 'unknown' };
export const BOOLEAN: Type = { kind: 'primitive', name: 'boolean' };

export function primitive(name: PrimitiveName, literal = false): Type {
    return literal ? { kind: 'primitive', name, literal } : { kind: 'primitive', name };
}

export function optional(type: Type): Type {
    return type.kind === 'optional' || type.kind === 'unknown' ? type : { kind: 'optional', value: type };
}

/** The type without its optionality. */
export function required(type: Type): Type {
    return type.kind === 'optional' ? type.value : type;
}

export function isOptional(type: Type): boolean {
    return type.kind === 'optional';
}

const NUMBERS: ReadonlySet<string> = new Set(['int', 'float', 'decimal']);
/** Types whose values are written as strings in the model (DESIGN §2: data literals). */
const WRITTEN_AS_STRINGS: ReadonlySet<string> = new Set(['string', 'uuid', 'timestamp', 'date']);

export function isNumber(type: Type): boolean {
    return type.kind === 'primitive' && NUMBERS.has(type.name);
}

export function isPrimitive(type: Type, name: PrimitiveName): boolean {
    return type.kind === 'primitive' && type.name === name;
}

/** The type a declared field's `TypeReference` denotes (an unresolved type name is unknown). */
export function typeOfReference(reference: TypeReference | undefined): Type {
    if (!reference) return UNKNOWN;
    let base: Type = UNKNOWN;
    if (reference.primitive) base = primitive(reference.primitive as PrimitiveName);
    else {
        const target = reference.dataType?.ref;
        if (target?.$type === 'Enum') base = { kind: 'enum', enum: target as Enum };
        else if (target?.$type === 'ValueType') base = { kind: 'value', valueType: target as ValueType };
    }
    return reference.list ? { kind: 'list', item: base } : base;
}

/**
 * Whether a value of type `actual` may stand where `expected` is required: the same type; an
 * `int` for any number, a decimal literal for a `decimal` or `float`; a string literal for the
 * types written as strings (`uuid`, `timestamp`, `date`); `[]` for any list; anything for an
 * optional's value. An optional where a value is required is NOT assignable (it needs `??`).
 */
export function assignable(actual: Type, expected: Type): boolean {
    if (actual.kind === 'unknown' || expected.kind === 'unknown') return true;
    if (expected.kind === 'optional') return assignable(required(actual), expected.value);
    if (actual.kind === 'optional') return false;
    switch (expected.kind) {
        case 'primitive': {
            if (actual.kind !== 'primitive') return false;
            if (actual.name === expected.name) return true;
            if (NUMBERS.has(expected.name) && actual.name === 'int') return true;
            if (actual.name === 'decimal' && actual.literal && (expected.name === 'float' || expected.name === 'decimal')) return true;
            return actual.name === 'string' && actual.literal === true && WRITTEN_AS_STRINGS.has(expected.name);
        }
        case 'enum': return actual.kind === 'enum' && actual.enum === expected.enum;
        case 'value': return actual.kind === 'value' && actual.valueType === expected.valueType;
        case 'list': return actual.kind === 'list' && assignable(actual.item, expected.item);
        default: return false;
    }
}

/**
 * Whether `==`, `!=` or `in` may compare the two: one assignable to the other, optionals included
 * (an absent value is simply unequal to a present one).
 */
export function comparable(a: Type, b: Type): boolean {
    const left = required(a);
    const right = required(b);
    return assignable(left, right) || assignable(right, left) || (isNumber(left) && isNumber(right));
}

/** `< <= > >=`: numbers with numbers, or two values of one of the ordered built-ins. */
export function ordered(a: Type, b: Type): boolean {
    if (a.kind === 'unknown' || b.kind === 'unknown') return true;
    if (isNumber(a) && isNumber(b)) return true;
    return a.kind === 'primitive' && b.kind === 'primitive' && ['timestamp', 'date', 'string'].includes(a.name)
        && (assignable(a, b) || assignable(b, a));
}

/** The result of `+ - *` on two numbers: decimal if either is, else float if either is, else int. */
export function arithmeticResult(a: Type, b: Type): Type {
    const names = [a, b].map(type => (type.kind === 'primitive' ? type.name : ''));
    if (names.includes('decimal')) return primitive('decimal');
    if (names.includes('float')) return primitive('float');
    if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
    return primitive('int');
}

/** How a type is written in the model, for messages: `decimal`, `Money`, `Currency[]`, `string?`. */
export function typeName(type: Type): string {
    switch (type.kind) {
        case 'primitive': return type.name;
        case 'enum': return type.enum.name;
        case 'value': return type.valueType.name;
        case 'list': return `${typeName(type.item)}[]`;
        case 'optional': return `optional ${typeName(type.value)}`;
        case 'enumName': return `enum ${type.enum.name}`;
        case 'document': return `read model ${type.readModel.name}`;
        case 'unknown': return 'unknown';
    }
}
