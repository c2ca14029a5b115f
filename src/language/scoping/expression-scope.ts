/**
 * What the names inside behaviour expressions and mappings may denote (DESIGN §2b), as ordered
 * lists of declarations: the first of a name wins, so the order is the resolution order.
 * - In a command: its fields, then the state's, then the stream id; `command.` / `state.` force one.
 * - In an `on` block: the event's fields, then the state's (or the document's), then the event's
 *   stream id; `event.` / `state.` force one.
 * - In a policy's `issues`: the triggering event's fields, then its stream id, then the read models
 *   it `reads` (for `R.field`); `event.` forces the first.
 * - In an upcast's mapping: the old version's fields.
 * Enum members of the context come last everywhere (`status == Open`), those of the enum the
 * position expects first.
 * Members (`amount.currency`, `R.balance`, `Currency.EUR`) come from the receiver's type; mapping
 * keys from the event, error or command the mapping builds (an upcast: the version it produces);
 * assignment targets from the state or document.
 */
import { AstUtils, type AstNode } from 'langium';
import {
    isBinaryExpression, isEmit, isEnum, isEventHandler, isFieldAssignment, isInExpression, isIssuedCommand, isMapping, isMappingEntry,
    isRequirement, isUpcast,
    type Enum, type Expression, type FieldAssignment, type Mapping, type MemberAccess, type NameExpression
} from '../generated/ast.js';
import { assignableFieldsOf, behaviourSiteOf, eventFieldsOf, eventStreamIdsOf, recordFieldsOf, type BehaviourSite } from '../behaviour-site.js';
import { aggregateOf, producedFieldsOf, stateFieldsOf, streamIdsOf } from '../model-queries.js';
import { expectedTypeOf, typeOf } from '../typing/type-of.js';
import { required } from '../typing/types.js';

/**
 * The declarations a plain or qualified name in an expression may resolve to, in priority order:
 * `first`, then, when `withEnums`, the context's enum members and enums (see ContextEnums).
 */
export function namesInScope(name: NameExpression): { first: AstNode[]; expectedEnum?: Enum; withEnums: boolean } {
    const site = behaviourSiteOf(name);
    if (name.qualifier) return { first: site ? qualifiedNames(site, name.qualifier) : [], withEnums: false };
    const expectedEnum = expectedEnumOf(name);
    return { first: [...(site ? qualifiedNames(site, undefined) : []), ...(expectedEnum?.members ?? [])], expectedEnum, withEnums: true };
}

function qualifiedNames(site: BehaviourSite, qualifier: NameExpression['qualifier']): AstNode[] {
    switch (site.kind) {
        case 'command': {
            const state = site.aggregate ? stateFieldsOf(site.aggregate) : [];
            if (qualifier === 'command') return site.command.fields;
            if (qualifier === 'state') return state;
            if (qualifier === 'event') return [];
            return [...site.command.fields, ...state, ...(site.aggregate ? streamIdsOf(site.aggregate) : [])];
        }
        case 'evolve':
        case 'projection': {
            if (qualifier === 'event') return eventFieldsOf(site);
            if (qualifier === 'state') return recordFieldsOf(site);
            if (qualifier === 'command') return [];
            return [...eventFieldsOf(site), ...recordFieldsOf(site), ...eventStreamIdsOf(site)];
        }
        case 'policy': {
            if (qualifier === 'event') return eventFieldsOf(site);
            if (qualifier) return [];
            const reads = site.policy.reads.map(reference => reference.ref).filter(readModel => readModel !== undefined);
            return [...eventFieldsOf(site), ...eventStreamIdsOf(site), ...reads];
        }
        case 'upcast':
            return qualifier ? [] : site.upcast.fields;
    }
}

/**
 * The enum a name is compared with or assigned to, when that is known without resolving the name
 * itself: the left side of `==` / `!=`, the value of `x in [ … ]`, a mapping entry's or an
 * assignment's field. (The left side only: asking the right side from the left would make each
 * side's resolution wait for the other.)
 */
function expectedEnumOf(name: NameExpression): Enum | undefined {
    const container = name.$container;
    let type;
    if (isBinaryExpression(container) && container.right === name) type = typeOf(container.left);
    else if (isInExpression(container) && container.candidates.includes(name)) type = typeOf(container.value);
    else type = expectedTypeOf(name);
    const base = type && required(type);
    return base?.kind === 'enum' ? base.enum : undefined;
}

/** `amount.currency`: the fields of the receiver's value type, read model, or an enum's members. */
export function membersInScope(access: MemberAccess): AstNode[] {
    const receiver = required(typeOf(access.receiver));
    if (receiver.kind === 'value') return receiver.valueType.fields;
    if (receiver.kind === 'document') return [...receiver.readModel.keys, ...receiver.readModel.fields];
    if (receiver.kind === 'enumName') return receiver.enum.members;
    return [];
}

/** The fields a mapping may set: the emitted event's, the error's, the issued command's (and its stream id), the new version's. */
export function mappingFields(mapping: Mapping): AstNode[] {
    const owner = mapping.$container;
    if (isEmit(owner)) return owner.event?.ref?.fields ?? [];
    if (isRequirement(owner)) return owner.error?.ref?.fields ?? [];
    if (isIssuedCommand(owner)) {
        const command = owner.command?.ref;
        const aggregate = command && aggregateOf(command);
        return command ? [...command.fields, ...(aggregate ? streamIdsOf(aggregate) : [])] : [];
    }
    // The version the upcast produces, which may differ from the newest (`from 1` builds version 2).
    if (isUpcast(owner)) return [...producedFieldsOf(owner)];
    // A value of a value type inside an expression: the type its position expects.
    const expected = isMappingEntry(owner) || isFieldAssignment(owner) || isMapping(owner) ? expectedTypeOf(mapping as Expression) : undefined;
    const base = expected && required(expected);
    return base?.kind === 'value' ? base.valueType.fields : [];
}

/** The fields an `on` block's assignment may set. */
export function assignmentTargets(assignment: FieldAssignment): AstNode[] {
    // Completion asks with a stand-in assignment whose container is whatever node the cursor is in.
    const handler = AstUtils.getContainerOfType(assignment, isEventHandler);
    return handler ? assignableFieldsOf(handler) : [];
}

/** Every enum of a list of declarations (the context's, from the scope's global index). */
export function enumsAmong(nodes: Iterable<AstNode | undefined>): Enum[] {
    return [...nodes].filter((node): node is Enum => isEnum(node));
}
