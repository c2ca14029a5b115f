/**
 * Literal values — field defaults and scenario data — have the type of the field they fill, and
 * objects carry every required field (except in a scenario's `then`, which may list only the
 * fields the scenario cares about: ids and timestamps set by the handler can't be known ahead).
 */
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isBooleanLiteral, isCommandData, isEnumLiteral, isEventData, isField, isFieldValue, isListLiteral,
    isExpectation, isNumberLiteral, isObjectLiteral, isScenario, isStringLiteral,
    type CommandData, type EventData, type EventloomAstType, type Field, type FieldValue, type Literal,
    type ObjectLiteral, type ReadModelKey, type TypeReference
} from '../generated/ast.js';
import { enumOf, eventDataFields, fieldsExpectedBy, isRequired, typeToString, valueTypeOf } from '../model-queries.js';
import { INT_RANGE, isSafeIntegerText } from '../typing/int-range.js';
import { issue, IssueCodes } from './issue-codes.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d+$/;

/** What to write instead, per expected primitive type. */
const EXAMPLE: Record<string, string> = {
    string: 'a string in quotes, such as "Ann"',
    int: 'a whole number, such as 42',
    float: 'a number, such as 1.5',
    decimal: 'a number, such as 150 or 12.50',
    boolean: 'true or false',
    timestamp: 'an ISO-8601 timestamp in quotes, such as "2026-01-31T09:30:00Z"',
    date: 'an ISO-8601 date in quotes, such as "2026-01-31"',
    uuid: 'a UUID in quotes, such as "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f"'
};

export class LiteralsValidator {

    checks(): ValidationChecks<EventloomAstType> {
        return {
            Field: this.checkDefault,
            FieldValue: this.checkFieldValue,
            EventData: this.checkRequiredData,
            CommandData: this.checkRequiredData,
            ObjectLiteral: this.checkNestedObject
        };
    }

    checkDefault(field: Field, accept: ValidationAcceptor): void {
        // After a parse error the type or the value may be missing: nothing to compare yet.
        if (field.default && field.type) checkLiteral(field.default, field.type, field.name, accept);
    }

    checkFieldValue(entry: FieldValue, accept: ValidationAcceptor): void {
        const field = entry.field?.ref;
        if (field?.type && entry.value) checkLiteral(entry.value, field.type, field.name, accept);
    }

    /** `given` events and the `when` command carry every required field; `then` events need not. */
    checkRequiredData(data: EventData | CommandData, accept: ValidationAcceptor): void {
        const target = isEventData(data) ? data.event?.ref : data.command?.ref;
        if (!target || isInThen(data)) return;
        const missing = missingRequired(isEventData(data) ? eventDataFields(data) : target.fields, data.data);
        if (missing.length > 0) {
            const role = isCommandData(data) ? 'the `when` command' : 'a `given` event';
            accept('error', `${target.name} is missing the required ${plural('field', missing)} ${missing.join(', ')}: ${role} must carry every field that is neither optional (\`?\`) nor has a default.`, {
                node: data, property: (isEventData(data) ? 'event' : 'command') as never, data: issue(IssueCodes.MissingRequiredField, { missing })
            });
        }
    }

    /** A value-type object inside a default or inside data: complete unless within `then`. */
    checkNestedObject(literal: ObjectLiteral, accept: ValidationAcceptor): void {
        const owner = holderOf(literal);
        if (!owner || isInThen(literal)) return;
        const missing = missingRequired(fieldsExpectedBy(literal), literal);
        if (missing.length > 0) {
            const typeName = valueTypeOf(owner.type)?.name ?? 'value';
            accept('error', `This ${typeName} is missing the required ${plural('field', missing)} ${missing.join(', ')}: add ${missing.length === 1 ? 'it' : 'them'} to the object.`, {
                node: literal, data: issue(IssueCodes.MissingRequiredField, { missing })
            });
        }
    }
}

/** Checks one literal against a type: lists item by item, objects only for being objects. */
function checkLiteral(literal: Literal, type: TypeReference, fieldName: string, accept: ValidationAcceptor): void {
    if (type.list) {
        if (!isListLiteral(literal)) {
            wrongType(literal, `'${fieldName}' is a list of ${typeToString({ ...type, list: false })}: write the value in brackets, such as [ … ].`, accept);
            return;
        }
        const itemType = { ...type, list: false };
        literal.items.filter(item => item !== undefined).forEach(item => checkLiteral(item, itemType, fieldName, accept));
        return;
    }
    if (isListLiteral(literal)) {
        wrongType(literal, `'${fieldName}' is a single ${typeToString(type)}, not a list: remove the brackets.`, accept);
        return;
    }
    const problem = type.primitive ? primitiveProblem(literal, type.primitive) : dataTypeProblem(literal, type);
    if (problem) wrongType(literal, `'${fieldName}' expects ${problem}.`, accept);
}

function primitiveProblem(literal: Literal, primitive: string): string | undefined {
    const expected = EXAMPLE[primitive];
    const text = isStringLiteral(literal) ? literal.value : undefined;
    switch (primitive) {
        case 'string': return isStringLiteral(literal) ? undefined : expected;
        case 'int':
            if (!isNumberLiteral(literal) || !INTEGER.test(literal.value)) return expected;
            return isSafeIntegerText(literal.value) ? undefined : `a whole number ${INT_RANGE}: for larger values make the field a decimal`;
        case 'float':
        case 'decimal': return isNumberLiteral(literal) ? undefined : expected;
        case 'boolean': return isBooleanLiteral(literal) ? undefined : expected;
        case 'date': return text !== undefined && ISO_DATE.test(text) && validDate(text) ? undefined : expected;
        case 'timestamp': return text !== undefined && ISO_TIMESTAMP.test(text) && validDate(text) ? undefined : expected;
        case 'uuid': return text !== undefined && UUID.test(text) ? undefined : expected;
        default: return undefined;
    }
}

function dataTypeProblem(literal: Literal, type: TypeReference): string | undefined {
    const expectedEnum = enumOf(type);
    if (expectedEnum) {
        if (!isEnumLiteral(literal)) return `a member of enum ${expectedEnum.name} (${expectedEnum.members.map(m => m.name).join(', ')})`;
        const member = literal.member?.ref;
        return member && member.$container !== expectedEnum ? `a member of enum ${expectedEnum.name}, but '${literal.member?.$refText}' belongs to ${member.$container.name}` : undefined;
    }
    const valueType = valueTypeOf(type);
    if (valueType && !isObjectLiteral(literal)) return `a ${valueType.name} object: write { ${valueType.fields.map(f => `${f.name}: …`).join(', ')} }`;
    return undefined;
}

function wrongType(literal: Literal, message: string, accept: ValidationAcceptor): void {
    accept('error', message, { node: literal, data: issue(IssueCodes.WrongLiteralType) });
}

/** A real calendar date and time: `Date.parse` alone rolls 2026-02-30 over into March. */
function validDate(text: string): boolean {
    if (Number.isNaN(Date.parse(text))) return false;
    const [year, month, day] = text.slice(0, 10).split('-').map(Number);
    const calendar = new Date(Date.UTC(year, month - 1, day));
    return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

function missingRequired(fields: ReadonlyArray<Field | ReadModelKey>, data: ObjectLiteral | undefined): string[] {
    const given = new Set(data?.entries.map(entry => entry.field?.$refText) ?? []);
    return fields.filter((field): field is Field => isField(field) && isRequired(field) && !given.has(field.name)).map(field => field.name);
}

/** The field declaration or field value a nested object literal fills; undefined at the top of scenario data. */
function holderOf(literal: ObjectLiteral): { type: TypeReference | undefined } | undefined {
    let node: AstNode = literal;
    while (isListLiteral(node.$container)) node = node.$container;
    const owner = node.$container;
    if (isField(owner)) return { type: owner.type };
    if (isFieldValue(owner)) return { type: owner.field?.ref?.type };
    return undefined;
}

/** Inside what a scenario expects (`then`, `then rejected E { … }`, `expect R { … }`): only the fields it cares about. */
function isInThen(node: AstNode): boolean {
    if (AstUtils.getContainerOfType(node, isExpectation)) return true;
    const scenario = AstUtils.getContainerOfType(node, isScenario);
    for (let n: AstNode | undefined = node; scenario && n; n = n.$container) if (n === scenario.rejectionData) return true;
    const data = AstUtils.getContainerOfType(node, isEventData);
    return data !== undefined && isScenario(data.$container) && data.$container.then.includes(data);
}

function plural(word: string, items: readonly unknown[]): string {
    return items.length === 1 ? word : `${word}s`;
}
