/**
 * Warnings for flows that look unfinished: an event nothing emits, a read model fed by no event.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Event, EventloomAstType, ReadModel } from '../generated/ast.js';
import { aggregateOf, isEmittedInItsAggregate } from '../model-queries.js';
import { issue, IssueCodes } from './issue-codes.js';

export class FlowValidator {

    checks(): ValidationChecks<EventloomAstType> {
        return { Event: this.checkEventEmitted, ReadModel: this.checkReadModelFed };
    }

    /** Only commands of the event's own aggregate may emit it (an error otherwise), so look there. */
    checkEventEmitted(event: Event, accept: ValidationAcceptor): void {
        const aggregate = aggregateOf(event);
        if (!aggregate) return;
        if (!isEmittedInItsAggregate(event, aggregate)) {
            accept('warning', `No command emits ${event.name}: add it to the \`emits\` of a command of ${aggregate.name}, or remove the event.`, {
                node: event, property: 'name', data: issue(IssueCodes.EventNeverEmitted, { event: event.name, aggregate: aggregate.name })
            });
        }
    }

    checkReadModelFed(readModel: ReadModel, accept: ValidationAcceptor): void {
        if (readModel.handles.length === 0 && readModel.handlers.length === 0) {
            accept('warning', `Read model ${readModel.name} handles no events, so it stays empty: add \`on EventName\` with the events that fill it.`, {
                node: readModel, property: 'name', data: issue(IssueCodes.ReadModelWithoutEvents)
            });
        }
    }
}
