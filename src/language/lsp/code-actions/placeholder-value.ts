/**
 * A value to write where a quick fix adds a field to a mapping: what the server sets for the two
 * kinds of data a client never sends (`now` for a timestamp, `newId` for a uuid, as DESIGN §2b's
 * bank does), otherwise the plainest value of the type (`0`, `""`, `false`, the enum's first
 * member, `[]`, a value type's required fields), which type-checks and is plainly for the user
 * to replace. Undefined where no value can be written (an unresolved type).
 */
import type { Field } from '../../generated/ast.js';
import { typeOfReference, type Type } from '../../typing/types.js';

export function placeholderValue(type: Type, depth = 0): string | undefined {
    switch (type.kind) {
        case 'primitive':
            switch (type.name) {
                case 'timestamp': return 'now';
                case 'uuid': return 'newId';
                case 'string': case 'date': return '""';
                case 'boolean': return 'false';
                default: return '0';
            }
        case 'enum': return type.enum.members[0]?.name;
        case 'list': return '[]';
        case 'optional': return placeholderValue(type.value, depth);
        case 'value': {
            // A value type that contains itself (through lists only, but be safe) stops here.
            if (depth > 4) return undefined;
            const entries = type.valueType.fields.filter(field => !field.optional && !field.default).map(field => entryText(field, depth + 1));
            if (entries.some(entry => entry === undefined)) return undefined;
            return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
        }
        default: return undefined;
    }
}

/** `name: value` for a field, or undefined when its type has no placeholder. */
export function entryText(field: Field, depth = 0): string | undefined {
    const value = placeholderValue(typeOfReference(field.type), depth);
    return value === undefined ? undefined : `${field.name}: ${value}`;
}
