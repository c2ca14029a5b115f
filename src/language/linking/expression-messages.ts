/**
 * What an unresolved name inside behaviour (DESIGN §2b) says: where it was looked for, in the
 * order names resolve there, and what may be written instead.
 */
import {
    isEmit, isIssuedCommand, isMapping, isRequirement, isUpcast,
    type FieldAssignment, type MappingEntry, type MemberAccess, type NameExpression
} from '../generated/ast.js';
import { behaviourSiteOf } from '../behaviour-site.js';
import { typeOf } from '../typing/type-of.js';
import { required, typeName } from '../typing/types.js';

export function unresolvedInExpression(node: NameExpression | MemberAccess | MappingEntry | FieldAssignment, text: string, candidates: readonly string[]): string {
    const listed = (names: readonly string[], what: string) => names.length ? ` ${what}: ${names.join(', ')}.` : '';
    switch (node.$type) {
        case 'NameExpression': {
            const where = lookedIn(node);
            const fields = candidates.filter(name => !/^[A-Z]/.test(name));
            return `Unknown name '${text}': it is not ${where}, nor an enum member of this context.${listed(fields, 'Names here')}`;
        }
        case 'MemberAccess': {
            const receiver = required(typeOf(node.receiver));
            if (receiver.kind === 'unknown') return `Unknown field '${text}'.`;
            if (receiver.kind !== 'value' && receiver.kind !== 'document' && receiver.kind !== 'enumName') {
                return `'${node.receiver.$cstNode?.text ?? 'This'}' is ${typeName(receiver)}, which has no fields: remove '.${text}'.`;
            }
            return `${capitalize(typeName(receiver))} has no ${receiver.kind === 'enumName' ? 'member' : 'field'} '${text}'.${listed(candidates, receiver.kind === 'enumName' ? 'Its members' : 'Its fields')}`;
        }
        case 'MappingEntry': {
            const owner = isMapping(node.$container) ? node.$container.$container : undefined;
            // After a parse error the clause may have lost its target's name: say so, not "has no field".
            const [kind, reference] = isEmit(owner) ? ['event', owner.event]
                : isRequirement(owner) ? ['error', owner.error]
                    : isIssuedCommand(owner) ? ['command', owner.command]
                        : isUpcast(owner) ? ['event', owner.event] : ['value', undefined];
            if (owner && !reference?.$refText) return `'${text}' cannot be checked: name the ${kind} before \`{\`, then map its fields.`;
            const target = owner && reference ? `${kind} ${reference.$refText}` : 'this value';
            return `${capitalize(target)} has no field '${text}': map only its fields, or add \`${text}: Type\` to it.${listed(candidates, 'Its fields')}`;
        }
        case 'FieldAssignment': {
            const container = node.$container.$container;
            const record = container.$type === 'Aggregate' ? `the state of aggregate ${container.name}` : `read model ${container.name}`;
            const declare = container.$type === 'Aggregate' ? `declare it in \`state { ${text}: Type }\`` : `declare the field \`${text}: Type\` in the read model`;
            return `'${text}' is not a field of ${record}: an \`on\` block assigns only those; ${declare}.${listed(candidates, 'Its fields')}`;
        }
    }
}

/** "a field of command Withdraw, of the state of BankAccount or its stream id", by the site's resolution order. */
function lookedIn(name: NameExpression): string {
    const site = behaviourSiteOf(name);
    if (!site) return 'a name known here';
    switch (site.kind) {
        case 'command':
            if (name.qualifier === 'command') return `a field of command ${site.command.name}`;
            if (name.qualifier === 'state') return `a field of the state of ${site.aggregate?.name ?? 'the aggregate'}`;
            if (name.qualifier === 'event') return 'available: a command has no event yet (use `command.` or `state.`)';
            return `a field of command ${site.command.name}, of the state of ${site.aggregate?.name ?? 'its aggregate'} or its stream id`;
        case 'evolve':
        case 'projection': {
            const events = site.handler.events.map(e => e.$refText).join(', ');
            const record = site.kind === 'evolve' ? `the state of ${site.aggregate.name}` : `the document of ${site.readModel.name}`;
            if (name.qualifier === 'event') return `a field of ${events}`;
            if (name.qualifier === 'state') return `a field of ${record}`;
            if (name.qualifier === 'command') return 'available: an `on` block sees the event, not a command (use `event.` or `state.`)';
            return `a field of ${events}, of ${record} or the event's stream id`;
        }
        case 'policy': {
            const events = site.policy.triggers.map(e => e.$refText).join(', ');
            if (name.qualifier === 'event') return `a field of ${events}`;
            if (name.qualifier) return 'available: a policy sees its event (use `event.`) and the read models it `reads`';
            return `a field of ${events}, the event's stream id, or a read model the policy \`reads\``;
        }
        case 'upcast':
            return `a field of version ${site.upcast.fromVersion} of ${site.upcast.event?.$refText ?? 'the event'}`;
    }
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
