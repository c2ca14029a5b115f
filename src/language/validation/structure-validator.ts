/**
 * The shape of declarations: a file starts with its context, an aggregate has exactly one stream
 * id, a command says what it emits, a policy says what it reacts to and what it issues.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Aggregate, Command, Event, EventloomAstType, Model, Policy, ReadModel } from '../generated/ast.js';
import { streamIdsOf } from '../model-queries.js';
import { camelCase } from '../typescript-names.js';
import { issue, IssueCodes } from './issue-codes.js';

/** Types a stream id or read-model key can have: they end up in stream names and document ids. */
const ID_TYPES = new Set(['uuid', 'string', 'int']);

export class StructureValidator {

    checks(): ValidationChecks<EventloomAstType> {
        return {
            Model: this.checkContextFirst,
            Aggregate: this.checkOneStreamId,
            Command: this.checkEmits,
            Event: this.checkVersion,
            ReadModel: this.checkOneKey,
            Policy: this.checkPolicyEnds
        };
    }

    checkContextFirst(model: Model, accept: ValidationAcceptor): void {
        if (model.context) {
            for (const extra of model.misplacedContexts) {
                accept('error', `This file already belongs to context ${model.context.name}: a file has exactly one \`context\` line. Remove this one, or move the declarations below it into a file of their own.`, {
                    node: extra, property: 'name', data: issue(IssueCodes.MisplacedContext)
                });
            }
            return;
        }
        const [misplaced, ...extras] = model.misplacedContexts;
        if (misplaced) {
            accept('error', '`context` must be the first declaration of the file: move it to the top.', {
                node: misplaced, property: 'name', data: issue(IssueCodes.MisplacedContext)
            });
            for (const extra of extras) {
                accept('error', `This file already belongs to context ${misplaced.name}: a file has exactly one \`context\` line. Remove this one.`, {
                    node: extra, property: 'name', data: issue(IssueCodes.MisplacedContext)
                });
            }
            return;
        }
        const first = model.elements[0];
        const message = 'This file has no bounded context: start it with `context Name` (for example `context Banking`).';
        if (first) accept('error', message, { node: first, property: 'name', data: issue(IssueCodes.MissingContext) });
        else accept('error', message, { node: model, data: issue(IssueCodes.MissingContext) });
    }

    checkOneStreamId(aggregate: Aggregate, accept: ValidationAcceptor): void {
        const ids = streamIdsOf(aggregate);
        if (ids.length === 0 && aggregate.name) {
            accept('error', `Aggregate ${aggregate.name} has no stream id: add one line \`id ${camelCase(aggregate.name)}Id: uuid\` to it.`, {
                node: aggregate, property: 'name', data: issue(IssueCodes.MissingStreamId, { aggregate: aggregate.name })
            });
        }
        for (const extra of ids.slice(1)) {
            accept('error', `Aggregate ${aggregate.name} already has the stream id '${ids[0].name}': an aggregate has exactly one. Remove this one or make it a state field.`, {
                node: extra, property: 'name', data: issue(IssueCodes.ExtraStreamId)
            });
        }
        for (const id of ids) {
            // Without a type (a parse error) there is nothing to check yet.
            if (id.type && (!id.type.primitive || id.type.list || !ID_TYPES.has(id.type.primitive))) {
                accept('error', `A stream id must be a uuid, string or int (it names the event stream); '${id.name}' is not.`, {
                    node: id, property: 'type', data: issue(IssueCodes.InvalidIdType)
                });
            }
        }
    }

    checkEmits(command: Command, accept: ValidationAcceptor): void {
        if (command.emits.length === 0) {
            accept('error', `Command ${command.name} emits nothing: add \`emits EventName\` with the event(s) it records.`, {
                node: command, property: 'name', data: issue(IssueCodes.MissingEmits, { command: command.name })
            });
        }
    }

    checkVersion(event: Event, accept: ValidationAcceptor): void {
        if (event.version !== undefined && !/^[1-9][0-9]*$/.test(event.version)) {
            accept('error', `An event version is a whole number from 1 up; '${event.version}' is not.`, {
                node: event, property: 'version', data: issue(IssueCodes.InvalidVersion)
            });
        }
    }

    checkOneKey(readModel: ReadModel, accept: ValidationAcceptor): void {
        for (const extra of readModel.keys.slice(1)) {
            accept('error', `Read model ${readModel.name} already has the key '${readModel.keys[0].name}': a read model has at most one key. Make this a plain field.`, {
                node: extra, property: 'name', data: issue(IssueCodes.ExtraReadModelKey)
            });
        }
        for (const key of readModel.keys) {
            if (key.type && (!key.type.primitive || key.type.list || !ID_TYPES.has(key.type.primitive))) {
                accept('error', `A read-model key must be a uuid, string or int (it identifies the document); '${key.name}' is not.`, {
                    node: key, property: 'type', data: issue(IssueCodes.InvalidIdType)
                });
            }
        }
    }

    checkPolicyEnds(policy: Policy, accept: ValidationAcceptor): void {
        if (policy.triggers.length === 0) {
            accept('error', `Policy ${policy.name} reacts to nothing: add \`on EventName\` with the event(s) that trigger it.`, {
                node: policy, property: 'name', data: issue(IssueCodes.PolicyWithoutTrigger)
            });
        }
        if (policy.issues.length === 0) {
            accept('error', `Policy ${policy.name} issues no command: add \`issues CommandName\` with the command(s) it sends.`, {
                node: policy, property: 'name', data: issue(IssueCodes.PolicyWithoutCommand)
            });
        }
    }
}
