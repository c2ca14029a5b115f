/** Read models and policies of the AST as forms: projections with their key sources, reactions complete after the fill rule. */
import { isAggregate, type Event, type EventHandler, type Policy, type ReadModel } from '../../language/generated/ast.js';
import { streamIdsOf } from '../../language/model-queries.js';
import type { KeySourceForm, PolicyForm, PolicyReactionForm, ProjectionHandlerForm, ReadModelForm } from '../form.js';
import { assignmentForm, candidate } from './build-aggregate.js';
import { expressionForm } from './build-expressions.js';
import { fillFields, fillOne, mappedValues } from './build-fills.js';
import { fieldForm, nameOf, primitiveType, typeOf } from './build-types.js';
import { tryBuild, unbuildable } from './unbuildable.js';

export function readModelForm(readModel: ReadModel): ReadModelForm {
    const reasons: string[] = [];
    const handlers = readModel.handlers.flatMap(handler => tryBuild(reasons, () => projectionHandlerForm(readModel, handler)) ?? []);
    for (const reference of readModel.handles) reasons.push(`\`on ${reference.$refText}\` has no block`);
    return {
        name: nameOf(readModel), keys: readModel.keys.map(fieldForm), fields: readModel.fields.map(fieldForm), handlers,
        modelled: reasons.length === 0, handWrittenBecause: reasons, source: readModel
    };
}

function projectionHandlerForm(readModel: ReadModel, handler: EventHandler): ProjectionHandlerForm {
    const events = handler.events.map(reference => {
        const event = reference.ref ?? unbuildable(`the event '${reference.$refText}' does not resolve`);
        return { event: nameOf(event), keys: keySources(readModel, event) };
    });
    return { events, assignments: handler.assignments.map(assignmentForm), source: handler };
}

/** How an event supplies a read model's keys: a same-named field, else its stream's id. */
export function keySources(readModel: ReadModel, event: Event): KeySourceForm[] {
    const fields = new Set(event.fields.map(field => field.name));
    return readModel.keys.map(key => fields.has(key.name) ? { key: key.name, from: 'eventField' } : { key: key.name, from: 'streamId' });
}

export function policyForm(policy: Policy): PolicyForm {
    const reasons: string[] = [];
    const triggers = policy.triggers.flatMap(reference => reference.ref ? [reference.ref] : (reasons.push(`the event '${reference.$refText}' does not resolve`), []));
    const reads = policy.reads.flatMap(reference => reference.ref ? [reference.ref] : (reasons.push(`the read model '${reference.$refText}' does not resolve`), []));
    const reactions = policy.issues.flatMap(issued => triggers.flatMap(trigger => tryBuild(reasons, (): PolicyReactionForm => {
        const command = issued.command?.ref ?? unbuildable(issued.command ? `the command '${issued.command.$refText}' does not resolve` : 'an `issues` names no command');
        const triggerStreamId = isAggregate(trigger.$container) ? streamIdsOf(trigger.$container)[0]?.name : undefined;
        const candidates = [
            candidate('eventField', trigger.fields.map(field => field.name), name => ({ kind: 'field', from: 'event', name, type: typeOf(trigger.fields.find(field => field.name === name)?.type) })),
            candidate('streamId', triggerStreamId ? [triggerStreamId] : [], name => ({ kind: 'streamId', name, type: primitiveType('uuid') }))
        ];
        const fills = fillFields(command.fields, issued.mapping, candidates);
        const targetIdName = isAggregate(command.$container) ? streamIdsOf(command.$container)[0]?.name : undefined;
        const targetStreamId = targetIdName ? fillOne(targetIdName, mappedValues(issued.mapping), candidates) : undefined;
        const unfilled = [...fills.unfilled];
        if (!targetStreamId) unfilled.push(targetIdName ?? 'the stream id');
        for (const field of unfilled) reasons.push(`the field '${field}' of ${command.name} issued on ${trigger.name} has no value`);
        return {
            trigger: nameOf(trigger), command: nameOf(command), fields: fills.fields, targetStreamId,
            condition: issued.condition ? expressionForm(issued.condition) : undefined,
            reads: reads.map(readModel => ({ readModel: nameOf(readModel), keys: keySources(readModel, trigger) })),
            unfilled, source: issued
        };
    }) ?? []));
    return { name: nameOf(policy), triggers: triggers.map(nameOf), reactions, modelled: reasons.length === 0, handWrittenBecause: reasons, source: policy };
}
