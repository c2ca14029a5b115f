/**
 * Projection of events into a modelled read model's documents (DESIGN §2b). A document is a
 * record of the read model's key and fields; it is identified by its key values, which each
 * handled event supplies from its same-named field, else from its stream's id (`KeySourceForm`).
 * The first event for a key creates the document from the defaults (fields without one absent);
 * `delete` removes it, and a later event creates it afresh.
 */
import { applyAssignments } from './assignments.js';
import type { Message } from './decide.js';
import type { KeySourceForm, ProjectionHandlerForm, ReadModelForm } from './form.js';
import { recordFromDefaults } from './initial-record.js';
import { attempt, stop, type Outcome } from './outcome.js';
import { fieldOf, formatValue, recordValue, stringValue, type RecordValue } from './values.js';

/** One read model's documents, by `documentKey`. */
export type Documents = ReadonlyMap<string, RecordValue>;

export interface Projected {
    readonly documents: Documents;
    /** The `on` blocks that handled the event, each with the document it changed (none: the read model ignores it). */
    readonly appliedBy: readonly AppliedHandler[];
}

export interface AppliedHandler {
    readonly handler: ProjectionHandlerForm;
    /** The `documentKey` of the document the block changed. */
    readonly document: string;
    readonly deleted: boolean;
}

export function project(readModel: ReadModelForm, documents: Documents, event: Message, streamId: string): Outcome<Projected> {
    return attempt(() => {
        const current = new Map(documents);
        const appliedBy: AppliedHandler[] = [];
        for (const handler of readModel.handlers) {
            const handled = handler.events.find(entry => entry.event === event.type);
            if (!handled) continue;
            const keys = keyValues(handled.keys, event, streamId, handler);
            const id = documentKey(readModel, keys);
            const document = current.get(id) ?? freshDocument(readModel, keys);
            const result = applyAssignments(handler.assignments, document,
                record => ({ event: event.data, document: record, streamId }));
            if (result.deleted) current.delete(id);
            else current.set(id, result.record);
            appliedBy.push({ handler, document: id, deleted: result.deleted });
        }
        return { documents: current, appliedBy };
    });
}

/** The key values an event supplies, as a record of the key fields. */
export function keyValues(keys: readonly KeySourceForm[], event: Message, streamId: string, handler?: { source?: ProjectionHandlerForm['source'] }): RecordValue {
    return recordValue(keys.map(key => {
        const value = key.from === 'streamId' ? stringValue(streamId) : fieldOf(event.data, key.key);
        if (value.kind === 'absent') stop(`${event.type} has no value for the key '${key.key}'`, handler?.source);
        return [key.key, value] as const;
    }));
}

/** A document's identity: its key values in the read model's key order. */
export function documentKey(readModel: ReadModelForm, keys: RecordValue): string {
    // One key (the usual read model) is its value's text alone, as the join of one item is.
    if (readModel.keys.length === 1) return formatValue(fieldOf(keys, readModel.keys[0].name));
    return readModel.keys.map(key => formatValue(fieldOf(keys, key.name))).join(' | ');
}

/** A fresh document for a key (what a policy's `reads` sees before any event created one). */
export function freshDocument(readModel: ReadModelForm, keys: RecordValue): RecordValue {
    return recordValue([...keys.fields, ...recordFromDefaults(readModel.fields).fields]);
}
