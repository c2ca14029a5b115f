/**
 * DESIGN's fill rule, which completes a mapping: a field the mapping does not name takes the
 * first of the candidates that has a same-named field (for `emits` and `else`: the command's
 * fields, the state's, the stream id; for a policy's `issues`: the triggering event's fields, the
 * triggering stream's id), else its declared default, else nothing when it is optional; a required
 * field left without a value is `unfilled`.
 */
import type { Field, Mapping } from '../../language/generated/ast.js';
import type { ExprForm, FilledField } from '../form.js';
import { literalValue } from './build-types.js';
import { expressionForm } from './build-expressions.js';

/** A source of same-named values: its fields and how to read one. */
export interface FillCandidate {
    readonly origin: FilledField['origin'];
    readonly names: ReadonlySet<string>;
    readonly read: (name: string) => ExprForm;
}

export interface Fills {
    readonly fields: FilledField[];
    readonly unfilled: string[];
}

export function fillFields(fields: readonly Field[], mapping: Mapping | undefined, candidates: readonly FillCandidate[]): Fills {
    const mapped = mappedValues(mapping);
    const filled: FilledField[] = [];
    const unfilled: string[] = [];
    for (const field of fields) {
        const value = fillOne(field.name, mapped, candidates);
        if (value) filled.push(value);
        else if (field.default) filled.push({ name: field.name, value: { kind: 'literal', value: literalValue(field.default, { withDefaults: true }), type: { kind: 'unknown' } }, origin: 'default' });
        else if (!field.optional) unfilled.push(field.name);
    }
    return { fields: filled, unfilled };
}

/** The value of one name (a field or a stream id), mapped or filled, if any. */
export function fillOne(name: string, mapped: ReadonlyMap<string, ExprForm>, candidates: readonly FillCandidate[]): FilledField | undefined {
    const value = mapped.get(name);
    if (value) return { name, value, origin: 'mapped' };
    const candidate = candidates.find(option => option.names.has(name));
    return candidate ? { name, value: candidate.read(name), origin: candidate.origin } : undefined;
}

export function mappedValues(mapping: Mapping | undefined): Map<string, ExprForm> {
    return new Map((mapping?.entries ?? []).map(entry => [entry.field?.ref?.name ?? entry.field?.$refText, expressionForm(entry.value)] as const));
}
