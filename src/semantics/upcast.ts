/**
 * Upcasting (DESIGN §2d): a stored event of an old version becomes the newest version, one step at
 * a time, before anything decides or projects with it. Each step builds the next version's data
 * from the old data alone: the fields an `upcast E from N { … } { mapping }` maps, and the
 * same-named fields of the same type carried over (`FilledField.origin` 'eventField'). An upcast
 * reads only the old event (no `now`, no `newId`, no state): the same stored event always gives
 * the same result.
 */
import { evaluateOrStop } from './evaluate.js';
import type { QualifiedName, UpcastForm } from './form.js';
import { attempt, stop, type Outcome } from './outcome.js';
import { recordValue, type RecordValue, type Value } from './values.js';

/**
 * The data of `event` stored at `version`, upcast to `currentVersion` through the chain; the data
 * as it is when the version is already current. A missing step is a failure, not a guess.
 */
export function upcastData(
    upcasts: readonly UpcastForm[], event: QualifiedName, version: number, currentVersion: number, data: RecordValue
): Outcome<RecordValue> {
    return attempt(() => {
        let record = data;
        for (let from = version; from < currentVersion; from++) {
            const step = upcasts.find(upcast => upcast.event === event && upcast.fromVersion === from);
            if (!step) return stop(`nothing upcasts ${event} from version ${from} to ${from + 1}`);
            record = upcastStep(step, record);
        }
        return record;
    });
}

function upcastStep(step: UpcastForm, old: RecordValue): RecordValue {
    const fields: Array<readonly [string, Value]> = [];
    for (const field of step.fields) {
        const value = evaluateOrStop(field.value, { event: old });
        if (value.kind !== 'absent') fields.push([field.name, value]);
    }
    return recordValue(fields);
}
