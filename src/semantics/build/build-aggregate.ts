/** An aggregate of the AST as an `AggregateForm`: its commands' decisions and its evolve. */
import {
    isUpcast, type Aggregate, type Upcast, type Assignment, type Command, type DomainError, type Event, type EventHandler, type Field
} from '../../language/generated/ast.js';
import { commandsOf, errorsOf, eventHandlersOf, eventsOf, sameType, stateFieldsOf, streamIdsOf } from '../../language/model-queries.js';
import type {
    AggregateForm, AssignmentForm, CommandForm, EmitForm, ErrorForm, EventForm, EvolveHandlerForm, FieldForm, QualifiedName, RequiresForm,
    UpcastForm
} from '../form.js';
import { expressionForm } from './build-expressions.js';
import { fillFields, type FillCandidate } from './build-fills.js';
import { fieldForm, nameOf, primitiveType, typeOf } from './build-types.js';
import { tryBuild, unbuildable } from './unbuildable.js';

export function aggregateForm(aggregate: Aggregate): AggregateForm {
    const name = nameOf(aggregate);
    const state = stateFieldsOf(aggregate);
    const streamIdName = streamIdsOf(aggregate)[0]?.name;
    return {
        ...aggregateHeadForm(aggregate),
        commands: commandsOf(aggregate).map(command => commandForm(command, name, state, streamIdName)),
        events: eventsOf(aggregate).map(event => eventForm(event, name)),
        errors: errorsOf(aggregate).map(errorForm),
        ...aggregateEvolveForm(aggregate),
        upcasts: aggregateUpcastForms(aggregate)
    };
}

/*
 * The parts of an aggregate's form, for a reader that builds them as they are read
 * (lazy-context-form.ts): the same builders `aggregateForm` composes.
 */

/** What every reader of an aggregate needs: its name, stream id and state fields. */
export function aggregateHeadForm(aggregate: Aggregate): Pick<AggregateForm, 'name' | 'streamId' | 'state' | 'source'> {
    const [streamIdNode] = streamIdsOf(aggregate);
    const streamId: FieldForm = streamIdNode
        ? fieldForm(streamIdNode)
        : { name: '', type: { kind: 'unknown' }, optional: false };
    return { name: nameOf(aggregate), streamId, state: stateFieldsOf(aggregate).map(fieldForm), source: aggregate };
}

/** Its evolve: the `on` blocks, and whether the model determines it. */
export function aggregateEvolveForm(aggregate: Aggregate): Pick<AggregateForm, 'evolve' | 'evolveModelled' | 'evolveHandWrittenBecause'> {
    const evolveReasons: string[] = [];
    const handlers = eventHandlersOf(aggregate);
    const evolve = handlers.flatMap(handler => tryBuild(evolveReasons, () => evolveHandlerForm(handler)) ?? []);
    if (handlers.length === 0 && stateFieldsOf(aggregate).length > 0) evolveReasons.push('it has no `on` blocks');
    return { evolve, evolveModelled: evolveReasons.length === 0, evolveHandWrittenBecause: evolveReasons };
}

export function aggregateUpcastForms(aggregate: Aggregate): UpcastForm[] {
    return aggregate.members.filter(isUpcast).flatMap(upcast => tryBuild([], () => upcastForm(upcast, aggregate)) ?? []);
}

/** How `aggregateForm` builds each command of this aggregate (what they share found once). */
export function commandFormsIn(aggregate: Aggregate): (command: Command) => CommandForm {
    const name = nameOf(aggregate);
    const state = stateFieldsOf(aggregate);
    const streamIdName = streamIdsOf(aggregate)[0]?.name;
    // The state's and the stream id's candidates are the same for every command: made once.
    const shared = aggregateCandidates(state, streamIdName);
    return command => commandForm(command, name, state, streamIdName, shared);
}

/** One event of an aggregate, as `aggregateForm` builds it. */
export function eventFormIn(aggregate: Aggregate, event: Event): EventForm {
    return eventForm(event, nameOf(aggregate));
}

export function errorForm(error: DomainError): ErrorForm {
    return { name: nameOf(error), fields: error.fields.map(fieldForm), source: error };
}

function eventForm(event: Event, aggregate: QualifiedName): EventForm {
    const version = event.version === undefined ? undefined : Number.parseInt(event.version, 10);
    return { name: nameOf(event), aggregate, version, fields: event.fields.map(fieldForm), source: event };
}

/** The fill candidates after a command's own fields: the state's fields, the stream id. */
function aggregateCandidates(state: readonly Field[], streamIdName: string | undefined): FillCandidate[] {
    return [
        candidate('stateField', state.map(field => field.name), name => ({ kind: 'field', from: 'state', name, type: typeOfField(state, name) })),
        candidate('streamId', streamIdName ? [streamIdName] : [], name => ({ kind: 'streamId', name, type: primitiveType('uuid') }))
    ];
}

function commandForm(
    command: Command, aggregate: QualifiedName, state: readonly Field[], streamIdName: string | undefined,
    shared: readonly FillCandidate[] = aggregateCandidates(state, streamIdName)
): CommandForm {
    const reasons: string[] = [];
    const candidates: FillCandidate[] = [
        candidate('commandField', command.fields.map(field => field.name), name => ({ kind: 'field', from: 'command', name, type: typeOfField(command.fields, name) })),
        ...shared
    ];
    if (streamIdName === undefined) reasons.push('its aggregate has no `id`');
    const requires = command.requirements.flatMap(requirement => tryBuild(reasons, (): RequiresForm => {
        // A partial AST (the error name not typed yet) has no reference at all.
        const error = requirement.error?.ref ?? unbuildable(requirement.error ? `the error '${requirement.error.$refText}' does not resolve` : 'a `requires` names no error after `else`');
        const fills = fillFields(error.fields, requirement.mapping, candidates);
        for (const field of fills.unfilled) reasons.push(`the field '${field}' of ${error.name} after \`else\` has no value`);
        return { condition: expressionForm(requirement.condition), error: nameOf(error), errorFields: fills.fields, unfilled: fills.unfilled, source: requirement };
    }) ?? []);
    const emits = command.emits.flatMap(emit => tryBuild(reasons, (): EmitForm => {
        const event = emit.event?.ref ?? unbuildable(emit.event ? `the event '${emit.event.$refText}' does not resolve` : 'an `emits` names no event');
        const fills = fillFields(event.fields, emit.mapping, candidates);
        for (const field of fills.unfilled) reasons.push(`the field '${field}' of ${event.name} has no value`);
        return { event: nameOf(event), fields: fills.fields, unfilled: fills.unfilled, source: emit };
    }) ?? []);
    const guarded = new Set(command.requirements.map(requirement => requirement.error?.$refText));
    const rejects = command.rejects.map(reference => reference.ref ? nameOf(reference.ref) : reference.$refText);
    for (const reference of command.rejects) {
        if (!guarded.has(reference.$refText)) reasons.push(`${reference.$refText} is rejected by no \`requires\``);
    }
    if (command.emits.length === 0) reasons.push('it emits nothing');
    return {
        name: nameOf(command), aggregate, fields: command.fields.map(fieldForm), requires, emits, rejects,
        statesBehaviour: command.requirements.length > 0 || command.emits.some(emit => emit.mapping !== undefined),
        modelled: reasons.length === 0, handWrittenBecause: reasons, source: command
    };
}

/**
 * An upcast with its fields complete: each field of the next version (the event itself, or the old
 * shape the next upcast states) mapped, else carried over from the same-named old field of the same
 * type, else its default; a required one left over is `unfilled` (the validator reports it).
 */
function upcastForm(upcast: Upcast, aggregate: Aggregate): UpcastForm {
    const event = upcast.event?.ref ?? unbuildable(upcast.event ? `the event '${upcast.event.$refText}' does not resolve` : 'an `upcast` names no event');
    const from = Number(upcast.fromVersion);
    const nextUpcast = aggregate.members.find((member): member is Upcast => isUpcast(member) && member.event?.ref === event && Number(member.fromVersion) === from + 1);
    const next = from + 1 === Number(event.version ?? 1) ? event.fields : nextUpcast?.fields ?? unbuildable(`nothing states version ${from + 1} of ${event.name}`);
    const carried = upcast.fields.filter(old => next.some(field => field.name === old.name && sameType(field.type, old.type) && (!old.optional || field.optional)));
    const fills = fillFields(next, upcast.mapping, [
        candidate('eventField', carried.map(field => field.name), name => ({ kind: 'field', from: 'event', name, type: typeOfField(upcast.fields, name) }))
    ]);
    return { event: nameOf(event), fromVersion: from, oldFields: upcast.fields.map(fieldForm), fields: fills.fields, unfilled: fills.unfilled, source: upcast };
}

function evolveHandlerForm(handler: EventHandler): EvolveHandlerForm {
    const events = handler.events.map(reference => reference.ref ? nameOf(reference.ref) : unbuildable(`the event '${reference.$refText}' does not resolve`));
    return { events, assignments: handler.assignments.map(assignmentForm), source: handler };
}

export function assignmentForm(assignment: Assignment): AssignmentForm {
    // By `$type` (a concrete type), as the member filters: every `on` block's assignments are read here.
    if (assignment.$type === 'DeleteDocument') return { kind: 'delete', source: assignment };
    const target = assignment.field?.ref;
    const field = target?.name ?? unbuildable(`the field '${assignment.field?.$refText}' does not resolve`);
    if (!assignment.operator || !assignment.value) {
        // A bare `field` copies the event's same-named field.
        return { kind: 'set', field, value: { kind: 'field', from: 'event', name: field, type: typeOf(target?.type), source: assignment }, source: assignment };
    }
    const kind = assignment.operator === '=' ? 'set' : assignment.operator === '+=' ? 'add' : 'remove';
    return { kind, field, value: expressionForm(assignment.value), source: assignment };
}

export function candidate(origin: FillCandidate['origin'], names: readonly string[], read: FillCandidate['read']): FillCandidate {
    return { origin, names: new Set(names), read };
}

function typeOfField(fields: readonly Field[], name: string) {
    const field = fields.find(candidateField => candidateField.name === name);
    const type = typeOf(field?.type);
    return field?.optional && !field.default ? { kind: 'optional' as const, value: type } : type;
}
