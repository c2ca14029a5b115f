/** A record's starting value from its field declarations: each default, the rest absent. */
import type { FieldForm } from './form.js';
import { recordValue, type RecordValue, type Value } from './values.js';

export function recordFromDefaults(fields: readonly FieldForm[], extra: Iterable<readonly [string, Value]> = []): RecordValue {
    // Plain loops: every run starts a state and documents from here.
    const entries: Array<readonly [string, Value]> = [];
    for (const field of fields) if (field.default) entries.push([field.name, field.default]);
    for (const entry of extra) entries.push(entry);
    return recordValue(entries);
}
