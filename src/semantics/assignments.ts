/**
 * The assignments of an `on` block (`AssignmentForm`), applied to an aggregate's state (evolve) or
 * a read model's document (projection) — the same rules for both.
 */
import type { AstNode } from 'langium';
import { add, subtract } from './decimal.js';
import { evaluateOrStop, type Scope } from './evaluate.js';
import type { AssignmentForm } from './form.js';
import { stop } from './outcome.js';
import {
    fieldOf, formatValue, joinableText, listValue, numberValue, stringValue, valuesEqual,
    type RecordValue, type Value
} from './values.js';

export interface AssignmentsResult {
    readonly record: RecordValue;
    /** A `delete` ran (read models): the document is gone. */
    readonly deleted: boolean;
}

/**
 * Applies the assignments in order; each sees the record as the previous ones left it, through
 * `scopeFor` (which puts it where the block's expressions read it: `state` or `document`).
 */
export function applyAssignments(
    assignments: readonly AssignmentForm[], record: RecordValue, scopeFor: (record: RecordValue) => Scope
): AssignmentsResult {
    let current = record;
    // One copy of the record per block, made at its first assignment and changed in place by the
    // next ones: nothing else holds it until it is returned (no expression's value is the record
    // itself), and each assignment still sees it as the ones before left it. A copy per assignment
    // was most of what evolving a state allocated.
    let fields: Map<string, Value> | undefined;
    for (const assignment of assignments) {
        if (assignment.kind === 'delete') return { record: current, deleted: true };
        const value = evaluateOrStop(assignment.value, scopeFor(current));
        const before = fieldOf(current, assignment.field);
        const after = assignment.kind === 'set' ? value
            : assignment.kind === 'add' ? added(before, value, assignment.field, assignment.source)
            : removed(before, value, assignment.field, assignment.source);
        if (!fields) {
            fields = new Map(current.fields);
            current = { kind: 'record', fields };
        }
        if (after.kind === 'absent') fields.delete(assignment.field);
        else fields.set(assignment.field, after);
    }
    return { record: current, deleted: false };
}

function added(before: Value, value: Value, field: string, source: AstNode | undefined): Value {
    requireValue(before, value, field, '+=', source);
    if (before.kind === 'number' && value.kind === 'number') return numberValue(add(before.value, value.value));
    if (before.kind === 'list') return listValue([...before.items, ...(value.kind === 'list' ? value.items : [value])]);
    const [x, y] = [joinableText(before), joinableText(value)];
    if (before.kind === 'string' && y !== undefined) return stringValue(x + y);
    return stop(`cannot add ${formatValue(value)} to '${field}' (${formatValue(before)})`, source);
}

function removed(before: Value, value: Value, field: string, source: AstNode | undefined): Value {
    requireValue(before, value, field, '-=', source);
    if (before.kind === 'number' && value.kind === 'number') return numberValue(subtract(before.value, value.value));
    if (before.kind === 'list') {
        const dropped = value.kind === 'list' ? value.items : [value];
        return listValue(before.items.filter(item => !dropped.some(drop => valuesEqual(item, drop))));
    }
    return stop(`cannot subtract ${formatValue(value)} from '${field}' (${formatValue(before)})`, source);
}

function requireValue(before: Value, value: Value, field: string, op: string, source: AstNode | undefined): void {
    if (before.kind === 'absent') stop(`'${field}' has no value yet for '${op}': give it a default`, source);
    if (value.kind === 'absent') stop(`the value for '${field} ${op}' is absent: give one with \`??\``, source);
}
