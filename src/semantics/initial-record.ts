/** A record's starting value from its field declarations: each default, the rest absent. */
import type { FieldForm } from './form.js';
import { recordValue, type RecordValue, type Value } from './values.js';

export function recordFromDefaults(fields: readonly FieldForm[], extra: Iterable<readonly [string, Value]> = []): RecordValue {
    return recordValue([
        ...fields.flatMap(field => field.default ? [[field.name, field.default] as const] : []),
        ...extra
    ]);
}
