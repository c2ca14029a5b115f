/**
 * What the board reads from the AST, in one place: the few questions it asks of commands,
 * policies, read models and scenarios. When the language grows, only this file follows it.
 */
import type { Reference } from 'langium';
import type { Aggregate, Command, DomainError, Event, Policy, ReadModel, Scenario } from '../../language/generated/ast.js';
import { commandsOf, contextNameOf } from '../../language/model-queries.js';

export function emittedEvents(command: Command): Event[] {
    return command.emits.flatMap(emit => emit.event?.ref ? [emit.event.ref] : []);
}

export function issuedCommands(policy: Policy): Command[] {
    return policy.issues.flatMap(issued => issued.command?.ref ? [issued.command.ref] : []);
}

export function triggeringEvents(policy: Policy): Event[] {
    return policy.triggers.flatMap(reference => reference.ref ? [reference.ref] : []);
}

/** The events a read model handles: `on A, B` and the events of its `on … { }` blocks. */
export function projectedEvents(readModel: ReadModel): Event[] {
    const references = [...readModel.handles, ...readModel.handlers.flatMap(handler => handler.events)];
    return [...new Set(references.flatMap(reference => reference.ref ? [reference.ref] : []))];
}

export interface ScenarioParts {
    given: Event[];
    when?: Command;
    then: Event[];
    rejection?: DomainError;
    /** The read models named by `expect` (also `expect no R`). */
    expected: ReadModel[];
}

export function scenarioParts(scenario: Scenario): ScenarioParts {
    const given = scenario.given.flatMap(data => data.event?.ref ? [data.event.ref] : []);
    const then = scenario.then.flatMap(data => data.event?.ref ? [data.event.ref] : []);
    const when = scenario.when?.command?.ref;
    const rejection = scenario.rejected ? scenario.rejection?.ref : undefined;
    const expected = [...new Set(scenario.expectations.flatMap(expectation => expectation.readModel?.ref ? [expectation.readModel.ref] : []))];
    return { given, then, expected, ...(when ? { when } : {}), ...(rejection ? { rejection } : {}) };
}

/** The aggregate a scenario is about: its command's, else its first given event's. */
export function scenarioAggregate(parts: ScenarioParts): Aggregate | undefined {
    return parts.when?.$container ?? parts.given[0]?.$container;
}

/**
 * The contexts, besides its own, whose declarations a context's part of the board may show: those
 * its references reach, and those a reference names but does not reach yet (`Other.Event` before
 * Other declares it), whose next change may complete it. Built from every reference read above.
 */
export function contextsReferenced(declarations: { aggregates: readonly Aggregate[]; policies: readonly Policy[]; readModels: readonly ReadModel[]; scenarios: readonly Scenario[] }): Set<string> {
    const contexts = new Set<string>();
    const add = (reference: Reference | undefined) => {
        if (!reference) return;
        const target = reference.ref;
        if (target) contexts.add(contextNameOf(target));
        else if (reference.$refText.includes('.')) contexts.add(reference.$refText.slice(0, reference.$refText.indexOf('.')));
    };
    for (const aggregate of declarations.aggregates) {
        for (const command of commandsOf(aggregate)) command.emits.forEach(emit => add(emit.event));
    }
    for (const policy of declarations.policies) {
        policy.triggers.forEach(add);
        policy.issues.forEach(issued => add(issued.command));
    }
    for (const readModel of declarations.readModels) {
        readModel.handles.forEach(add);
        readModel.handlers.forEach(handler => handler.events.forEach(add));
    }
    for (const scenario of declarations.scenarios) {
        scenario.given.forEach(data => add(data.event));
        scenario.then.forEach(data => add(data.event));
        add(scenario.when?.command);
        add(scenario.rejection);
        scenario.expectations.forEach(expectation => add(expectation.readModel));
    }
    return contexts;
}
