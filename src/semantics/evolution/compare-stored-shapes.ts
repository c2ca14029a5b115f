/**
 * Compares the events of a model at an earlier commit with the model now, and says which changes
 * break the events already stored (DESIGN §2d). A stored event is a fact: once written, its JSON
 * stays as it was, so a new shape must come as a new `version` with an `upcast` from the old one.
 *
 * Breaking, for an event whose version did not change: a field removed (or renamed), a field
 * retyped, an optional field made required, a required field added, an enum member removed from
 * a type the event uses (at any depth of value types), an event removed (its file deleted
 * included): the streams that hold it could no longer be read. Harmless: an optional field added,
 * a required field made optional, an enum member added, a new event.
 */
import type { AstNode } from 'langium';
import { eventKey, storedTypeName, type EventShape, type StoredField, type StoredType } from './stored-shape.js';

export interface EvolutionFinding {
    severity: 'error' | 'warning';
    message: string;
    /** Where to report: a declaration of the current model, or of the old one when it is gone. */
    node: AstNode;
}

/** One breaking difference between two field lists, in words, with the field's path. */
interface ShapeChange {
    path: string;
    words: string;
}

export function compareStoredShapes(before: readonly EventShape[], after: readonly EventShape[], ref: string): EvolutionFinding[] {
    const findings: EvolutionFinding[] = [];
    const now = new Map(after.map(shape => [eventKey(shape), shape]));
    for (const old of before) {
        const current = now.get(eventKey(old));
        if (!current) {
            findings.push(removedEvent(old, after, ref));
            continue;
        }
        findings.push(...compareEvent(old, current, ref));
    }
    return findings;
}

function compareEvent(old: EventShape, current: EventShape, ref: string): EvolutionFinding[] {
    const name = current.name;
    if (current.version < old.version) {
        return [{
            severity: 'error', node: current.node,
            message: `${name} went from version ${old.version} at ${ref} down to version ${current.version}: versions only grow, since stored events keep theirs. Restore \`version ${old.version}\` (or bump past it).`
        }];
    }
    if (current.version === old.version) {
        const changes = fieldChanges(old.fields, current.fields, '');
        if (changes.length === 0) return [];
        const next = current.version + 1;
        const upcast = `\`version ${next}\` to ${name} and an \`upcast ${name} from ${current.version} { …its fields at ${ref}… } { …values for the new ones… }\``;
        return changes.map(change => ({
            severity: 'error', node: current.node,
            message: `${name}: ${describe(change)} since ${ref}, which breaks the ${name} events already stored. Keep the old shape, or add ${upcast}.`
        }));
    }
    // A new version: every stored version from the old one on needs its upcast, and the first
    // must describe the old shape exactly as it was stored.
    const findings: EvolutionFinding[] = [];
    for (let version = old.version; version < current.version; version++) {
        const upcast = current.upcasts.find(candidate => candidate.fromVersion === version);
        if (!upcast) {
            findings.push({
                severity: 'error', node: current.node,
                message: `${name} is now version ${current.version}, but nothing upcasts its stored version ${version}: add \`upcast ${name} from ${version} { … } { … }\` beside it.`
            });
            continue;
        }
        if (version !== old.version) continue;
        for (const change of fieldChanges(old.fields, upcast.fields, '')) {
            findings.push({
                severity: 'error', node: upcast.node,
                message: `The upcast of ${name} from ${version} does not describe version ${version} as stored at ${ref}: ${describe(change)}. Write the old fields exactly as they were.`
            });
        }
    }
    return findings;
}

function removedEvent(old: EventShape, after: readonly EventShape[], ref: string): EvolutionFinding {
    // Report beside the aggregate's other events when it still has some; else where it was.
    const sibling = after.find(shape => shape.context === old.context && shape.aggregate === old.aggregate);
    const versions = old.version > 1 ? ` (stored as versions 1 to ${old.version})` : '';
    return {
        severity: 'error', node: sibling?.node.$container ?? old.node,
        message: `Event ${old.name} of ${old.aggregate}${versions} was removed since ${ref}, which breaks the streams that hold it: they could no longer be read. Keep the event (it may stay unused).`
    };
}

function describe(change: ShapeChange): string {
    return change.path ? `field ${change.path} ${change.words}` : change.words;
}

/** The changes from `before` to `after` that an event stored with `before` would not survive. */
function fieldChanges(before: readonly StoredField[], after: readonly StoredField[], prefix: string): ShapeChange[] {
    const changes: ShapeChange[] = [];
    const afterByName = new Map(after.map(field => [field.name, field]));
    const beforeNames = new Set(before.map(field => field.name));
    const added = after.filter(field => !beforeNames.has(field.name));
    const renamedTo = new Set<string>();
    for (const field of before) {
        const path = prefix + field.name;
        const now = afterByName.get(field.name);
        if (!now) {
            const renamed = added.find(candidate => !renamedTo.has(candidate.name) && sameType(candidate.type, field.type));
            if (renamed) renamedTo.add(renamed.name);
            changes.push({ path, words: renamed ? `was renamed to ${prefix}${renamed.name}` : 'was removed' });
            continue;
        }
        if (field.optional && !now.optional) changes.push({ path, words: 'was optional and is now required' });
        changes.push(...typeChanges(field.type, now.type, path));
    }
    for (const field of added) {
        if (!field.optional && !renamedTo.has(field.name)) {
            changes.push({ path: prefix + field.name, words: `was added as a required ${storedTypeName(field.type)} (stored events lack it; make it optional with \`?\` or version the event)` });
        }
    }
    return changes;
}

function typeChanges(before: StoredType, after: StoredType, path: string): ShapeChange[] {
    if (before.kind === 'list' && after.kind === 'list') return typeChanges(before.item, after.item, `${path}[]`);
    if (before.kind === 'object' && after.kind === 'object') return fieldChanges(before.fields, after.fields, `${path}.`);
    if (before.kind === 'enum' && after.kind === 'enum') {
        const kept = new Set(after.members);
        return before.members.filter(member => !kept.has(member)).map(member => ({
            path, words: `lost the enum member ${before.name}.${member}, which stored events may hold`
        }));
    }
    // Primitives (and types that did not resolve) match by name.
    if (before.kind === after.kind && storedTypeName(before) === storedTypeName(after)) return [];
    return [{ path, words: `changed type from ${storedTypeName(before)} to ${storedTypeName(after)}` }];
}

/** Same stored JSON: same primitive, same enum members, same value-type fields. */
function sameType(a: StoredType, b: StoredType): boolean {
    return typeChanges(a, b, '').length === 0 && typeChanges(b, a, '').length === 0;
}
