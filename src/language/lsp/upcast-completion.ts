/**
 * What completion offers around `upcast E from N { old fields } { mapping }` (DESIGN §2d): after
 * `upcast` the own aggregate's versioned events, after `from` the versions of that event still
 * without an upcast, and as mapping keys only the fields of the produced version that the old
 * shape does not carry over (the behaviour completion then drops those mapped already). `now`,
 * `newId` and the qualifiers are kept out of an upcast by `expression-completion.ts`.
 */
import { AstUtils, type AstNode, type AstNodeDescription } from 'langium';
import { isAggregate, isEvent, isMapping, isMappingEntry, isUpcast, type Aggregate, type Event, type Upcast } from '../generated/ast.js';
import { aggregateOf, producedFieldsOf, sameType } from '../model-queries.js';

function versionOf(event: Event): number {
    return event.version !== undefined && /^[1-9][0-9]*$/.test(event.version) ? Number(event.version) : 1;
}

/** After `upcast`: the events of the upcast's own aggregate that have a version to upcast to. */
export function upcastEventCandidates(upcast: Upcast, candidates: readonly AstNodeDescription[]): AstNodeDescription[] {
    const aggregate = upcast.$container;
    return candidates.filter(description => isEvent(description.node) && aggregateOf(description.node) === aggregate && versionOf(description.node) >= 2);
}

/** After `from`: the versions 1 … version-1 of the event that no other upcast starts from. */
export function missingUpcastVersions(aggregate: Aggregate, event: Event, typing: Upcast | undefined): number[] {
    const covered = new Set(aggregate.members.filter(isUpcast).filter(upcast => upcast !== typing && upcast.event?.ref === event).map(upcast => upcast.fromVersion));
    return Array.from({ length: versionOf(event) - 1 }, (_, i) => i + 1).filter(version => !covered.has(String(version)));
}

/** The upcast whose `from` the cursor is at: the node there, or (in text that does not parse yet) the `upcast E from` just before it. */
export function upcastBeingTyped(node: AstNode | undefined, textBefore: string): { aggregate: Aggregate; event: Event; upcast?: Upcast } | undefined {
    const upcast = node && AstUtils.getContainerOfType(node, isUpcast);
    const event = upcast?.event?.ref;
    if (upcast && event) return { aggregate: event.$container, event, upcast };
    const name = /\bupcast\s+([A-Za-z_]\w*)\s+from\s*$/.exec(textBefore)?.[1];
    const aggregate = node && AstUtils.getContainerOfType(node, isAggregate);
    const named = aggregate?.members.find((member): member is Event => isEvent(member) && member.name === name);
    return named ? { aggregate: named.$container, event: named } : undefined;
}

/**
 * For a key of an upcast's own mapping: the candidates without the fields the old shape carries
 * over (same name and type, required there), which need no mapping. Any other reference: as they are.
 */
export function withoutCarriedOver(container: AstNode, property: string, candidates: AstNodeDescription[]): AstNodeDescription[] {
    const mapping = isMappingEntry(container) && property === 'field' ? container.$container : isMapping(container) && property === 'entries' ? container : undefined;
    const upcast = mapping && isMapping(mapping) && isUpcast(mapping.$container) ? mapping.$container : undefined;
    if (!upcast) return candidates;
    const produced = producedFieldsOf(upcast);
    const carried = (name: string) => {
        const next = produced.find(field => field.name === name);
        const old = upcast.fields.find(field => field.name === name);
        return next !== undefined && old !== undefined && !old.optional && sameType(old.type, next.type);
    };
    return candidates.filter(description => !carried(description.name));
}
