/**
 * What the board reads from the AST, in one place: the few questions it asks of commands,
 * policies, read models and scenarios. When the language grows (rules, `expect`), only this file
 * follows it.
 */
import type { Aggregate, Command, DomainError, Event, Policy, ReadModel, Scenario } from '../../language/generated/ast.js';

export function emittedEvents(command: Command): Event[] {
    return command.emits.flatMap(reference => reference.ref ? [reference.ref] : []);
}

export function issuedCommands(policy: Policy): Command[] {
    return policy.issues.flatMap(reference => reference.ref ? [reference.ref] : []);
}

export function triggeringEvents(policy: Policy): Event[] {
    return policy.triggers.flatMap(reference => reference.ref ? [reference.ref] : []);
}

export function projectedEvents(readModel: ReadModel): Event[] {
    return readModel.handles.flatMap(reference => reference.ref ? [reference.ref] : []);
}

export interface ScenarioParts {
    given: Event[];
    when?: Command;
    then: Event[];
    rejection?: DomainError;
}

export function scenarioParts(scenario: Scenario): ScenarioParts {
    const given = scenario.given.flatMap(data => data.event.ref ? [data.event.ref] : []);
    const then = scenario.then.flatMap(data => data.event.ref ? [data.event.ref] : []);
    const when = scenario.when?.command.ref;
    const rejection = scenario.rejected ? scenario.rejection?.ref : undefined;
    return { given, then, ...(when ? { when } : {}), ...(rejection ? { rejection } : {}) };
}

/** The aggregate a scenario is about: its command's, else its first given event's. */
export function scenarioAggregate(parts: ScenarioParts): Aggregate | undefined {
    return parts.when?.$container ?? parts.given[0]?.$container;
}
