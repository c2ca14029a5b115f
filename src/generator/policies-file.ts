/**
 * `<context>/policies.ts`: each policy as a hand-written handler from the event that triggers it
 * to the commands it issues, plus a descriptor naming the events it listens to. The application
 * sends each returned command to its aggregate's stream. A handler takes the event as Emmett's
 * command handler returns it (no metadata needed) and the id of the stream it was appended to.
 */
import { StructureKind, VariableDeclarationKind, type SourceFileStructure, type StatementStructures } from 'ts-morph';
import type { Command, Event, Policy } from '../language/generated/ast.js';
import { issuedCommandsOf } from '../language/model-queries.js';
import { compare, type ContextModel } from './context-model.js';
import { docs } from './doc-comments.js';
import { handwrittenNames, messageModule } from './element-files.js';
import { GENERATED_HEADER, HANDWRITTEN_BANNER, HANDWRITTEN_TAG } from './file-layout.js';
import { SHARED_MODULE } from './runtime/runtime-source.js';

export function policiesSourceFile(context: ContextModel): SourceFileStructure {
    const modules = new Map<string, Set<string>>();
    const use = (message: Command | Event) => {
        const module = messageModule(message, context.name);
        modules.set(module, (modules.get(module) ?? new Set()).add(message.name));
    };
    for (const policy of context.policies) {
        triggersOf(policy).forEach(use);
        issuedOf(policy).forEach(use);
    }
    const generated: StatementStructures[] = context.policies.map(policy => ({
        kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
        docs: docs(policy, `Policy ${policy.name}.`),
        declarations: [{
            name: `${handwrittenNames.policy(policy)}Policy`,
            initializer: `{ name: '${policy.name}', on: [${triggersOf(policy).map(event => `'${event.name}'`).join(', ')}], handle: ${handwrittenNames.policy(policy)} } as const`
        }]
    }));
    const handlers: StatementStructures[] = context.policies.map(policy => ({
        kind: StructureKind.Function, isExported: true, name: handwrittenNames.policy(policy),
        docs: [{
            description: `Policy ${policy.name}: reacts to ${triggersOf(policy).map(e => e.name).join(', ') || 'no event'} by issuing ${issuedOf(policy).map(c => c.name).join(', ') || 'no command'}.`,
            tags: [{ tagName: HANDWRITTEN_TAG }]
        }],
        parameters: [{ name: 'event', type: union(triggersOf(policy)) }, { name: 'context', type: 'PolicyContext' }],
        returnType: `Array<${union(issuedOf(policy))}>`,
        statements: '// TODO: return the commands this event calls for.\nreturn [];'
    }));
    return {
        kind: StructureKind.SourceFile,
        statements: [
            GENERATED_HEADER,
            ...[...modules.entries()].sort(([a], [b]) => compare(a, b)).map(([module, names]) => ({
                kind: StructureKind.ImportDeclaration as const, isTypeOnly: true, moduleSpecifier: module, namedImports: [...names].sort(compare)
            })),
            ...(context.policies.length > 0 ? [{ kind: StructureKind.ImportDeclaration as const, isTypeOnly: true, moduleSpecifier: `../${SHARED_MODULE}.js`, namedImports: ['PolicyContext'] }] : []),
            ...generated,
            HANDWRITTEN_BANNER,
            ...handlers
        ]
    };
}

function triggersOf(policy: Policy): Event[] {
    return policy.triggers.map(reference => reference.ref).filter((event): event is Event => !!event);
}

function issuedOf(policy: Policy): Command[] {
    return issuedCommandsOf(policy);
}

function union(messages: ReadonlyArray<{ name: string }>): string {
    return messages.length === 0 ? 'never' : messages.map(message => message.name).join(' | ');
}
