/**
 * What a reference may point at: across contexts only events; a command emits and rejects only its
 * own aggregate's events and errors (`requires … else E` included); a read model's handled events
 * can supply its key.
 */
import { isReference, type AstNode, type Reference, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isEvent, type Command, type EventloomAstType, type ReadModel } from '../generated/ast.js';
import { aggregateOf, contextNameOf, errorsOf, sameType, streamIdsOf, typeToString } from '../model-queries.js';
import { issue, IssueCodes } from './issue-codes.js';
import { kindOf, withArticle } from './messages.js';

export class ReferencesValidator {

    checks(): ValidationChecks<EventloomAstType> {
        return {
            AstNode: this.checkCrossContextTargets,
            Command: this.checkOwnAggregate,
            ReadModel: this.checkKeySupplied
        };
    }

    /**
     * Runs on every node of every declaration validated: the node's properties are read in a plain
     * loop, in the order of `AstUtils.streamReferences` (a stream per node was most of what the
     * check allocated, and slow while the code is not optimized yet, on the first keystrokes).
     */
    checkCrossContextTargets(node: AstNode, accept: ValidationAcceptor): void {
        const properties = node as unknown as Record<string, unknown>;
        for (const property of Object.keys(properties)) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = properties[property];
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    if (isReference(value[index])) this.checkCrossContextTarget(node, value[index] as Reference, property, index, accept);
                }
            } else if (isReference(value)) {
                this.checkCrossContextTarget(node, value, property, undefined, accept);
            }
        }
    }

    private checkCrossContextTarget(node: AstNode, reference: Reference, property: string, index: number | undefined, accept: ValidationAcceptor): void {
        const target = reference.ref;
        if (!target || isEvent(target) || !reference.$refText.includes('.')) return;
        const targetContext = contextNameOf(target);
        if (targetContext === contextNameOf(node)) return;
        accept('error', `'${reference.$refText}' is ${withArticle(kindOf(target))} of context ${targetContext}: another context may only consume its events. ${crossContextAdvice(target)}`, {
            node, property: property as never, index, data: issue(IssueCodes.CrossContextReference)
        });
    }

    checkOwnAggregate(command: Command, accept: ValidationAcceptor): void {
        const aggregate = aggregateOf(command);
        // A name the own aggregate declares too resolved to a duplicate elsewhere: the duplicate
        // is the error to fix, reported on the declarations.
        const ownNames = new Set(aggregate?.members.map(member => 'name' in member ? member.name : undefined));
        command.emits.forEach(emit => {
            const reference = emit.event;
            const event = reference.ref;
            const owner = event && aggregateOf(event);
            if (owner && owner !== aggregate && !ownNames.has(reference.$refText)) {
                accept('error', `${reference.$refText} is an event of aggregate ${owner.name}; command ${command.name} can only emit events of its own aggregate ${aggregate?.name}. Declare the event in ${aggregate?.name}, or react to it with a policy.`, {
                    node: emit, property: 'event', data: issue(IssueCodes.EmitsForeignEvent)
                });
            }
        });
        command.rejects.forEach((reference, index) => {
            const error = reference.ref;
            const owner = error && aggregateOf(error);
            // An error of another context is already reported as a cross-context reference.
            if (owner && owner !== aggregate && contextNameOf(owner) === contextNameOf(command) && !ownNames.has(reference.$refText)) {
                accept('error', `${reference.$refText} is an error of aggregate ${owner.name}; command ${command.name} can only reject with errors of its own aggregate ${aggregate?.name}. Declare the error in ${aggregate?.name}.`, {
                    node: command, property: 'rejects', index, data: issue(IssueCodes.RejectsForeignError)
                });
            }
        });
        // `requires … else E` makes E one of the command's rejections (DESIGN §2b): the same rule.
        for (const requirement of command.requirements) {
            const reference = requirement.error;
            const owner = reference?.ref && aggregateOf(reference.ref);
            if (!owner || owner === aggregate || contextNameOf(owner) !== contextNameOf(command) || ownNames.has(reference.$refText)) continue;
            const own = aggregate ? errorsOf(aggregate).map(error => error.name) : [];
            const instead = own.length > 0
                ? `name one of ${aggregate?.name}'s errors after \`else\` (${own.join(', ')}), or declare a new error in ${aggregate?.name}`
                : `declare an error in ${aggregate?.name} and name it after \`else\``;
            accept('error', `${reference.$refText} is an error of aggregate ${owner.name}; a \`requires\` of command ${command.name} can only reject with an error of its own aggregate ${aggregate?.name}: ${instead}.`, {
                node: requirement, property: 'error', data: issue(IssueCodes.RejectsForeignError)
            });
        }
    }

    /** The key is filled from a same-named event field or from the event's aggregate id. */
    checkKeySupplied(readModel: ReadModel, accept: ValidationAcceptor): void {
        const key = readModel.keys[0];
        if (!key) return;
        const handled = [
            ...readModel.handles.map((reference, index) => ({ reference, node: readModel as AstNode, property: 'handles', index })),
            ...readModel.handlers.flatMap(handler => handler.events.map((reference, index) => ({ reference, node: handler as AstNode, property: 'events', index })))
        ];
        handled.forEach(({ reference, node, property, index }) => {
            const event = reference.ref;
            if (!event) return;
            const field = event.fields.find(f => f.name === key.name);
            const aggregate = aggregateOf(event);
            const streamId = aggregate && streamIdsOf(aggregate).find(id => id.name === key.name);
            const source = field ?? streamId;
            if (source && sameType(source.type, key.type)) return;
            const message = source
                ? `Event ${event.name} has '${key.name}' as ${typeToString(source.type)}, but read model ${readModel.name} keys on '${key.name}: ${typeToString(key.type)}': make the types match.`
                : `Event ${event.name} cannot supply the key '${key.name}' of read model ${readModel.name}: add a field \`${key.name}: ${typeToString(key.type)}\` to the event, or handle it in a read model keyed by ${streamIdName(event)}.`;
            accept('error', message, { node, property: property as never, index, data: issue(IssueCodes.KeyNotSupplied, { key: key.name }) });
        });
    }
}

/** What to do instead of using another context's declaration, by what it is. */
function crossContextAdvice(target: AstNode): string {
    switch (kindOf(target)) {
        case 'type':
        case 'enum':
            return `Declare the ${kindOf(target)} this context needs in this context (contexts share data through event fields, not types).`;
        case 'read model':
            return 'Declare a read model in this context, fed by the events of the other one.';
        default:
            return 'React to one of its events with a policy in this context instead.';
    }
}

function streamIdName(event: AstNode): string {
    const aggregate = aggregateOf(event);
    const id = aggregate && streamIdsOf(aggregate)[0];
    return id ? `its aggregate's id '${id.name}'` : 'a field the event has';
}
