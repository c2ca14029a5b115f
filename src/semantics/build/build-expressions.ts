/**
 * Expressions of the AST as `ExprForm`s: every name resolved (by the linker) to the declaration it
 * reads, and from that, to the record it reads at run time (`FieldExpr.from`). Types are the
 * declared types of the names read and the result types of the operators; the type checker of the
 * language reports what is wrong with them, the form only carries them for its readers.
 */
import type { AstNode } from 'langium';
import {
    isDomainError, isEnum, isEnumMember, isField, isNameExpression, isReadModel, isReadModelKey, isStreamId, isValueType,
    type Expression, type NameExpression, type Referable
} from '../../language/generated/ast.js';
import { parseDecimal } from '../decimal.js';
import type { ExprForm, FieldExpr, TypeForm } from '../form.js';
import { booleanValue, enumValue, numberValue, stringValue } from '../values.js';
import { nameOf, primitiveType, typeOf } from './build-types.js';
import { unbuildable } from './unbuildable.js';

const BOOLEAN = primitiveType('boolean');
const STRING = primitiveType('string');
const DECIMAL = primitiveType('decimal');
const INT = primitiveType('int');

export function expressionForm(node: Expression): ExprForm {
    const source: AstNode = node;
    // By `$type` (every expression kind is a concrete type, none a subtype of another): a chain of
    // `isX` calls asked the reflection up to fourteen times per expression.
    // A half-typed model may lack the expression altogether.
    switch (node?.$type) {
        case 'StringExpression': return { kind: 'literal', value: stringValue(node.value), type: STRING, source };
        case 'NumberExpression': {
            const value = parseDecimal(node.value) ?? unbuildable(`'${node.value}' is not a number`);
            return { kind: 'literal', value: numberValue(value), type: node.value.includes('.') ? DECIMAL : INT, source };
        }
        case 'BooleanExpression': return { kind: 'literal', value: booleanValue(node.value), type: BOOLEAN, source };
        case 'NowExpression': return { kind: 'now', type: primitiveType('timestamp'), source };
        case 'NewIdExpression': return { kind: 'newId', type: primitiveType('uuid'), source };
        case 'NameExpression': return nameForm(node);
        case 'MemberAccess': {
            const member = node.member?.ref ?? unbuildable(`the name '${node.member?.$refText ?? ''}' does not resolve`);
            const receiver = isNameExpression(node.receiver) ? node.receiver.target?.ref : undefined;
            if (isReadModel(receiver)) {
                return { kind: 'readField', readModel: nameOf(receiver), name: member.name, type: optional(declaredType(member)), source };
            }
            if (isEnum(receiver) && isEnumMember(member)) {
                return { kind: 'literal', value: enumValue(nameOf(receiver), member.name), type: { kind: 'enum', enum: nameOf(receiver) }, source };
            }
            const object = expressionForm(node.receiver);
            return { kind: 'member', object, name: member.name, type: declaredType(member), source };
        }
        case 'BinaryExpression': {
            const left = expressionForm(node.left);
            const right = expressionForm(node.right);
            if (node.operator === 'contains') return { kind: 'contains', list: left, value: right, type: BOOLEAN, source };
            return { kind: 'binary', op: node.operator, left, right, type: binaryType(node.operator, left.type, right.type), source };
        }
        case 'NotExpression': return { kind: 'not', operand: expressionForm(node.operand), type: BOOLEAN, source };
        case 'NegationExpression': {
            const operand = expressionForm(node.operand);
            return { kind: 'negate', operand, type: operand.type, source };
        }
        case 'InExpression': {
            const items = node.candidates.map(expressionForm);
            const list: ExprForm = { kind: 'list', items, type: { kind: 'list', item: items[0]?.type ?? { kind: 'unknown' } }, source };
            return { kind: 'in', value: expressionForm(node.value), list, type: BOOLEAN, source };
        }
        case 'CountExpression': return { kind: 'count', list: expressionForm(node.list), type: INT, source };
        case 'ListExpression': {
            const items = node.items.map(expressionForm);
            return { kind: 'list', items, type: { kind: 'list', item: items[0]?.type ?? { kind: 'unknown' } }, source };
        }
        case 'Mapping': {
            const fields = node.entries.map(entry => ({
                name: entry.field?.ref?.name ?? unbuildable(`the field '${entry.field?.$refText}' does not resolve`),
                value: expressionForm(entry.value)
            }));
            const owner = node.entries[0]?.field?.ref;
            const valueType = owner && isValueType(owner.$container) ? nameOf(owner.$container) : undefined;
            return { kind: 'record', fields, type: valueType ? { kind: 'value', valueType } : { kind: 'unknown' }, source };
        }
        default: return unbuildable('an expression of an unknown kind');
    }
}

/** A bare name: which declaration it reads decides which record it reads at run time. */
function nameForm(node: NameExpression): ExprForm {
    const target = node.target?.ref ?? unbuildable(`the name '${node.target?.$refText ?? ''}' does not resolve`);
    const source: AstNode = node;
    switch (target.$type) {
        case 'EnumMember': {
            if (!isEnum(target.$container)) break;
            const enumName = nameOf(target.$container);
            return { kind: 'literal', value: enumValue(enumName, target.name), type: { kind: 'enum', enum: enumName }, source };
        }
        case 'StreamId': return { kind: 'streamId', name: target.name, type: typeOf(target.type), source };
        case 'ReadModelKey': return { kind: 'field', from: 'document', name: target.name, type: typeOf(target.type), source };
        case 'Field': {
            const from = FIELD_RECORDS[target.$container.$type];
            if (!from) {
                const kind = isDomainError(target.$container) ? 'an error' : isValueType(target.$container) ? 'a value type' : 'this declaration';
                return unbuildable(`'${target.name}' is a field of ${kind}, which cannot be read here`);
            }
            return { kind: 'field', from, name: target.name, type: declaredType(target), source };
        }
    }
    return unbuildable(`'${node.target?.$refText ?? ''}' is not a value`);
}

/** The record a field is read from at run time, by the kind of declaration holding it. */
const FIELD_RECORDS: Readonly<Record<string, FieldExpr['from'] | undefined>> = {
    Command: 'command', State: 'state', Event: 'event', Upcast: 'event', ReadModel: 'document'
};

function declaredType(target: Referable): TypeForm {
    if (isField(target)) {
        const type = typeOf(target.type);
        return target.optional && !target.default ? optional(type) : type;
    }
    if (isStreamId(target) || isReadModelKey(target)) return typeOf(target.type);
    if (isEnumMember(target) && isEnum(target.$container)) return { kind: 'enum', enum: nameOf(target.$container) };
    return { kind: 'unknown' };
}

function optional(type: TypeForm): TypeForm {
    return type.kind === 'optional' ? type : { kind: 'optional', value: type };
}

function binaryType(operator: string, left: TypeForm, right: TypeForm): TypeForm {
    switch (operator) {
        case '??': {
            if (right.kind === 'optional') return right;
            if (left.kind !== 'optional') return right;
            // `x ?? 0` for a decimal x is a decimal (compared and computed as one), whatever the literal's own type.
            if (right.kind === 'unknown' || (isPrimitive(left.value, 'decimal') && (isPrimitive(right, 'int') || isPrimitive(right, 'float')))) return left.value;
            return right;
        }
        case '+': case '-': case '*': {
            const [a, b] = [present(left), present(right)];
            if (operator === '+' && (isPrimitive(a, 'string') || isPrimitive(b, 'string'))) return STRING;
            return isPrimitive(a, 'int') && isPrimitive(b, 'int') ? INT : DECIMAL;
        }
        default: return BOOLEAN;
    }
}

function present(type: TypeForm): TypeForm {
    return type.kind === 'optional' ? type.value : type;
}

function isPrimitive(type: TypeForm, name: string): boolean {
    return type.kind === 'primitive' && type.name === name;
}
