/**
 * How model types become TypeScript types. Every built-in has a deliberate mapping (DESIGN §5):
 * `decimal` is the `Decimal` string alias (exact decimal text, never a binary float), `timestamp`
 * and `date` are ISO-8601 string aliases (events are stored as JSON, which has no date type),
 * `uuid` is a string alias, `int`/`float` are `number`. Lists are readonly arrays.
 */
import type { Field, PrimitiveType, TypeReference } from '../language/generated/ast.js';

export const PRIMITIVE_TYPES: Readonly<Record<PrimitiveType, string>> = {
    string: 'string',
    int: 'number',
    float: 'number',
    decimal: 'Decimal',
    boolean: 'boolean',
    timestamp: 'Timestamp',
    date: 'IsoDate',
    uuid: 'Uuid'
};

/** Names from the context's `types.ts` that a generated file uses, so it imports exactly those. */
export class TypeImports {
    private readonly names = new Set<string>();

    use(name: string): string {
        this.names.add(name);
        return name;
    }

    sorted(): string[] {
        return [...this.names].sort();
    }
}

export function typeOf(type: TypeReference, imports: TypeImports): string {
    const base = type.primitive
        ? PRIMITIVE_TYPES[type.primitive as PrimitiveType]
        : type.dataType?.ref?.name ?? type.dataType?.$refText ?? 'unknown';
    if (base !== 'string' && base !== 'number' && base !== 'boolean' && base !== 'unknown') imports.use(base);
    return type.list ? `readonly ${base}[]` : base;
}

/** The members of an object type for these fields: `readonly name?: Type` each. */
export function objectTypeOf(fields: readonly Field[], imports: TypeImports, optionalWhenNoDefault = false): string {
    if (fields.length === 0) return 'Readonly<Record<string, never>>';
    const members = fields.map(field => {
        const optional = field.optional || (optionalWhenNoDefault && field.default === undefined);
        return `readonly ${propertyName(field.name)}${optional ? '?' : ''}: ${typeOf(field.type, imports)}`;
    });
    return `{ ${members.join('; ')} }`;
}

/** Field names are identifiers (keywords included, which TypeScript allows as property names). */
export function propertyName(name: string): string {
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
