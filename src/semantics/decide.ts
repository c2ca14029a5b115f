/**
 * `decide(command, state, context)`: a modelled command's decision, as DESIGN §2b defines it. The
 * `requires` guards are checked in order against the command and the current state; the first
 * that fails rejects with its error (fields filled by `errorFields`); when all hold, every `emits`
 * builds its event, in order. A command the model does not determine is not decided here at all:
 * its rules are hand-written, and guessing them would make a scenario pass or fail for nothing.
 */
import { evaluateOrStop, type Scope } from './evaluate.js';
import type { CommandForm, EmitForm, FilledField, QualifiedName, RequiresForm } from './form.js';
import { attempt, stop, type EvaluationFailure } from './outcome.js';
import type { RunContext } from './run-context.js';
import { formatValue, recordValue, type RecordValue, type Value } from './values.js';

/** An event or rejection as data: its qualified name and its fields. */
export interface Message {
    readonly type: QualifiedName;
    readonly data: RecordValue;
}

export type Decision =
    /** The events the command emits, each with the `emits` clause that built it. */
    | { readonly kind: 'accepted'; readonly events: readonly Message[]; readonly emittedBy: readonly EmitForm[] }
    /** The rejection, with the `requires` whose condition failed. */
    | { readonly kind: 'rejected'; readonly rejection: Message; readonly decidedBy: RequiresForm }
    | { readonly kind: 'handWritten'; readonly reasons: readonly string[] }
    | { readonly kind: 'failed'; readonly failure: EvaluationFailure };

export function decide(command: CommandForm, data: RecordValue, state: RecordValue, context: RunContext): Decision {
    if (!command.modelled) return { kind: 'handWritten', reasons: command.handWrittenBecause };
    const scope: Scope = { command: data, state, streamId: context.streamId, run: context };
    const outcome = attempt((): Decision => {
        for (const guard of command.requires) {
            const holds = evaluateOrStop(guard.condition, scope);
            if (holds.kind !== 'boolean') return stop(`a requires must be true or false, got ${formatValue(holds)}`, guard.condition.source);
            if (!holds.value) {
                return { kind: 'rejected', rejection: { type: guard.error, data: filled(guard.errorFields, scope) }, decidedBy: guard };
            }
        }
        const events = command.emits.map(emit => ({ type: emit.event, data: filled(emit.fields, scope) }));
        return { kind: 'accepted', events, emittedBy: command.emits };
    });
    return outcome.ok ? outcome.value : { kind: 'failed', failure: outcome.failure };
}

/** A record of the filled fields, evaluated in their order (which decides who gets which `newId`). */
export function filled(fields: readonly FilledField[], scope: Scope): RecordValue {
    const entries: Array<readonly [string, Value]> = [];
    for (const field of fields) entries.push([field.name, evaluateOrStop(field.value, scope)]);
    return recordValue(entries);
}
