/**
 * How `<out>/app.ts` reads old events (DESIGN §2d, §8): the aggregates and projections that meet a
 * versioned event read every stored event through its context's `upcast<Context>Event` and the
 * aggregates append with `with<Context>SchemaVersion`, so that evolve, decide, projections and
 * policies see only the newest shape, and an event written by the newest code is never upcast again.
 */
import type { Aggregate, Event, ReadModel } from '../language/generated/ast.js';
import { contextNameOf, eventsOf, handledEventsOf } from '../language/model-queries.js';
import { versionNumber } from '../semantics/evolution/stored-shape.js';
import { upcastNames } from './upcasts-file.js';

/** The contexts (sorted) whose versioned events are among these: their upcasts are the ones that apply. */
function contextsWithVersions(events: readonly Event[]): string[] {
    return [...new Set(events.filter(event => versionNumber(event.version) >= 2).map(contextNameOf))].sort();
}

/** The members an aggregate's definition gets (`upcast`, `withSchemaVersion`), none when no event of it has versions. */
export function aggregateUpcasting(aggregate: Aggregate, namespaceOf: (context: string) => string): string[] {
    const [context] = contextsWithVersions(eventsOf(aggregate));
    if (!context) return [];
    const names = upcastNames(context);
    return [`        upcast: ${namespaceOf(context)}.${names.upcast}, withSchemaVersion: ${namespaceOf(context)}.${names.withVersion},`];
}

/**
 * The `upcast` member of a read model's projection entry, or '' when it handles no versioned event.
 * A read model may handle events of several contexts: each context's upcast passes the others' events through.
 */
export function projectionUpcasting(readModel: ReadModel, namespaceOf: (context: string) => string): string {
    const contexts = contextsWithVersions(handledEventsOf(readModel));
    if (contexts.length === 0) return '';
    const calls = contexts.map(context => `${namespaceOf(context)}.${upcastNames(context).upcast}`);
    if (calls.length === 1) return `, upcast: ${calls[0]}`;
    return `, upcast: (event: Parameters<typeof ${calls[0]}>[0]) => ${calls.reduce((inner, call) => `${call}(${inner})`, 'event')}`;
}
