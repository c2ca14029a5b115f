/**
 * The behaviour rules of DESIGN §3 for what DESIGN §2b lets a model state: every expression is
 * type-checked (by the pure checker in `typing/`), an `on` block assigns only what it can (`+=`
 * on numbers and lists, a bare copy of a field the event has, `delete` only in read models), a
 * mapping names each field once, and a command that states its rules but leaves an emitted field
 * without a value is told which one (its decide stays hand-written). Unknown names are linking
 * errors (see linking/expression-messages.ts). Every check copes with a partial AST.
 */
import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAggregate, isFieldAssignment, isNameExpression,
    type Command, type DeleteDocument, type Emit, type EventHandler, type EventloomAstType, type Expression, type FieldAssignment,
    type IssuedCommand, type Mapping, type Requirement, type Scenario, type Upcast
} from '../generated/ast.js';
import { behaviourSiteOf, siteEvents } from '../behaviour-site.js';
import { aggregateOf, stateFieldsOf, streamIdsOf } from '../model-queries.js';
import { checkExpression, type TypeProblemKind } from '../typing/check-expression.js';
import { readTypeOf, writeTypeOf } from '../typing/type-of.js';
import { assignable, isNumber, required, typeName } from '../typing/types.js';
import { issue, IssueCodes, type IssueCode } from './issue-codes.js';

const CODE_OF_PROBLEM: Record<TypeProblemKind, IssueCode> = {
    'not-boolean': IssueCodes.ConditionNotBoolean,
    'not-a-number': IssueCodes.OperandNotNumber,
    'incomparable': IssueCodes.IncomparableValues,
    'optional-without-default': IssueCodes.OptionalWithoutDefault,
    'type-mismatch': IssueCodes.ValueTypeMismatch,
    'not-a-list': IssueCodes.NotAList,
    'not-a-value': IssueCodes.NotAValue,
    'unsafe-integer': IssueCodes.WrongLiteralType
};

export class BehaviourValidator {

    checks(): ValidationChecks<EventloomAstType> {
        return {
            Requirement: this.checkRequirement,
            Emit: this.checkEmit,
            EventHandler: this.checkEventHandler,
            IssuedCommand: this.checkIssuedCommand,
            Upcast: this.checkUpcast,
            Command: this.checkEmittedFieldsHaveValues,
            Scenario: this.checkScenarioShape
        };
    }

    checkRequirement(requirement: Requirement, accept: ValidationAcceptor): void {
        reportTypeProblems(requirement.condition, accept);
        checkMapping(requirement.mapping, accept);
    }

    checkEmit(emit: Emit, accept: ValidationAcceptor): void {
        checkMapping(emit.mapping, accept);
    }

    checkIssuedCommand(issued: IssuedCommand, accept: ValidationAcceptor): void {
        reportTypeProblems(issued.condition, accept);
        checkMapping(issued.mapping, accept);
    }

    checkUpcast(upcast: Upcast, accept: ValidationAcceptor): void {
        checkMapping(upcast.mapping, accept);
    }

    checkEventHandler(handler: EventHandler, accept: ValidationAcceptor): void {
        const inAggregate = isAggregate(handler.$container);
        const events = handler.events.map(reference => reference.ref).filter(event => event !== undefined);
        for (const assignment of handler.assignments) {
            if (!isFieldAssignment(assignment)) {
                if (inAggregate) reportDeleteInAggregate(assignment, accept);
                continue;
            }
            checkAssignment(assignment, accept);
        }
        // With `on E, F` a name read from the event must be there whichever event arrives.
        if (events.length < 2) return;
        for (const name of AstUtils.streamAst(handler).filter(isNameExpression)) {
            const target = name.target?.ref;
            if (!target || target.$type !== 'Field' || !events.includes(target.$container as never)) continue;
            const lacking = events.filter(event => !event.fields.some(field => field.name === name.target?.$refText));
            if (lacking.length === 0) continue;
            accept('error', `'${name.target.$refText}' is a field of ${(target.$container as { name: string }).name} but not of ${lacking.map(e => e.name).join(', ')}, which this block also handles: give ${lacking.length === 1 ? 'that event' : 'those events'} the field, or handle ${lacking.length === 1 ? 'it' : 'them'} in a block of ${lacking.length === 1 ? 'its' : 'their'} own.`, {
                node: name, property: 'target', data: issue(IssueCodes.EventFieldNotInEveryEvent, { events: lacking.map(e => e.name) })
            });
        }
        for (const assignment of handler.assignments) {
            if (!isFieldAssignment(assignment) || assignment.operator) continue;
            const lacking = events.filter(event => !event.fields.some(field => field.name === assignment.field?.$refText));
            if (lacking.length > 0 && lacking.length < events.length) {
                accept('error', `${lacking.map(e => e.name).join(', ')} has no field '${assignment.field.$refText}' to copy: give it the field, or handle it in a block of its own.`, {
                    node: assignment, property: 'field', data: issue(IssueCodes.CopiedFieldMissing)
                });
            }
        }
    }

    /**
     * DESIGN §2b: an emitted event's field not mapped takes the same-named command field, else
     * the same-named state field, else the stream id of that name. A command that states some of
     * its behaviour (a `requires` or a mapping) but leaves a required field without a value is
     * not determined by the model: say which field, since its decide stays hand-written.
     */
    checkEmittedFieldsHaveValues(command: Command, accept: ValidationAcceptor): void {
        const statesBehaviour = command.requirements.length > 0 || command.emits.some(emit => emit.mapping !== undefined);
        if (!statesBehaviour) return;
        const aggregate = aggregateOf(command);
        const available = new Set([
            ...command.fields.map(f => f.name),
            ...(aggregate ? stateFieldsOf(aggregate).map(f => f.name) : []),
            ...(aggregate ? streamIdsOf(aggregate).map(id => id.name) : [])
        ]);
        for (const emit of command.emits) {
            const event = emit.event?.ref;
            if (!event) continue;
            const mapped = new Set(emit.mapping?.entries.map(entry => entry.field?.$refText) ?? []);
            const missing = event.fields.filter(field => !field.optional && !mapped.has(field.name) && !available.has(field.name)).map(f => f.name);
            if (missing.length === 0) continue;
            const fields = missing.map(name => `'${name}'`).join(', ');
            accept('warning', `Command ${command.name} states its rules, but ${event.name}'s ${missing.length === 1 ? 'field' : 'fields'} ${fields} ${missing.length === 1 ? 'gets' : 'get'} no value, so its decide stays hand-written: map ${missing.length === 1 ? 'it' : 'them'} (\`emits ${event.name} { ${missing[0]}: … }\`), or add a same-named field to the command.`, {
                node: emit, property: 'event', data: issue(IssueCodes.EmittedFieldWithoutValue, { event: event.name, missing })
            });
        }
    }

    /** DESIGN §2c: `when` may be left out only when the scenario `expect`s something; a `when` needs an outcome. */
    checkScenarioShape(scenario: Scenario, accept: ValidationAcceptor): void {
        if (!scenario.$cstNode) return;
        const expects = scenario.expectations.length > 0;
        if (!scenario.when && !expects) {
            accept('error', 'This scenario neither runs a command nor expects a read model: add `when Command { … }` and `then …`, or `expect ReadModel { … }` after the `given` events.', {
                node: scenario, property: 'name', data: issue(IssueCodes.ScenarioWithoutWhen)
            });
        } else if (scenario.when && !scenario.rejected && scenario.then.length === 0 && !expects) {
            accept('error', `The scenario runs ${scenario.when.command?.$refText ?? 'its command'} but says nothing of the outcome: add \`then EventName { … }\`, \`then rejected ErrorName\` or \`expect ReadModel { … }\`.`, {
                node: scenario.when, property: 'command', data: issue(IssueCodes.ScenarioWithoutOutcome)
            });
        }
    }
}

function reportTypeProblems(expression: Expression | undefined, accept: ValidationAcceptor): void {
    for (const problem of checkExpression(expression)) {
        accept('error', problem.message, {
            node: problem.node, property: problem.property as never, data: issue(CODE_OF_PROBLEM[problem.kind])
        });
    }
}

/** Each entry's value against its field, and each field once. */
function checkMapping(mapping: Mapping | undefined, accept: ValidationAcceptor): void {
    if (!mapping) return;
    const seen = new Set<string>();
    for (const entry of mapping.entries) {
        const name = entry.field?.$refText;
        if (name && seen.has(name)) {
            accept('error', `'${name}' is mapped twice: keep one value.`, { node: entry, property: 'field', data: issue(IssueCodes.DuplicateField) });
        }
        if (name) seen.add(name);
        reportTypeProblems(entry.value, accept);
    }
}

function checkAssignment(assignment: FieldAssignment, accept: ValidationAcceptor): void {
    const target = assignment.field?.ref;
    if (!target) return;
    const targetType = required(writeTypeOf(target));
    if (assignment.operator === '+=' || assignment.operator === '-=') {
        if (targetType.kind !== 'unknown' && !isNumber(targetType) && targetType.kind !== 'list') {
            accept('error', `'${target.name}' is ${article(typeName(targetType))}: \`${assignment.operator}\` works on numbers and lists only; write \`${target.name} = …\`.`, {
                node: assignment, property: 'operator', data: issue(IssueCodes.CompoundAssignmentTarget)
            });
            return;
        }
    }
    if (assignment.operator) {
        reportTypeProblems(assignment.value, accept);
        return;
    }
    // A bare `field`: copy the event's same-named field.
    const site = behaviourSiteOf(assignment);
    if (!site) return;
    const events = siteEvents(site);
    const sources = events.map(event => event.fields.find(field => field.name === target.name));
    if (events.length > 0 && sources.every(source => source === undefined)) {
        accept('error', `${events.map(e => e.name).join(', ')} has no field '${target.name}' to copy: write \`${target.name} = …\` with the value to store.`, {
            node: assignment, property: 'field', data: issue(IssueCodes.CopiedFieldMissing)
        });
        return;
    }
    for (const source of sources) {
        if (!source) continue;
        const from = readTypeOf(source);
        if (!assignable(from, writeTypeOf(target))) {
            accept('error', `The event's '${source.name}' is ${article(typeName(from))}, but '${target.name}' holds ${article(typeName(writeTypeOf(target)))}: write \`${target.name} = …\` with a value of that type.`, {
                node: assignment, property: 'field', data: issue(IssueCodes.ValueTypeMismatch)
            });
        }
    }
}

function reportDeleteInAggregate(node: DeleteDocument, accept: ValidationAcceptor): void {
    accept('error', '`delete` removes a read model\'s document; an aggregate\'s stream is never deleted: record the end in the state instead (`status = Closed`).', {
        node, data: issue(IssueCodes.DeleteOutsideReadModel)
    });
}

function article(text: string): string {
    return `${/^[aeiouAEIOU]/.test(text) ? 'an' : 'a'} ${text}`;
}
