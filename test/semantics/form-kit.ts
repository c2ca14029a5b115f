/**
 * Builders for hand-built rule forms, so that interpreter tests read like the model text they
 * stand for (`bin('<=', cmd('amount'), bin('+', st('balance'), st('overdraftLimit')))`).
 */
import { decimal } from '../../src/semantics/decimal.js';
import type {
    AggregateForm, AssignmentForm, BinaryOperator, CommandForm, EmitForm, ExprForm, FieldForm, FilledField, PolicyForm,
    PolicyReactionForm, ProjectionHandlerForm, ReadModelForm, RequiresForm, TypeForm
} from '../../src/semantics/form.js';
import {
    booleanValue, enumValue, listValue, numberValue, recordValue, stringValue, type RecordValue, type Value
} from '../../src/semantics/values.js';

export const T = {
    decimal: { kind: 'primitive', name: 'decimal' } as TypeForm,
    int: { kind: 'primitive', name: 'int' } as TypeForm,
    string: { kind: 'primitive', name: 'string' } as TypeForm,
    uuid: { kind: 'primitive', name: 'uuid' } as TypeForm,
    boolean: { kind: 'primitive', name: 'boolean' } as TypeForm,
    unknown: { kind: 'unknown' } as TypeForm
};

export const num = (text: string): Value => numberValue(decimal(text));
export const str = (text: string): Value => stringValue(text);
export const bool = (value: boolean): Value => booleanValue(value);
export const member = (name: string, enumName = 'Test.Status'): Value => enumValue(enumName, name);
export const list = (...items: Value[]): Value => listValue(items);
export const record = (fields: Record<string, Value>): RecordValue => recordValue(Object.entries(fields));

export const lit = (value: Value): ExprForm => ({ kind: 'literal', value, type: T.unknown });
export const n = (text: string): ExprForm => lit(num(text));
export const s = (text: string): ExprForm => lit(str(text));
export const e = (name: string): ExprForm => lit(member(name));
export const cmd = (name: string): ExprForm => ({ kind: 'field', from: 'command', name, type: T.unknown });
export const st = (name: string): ExprForm => ({ kind: 'field', from: 'state', name, type: T.unknown });
export const ev = (name: string): ExprForm => ({ kind: 'field', from: 'event', name, type: T.unknown });
export const doc = (name: string): ExprForm => ({ kind: 'field', from: 'document', name, type: T.unknown });
export const streamId = (name: string): ExprForm => ({ kind: 'streamId', name, type: T.uuid });
export const read = (readModel: string, name: string): ExprForm => ({ kind: 'readField', readModel, name, type: T.unknown });
export const dot = (object: ExprForm, name: string): ExprForm => ({ kind: 'member', object, name, type: T.unknown });
export const bin = (op: BinaryOperator, left: ExprForm, right: ExprForm): ExprForm => ({ kind: 'binary', op, left, right, type: T.unknown });
export const not = (operand: ExprForm): ExprForm => ({ kind: 'not', operand, type: T.boolean });
export const neg = (operand: ExprForm): ExprForm => ({ kind: 'negate', operand, type: T.decimal });
export const inList = (value: ExprForm, ...items: ExprForm[]): ExprForm =>
    ({ kind: 'in', value, list: { kind: 'list', items, type: T.unknown }, type: T.boolean });
export const contains = (listExpr: ExprForm, value: ExprForm): ExprForm => ({ kind: 'contains', list: listExpr, value, type: T.boolean });
export const count = (listExpr: ExprForm): ExprForm => ({ kind: 'count', list: listExpr, type: T.int });
export const listOf = (...items: ExprForm[]): ExprForm => ({ kind: 'list', items, type: T.unknown });
export const now: ExprForm = { kind: 'now', type: { kind: 'primitive', name: 'timestamp' } };
export const newId: ExprForm = { kind: 'newId', type: T.uuid };

export const field = (name: string, type: TypeForm, options: { optional?: boolean; default?: Value } = {}): FieldForm =>
    ({ name, type, optional: options.optional ?? false, default: options.default });

export const mapped = (name: string, value: ExprForm, origin: FilledField['origin'] = 'mapped'): FilledField => ({ name, value, origin });

export const set = (fieldName: string, value: ExprForm): AssignmentForm => ({ kind: 'set', field: fieldName, value });
export const plus = (fieldName: string, value: ExprForm): AssignmentForm => ({ kind: 'add', field: fieldName, value });
export const minus = (fieldName: string, value: ExprForm): AssignmentForm => ({ kind: 'remove', field: fieldName, value });
export const del: AssignmentForm = { kind: 'delete' };

export function requires(condition: ExprForm, error: string, errorFields: FilledField[] = []): RequiresForm {
    return { condition, error, errorFields, unfilled: [] };
}

export function emits(event: string, fields: FilledField[] = []): EmitForm {
    return { event, fields, unfilled: [] };
}

export function command(name: string, parts: { fields?: FieldForm[]; requires?: RequiresForm[]; emits?: EmitForm[]; rejects?: string[]; handWrittenBecause?: string[] }): CommandForm {
    const handWrittenBecause = parts.handWrittenBecause ?? [];
    return {
        name, aggregate: 'Test.Account', fields: parts.fields ?? [], requires: parts.requires ?? [], emits: parts.emits ?? [],
        rejects: parts.rejects ?? [], statesBehaviour: true, modelled: handWrittenBecause.length === 0, handWrittenBecause
    };
}

export function aggregate(parts: { state: FieldForm[]; commands?: CommandForm[]; evolve?: { events: string[]; assignments: AssignmentForm[] }[] }): AggregateForm {
    return {
        name: 'Test.Account', streamId: field('accountId', T.uuid), state: parts.state, commands: parts.commands ?? [],
        events: [], errors: [], evolve: parts.evolve ?? [], evolveModelled: true, evolveHandWrittenBecause: [], upcasts: []
    };
}

export function readModel(name: string, parts: { keys: string[]; fields: FieldForm[]; handlers: ProjectionHandlerForm[] }): ReadModelForm {
    return {
        name, keys: parts.keys.map(key => field(key, T.uuid)), fields: parts.fields, handlers: parts.handlers,
        modelled: true, handWrittenBecause: []
    };
}

/** A projection block handling events that supply the key from the stream id (or the named event fields). */
export function on(events: string[], assignments: AssignmentForm[], keys: Record<string, 'eventField' | 'streamId'> = { accountId: 'streamId' }): ProjectionHandlerForm {
    return {
        events: events.map(event => ({ event, keys: Object.entries(keys).map(([key, from]) => ({ key, from })) })),
        assignments
    };
}

export function policy(name: string, reactions: Omit<PolicyReactionForm, 'unfilled' | 'reads'> & Partial<Pick<PolicyReactionForm, 'reads'>>): PolicyForm {
    return {
        name, triggers: [reactions.trigger], reactions: [{ reads: [], unfilled: [], ...reactions }],
        modelled: true, handWrittenBecause: []
    };
}
