/**
 * The warning for an event that looks forgotten by the read side: the read side follows its
 * aggregate (a read model or policy handles another of its events) but nothing handles this one,
 * in any context, and the aggregate keeps no state for `evolve` to change — so recording the event
 * changes nothing anyone can see.
 *
 * Not flagged, on purpose: an aggregate none of whose events is handled (a write side still being
 * sketched, or kept only as a log: every event would be flagged, which tells the user nothing), an
 * aggregate with state (its `evolve` may use the event), an event no command emits (it has its own
 * warning). Whether something handles an event depends on other files' links, complete only on a
 * full build, so this check is registered in the 'slow' category (see register-validators.ts).
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Event, EventloomAstType } from '../generated/ast.js';
import { aggregateOf, eventsOf, isEmittedInItsAggregate, stateFieldsOf } from '../model-queries.js';
import type { EventHandlerIndex } from '../workspace/event-handler-index.js';
import { issue, IssueCodes } from './issue-codes.js';

export class EventEffectValidator {
    constructor(private readonly handlers: EventHandlerIndex) {}

    checks(): ValidationChecks<EventloomAstType> {
        return { Event: this.checkEventHasEffect };
    }

    checkEventHasEffect(event: Event, accept: ValidationAcceptor): void {
        const aggregate = aggregateOf(event);
        if (!aggregate || stateFieldsOf(aggregate).length > 0 || this.handlers.isHandled(event)) return;
        if (!isEmittedInItsAggregate(event, aggregate)) return;
        const handledSibling = eventsOf(aggregate).find(other => other !== event && other.name !== event.name && this.handlers.isHandled(other));
        if (!handledSibling) return;
        accept('warning',
            `Nothing reads ${event.name}: no read model or policy handles it (unlike ${handledSibling.name}) and aggregate ${aggregate.name} keeps no state. `
            + `Handle it (\`on ${event.name}\` in a read model or policy) or give ${aggregate.name} state that it changes.`, {
                node: event, property: 'name', data: issue(IssueCodes.EventWithoutEffect, { event: event.name, aggregate: aggregate.name })
            });
    }
}
