/**
 * `typeOf(expression)`: the static type of every behaviour expression, and `expectedTypeOf`: the
 * type its position requires (a `requires` wants a boolean, a mapping entry its field's type, an
 * assignment its target's). Pure functions of the linked AST; an unresolved name or a missing
 * child is `unknown`, never an exception, so they are safe on the partial AST of a file with
 * syntax errors.
 */
import type { AstNode } from 'langium';
import {
    isBinaryExpression, isBooleanExpression, isCountExpression, isEnum, isEnumMember, isField, isFieldAssignment,
    isInExpression, isIssuedCommand, isListExpression, isMapping, isMappingEntry, isMemberAccess, isNameExpression,
    isNegationExpression, isNewIdExpression, isNotExpression, isNowExpression, isNumberExpression, isReadModel,
    isReadModelKey, isRequirement, isState, isStreamId, isStringExpression,
    type Expression, type Field, type FieldAssignment, type ReadModelKey, type StreamId
} from '../generated/ast.js';
import {
    arithmeticResult, assignable, BOOLEAN, isNumber, isOptional, optional, primitive, required, typeOfReference, UNKNOWN,
    type Type
} from './types.js';

/** A declared field, stream id or key: what a name in an expression or a mapping may denote. */
export type DataFieldNode = Field | StreamId | ReadModelKey;

/**
 * The type of a field when it is READ: optional when declared `?`, and for a state or read-model
 * field also when it has no default (nothing can fill it honestly before an event does).
 */
export function readTypeOf(field: DataFieldNode): Type {
    const type = typeOfReference(field.type);
    if (!isField(field)) return type;
    const record = isState(field.$container) || isReadModel(field.$container);
    return field.optional || (record && field.default === undefined) ? optional(type) : type;
}

/** The type a value must have to be WRITTEN into the field (by a mapping or an assignment). */
export function writeTypeOf(field: DataFieldNode): Type {
    return readTypeOf(field);
}

export function typeOf(expression: Expression | undefined): Type {
    if (!expression) return UNKNOWN;
    if (isStringExpression(expression)) return primitive('string', true);
    if (isNumberExpression(expression)) return primitive(/[.eE]/.test(expression.value) ? 'decimal' : 'int', true);
    if (isBooleanExpression(expression)) return BOOLEAN;
    if (isNowExpression(expression)) return primitive('timestamp');
    if (isNewIdExpression(expression)) return primitive('uuid');
    if (isCountExpression(expression)) return primitive('int');
    if (isNotExpression(expression) || isInExpression(expression)) return BOOLEAN;
    if (isNegationExpression(expression)) {
        const operand = required(typeOf(expression.operand));
        return isNumber(operand) ? arithmeticResult(operand, operand) : UNKNOWN;
    }
    if (isListExpression(expression)) {
        const item = expression.items.map(typeOf).find(type => type.kind !== 'unknown');
        return { kind: 'list', item: item ?? UNKNOWN };
    }
    if (isMapping(expression)) {
        const expected = expectedTypeOf(expression);
        return expected && required(expected).kind === 'value' ? required(expected) : UNKNOWN;
    }
    if (isNameExpression(expression)) return typeOfName(expression.target?.ref);
    if (isMemberAccess(expression)) return typeOfMember(expression);
    if (isBinaryExpression(expression)) return typeOfBinary(expression);
    return UNKNOWN;
}

/** What a name denotes, as a type: a field's read type, an enum member's enum, or a name kind. */
export function typeOfName(target: AstNode | undefined): Type {
    if (!target) return UNKNOWN;
    if (isField(target) || isStreamId(target) || isReadModelKey(target)) return readTypeOf(target);
    if (isEnumMember(target)) return { kind: 'enum', enum: target.$container };
    if (isEnum(target)) return { kind: 'enumName', enum: target };
    if (isReadModel(target)) return { kind: 'document', readModel: target };
    return UNKNOWN;
}

function typeOfMember(access: Extract<Expression, { $type: 'MemberAccess' }>): Type {
    const receiver = typeOf(access.receiver);
    const member = access.member?.ref;
    if (!member) return UNKNOWN;
    const base = required(receiver);
    if (base.kind === 'enumName') return typeOfName(member);
    const type = typeOfName(member);
    // A field of an absent value is absent; a read model's document may not exist yet.
    return isOptional(receiver) || base.kind === 'document' ? optional(type) : type;
}

function typeOfBinary(binary: Extract<Expression, { $type: 'BinaryExpression' }>): Type {
    switch (binary.operator) {
        case 'and': case 'or': case '==': case '!=': case '<': case '<=': case '>': case '>=': case 'contains':
            return BOOLEAN;
        case '??': {
            const left = required(typeOf(binary.left));
            const right = typeOf(binary.right);
            if (left.kind === 'unknown') return right;
            // `limit ?? 0`: the fallback literal takes the optional's type.
            if (assignable(required(right), left)) return isOptional(right) ? optional(left) : left;
            return right;
        }
        case '+': {
            const left = required(typeOf(binary.left));
            const right = required(typeOf(binary.right));
            if (left.kind === 'primitive' && left.name === 'string') return primitive('string');
            return arithmeticResult(left, right);
        }
        default:
            return arithmeticResult(required(typeOf(binary.left)), required(typeOf(binary.right)));
    }
}

/**
 * The type the position of `expression` requires, where the position itself says so: a condition
 * (boolean), a mapping entry's value (its field's type), an assignment's value, a list item whose
 * list is expected. Undefined inside operators (their operands are checked by the operator's
 * rule) and where nothing is expected.
 */
export function expectedTypeOf(expression: Expression): Type | undefined {
    const container = expression.$container;
    const property = expression.$containerProperty;
    if ((isRequirement(container) || isIssuedCommand(container)) && property === 'condition') return BOOLEAN;
    if (isMappingEntry(container) && property === 'value') {
        const field = container.field?.ref;
        return field ? writeTypeOf(field) : undefined;
    }
    if (isFieldAssignment(container) && property === 'value') return assignedValueType(container);
    if (isListExpression(container)) {
        const list = expectedTypeOf(container);
        const base = list && required(list);
        return base?.kind === 'list' ? base.item : undefined;
    }
    return undefined;
}

/**
 * What an assignment's value must be: the field's type for `=`; for `+=` / `-=` a number of the
 * field's type, or an item of the field's list. Undefined when the target is neither (the
 * validator reports the operator) or does not resolve.
 */
export function assignedValueType(assignment: FieldAssignment): Type | undefined {
    const field = assignment.field?.ref;
    if (!field) return undefined;
    const type = writeTypeOf(field);
    if (assignment.operator === '=' || assignment.operator === undefined) return type;
    const base = required(type);
    if (isNumber(base)) return base;
    if (base.kind === 'list') return base.item;
    return undefined;
}
