/**
 * Given / When / Then scenarios describe one aggregate: the `given` history is of the aggregate
 * that handles the `when` command, and the `then` outcome is something that command can produce.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { EventloomAstType, Scenario } from '../generated/ast.js';
import { aggregateOf, emittedEventReferences, rejectionReferences } from '../model-queries.js';
import { issue, IssueCodes } from './issue-codes.js';

export class ScenarioValidator {

    checks(): ValidationChecks<EventloomAstType> {
        return { Scenario: this.checkScenario };
    }

    checkScenario(scenario: Scenario, accept: ValidationAcceptor): void {
        // After a parse error any part may be missing: `when` without its command, a `given` without its event.
        const command = scenario.when?.command?.ref;
        if (!command) return;
        const aggregate = aggregateOf(command);
        for (const given of scenario.given) {
            const event = given.event?.ref;
            const owner = event && aggregateOf(event);
            if (owner && owner !== aggregate) {
                accept('error', `${event.name} is an event of aggregate ${owner.name}, but ${command.name} is handled by ${aggregate?.name}: the \`given\` history must be events of ${aggregate?.name}.`, {
                    node: given, property: 'event', data: issue(IssueCodes.GivenEventOfOtherAggregate)
                });
            }
        }
        for (const then of scenario.then) {
            const event = then.event?.ref;
            const emitted = emittedEventReferences(command);
            if (event && !emitted.some(reference => reference.ref === event)) {
                const emits = emitted.map(e => e.$refText).join(', ') || 'nothing';
                accept('error', `${command.name} does not emit ${event.name} (it emits ${emits}): expect one of those, or add ${event.name} to its \`emits\`.`, {
                    node: then, property: 'event', data: issue(IssueCodes.ThenEventNotEmitted)
                });
            }
        }
        const rejection = scenario.rejection?.ref;
        const rejections = rejectionReferences(command);
        if (scenario.rejected && rejection && !rejections.some(rejected => rejected.ref === rejection)) {
            const rejects = rejections.map(e => e.$refText).join(', ');
            accept('error', rejects
                ? `${command.name} does not reject with ${rejection.name} (it rejects ${rejects}): expect one of those, or add ${rejection.name} to its \`rejects\`.`
                : `${command.name} declares no rejections: add \`rejects ${rejection.name}\` to the command.`, {
                node: scenario, property: 'rejection', data: issue(IssueCodes.RejectionNotDeclared)
            });
        }
    }
}
