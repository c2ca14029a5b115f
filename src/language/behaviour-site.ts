/**
 * Where an expression of the model's behaviour (DESIGN §2b) stands, and so which names it may use:
 * a command's `requires` or `emits` mapping (the command's fields, the state, the stream id), an
 * `on` block of an aggregate or read model (the event's fields, the state or document), a policy's
 * `issues` (the triggering event's fields, its stream's id, the read models it `reads`), or an
 * upcast's mapping (the old version's fields). Pure questions over the AST; safe on partial ASTs
 * (an unresolved reference just contributes nothing).
 */
import { AstUtils, type AstNode } from 'langium';
import {
    isAggregate, isCommand, isEmit, isEventHandler, isIssuedCommand, isPolicy, isReadModel, isRequirement, isUpcast,
    type Aggregate, type Command, type Event, type EventHandler, type Field, type IssuedCommand, type Policy, type ReadModel,
    type ReadModelKey, type StreamId, type Upcast
} from './generated/ast.js';
import { aggregateOf, stateFieldsOf, streamIdsOf } from './model-queries.js';

export type BehaviourSite =
    /** A command's `requires` (condition, error mapping) or `emits` mapping. */
    | { readonly kind: 'command'; readonly command: Command; readonly aggregate: Aggregate | undefined }
    /** An `on` block of an aggregate (evolve). */
    | { readonly kind: 'evolve'; readonly handler: EventHandler; readonly aggregate: Aggregate }
    /** An `on` block of a read model (projection). */
    | { readonly kind: 'projection'; readonly handler: EventHandler; readonly readModel: ReadModel }
    /** A policy's `issues C { … } if …`. */
    | { readonly kind: 'policy'; readonly issued: IssuedCommand; readonly policy: Policy }
    /** An upcast's mapping. */
    | { readonly kind: 'upcast'; readonly upcast: Upcast };

/** The behaviour construct an expression (or any node inside one) belongs to. */
export function behaviourSiteOf(node: AstNode): BehaviourSite | undefined {
    const owner = AstUtils.getContainerOfType(node, n => isRequirement(n) || isEmit(n) || isEventHandler(n) || isIssuedCommand(n) || isUpcast(n));
    if (!owner) return undefined;
    if (isRequirement(owner) || isEmit(owner)) {
        const command = owner.$container;
        return isCommand(command) ? { kind: 'command', command, aggregate: aggregateOf(command) } : undefined;
    }
    if (isEventHandler(owner)) {
        const container = owner.$container;
        if (isAggregate(container)) return { kind: 'evolve', handler: owner, aggregate: container };
        if (isReadModel(container)) return { kind: 'projection', handler: owner, readModel: container };
        return undefined;
    }
    if (isIssuedCommand(owner)) {
        return isPolicy(owner.$container) ? { kind: 'policy', issued: owner, policy: owner.$container } : undefined;
    }
    return { kind: 'upcast', upcast: owner };
}

/** The events an `on` block or a policy reacts to, those that resolve. */
export function siteEvents(site: BehaviourSite): Event[] {
    const references = site.kind === 'evolve' || site.kind === 'projection' ? site.handler.events
        : site.kind === 'policy' ? site.policy.triggers : [];
    return references.map(reference => reference.ref).filter((event): event is Event => event !== undefined);
}

/**
 * The fields of the events an `on` block or policy reacts to, one per name (the first event's
 * first): with `on E, F` a name is read from whichever event arrives; the validator checks that
 * every one of them has it.
 */
export function eventFieldsOf(site: BehaviourSite): Field[] {
    const byName = new Map<string, Field>();
    for (const event of siteEvents(site)) {
        for (const field of event.fields) if (!byName.has(field.name)) byName.set(field.name, field);
    }
    return [...byName.values()];
}

/** The stream ids of the aggregates the site's events come from (the stream an event is on). */
export function eventStreamIdsOf(site: BehaviourSite): StreamId[] {
    const ids = new Map<string, StreamId>();
    for (const event of siteEvents(site)) {
        const aggregate = aggregateOf(event);
        for (const id of aggregate ? streamIdsOf(aggregate) : []) if (!ids.has(id.name)) ids.set(id.name, id);
    }
    return [...ids.values()];
}

/** What `state.` names at the site: the aggregate's state fields, or the read model's document. */
export function recordFieldsOf(site: BehaviourSite): Array<Field | ReadModelKey> {
    switch (site.kind) {
        case 'command': return site.aggregate ? stateFieldsOf(site.aggregate) : [];
        case 'evolve': return stateFieldsOf(site.aggregate);
        case 'projection': return [...site.readModel.keys, ...site.readModel.fields];
        default: return [];
    }
}

/** The fields an `on` block may assign: the state's, or the document's (keys are not assigned). */
export function assignableFieldsOf(handler: EventHandler): Field[] {
    const container = handler.$container;
    if (isAggregate(container)) return stateFieldsOf(container);
    if (isReadModel(container)) return container.fields;
    return [];
}
