/**
 * A scenario of the AST as a `ScenarioForm`. Unresolved names are kept as written (qualified with
 * the scenario's context), so that the runner skips the scenario saying what is missing. `given`
 * and `when` data are complete values (value-type and declared defaults filled in); `then` and
 * `expect` data are patterns, exactly as written.
 */
import type { Reference } from 'langium';
import type { Command, DomainError, Event, ReadModel, Scenario } from '../../language/generated/ast.js';
import { contextNameOf, eventDataFields, oldVersionOf } from '../../language/model-queries.js';
import { qualifiedName, type EventDataForm, type QualifiedName, type ScenarioForm } from '../form.js';
import { EMPTY_RECORD } from '../values.js';
import { nameOf, objectValue } from './build-types.js';
import { Unbuildable } from './unbuildable.js';

export function scenarioForm(scenario: Scenario): ScenarioForm {
    const context = contextNameOf(scenario);
    // The reference read once: each read of `ref` is a getter and a resolver call.
    const nameIn = (reference: Reference<Event | Command | DomainError | ReadModel> | undefined): QualifiedName => {
        const target = reference?.ref;
        return target ? nameOf(target) : qualifiedName(context, reference?.$refText ?? '');
    };
    // Its description did not parse (the parser says so); a run would need it for the stream id.
    if (scenario.name === undefined) return { name: '', context, given: [], expects: [], source: scenario, unrunnable: 'it has no description' };
    try {
        const given = scenario.given.map((data): EventDataForm => ({
            event: nameIn(data.event), version: oldVersionOf(data),
            data: objectValue(data.data, { withDefaults: true }, eventDataFields(data)), source: data
        }));
        const when = scenario.when ? {
            command: nameIn(scenario.when.command),
            data: objectValue(scenario.when.data, { withDefaults: true }, scenario.when.command?.ref?.fields ?? []),
            source: scenario.when
        } : undefined;
        const then = scenario.rejected
            ? { kind: 'rejected' as const, error: nameIn(scenario.rejection), data: scenario.rejectionData ? objectValue(scenario.rejectionData, { withDefaults: false }) : EMPTY_RECORD, source: scenario }
            : scenario.then.length > 0
                ? {
                    kind: 'events' as const, source: scenario,
                    events: scenario.then.map(data => ({ event: nameIn(data.event), data: objectValue(data.data, { withDefaults: false }), source: data }))
                }
                : undefined;
        const expects = scenario.expectations.map(expectation => ({
            readModel: nameIn(expectation.readModel), none: expectation.absent,
            data: objectValue(expectation.data, { withDefaults: false }), source: expectation
        }));
        return {
            name: scenario.name, context, given, when, then, expects, source: scenario
        };
    } catch (error) {
        if (!(error instanceof Unbuildable)) throw error;
        return { name: scenario.name, context, given: [], expects: [], source: scenario, unrunnable: `its data is incomplete (${error.message})` };
    }
}
