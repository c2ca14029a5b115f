/**
 * An expression of the rules form (`ExprForm`) as TypeScript text that computes what the
 * interpreter computes (`src/semantics/evaluate.ts`), for the generated bodies: decide, evolve,
 * projections, policies and upcasters all print their expressions here.
 *
 * Numbers: a `decimal` is its exact text (`Decimal`) and goes through the generated `decimal`
 * helper (`decimal.add`, `decimal.compare`, …), never a float; `int` and `float` are `number`
 * (an `int` or `float` mixed into decimal arithmetic becomes decimal text first, `numberAsDecimal`). Equality of
 * decimals is by value (`'1.0'` equals `'1'`), of lists and records structural.
 * Text: `+` with a string on one side joins the texts, as the interpreter does.
 */
import type { BinaryOperator, ExprForm, ModelForm, QualifiedName, TypeForm } from '../../semantics/form.js';
import { decimalToString } from '../../semantics/decimal.js';
import type { Value } from '../../semantics/values.js';
import { access } from '../element-files.js';
import { propertyName } from '../type-mapping.js';

/** How the records an expression reads are spelled where it is printed. */
export interface ExpressionNames {
    command?: string;
    state?: string;
    event?: string;
    document?: string;
    /** The stream id, as a variable of the generated function. */
    streamId?: string;
    /** The document of a read model a policy reads. */
    readModel?: (name: QualifiedName) => string;
    /** `now` and `newId` from the decision context. */
    now?: string;
    newId?: string;
    /** The model's value types, so that a `{ … }` value's fields print as their declared types. */
    valueTypes?: ModelForm['valueTypes'];
}

/** Thrown when an expression cannot be printed where it stands (a read the site does not offer): the body stays hand-written. */
export class UnprintableExpression extends Error {}

export function printExpression(expr: ExprForm, names: ExpressionNames): string {
    const print = (inner: ExprForm) => printExpression(inner, names);
    switch (expr.kind) {
        case 'literal': return printValue(expr.value, expr.type);
        case 'field': {
            const record = names[expr.from];
            if (!record) throw new UnprintableExpression(`no ${expr.from} here`);
            return access(expr.from === 'command' || expr.from === 'event' ? `${record}.data` : record, expr.name);
        }
        case 'streamId':
            if (!names.streamId) throw new UnprintableExpression('no stream id here');
            return names.streamId;
        case 'readField':
            if (!names.readModel) throw new UnprintableExpression('no read model here');
            return `${names.readModel(expr.readModel)}?.${propertyName(expr.name)}`;
        case 'member': {
            const object = print(expr.object);
            return expr.object.type.kind === 'optional' ? `${object}?.${propertyName(expr.name)}` : access(object, expr.name);
        }
        case 'now':
            if (!names.now) throw new UnprintableExpression('no clock here');
            return names.now;
        case 'newId':
            if (!names.newId) throw new UnprintableExpression('no ids here');
            return `${names.newId}()`;
        case 'binary': return printBinary(expr.op, expr.left, expr.right, expr.type, names);
        case 'not': return `!(${print(expr.operand)})`;
        case 'in': return `${print(expr.list)}.some(item => ${equality('item', print(expr.value), itemType(expr.list.type))})`;
        case 'contains': return `${print(expr.list)}.some(item => ${equality('item', print(expr.value), itemType(expr.list.type))})`;
        case 'count': return `${print(expr.list)}.length`;
        case 'list': return `[${expr.items.map(print).join(', ')}]`;
        case 'record': {
            const declared = expr.type.kind === 'value' ? names.valueTypes?.get(expr.type.valueType)?.fields : undefined;
            const value = (field: { name: string; value: ExprForm }) => {
                const type = declared?.find(candidate => candidate.name === field.name)?.type;
                return type ? printAs(field.value, names, type) : print(field.value);
            };
            return `{ ${expr.fields.map(field => `${propertyName(field.name)}: ${value(field)}`).join(', ')} }`;
        }
        default: return printOther(expr, names);
    }
}

/**
 * An expression printed as a value of `target`'s type: a number written or computed as an `int`
 * where a `decimal` is expected becomes decimal text (a literal `0` is `'0'`), since the generated
 * `Decimal` is text and the interpreter's numbers have no separate integer kind.
 */
export function printAs(expr: ExprForm, names: ExpressionNames, target: TypeForm): string {
    if (expr.kind === 'literal') return printValue(expr.value, isDecimal(target) || expr.type.kind === 'unknown' ? target : expr.type);
    const printed = printExpression(expr, names);
    return isDecimal(target) && isNumeric(expr.type) && !isDecimal(expr.type) ? numberAsDecimal(printed, expr.type) : printed;
}

/**
 * A generated `number` (an `int` or a `float`) as decimal text, for decimal arithmetic. A float goes
 * through its shortest text (`0.2` is `'0.2'`), the digits the interpreter reads it as: `decimal.of`
 * takes only exact integers, and threw on every float with a fraction (`requires ratio < 0.5`).
 */
export function numberAsDecimal(text: string, type: TypeForm): string {
    return isFloat(type) ? `decimal.of(String(${text}))` : `decimal.of(${text})`;
}

function isFloat(type: TypeForm): boolean {
    const inner = bare(type);
    return inner.kind === 'primitive' && inner.name === 'float';
}

function isNumeric(type: TypeForm): boolean {
    const inner = bare(type);
    return inner.kind === 'primitive' && ['int', 'float', 'decimal'].includes(inner.name);
}

/** Constructs added to the form after this printer (unary minus). */
function printOther(expr: ExprForm, names: ExpressionNames): string {
    const other = expr as unknown as { kind: string; operand?: ExprForm };
    if (other.kind === 'negate' && other.operand) {
        const operand = printExpression(other.operand, names);
        return isDecimal(other.operand.type) ? `decimal.negate(${operand})` : `-(${operand})`;
    }
    throw new UnprintableExpression(`cannot print a ${other.kind} expression`);
}

function printBinary(op: BinaryOperator, left: ExprForm, right: ExprForm, type: TypeForm, names: ExpressionNames): string {
    const a = printExpression(left, names);
    const b = printExpression(right, names);
    switch (op) {
        case 'and': return `(${a} && ${b})`;
        case 'or': return `(${a} || ${b})`;
        case '??': return `(${a} ?? ${printAs(right, names, type)})`; // the value it stands in for: `0` for a decimal is '0'
        case '==': return equality(a, b, left.type, right.type);
        case '!=': return `!${wrap(equality(a, b, left.type, right.type))}`;
        case '<': case '<=': case '>': case '>=':
            if (isDecimal(left.type) || isDecimal(right.type)) return `(decimal.compare(${asDecimal(a, left.type)}, ${asDecimal(b, right.type)}) ${op} 0)`;
            return `(${a} ${op} ${b})`;
        case '+':
            if (isText(left.type) || isText(right.type)) return `(${text(a, left.type)} + ${text(b, right.type)})`;
            return arithmetic('add', '+', a, b, left, right, type);
        case '-': return arithmetic('subtract', '-', a, b, left, right, type);
        case '*': return arithmetic('multiply', '*', a, b, left, right, type);
    }
}

function arithmetic(helper: string, operator: string, a: string, b: string, left: ExprForm, right: ExprForm, type: TypeForm): string {
    if (isDecimal(type) || isDecimal(left.type) || isDecimal(right.type)) return `decimal.${helper}(${asDecimal(a, left.type)}, ${asDecimal(b, right.type)})`;
    return `(${a} ${operator} ${b})`;
}

/** Equality as the interpreter's `valuesEqual`: decimals by value, lists and records by structure. */
function equality(a: string, b: string, leftType: TypeForm, rightType: TypeForm = leftType): string {
    if (isDecimal(leftType) || isDecimal(rightType)) return `decimal.equals(${asDecimal(a, leftType)}, ${asDecimal(b, rightType)})`;
    const kind = bare(leftType).kind;
    if (kind === 'list' || kind === 'value') return `(JSON.stringify(${a}) === JSON.stringify(${b}))`;
    return `(${a} === ${b})`;
}

function wrap(text: string): string {
    return text.startsWith('(') ? text : `(${text})`;
}

function asDecimal(text: string, type: TypeForm): string {
    return isDecimal(type) ? text : numberAsDecimal(text, type);
}

/** A value joined into text: decimals are their text already, other numbers print as JavaScript does. */
function text(value: string, _type: TypeForm): string {
    return value;
}

function bare(type: TypeForm): TypeForm {
    return type.kind === 'optional' ? bare(type.value) : type;
}

function itemType(list: TypeForm): TypeForm {
    const type = bare(list);
    return type.kind === 'list' ? type.item : { kind: 'unknown' };
}

function isDecimal(type: TypeForm): boolean {
    const inner = bare(type);
    return inner.kind === 'primitive' && inner.name === 'decimal';
}

function isText(type: TypeForm): boolean {
    const inner = bare(type);
    return inner.kind === 'primitive' && ['string', 'uuid', 'timestamp', 'date'].includes(inner.name);
}

/** A value of the form as a TypeScript literal of the generated type. */
export function printValue(value: Value, type: TypeForm): string {
    switch (value.kind) {
        case 'string': return singleQuoted(value.value);
        case 'number': return isDecimal(type) || bare(type).kind === 'unknown' ? `'${decimalToString(value.value)}'` : decimalToString(value.value);
        case 'boolean': return String(value.value);
        case 'enum': return `'${value.member}'`;
        case 'absent': return 'undefined';
        case 'list': return `[${value.items.map(item => printValue(item, itemType(type))).join(', ')}]`;
        case 'record': return `{ ${[...value.fields].filter(([, field]) => field.kind !== 'absent').map(([name, field]) => `${propertyName(name)}: ${printValue(field, { kind: 'unknown' })}`).join(', ')} }`;
    }
}

/** A string literal in the generated code's quote style. */
export function singleQuoted(text: string): string {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}
