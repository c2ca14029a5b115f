/**
 * Completion of names inside behaviour (DESIGN §2b), as the user reads them: each name once (the
 * one it resolves to, so a shadowed state field is not offered beside the command field that hides
 * it), in resolution order; where the position expects a type, what fits it first; enum members
 * only where an enum is expected (that enum's), or last where nothing is; a mapping's fields not
 * mapped yet; the qualifiers that mean something at that place. Pure over the AST and the scope's
 * candidates.
 */
import { AstUtils, type AstNode, type AstNodeDescription } from 'langium';
import {
    isBinaryExpression, isCommand, isDomainError, isEnum, isEnumMember, isEvent, isEventHandler, isField, isInExpression, isMapping,
    isMappingEntry, isNameExpression, isQuery, isReadModel, isReadModelKey, isState, isStreamId, isUpcast, isValueType,
    type Expression, type Field, type ReadModelKey, type StreamId
} from '../generated/ast.js';
import { behaviourSiteOf } from '../behaviour-site.js';
import { aggregateOf, typeToString } from '../model-queries.js';
import { expectedTypeOf, readTypeOf, typeOf } from '../typing/type-of.js';
import { assignable, required, type Type } from '../typing/types.js';

/** A candidate kept for the list, with the rank it sorts by (lower first). */
export interface RankedCandidate {
    description: AstNodeDescription;
    rank: number;
}

/**
 * The candidates of a reference inside behaviour, filtered and ranked; undefined when the
 * reference is not one (the caller keeps its own rules then).
 */
export function rankBehaviourCandidates(container: AstNode, property: string, candidates: readonly AstNodeDescription[], offset: number): RankedCandidate[] | undefined {
    const unique = firstOfEachName(candidates);
    if (isNameExpression(container) && property === 'target') return rankNames(container, unique);
    if (isMappingEntry(container) && property === 'field') {
        const mapping = AstUtils.getContainerOfType(container, isMapping);
        const atCursor = (node: AstNode) => node.$cstNode !== undefined && node.$cstNode.offset <= offset && offset <= node.$cstNode.end;
        const mapped = new Set(mapping?.entries.filter(entry => entry !== container && !atCursor(entry)).map(entry => entry.field?.$refText));
        return inOrder(unique.filter(description => !mapped.has(description.name)));
    }
    const inBehaviour = behaviourSiteOf(container) !== undefined || AstUtils.getContainerOfType(container, isEventHandler) !== undefined;
    if (inBehaviour && (property === 'field' || property === 'member')) return inOrder(unique);
    return undefined;
}

/** A qualifier keyword (`command.`, `state.`, `event.`) is offered only where it selects something. */
export function qualifierMakesSense(node: AstNode | undefined, qualifier: string): boolean {
    const site = node && behaviourSiteOf(node);
    if (!site) return false;
    switch (site.kind) {
        case 'command': return qualifier === 'command' || qualifier === 'state';
        case 'evolve': case 'projection': return qualifier === 'event' || qualifier === 'state';
        case 'policy': return qualifier === 'event';
        case 'upcast': return false;
    }
}

/** `now` and `newId` are not deterministic: an upcast may not use them. */
export function generatorKeywordMakesSense(node: AstNode | undefined): boolean {
    const site = node && behaviourSiteOf(node);
    return site?.kind !== 'upcast';
}

/** `delete` removes a read model's document; an aggregate's `on` block cannot. */
export function deleteMakesSense(node: AstNode | undefined): boolean {
    const site = node && behaviourSiteOf(node);
    return site?.kind !== 'evolve';
}

function firstOfEachName(candidates: readonly AstNodeDescription[]): AstNodeDescription[] {
    const seen = new Set<string>();
    return candidates.filter(description => !seen.has(description.name) && seen.add(description.name) !== undefined);
}

function inOrder(descriptions: readonly AstNodeDescription[]): RankedCandidate[] {
    return descriptions.map((description, index) => ({ description, rank: index }));
}

const EXPECTED_MEMBER = 0;
const FITS = 1_000;
const OTHER_VALUE = 2_000;
const ENUM_LAST = 3_000;

function rankNames(name: Expression, candidates: readonly AstNodeDescription[]): RankedCandidate[] {
    const expected = expectedAt(name);
    const expectedBase = expected && required(expected);
    const expectedEnum = expectedBase?.kind === 'enum' ? expectedBase.enum : undefined;
    const ranked: RankedCandidate[] = [];
    candidates.forEach((description, index) => {
        const node = description.node;
        if (isEnumMember(node) || isEnum(node)) {
            if (expectedEnum) {
                if (isEnumMember(node) && node.$container === expectedEnum) ranked.push({ description, rank: EXPECTED_MEMBER + index });
            } else if (!expected) {
                ranked.push({ description, rank: ENUM_LAST + index });
            }
            return;
        }
        const fits = expected !== undefined && isDataField(node) && assignable(readTypeOf(node), expected);
        ranked.push({ description, rank: (fits ? FITS : OTHER_VALUE) + index });
    });
    return ranked;
}

/**
 * The type the position of a name requires: as the type checker says, and for the right side of
 * a comparison or a candidate of `in [ … ]` the type of the other side (`status == ` wants an
 * AccountStatus). Works for the stand-in node completion builds, which has only its container.
 */
function expectedAt(name: Expression): Type | undefined {
    const position = positionOf(name);
    if (!position) return undefined;
    const { node, container, property } = position;
    if (isBinaryExpression(container) && property === 'right' && ['==', '!=', '<', '<=', '>', '>='].includes(container.operator)) {
        return unlessUnknown(typeOf(container.left));
    }
    if (isInExpression(container) && property === 'candidates') return unlessUnknown(typeOf(container.value));
    return expectedTypeOf(node === name ? name : node);
}

/** Where a stand-in goes in its container when the parser could not put a node there (`status == ` at the end of a line). */
const STAND_IN_PROPERTY: Record<string, string> = {
    BinaryExpression: 'right', InExpression: 'candidates', FieldAssignment: 'value', MappingEntry: 'value',
    Requirement: 'condition', IssuedCommand: 'condition', ListExpression: 'items', NotExpression: 'operand', NegationExpression: 'operand'
};

/**
 * The node whose position a name fills, its container and the property it is in. Completion asks
 * with a stand-in whose container is the node at the cursor and whose `$containerProperty` is not
 * its place: a stand-in inside a name is that name (the user types over it); elsewhere the place
 * the container keeps open for it.
 */
function positionOf(name: Expression): { node: Expression; container: AstNode; property: string } | undefined {
    const container: AstNode | undefined = name.$container;
    if (!container) return undefined;
    const held = Object.entries(container).some(([key, value]) => !key.startsWith('$') && (value === name || (Array.isArray(value) && value.includes(name))));
    if (held) return { node: name, container, property: name.$containerProperty ?? '' };
    if (isNameExpression(container) && container.$container) {
        return { node: container, container: container.$container, property: container.$containerProperty ?? '' };
    }
    const property = STAND_IN_PROPERTY[container.$type];
    if (!property) return undefined;
    const standIn = { ...name, $container: container, $containerProperty: property } as Expression;
    return { node: standIn, container, property };
}

function unlessUnknown(type: Type): Type | undefined {
    return type.kind === 'unknown' ? undefined : type;
}

function isDataField(node: AstNode | undefined): node is Field | StreamId | ReadModelKey {
    return isField(node) || isStreamId(node) || isReadModelKey(node);
}

/** What a completion item says of a name: its type and whose it is (`decimal — field of command WithdrawMoney`). */
export function describeDataName(node: AstNode | undefined): string | undefined {
    if (isEnumMember(node)) return `member of enum ${node.$container.name}`;
    if (!isDataField(node)) return undefined;
    const type = `${isField(node) && node.optional ? 'optional ' : ''}${typeToString(node.type)}`;
    return `${type} — ${ownerOf(node)}`;
}

function ownerOf(node: Field | StreamId | ReadModelKey): string {
    if (isStreamId(node)) return `stream id of ${aggregateOf(node)?.name ?? 'its aggregate'}`;
    if (isReadModelKey(node)) return `key of read model ${node.$container.name}`;
    const owner = node.$container;
    if (isCommand(owner)) return `field of command ${owner.name}`;
    if (isState(owner)) return `state of ${aggregateOf(owner)?.name ?? 'the aggregate'}`;
    if (isEvent(owner)) return `field of event ${owner.name}`;
    if (isDomainError(owner)) return `field of error ${owner.name}`;
    if (isReadModel(owner)) return `field of read model ${owner.name}`;
    if (isValueType(owner)) return `field of type ${owner.name}`;
    if (isUpcast(owner)) return `field of ${owner.event?.$refText ?? 'the event'} version ${owner.fromVersion}`;
    if (isQuery(owner)) return `parameter of query ${owner.name}`;
    return 'field';
}
