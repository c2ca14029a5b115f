/**
 * The interpreter's values: a small tagged union, one kind per shape a model's data can take.
 *
 * - `string` carries `string`, `uuid`, `timestamp` and `date` fields alike (timestamps and dates
 *   are ISO-8601 text, as the generated code stores them; comparing two of them compares the text,
 *   which orders ISO-8601 values of one format correctly).
 * - `number` carries every numeric type as an exact `Decimal` (see `decimal.ts`).
 * - `enum` is a member of a named enum.
 * - `list` and `record` (a value type's object, a command's, event's, error's data, an aggregate's
 *   state, a read-model document) nest.
 * - `absent` is the value of an optional that has none; a record's field that is not in its map is
 *   absent too, so `{ a: absent }` and `{}` are the same record.
 */
import { decimalToString, equals as decimalEquals, type Decimal } from './decimal.js';

export type Value =
    | StringValue | NumberValue | BooleanValue | EnumValue | ListValue | RecordValue | AbsentValue;

export interface StringValue { readonly kind: 'string'; readonly value: string }
export interface NumberValue { readonly kind: 'number'; readonly value: Decimal }
export interface BooleanValue { readonly kind: 'boolean'; readonly value: boolean }
export interface EnumValue { readonly kind: 'enum'; readonly enumName: string; readonly member: string }
export interface ListValue { readonly kind: 'list'; readonly items: readonly Value[] }
export interface RecordValue { readonly kind: 'record'; readonly fields: ReadonlyMap<string, Value> }
export interface AbsentValue { readonly kind: 'absent' }

export const ABSENT: AbsentValue = { kind: 'absent' };
export const EMPTY_RECORD: RecordValue = { kind: 'record', fields: new Map() };

export function stringValue(value: string): StringValue {
    return { kind: 'string', value };
}
export function numberValue(value: Decimal): NumberValue {
    return { kind: 'number', value };
}
export function booleanValue(value: boolean): BooleanValue {
    return { kind: 'boolean', value };
}
export function enumValue(enumName: string, member: string): EnumValue {
    return { kind: 'enum', enumName, member };
}
export function listValue(items: readonly Value[]): ListValue {
    return { kind: 'list', items };
}
/** A record of the given fields; absent ones are left out, so equal records have equal maps. */
export function recordValue(fields: Iterable<readonly [string, Value]>): RecordValue {
    const map = new Map<string, Value>();
    // Each pair read by index, not destructured: every record of a run is made here, mostly while the engine
    // still interprets this code, and destructuring a pair goes through the iterator protocol there.
    for (const field of fields) if (field[1].kind !== 'absent') map.set(field[0], field[1]);
    return { kind: 'record', fields: map };
}

export function fieldOf(record: RecordValue, name: string): Value {
    return record.fields.get(name) ?? ABSENT;
}

/**
 * Structural equality: numbers by value (`1.0` equals `1`), enum members by enum and member,
 * lists item by item, records field by field (an absent field equals a missing one).
 */
export function valuesEqual(a: Value, b: Value): boolean {
    switch (a.kind) {
        case 'absent': return b.kind === 'absent';
        case 'string': return b.kind === 'string' && a.value === b.value;
        case 'boolean': return b.kind === 'boolean' && a.value === b.value;
        case 'number': return b.kind === 'number' && decimalEquals(a.value, b.value);
        case 'enum': return b.kind === 'enum' && a.enumName === b.enumName && a.member === b.member;
        case 'list':
            return b.kind === 'list' && a.items.length === b.items.length
                && a.items.every((item, index) => valuesEqual(item, b.items[index]));
        case 'record': {
            if (b.kind !== 'record' || a.fields.size !== b.fields.size) return false;
            for (const field of a.fields) if (!valuesEqual(field[1], fieldOf(b, field[0]))) return false;
            return true;
        }
    }
}

/**
 * Whether `actual` has every field `expected` names, with an equal value; nested records match as
 * subsets too (a scenario's `then` lists only what it cares about), lists and scalars exactly.
 */
export function matchesSubset(expected: RecordValue, actual: RecordValue): boolean {
    // A loop over the map, not a copy of its entries: every scenario's `then` and `expect` is matched here.
    for (const field of expected.fields) {
        const value = field[1];
        const other = fieldOf(actual, field[0]);
        const matches = value.kind === 'record' && other.kind === 'record' ? matchesSubset(value, other) : valuesEqual(value, other);
        if (!matches) return false;
    }
    return true;
}

/** A value as a model's author would write it: `"Ann"`, `99.90`, `EUR`, `[1, 2]`, `{ a: 1 }`. */
export function formatValue(value: Value): string {
    switch (value.kind) {
        case 'absent': return 'nothing';
        case 'string': return JSON.stringify(value.value);
        case 'boolean': return String(value.value);
        case 'number': return decimalToString(value.value);
        case 'enum': return value.member;
        case 'list': return `[${value.items.map(formatValue).join(', ')}]`;
        case 'record': {
            if (value.fields.size === 0) return '{}';
            return `{ ${[...value.fields].map(([name, field]) => `${name}: ${formatValue(field)}`).join(', ')} }`;
        }
    }
}

/** The text `+` joins for a scalar: a string as it is, a number's decimal text, an enum member. */
export function joinableText(value: Value): string | undefined {
    switch (value.kind) {
        case 'string': return value.value;
        case 'number': return decimalToString(value.value);
        case 'enum': return value.member;
        case 'boolean': return String(value.value);
        default: return undefined;
    }
}
