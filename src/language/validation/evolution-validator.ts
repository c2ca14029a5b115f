/**
 * Event versions and their upcasts (DESIGN §2d, §3): an event of version N has an upcast from
 * every earlier version (1 … N-1, no gap, each once); an upcast belongs to a versioned event and
 * starts below its version; its old shape plus its mapping yield every required field of the next
 * version (same-named fields of the same type carry over); and it gives the same result every
 * time (no `now`, no `newId`).
 */
import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isNewIdExpression, isNowExpression, isUpcast,
    type Aggregate, type Event, type EventloomAstType, type Field, type Upcast
} from '../generated/ast.js';
import { sameType, typeToString } from '../model-queries.js';
import { issue, IssueCodes } from './issue-codes.js';

export class EvolutionValidator {

    checks(): ValidationChecks<EventloomAstType> {
        return {
            Event: this.checkUpcastChain,
            Upcast: this.checkUpcast
        };
    }

    checkUpcastChain(event: Event, accept: ValidationAcceptor): void {
        const version = wholeVersion(event.version);
        if (version === undefined || version < 2 || !event.name) return;
        const upcasts = upcastsOf(event.$container, event);
        for (let from = 1; from < version; from++) {
            if (upcasts.some(upcast => wholeVersion(upcast.fromVersion) === from)) continue;
            accept('error', `${event.name} is version ${version}, but nothing turns its stored version ${from} into ${from + 1}: add \`upcast ${event.name} from ${from} { …its fields in version ${from}… } { …values for the fields version ${from + 1} adds… }\` beside it.`, {
                node: event, property: 'version', data: issue(IssueCodes.MissingUpcast, { event: event.name, from })
            });
        }
    }

    checkUpcast(upcast: Upcast, accept: ValidationAcceptor): void {
        for (const node of AstUtils.streamAst(upcast)) {
            if (isNowExpression(node) || isNewIdExpression(node)) {
                accept('error', `An upcast must give the same result every time it reads a stored event: \`${isNowExpression(node) ? 'now' : 'newId'}\` differs on every read. Use a fixed value, or a field of the old shape.`, {
                    node, data: issue(IssueCodes.UpcastNotDeterministic)
                });
            }
        }
        const event = upcast.event?.ref;
        const from = wholeVersion(upcast.fromVersion);
        if (!event || from === undefined) return;
        const version = wholeVersion(event.version);
        if (version === undefined) {
            accept('error', `Event ${event.name} has no version, so there is nothing to upcast to: give it \`version ${from + 1}\` (the shape this upcast produces), or remove the upcast.`, {
                node: upcast, property: 'event', data: issue(IssueCodes.UpcastWithoutVersion)
            });
            return;
        }
        if (from >= version) {
            accept('error', `${event.name} is version ${version}: an upcast starts from an older version, 1 to ${version - 1}, not ${from}.`, {
                node: upcast, property: 'fromVersion', data: issue(IssueCodes.UpcastFromInvalidVersion)
            });
            return;
        }
        const twins = upcastsOf(upcast.$container, event).filter(other => wholeVersion(other.fromVersion) === from);
        if (twins.length > 1 && twins[0] !== upcast) {
            accept('error', `${event.name} already has an upcast from version ${from}: keep one.`, {
                node: upcast, property: 'fromVersion', data: issue(IssueCodes.DuplicateUpcast)
            });
            return;
        }
        // The next version's shape: the event itself, or the old shape the next upcast states.
        const next = from + 1 === version
            ? event.fields
            : upcastsOf(upcast.$container, event).find(other => wholeVersion(other.fromVersion) === from + 1)?.fields;
        if (!next) return; // the gap is reported on the event
        const mapped = new Map((upcast.mapping?.entries ?? []).map(entry => [entry.field?.$refText, entry]));
        for (const entry of upcast.mapping?.entries ?? []) {
            const name = entry.field?.$refText;
            if (name && !next.some(field => field.name === name)) {
                accept('error', `Version ${from + 1} of ${event.name} has no field ${name}: map only fields it has (${next.map(field => field.name).join(', ') || 'none'}).`, {
                    node: entry, property: 'field', data: issue(IssueCodes.UpcastMapsUnknownField)
                });
            }
        }
        const missing: string[] = [];
        for (const field of next) {
            if (field.optional || mapped.has(field.name)) continue;
            const old = upcast.fields.find(candidate => candidate.name === field.name);
            const reason = carryOverProblem(old, field);
            if (reason) missing.push(`${field.name} (${reason})`);
        }
        if (missing.length > 0) {
            accept('error', `This upcast does not produce version ${from + 1} of ${event.name}: ${missing.join('; ')}. Map ${missing.length === 1 ? 'it' : 'them'} in its second block, for example \`{ ${missingExample(next, missing)} }\`.`, {
                node: upcast, property: 'event', data: issue(IssueCodes.UpcastIncomplete, { fields: missing.map(text => text.split(' ')[0]) })
            });
        }
    }
}

/** Why a required field of the next version is not filled by the same-named old field, if it is not. */
function carryOverProblem(old: Field | undefined, field: Field): string | undefined {
    if (!old) return 'the old shape lacks it';
    if (!sameType(old.type, field.type)) return `it changes from ${typeToString(old.type)} to ${typeToString(field.type)}`;
    if (old.optional) return 'it is optional in the old shape; map it with `??`';
    return undefined;
}

function missingExample(next: readonly Field[], missing: readonly string[]): string {
    return missing.map(text => {
        const name = text.split(' ')[0];
        const type = next.find(field => field.name === name)?.type;
        return `${name}: ${exampleValue(type?.primitive, type?.list)}`;
    }).join(', ');
}

function exampleValue(primitive: string | undefined, list: boolean | undefined): string {
    if (list) return '[]';
    switch (primitive) {
        case 'int': case 'float': case 'decimal': return '0';
        case 'boolean': return 'false';
        case 'string': return '""';
        default: return '…';
    }
}

export function upcastsOf(aggregate: Aggregate | undefined, event: Event): Upcast[] {
    return (aggregate?.members ?? []).filter(isUpcast).filter(upcast => upcast.event?.ref === event || upcast.event?.$refText === event.name);
}

/** A version as a whole number from 1 up; undefined for none or a malformed one (reported elsewhere). */
export function wholeVersion(text: string | undefined): number | undefined {
    return text !== undefined && /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}
