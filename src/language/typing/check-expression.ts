/**
 * The type rules of behaviour expressions (DESIGN §2b, §3), as problems returned as values: each
 * on the node to underline (the offending operand or operator) with a message that says what to
 * write instead. Pure: the validators turn problems into diagnostics, the rules form builder may
 * refuse to build from an expression that has any.
 */
import { AstUtils, type AstNode } from 'langium';
import {
    isBinaryExpression, isCountExpression, isInExpression, isListExpression, isMapping, isMemberAccess, isNameExpression,
    isNegationExpression, isNotExpression, isNumberExpression, type Expression
} from '../generated/ast.js';
import { INT_RANGE, isSafeIntegerText } from './int-range.js';
import { expectedTypeOf, typeOf } from './type-of.js';
import {
    assignable, comparable, isNumber, isOptional, isPrimitive, ordered, required, typeName, type Type
} from './types.js';

export type TypeProblemKind =
    /** A condition, or an operand of `and` / `or` / `not`, that is not a boolean. */
    | 'not-boolean'
    /** An operand of `+ - *` or of a unary minus that is not a number (or, for `+`, two strings). */
    | 'not-a-number'
    /** `==`, `!=`, `in`, `< <= > >=` between values that cannot be compared (a string and a number). */
    | 'incomparable'
    /** An optional value where a value is required, without `??`. */
    | 'optional-without-default'
    /** A value of another type than its position (a mapping's field, an assignment's target) requires. */
    | 'type-mismatch'
    /** `contains` or `count(…)` on what is not a list. */
    | 'not-a-list'
    /** A read model's or an enum's name used as a value (`R` instead of `R.field`). */
    | 'not-a-value'
    /** A whole-number literal (an int) beyond ±(2^53 − 1), which the generated code would round. */
    | 'unsafe-integer';

export interface TypeProblem {
    readonly kind: TypeProblemKind;
    readonly node: AstNode;
    /** The property of `node` to underline (`operator`); the whole node when undefined. */
    readonly property?: string;
    readonly message: string;
}

/**
 * Every problem of `expression` and its sub-expressions, including a mismatch with the type its
 * position requires (see expectedTypeOf). Nested mappings' entries are checked too.
 */
export function checkExpression(expression: Expression | undefined): TypeProblem[] {
    if (!expression) return [];
    const problems: TypeProblem[] = [];
    for (const node of [expression, ...AstUtils.streamAst(expression).filter(n => n !== expression)]) {
        if (!isExpressionNode(node)) continue;
        problems.push(...operatorProblems(node));
        const expected = expectedTypeOf(node);
        // Positions inside the checked expression are found from their own node; the top
        // expression's position is checked here too, as is every mapping entry's value.
        if (expected) {
            const problem = positionProblem(node, expected);
            if (problem) problems.push(problem);
        }
    }
    return problems;
}

/** The problem, if any, of a value of `expression` standing where `expected` is required. */
export function positionProblem(expression: Expression, expected: Type): TypeProblem | undefined {
    const actual = typeOf(expression);
    if (isNotAValue(actual)) return notAValue(expression, actual);
    if (assignable(actual, expected)) return undefined;
    if (isOptional(actual) && assignable(required(actual), expected)) {
        return optionalProblem(expression);
    }
    if (isPrimitive(required(expected), 'boolean') && !isOptional(expected)) {
        return { kind: 'not-boolean', node: expression, message: `This is ${article(actual)}, but a condition must be true or false: compare it (\`==\`, \`<\`, \`in [ … ]\`, …).` };
    }
    return {
        kind: 'type-mismatch', node: expression,
        message: `Expected ${article(expected)} here, but this is ${article(actual)}: write a value of type ${typeName(required(expected))}.`
    };
}

function operatorProblems(expression: Expression): TypeProblem[] {
    if (isNumberExpression(expression) && /^\d+$/.test(expression.value) && !isSafeIntegerText(expression.value)) {
        return [{
            kind: 'unsafe-integer', node: expression,
            message: `A whole number here is an int, ${INT_RANGE}; ${expression.value} is beyond that: where a decimal is meant, write it as one (${expression.value}.0).`
        }];
    }
    if (isNotExpression(expression)) return booleanOperand(expression.operand, '`not`');
    if (isNegationExpression(expression)) return numberOperand(expression.operand, 'A minus sign');
    if (isCountExpression(expression)) return listOperand(expression.list, '`count(…)`');
    if (isInExpression(expression)) {
        const value = typeOf(expression.value);
        if (isNotAValue(value)) return [notAValue(expression.value, value)];
        return expression.candidates.flatMap(candidate => {
            const type = typeOf(candidate);
            if (isNotAValue(type)) return [notAValue(candidate, type)];
            return comparable(value, type) ? [] : [{
                kind: 'incomparable' as const, node: candidate,
                message: `${capitalize(article(value))} cannot be one of ${article(type)}: list values of type ${typeName(required(value))}.`
            }];
        });
    }
    if (!isBinaryExpression(expression)) return [];
    const { left, right, operator } = expression;
    switch (operator) {
        case 'and':
        case 'or':
            return [...booleanOperand(left, `\`${operator}\``), ...booleanOperand(right, `\`${operator}\``)];
        case '==':
        case '!=': {
            const values = valuesOnly(left, right);
            if (values.length) return values;
            const [a, b] = [typeOf(left), typeOf(right)];
            return comparable(a, b) ? [] : [incomparable(expression, a, b)];
        }
        case '<': case '<=': case '>': case '>=': {
            const operands = [...requiredOperand(left), ...requiredOperand(right)];
            if (operands.length) return operands;
            const [a, b] = [typeOf(left), typeOf(right)];
            return ordered(a, b) ? [] : [incomparable(expression, a, b)];
        }
        case 'contains': {
            const list = listOperand(left, '`contains`');
            if (list.length) return list;
            const item = required(typeOf(left));
            const value = typeOf(right);
            if (item.kind !== 'list' || isNotAValue(value)) return isNotAValue(value) ? [notAValue(right, value)] : [];
            return comparable(item.item, value) ? [] : [{
                kind: 'incomparable', node: right,
                message: `A list of ${typeName(item.item)} cannot contain ${article(value)}: look for a ${typeName(item.item)}.`
            }];
        }
        case '??': {
            const values = valuesOnly(left, right);
            if (values.length) return values;
            const fallback = typeOf(right);
            const value = required(typeOf(left));
            return comparable(value, fallback) ? [] : [{
                kind: 'type-mismatch', node: right,
                message: `The value after \`??\` stands in for ${article(value)}: write a ${typeName(value)}.`
            }];
        }
        case '+': {
            const [a, b] = [required(typeOf(left)), required(typeOf(right))];
            if (isPrimitive(a, 'string') || isPrimitive(b, 'string')) {
                const operands = [...requiredOperand(left), ...requiredOperand(right)];
                if (operands.length) return operands;
                return [left, right].filter(side => !isPrimitive(required(typeOf(side)), 'string') && typeOf(side).kind !== 'unknown')
                    .map(side => ({
                        kind: 'not-a-number' as const, node: side,
                        message: `\`+\` joins two strings or adds two numbers; this is ${article(typeOf(side))}.`
                    }));
            }
            return [...numberOperand(left, '`+`'), ...numberOperand(right, '`+`')];
        }
        default:
            return [...numberOperand(left, `\`${operator}\``), ...numberOperand(right, `\`${operator}\``)];
    }
}

function booleanOperand(operand: Expression | undefined, what: string): TypeProblem[] {
    if (!operand) return [];
    const type = typeOf(operand);
    if (isNotAValue(type)) return [notAValue(operand, type)];
    if (isOptional(type)) return [optionalProblem(operand)];
    if (type.kind === 'unknown' || isPrimitive(type, 'boolean')) return [];
    return [{ kind: 'not-boolean', node: operand, message: `${what} takes true or false, but this is ${article(type)}: compare it (\`==\`, \`<\`, \`in [ … ]\`, …).` }];
}

function numberOperand(operand: Expression | undefined, what: string): TypeProblem[] {
    if (!operand) return [];
    const type = typeOf(operand);
    if (isNotAValue(type)) return [notAValue(operand, type)];
    if (isOptional(type)) return [optionalProblem(operand)];
    if (type.kind === 'unknown' || isNumber(type)) return [];
    return [{ kind: 'not-a-number', node: operand, message: `${what} takes numbers, but this is ${article(type)}.` }];
}

function listOperand(operand: Expression | undefined, what: string): TypeProblem[] {
    if (!operand) return [];
    const type = typeOf(operand);
    if (isNotAValue(type)) return [notAValue(operand, type)];
    if (isOptional(type)) return [optionalProblem(operand)];
    if (type.kind === 'unknown' || type.kind === 'list') return [];
    return [{ kind: 'not-a-list', node: operand, message: `${what} takes a list (a field of type \`T[]\`), but this is ${article(type)}.` }];
}

function requiredOperand(operand: Expression | undefined): TypeProblem[] {
    if (!operand) return [];
    const type = typeOf(operand);
    if (isNotAValue(type)) return [notAValue(operand, type)];
    return isOptional(type) ? [optionalProblem(operand)] : [];
}

function valuesOnly(...operands: Array<Expression | undefined>): TypeProblem[] {
    return operands.flatMap(operand => {
        const type = operand ? typeOf(operand) : undefined;
        return operand && type && isNotAValue(type) ? [notAValue(operand, type)] : [];
    });
}

function optionalProblem(expression: Expression): TypeProblem {
    const text = expression.$cstNode?.text ?? 'this value';
    return {
        kind: 'optional-without-default', node: expression,
        message: `'${text}' is optional and may have no value here: give a value for that case with \`??\` (\`${text} ?? …\`).`
    };
}

function incomparable(expression: Expression, a: Type, b: Type): TypeProblem {
    return {
        kind: 'incomparable', node: expression, property: 'operator',
        message: `${capitalize(article(a))} cannot be compared with ${article(b)}: compare values of one type.`
    };
}

function notAValue(expression: Expression, type: Type): TypeProblem {
    const message = type.kind === 'document'
        ? `${type.readModel.name} is a read model, not a value: read one of its fields (\`${type.readModel.name}.field\`).`
        : `${typeName(type)} is an enum, not a value: name one of its members (\`${typeName(type).replace('enum ', '')}.Member\`).`;
    return { kind: 'not-a-value', node: expression, message };
}

function isNotAValue(type: Type): type is Extract<Type, { kind: 'document' | 'enumName' }> {
    return type.kind === 'document' || type.kind === 'enumName';
}

function isExpressionNode(node: AstNode): node is Expression {
    return isBinaryExpression(node) || isNotExpression(node) || isNegationExpression(node) || isInExpression(node)
        || isCountExpression(node) || isListExpression(node) || isMapping(node) || isMemberAccess(node) || isNameExpression(node)
        || ['StringExpression', 'NumberExpression', 'BooleanExpression', 'NowExpression', 'NewIdExpression'].includes(node.$type);
}

/** `a decimal`, `an int`, `an optional string`, `a Money`. */
function article(type: Type): string {
    const name = typeName(type);
    return `${/^[aeiouAEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
