/**
 * `initialState` and `evolve(state, event)` of a modelled aggregate: every `on` block naming the
 * event applies its assignments, in declaration order; an event without a block leaves the state
 * as it is. Nothing is copied implicitly.
 */
import { applyAssignments } from './assignments.js';
import type { Message } from './decide.js';
import type { AggregateForm, EvolveHandlerForm } from './form.js';
import { recordFromDefaults } from './initial-record.js';
import { attempt, type Outcome } from './outcome.js';
import type { RecordValue } from './values.js';

export interface Evolved {
    readonly state: RecordValue;
    /** The `on` blocks that applied (none: the event leaves the state unchanged). */
    readonly appliedBy: readonly EvolveHandlerForm[];
}

export function initialState(aggregate: AggregateForm): RecordValue {
    return recordFromDefaults(aggregate.state);
}

export function evolve(aggregate: AggregateForm, state: RecordValue, event: Message, streamId: string): Outcome<Evolved> {
    return attempt(() => {
        const handlers = aggregate.evolve.filter(handler => handler.events.includes(event.type));
        let current = state;
        for (const handler of handlers) {
            current = applyAssignments(handler.assignments, current,
                record => ({ event: event.data, state: record, streamId })).record;
        }
        return { state: current, appliedBy: handlers };
    });
}
