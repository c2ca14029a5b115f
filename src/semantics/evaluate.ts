/**
 * Evaluation of expressions (`ExprForm`) against a scope, one case per construct of DESIGN §2b.
 * Operators as `BinaryOperator` in `form.ts` defines them; numbers exactly as `decimal.ts` does.
 */
import { add, compare, decimalFromInteger, multiply, subtract } from './decimal.js';
import type { ExprForm, QualifiedName } from './form.js';
import { attempt, stop, type Outcome } from './outcome.js';
import type { RunContext } from './run-context.js';
import {
    ABSENT, booleanValue, fieldOf, formatValue, joinableText, listValue, numberValue, recordValue, stringValue,
    valuesEqual, type RecordValue, type Value
} from './values.js';

/** The records an expression may read; which are present depends on where it stands (see `ExprForm`). */
export interface Scope {
    readonly command?: RecordValue;
    readonly state?: RecordValue;
    readonly event?: RecordValue;
    readonly document?: RecordValue;
    readonly streamId?: string;
    /** The documents a policy `reads`, by read model. */
    readonly reads?: ReadonlyMap<QualifiedName, RecordValue>;
    /** `now` and `newId`: a decision has both; a policy only `newId` (a command it issues may start a new aggregate). */
    readonly run?: Partial<Pick<RunContext, 'now' | 'newId'>>;
}

export function evaluate(expr: ExprForm, scope: Scope): Outcome<Value> {
    return attempt(() => evaluateOrStop(expr, scope));
}

/** As `evaluate`, unwinding with an `EvaluationStop` on failure: for the other interpreter modules. */
export function evaluateOrStop(expr: ExprForm, scope: Scope): Value {
    switch (expr.kind) {
        case 'literal': return expr.value;
        case 'field': return fieldOf(recordIn(scope, expr.from, expr), expr.name);
        case 'streamId':
            if (scope.streamId === undefined) return stop(`'${expr.name}' (the stream id) is not known here`, expr.source);
            return stringValue(scope.streamId);
        case 'readField': {
            const document = scope.reads?.get(expr.readModel);
            if (!document) return stop(`the policy does not read ${expr.readModel}`, expr.source);
            return fieldOf(document, expr.name);
        }
        case 'member': {
            const object = evaluateOrStop(expr.object, scope);
            if (object.kind === 'absent') return ABSENT;
            if (object.kind !== 'record') return stop(`${formatValue(object)} has no field '${expr.name}'`, expr.source);
            return fieldOf(object, expr.name);
        }
        case 'now':
            if (scope.run?.now === undefined) return stop('`now` is only known when deciding a command', expr.source);
            return stringValue(scope.run.now);
        case 'newId':
            if (!scope.run?.newId) return stop('`newId` is only available when deciding a command or in a policy', expr.source);
            return stringValue(scope.run.newId());
        case 'binary': return evaluateBinary(expr, scope);
        case 'not': return booleanValue(!booleanOf(expr.operand, scope));
        case 'negate': {
            const operand = present(expr.operand, scope);
            if (operand.kind !== 'number') return stop(`'-' needs a number, got ${formatValue(operand)}`, expr.source);
            return numberValue(subtract(decimalFromInteger(0), operand.value));
        }
        case 'in': {
            const value = present(expr.value, scope);
            return booleanValue(listOf(expr.list, scope).some(item => valuesEqual(item, value)));
        }
        case 'contains': {
            const items = listOf(expr.list, scope);
            const value = present(expr.value, scope);
            return booleanValue(items.some(item => valuesEqual(item, value)));
        }
        case 'count': return numberValue(decimalFromInteger(listOf(expr.list, scope).length));
        case 'list': return listValue(expr.items.map(item => evaluateOrStop(item, scope)));
        case 'record': return recordValue(expr.fields.map(field => [field.name, evaluateOrStop(field.value, scope)] as const));
    }
}

function evaluateBinary(expr: Extract<ExprForm, { kind: 'binary' }>, scope: Scope): Value {
    const { op, left, right } = expr;
    switch (op) {
        case 'and': return booleanValue(booleanOf(left, scope) && booleanOf(right, scope));
        case 'or': return booleanValue(booleanOf(left, scope) || booleanOf(right, scope));
        case '??': {
            const value = evaluateOrStop(left, scope);
            return value.kind === 'absent' ? evaluateOrStop(right, scope) : value;
        }
        case '==': return booleanValue(valuesEqual(evaluateOrStop(left, scope), evaluateOrStop(right, scope)));
        case '!=': return booleanValue(!valuesEqual(evaluateOrStop(left, scope), evaluateOrStop(right, scope)));
    }
    const a = present(left, scope);
    const b = present(right, scope);
    if (a.kind === 'number' && b.kind === 'number') {
        switch (op) {
            case '+': return numberValue(add(a.value, b.value));
            case '-': return numberValue(subtract(a.value, b.value));
            case '*': return numberValue(multiply(a.value, b.value));
            case '<': return booleanValue(compare(a.value, b.value) < 0);
            case '<=': return booleanValue(compare(a.value, b.value) <= 0);
            case '>': return booleanValue(compare(a.value, b.value) > 0);
            case '>=': return booleanValue(compare(a.value, b.value) >= 0);
        }
    }
    if (op === '+' && (a.kind === 'string' || b.kind === 'string')) {
        const [x, y] = [joinableText(a), joinableText(b)];
        if (x !== undefined && y !== undefined) return stringValue(x + y);
    }
    if (a.kind === 'string' && b.kind === 'string' && op !== '+' && op !== '-' && op !== '*') {
        const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
        return booleanValue(op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0);
    }
    return stop(`'${op}' cannot combine ${formatValue(a)} and ${formatValue(b)}`, expr.source);
}

function recordIn(scope: Scope, from: 'command' | 'state' | 'event' | 'document', expr: ExprForm): RecordValue {
    const record = scope[from];
    if (!record) return stop(`there is no ${from} here to read '${(expr as { name: string }).name}' from`, expr.source);
    return record;
}

/** The expression's value, which must not be absent (an optional read where a value is required). */
function present(expr: ExprForm, scope: Scope): Value {
    const value = evaluateOrStop(expr, scope);
    if (value.kind === 'absent') return stop('this has no value (an absent optional): give one with `??`', expr.source);
    return value;
}

function booleanOf(expr: ExprForm, scope: Scope): boolean {
    const value = present(expr, scope);
    if (value.kind !== 'boolean') return stop(`expected true or false, got ${formatValue(value)}`, expr.source);
    return value.value;
}

function listOf(expr: ExprForm, scope: Scope): readonly Value[] {
    const value = present(expr, scope);
    if (value.kind !== 'list') return stop(`expected a list, got ${formatValue(value)}`, expr.source);
    return value.items;
}
