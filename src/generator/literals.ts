/**
 * Model literals (field defaults) as TypeScript expressions of the mapped type: a `decimal`
 * number becomes its exact decimal text (`'12.50'`), an enum member its string literal.
 */
import {
    isBooleanLiteral, isEnumLiteral, isListLiteral, isNumberLiteral, isObjectLiteral, isStringLiteral,
    type Literal, type TypeReference
} from '../language/generated/ast.js';
import { valueTypeOf } from '../language/model-queries.js';
import { propertyName } from './type-mapping.js';

export function literalToTypeScript(literal: Literal, type: TypeReference | undefined): string {
    if (isStringLiteral(literal)) return quote(literal.value);
    if (isNumberLiteral(literal)) return type?.primitive === 'decimal' ? `'${literal.value}'` : literal.value;
    if (isBooleanLiteral(literal)) return literal.value ? 'true' : 'false';
    if (isEnumLiteral(literal)) return quote(literal.member.$refText);
    const itemType = type ? { ...type, list: false } : undefined;
    if (isListLiteral(literal)) return `[${literal.items.map(item => literalToTypeScript(item, itemType)).join(', ')}]`;
    if (isObjectLiteral(literal)) {
        const entries = literal.entries.map(entry =>
            `${propertyName(entry.field.$refText)}: ${literalToTypeScript(entry.value, entry.field.ref?.type)}`);
        // A value type's fields that the literal leaves out take their own defaults.
        const given = new Set(literal.entries.map(entry => entry.field.$refText));
        for (const field of valueTypeOf(type)?.fields ?? []) {
            if (!given.has(field.name) && field.default) {
                entries.push(`${propertyName(field.name)}: ${literalToTypeScript(field.default, field.type)}`);
            }
        }
        return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
    }
    return 'undefined';
}

/** A single-quoted TypeScript string literal, the quote style of all generated code. */
export function quote(text: string): string {
    return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
