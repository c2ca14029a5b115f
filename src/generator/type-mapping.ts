/**
 * How model types become TypeScript types. Every built-in has a deliberate mapping (DESIGN §5):
 * `decimal` is the `Decimal` string alias (exact decimal text, never a binary float), `timestamp`
 * and `date` are ISO-8601 string aliases (events are stored as JSON, which has no date type),
 * `uuid` is a string alias, `int`/`float` are `number`. Lists are readonly arrays.
 */
import type { ImportDeclarationStructure } from 'ts-morph';
import { StructureKind } from './structure-kinds.js';
import type { Field, PrimitiveType, TypeReference } from '../language/generated/ast.js';
import { SHARED_MODULE, SHARED_TYPE_NAMES } from './runtime/runtime-source.js';

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

/**
 * Type names a generated file uses, so it imports exactly those: the shared ones (`Decimal`,
 * `Rejection`, …) from `<out>/eventloom.ts`, the context's enums and value types from its `types.ts`.
 */
export class TypeImports {
    private readonly names = new Set<string>();

    use(name: string): string {
        this.names.add(name);
        return name;
    }

    /** The context's own names (from `./types.js`). */
    sorted(): string[] {
        return [...this.names].filter(name => !SHARED_TYPE_NAMES.has(name)).sort();
    }

    shared(): string[] {
        return [...this.names].filter(name => SHARED_TYPE_NAMES.has(name)).sort();
    }

    /**
     * The type-only imports, plus the value imports given (all from the shared module): from a
     * file in a context folder (`fromRoot` false) or at the output root.
     */
    declarations(values: readonly string[] = [], fromRoot = false): ImportDeclarationStructure[] {
        const shared = `${fromRoot ? './' : '../'}${SHARED_MODULE}.js`;
        const result: ImportDeclarationStructure[] = [];
        if (this.shared().length > 0) result.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: shared, namedImports: this.shared() });
        if (values.length > 0) result.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: shared, namedImports: [...values].sort() });
        if (this.sorted().length > 0) result.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js', namedImports: this.sorted() });
        return result;
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
