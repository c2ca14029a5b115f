/**
 * The bodies the model determines (DESIGN §2b), printed from the rules form: a modelled command's
 * decide, the evolve of an event of an aggregate with `on` blocks, a modelled read model's
 * projection handler. The interpreter (`src/semantics/decide.ts`, `evolve.ts`, `project.ts`,
 * `assignments.ts`) is the reference, and the order of evaluation is its: `requires` in order, the
 * first that fails rejects; then each `emits`, its fields in order (which decides who gets which
 * `newId`); an `on` block's assignments in order, each seeing the record as the previous left it.
 */
import type { AssignmentForm, CommandForm, FieldForm, FilledField, ModelForm, PolicyForm, QualifiedName, TypeForm } from '../../semantics/form.js';
import { propertyName } from '../type-mapping.js';
import { printAs, printExpression, type ExpressionNames } from './print-expression.js';

const local = (name: string) => name.slice(name.indexOf('.') + 1);

/**
 * `{ a: …, b: … }` from filled fields, in their order, each printed as its declared field's type
 * (an `int` expression filling a `decimal` field becomes decimal text, as the interpreter's value is).
 */
export function data(fields: readonly FilledField[], declared: readonly FieldForm[], names: ExpressionNames): string {
    const value = (field: FilledField) => {
        const type = declared.find(candidate => candidate.name === field.name)?.type;
        return type ? printAs(field.value, names, type) : printExpression(field.value, names);
    };
    return fields.length === 0 ? '{}' : `{ ${fields.map(field => `${propertyName(field.name)}: ${value(field)}`).join(', ')} }`;
}

export function decideBody(command: CommandForm, model: ModelForm): string {
    const names: ExpressionNames = {
        command: 'command', state: 'state', streamId: 'streamIdOfDecision(context)', now: 'context.now', newId: 'context.newId', valueTypes: model.valueTypes
    };
    const fieldsOf = (name: string) => model.events.get(name)?.fields ?? model.errors.get(name)?.fields ?? [];
    const lines: string[] = [];
    for (const guard of command.requires) {
        lines.push(`if (!${wrap(printExpression(guard.condition, names))}) return { kind: 'Rejection', type: '${local(guard.error)}', data: ${data(guard.errorFields, fieldsOf(guard.error), names)} };`);
    }
    const events = command.emits.map(emit => `{ type: '${local(emit.event)}', data: ${data(emit.fields, fieldsOf(emit.event), names)} }`);
    lines.push(events.length === 0 ? 'return [];' : `return [${events.join(', ')}];`);
    return lines.join('\n');
}

/**
 * Assignments applied to `next` (the state or document as the previous ones left it); `delete`
 * returns null. `recordName` is what the block's expressions call the record.
 */
export function assignmentsBody(assignments: readonly AssignmentForm[], fields: readonly FieldForm[], names: ExpressionNames, initial: string): string {
    if (assignments[0]?.kind === 'delete') return 'return null;';
    const lines = [`let next = ${initial};`];
    for (const assignment of assignments) {
        if (assignment.kind === 'delete') {
            lines.push('return null;');
            return lines.join('\n');
        }
        const field = fields.find(candidate => candidate.name === assignment.field);
        const current = `next.${propertyName(assignment.field)}`;
        const type = field?.type ?? { kind: 'unknown' };
        const value = assignment.kind === 'set' && field ? printAs(assignment.value, names, field.type) : printExpression(assignment.value, names);
        const before = field && (field.optional || field.default === undefined) ? `${current}!` : current;
        const after = assignment.kind === 'set' ? value
            : assignment.kind === 'add' ? added(before, value, type, assignment.value.type)
            : removed(before, value, type, assignment.value.type);
        lines.push(`next = { ...next, ${propertyName(assignment.field)}: ${after} };`);
    }
    lines.push('return next;');
    return lines.join('\n');
}

function added(before: string, value: string, type: TypeForm, valueType: TypeForm): string {
    if (isDecimal(type)) return `decimal.add(${before}, ${isDecimal(valueType) ? value : `decimal.of(${value})`})`;
    if (type.kind === 'list') return bare(valueType).kind === 'list' ? `[...${before}, ...${value}]` : `[...${before}, ${value}]`;
    return `(${before} + ${value})`;
}

function removed(before: string, value: string, type: TypeForm, valueType: TypeForm): string {
    if (isDecimal(type)) return `decimal.subtract(${before}, ${isDecimal(valueType) ? value : `decimal.of(${value})`})`;
    if (type.kind === 'list') {
        const dropped = bare(valueType).kind === 'list' ? value : `[${value}]`;
        const item = type.item;
        const equal = isDecimal(item) ? 'decimal.equals(item, drop)' : item.kind === 'value' || item.kind === 'list' ? 'JSON.stringify(item) === JSON.stringify(drop)' : 'item === drop';
        return `${before}.filter(item => !${dropped}.some(drop => ${equal}))`;
    }
    return `(${before} - ${value})`;
}

function wrap(text: string): string {
    return text.startsWith('(') ? text : `(${text})`;
}

function bare(type: TypeForm): TypeForm {
    return type.kind === 'optional' ? bare(type.value) : type;
}

function isDecimal(type: TypeForm): boolean {
    const inner = bare(type);
    return inner.kind === 'primitive' && inner.name === 'decimal';
}

/** How a policy's body spells what it reads: the triggering event, its stream id, each read model's document, fresh ids. */
export interface PolicyNames {
    readonly event: string;
    readonly streamId: string;
    readonly readModel: (name: QualifiedName) => string;
    /** The function `newId` calls (a command that starts a new aggregate). */
    readonly newId: string;
}

/**
 * A modelled policy's handler body: each reaction in order (as the interpreter's `react`), for its
 * trigger, when its `if` holds, adds its command with the data the form fills and the stream it
 * goes to (`streamId`: the target aggregate's id, mapped or filled, as the interpreter routes it;
 * an id that is a field of the command is in its data, and the app takes it from there).
 * `prelude`: the statements that bind the documents the policy reads; `issued`: the type of the
 * commands (with their `streamId`).
 */
export function reactionsBody(policy: PolicyForm, model: ModelForm, names: PolicyNames, prelude: readonly string[], issued: string): string {
    const expressionNames: ExpressionNames = { event: names.event, streamId: names.streamId, readModel: names.readModel, newId: names.newId, valueTypes: model.valueTypes };
    const lines = [...prelude, `const commands: Array<${issued}> = [];`];
    for (const reaction of policy.reactions) {
        const fields = model.commands.get(reaction.command)?.fields ?? [];
        const target = reaction.targetStreamId;
        const route = target && !reaction.fields.some(field => field.name === target.name) ? `, streamId: ${streamIdText(target, expressionNames)}` : '';
        const command = `{ type: '${local(reaction.command)}', data: ${data(reaction.fields, fields, expressionNames)}${route} }`;
        const condition = reaction.condition ? ` && ${wrap(printExpression(reaction.condition, expressionNames))}` : '';
        lines.push(`if (${names.event}.type === '${local(reaction.trigger)}'${condition}) commands.push(${command});`);
    }
    lines.push('return commands;');
    return lines.join('\n');
}

/** A stream id as text, as the interpreter's `streamIdText`: what the generated code holds as text as it is, an `int` as its digits. */
function streamIdText(target: FilledField, names: ExpressionNames): string {
    const printed = printExpression(target.value, names);
    const type = bare(target.value.type);
    if (type.kind === 'enum' || (type.kind === 'primitive' && ['string', 'uuid', 'decimal', 'timestamp', 'date'].includes(type.name))) return printed;
    return target.value.type.kind === 'optional' ? `${printed}?.toString()` : `String(${printed})`;
}
