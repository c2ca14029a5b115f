/**
 * Policies (DESIGN §2b): for a triggering event, each reaction of the policy whose condition holds
 * issues its command, with its data and target stream filled as the form says. `reads R` makes R's
 * document for the event's key available as `R.field`, as projected WITH the triggering event:
 * an Event Modeling automation reads its to-do list with the item the event put on it (the app's
 * projections are committed with the event, before its policies run). Before any event created
 * that document the policy sees a fresh one (its defaults), as an automation sees an empty list.
 */
import { evaluateOrStop, type Scope } from './evaluate.js';
import { filled, type Message } from './decide.js';
import type { PolicyForm, PolicyReactionForm, QualifiedName, ReadModelForm } from './form.js';
import { attempt, stop, type Outcome } from './outcome.js';
import { decimalToString } from './decimal.js';
import { fieldOf, formatValue, type RecordValue, type Value } from './values.js';
import { freshDocument, keyValues } from './project.js';

export interface IssuedCommand {
    readonly type: QualifiedName;
    readonly data: RecordValue;
    /** The target aggregate's stream id, when the reaction fills it. */
    readonly streamId?: string;
    readonly issuedBy: PolicyReactionForm;
}

export interface PolicyInputs {
    /** The triggering event's stream id. */
    readonly streamId: string;
    readonly readModel: (name: QualifiedName) => ReadModelForm | undefined;
    /** The read model's document for the key as projected with the triggering event, if there is one. */
    readonly document: (readModel: ReadModelForm, keys: RecordValue) => RecordValue | undefined;
    /** Fresh ids, for `newId` in a mapping (a command that starts a new aggregate). */
    readonly newId?: () => string;
}

export function react(policy: PolicyForm, event: Message, inputs: PolicyInputs): Outcome<readonly IssuedCommand[]> {
    return attempt(() => {
        const issued: IssuedCommand[] = [];
        for (const reaction of policy.reactions) {
            if (reaction.trigger !== event.type) continue;
            const scope: Scope = { event: event.data, streamId: inputs.streamId, reads: readDocuments(reaction, event, inputs), run: { newId: inputs.newId } };
            if (reaction.condition) {
                const holds = evaluateOrStop(reaction.condition, scope);
                if (holds.kind !== 'boolean') stop(`an 'if' must be true or false, got ${formatValue(holds)}`, reaction.condition.source);
                if (!holds.value) continue;
            }
            const data = filled(reaction.fields, scope);
            // An id that is a field of the command is the data's (evaluated once: `newId` draws once).
            const target = !reaction.targetStreamId ? undefined
                : reaction.fields.some(field => field.name === reaction.targetStreamId!.name) ? fieldOf(data, reaction.targetStreamId.name)
                : evaluateOrStop(reaction.targetStreamId.value, scope);
            issued.push({ type: reaction.command, data, streamId: target ? streamIdText(target) : undefined, issuedBy: reaction });
        }
        return issued;
    });
}

/** A stream id as text: a string as it is, a number as its decimal digits, an enum as its member; nothing for an absent value. */
function streamIdText(value: Value): string | undefined {
    switch (value.kind) {
        case 'string': return value.value;
        case 'number': return decimalToString(value.value);
        case 'enum': return value.member;
        default: return undefined;
    }
}

function readDocuments(reaction: PolicyReactionForm, event: Message, inputs: PolicyInputs): Map<QualifiedName, RecordValue> {
    const documents = new Map<QualifiedName, RecordValue>();
    for (const read of reaction.reads) {
        const readModel = inputs.readModel(read.readModel);
        if (!readModel) stop(`the read model ${read.readModel} is not in the model`, reaction.source);
        const keys = keyValues(read.keys, event, inputs.streamId);
        documents.set(read.readModel, inputs.document(readModel, keys) ?? freshDocument(readModel, keys));
    }
    return documents;
}
