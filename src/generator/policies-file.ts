/**
 * `<context>/policies.ts`: each policy as a handler from the event that triggers it to the
 * commands it issues, plus a descriptor naming the events it listens to. The application sends
 * each returned command to its aggregate's stream. A handler takes the event as Emmett's command
 * handler returns it (no metadata needed) and the id of the stream it was appended to. A policy the
 * model determines (`issues C { … } if …`, every field filled) has a generated handler, which names
 * each command's stream (`streamId`, the target aggregate's id as the model maps or fills it); with
 * `reads R` it gets R's document for the event's key in `context.reads`, as projected with the
 * event (a fresh one, the model's defaults, when none is passed, as the interpreter sees a document
 * no event created yet).
 */
import type { SourceFileStructure, StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './structure-kinds.js';
import type { Command, Event, Policy, ReadModel } from '../language/generated/ast.js';
import { contextNameOf, issuedCommandsOf } from '../language/model-queries.js';
import { camelCase } from '../language/typescript-names.js';
import { qualifiedName, type ModelForm, type PolicyForm } from '../semantics/form.js';
import { printable } from './aggregate-file.js';
import { reactionsBody } from './behaviour/print-bodies.js';
import { compare, type ContextModel } from './context-model.js';
import { docs } from './doc-comments.js';
import { handwrittenNames, importPath, messageModule, projectionFile } from './element-files.js';
import { GENERATED_HEADER, HANDWRITTEN_BANNER, HANDWRITTEN_TAG } from './file-layout.js';
import { typeOf, TypeImports } from './type-mapping.js';

/** `model`: the rules form, when the model's behaviour is to be generated (without it, every handler is a stub). */
export function policiesSourceFile(context: ContextModel, model?: ModelForm): SourceFileStructure {
    const modules = new Map<string, Set<string>>();
    const use = (message: Command | Event) => {
        const module = messageModule(message, context.name);
        modules.set(module, (modules.get(module) ?? new Set()).add(message.name));
    };
    for (const policy of context.policies) {
        triggersOf(policy).forEach(use);
        issuedOf(policy).forEach(use);
    }
    const formOf = (policy: Policy) => model?.policies.get(qualifiedName(context.name, policy.name));
    // As with commands: a bare `issues C` in a context that states no rule is the old way to say "a
    // hand-written rule decides when"; it is generated only where the model speaks in rules.
    const contextForm = model?.contexts.find(candidate => candidate.name === context.name);
    const contextStatesRules = contextForm?.aggregates.some(aggregate => aggregate.evolve.length > 0 || aggregate.commands.some(command => command.statesBehaviour)) ?? false;
    const statesBehaviour = (policy: Policy) => policy.reads.length > 0 || policy.issues.some(issued => issued.mapping || issued.condition);
    const modelled = new Map(context.policies.flatMap(policy => {
        const form = formOf(policy);
        return form?.modelled && (contextStatesRules || statesBehaviour(policy)) && printable(() => modelledPolicy(policy, form, model!, new Map())) ? [[policy, form] as const] : [];
    }));
    const projections = new Map<string, Set<string>>();
    const imports = new TypeImports();
    if (context.policies.length > 0) imports.use('PolicyContext');
    const generated: StatementStructures[] = context.policies.map(policy => ({
        kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
        docs: docs(policy, `Policy ${policy.name}.`),
        declarations: [{
            name: `${handwrittenNames.policy(policy)}Policy`,
            initializer: `{ name: '${policy.name}', on: [${triggersOf(policy).map(event => `'${event.name}'`).join(', ')}], handle: ${handwrittenNames.policy(policy)} } as const`
        }]
    }));
    generated.push(...[...modelled].flatMap(([policy, form]) => modelledPolicy(policy, form, model!, projections)));
    const handlers: StatementStructures[] = context.policies.filter(policy => !modelled.has(policy)).map(policy => ({
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
                kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: module, namedImports: [...names].sort(compare)
            })),
            ...[...projections.entries()].sort(([a], [b]) => compare(a, b)).map(([module, names]) => ({
                kind: StructureKind.ImportDeclaration, moduleSpecifier: module, namedImports: [...names].sort(compare)
            })),
            ...(context.policies.length > 0 ? imports.declarations(valuesUsed(body(generated))) : []),
            ...generated,
            HANDWRITTEN_BANNER,
            ...handlers
        ]
    };
}

/**
 * A policy the model determines: its handler, and (with `reads`) the type of the documents it
 * reads. `projections` collects the projection modules whose initial documents it uses.
 */
function modelledPolicy(policy: Policy, form: PolicyForm, model: ModelForm, projections: Map<string, Set<string>>): StatementStructures[] {
    const readModels = policy.reads.map(reference => reference.ref).filter((readModel): readModel is ReadModel => !!readModel);
    const documentName = (readModel: ReadModel) => camelCase(readModel.name);
    const readsType = `${policy.name}Reads`;
    const prelude = readModels.map(readModel => {
        const module = importPath(contextNameOf(policy), contextNameOf(readModel), projectionFile(readModel));
        projections.set(module, (projections.get(module) ?? new Set()).add(`initial${readModel.name}`).add(`type ${readModel.name}`));
        return `const ${documentName(readModel)} = context.reads?.${documentName(readModel)} ?? initial${readModel.name}(${readKey(form, readModel)});`;
    });
    const issued = routed(union(issuedOf(policy)));
    const handler: StatementStructures = {
        kind: StructureKind.Function, isExported: true, name: handwrittenNames.policy(policy),
        docs: [{ description: `Policy ${policy.name}: reacts to ${triggersOf(policy).map(e => e.name).join(', ')} by issuing ${issuedOf(policy).map(c => c.name).join(', ')}, as the model says, each with the id of the stream it goes to (\`streamId\`). Generated: change the model to change it.` }],
        parameters: [{ name: 'event', type: union(triggersOf(policy)) }, { name: 'context', type: readModels.length > 0 ? `PolicyContext & { readonly reads?: ${readsType} }` : 'PolicyContext' }],
        returnType: `Array<${issued}>`,
        statements: withNewId(reactionsBody(form, model, {
            event: 'event', streamId: 'context.streamId', newId: 'newId',
            readModel: name => camelCase(name.slice(name.indexOf('.') + 1))
        }, prelude, issued))
    };
    if (readModels.length === 0) return [handler];
    return [{
        kind: StructureKind.TypeAlias, isExported: true, name: readsType,
        docs: [{ description: `The documents policy ${policy.name} reads, for the triggering event's key: pass them as \`context.reads\` (a missing one is taken as fresh, the model's defaults).` }],
        type: `{ ${readModels.map(readModel => `readonly ${documentName(readModel)}?: ${readModel.name}`).join('; ')} }`
    }, handler];
}

/** A body that draws fresh ids (`newId` in a mapping) takes them from the context, which the app fills. */
function withNewId(body: string): string {
    return body.includes('newId()') ? `const newId = newIdOfPolicy(context);\n${body}` : body;
}

/** The key of a read model's document for the triggering event: its same-named field, else its stream's id (per trigger). */
function readKey(form: PolicyForm, readModel: ReadModel): string {
    const key = readModel.keys[0];
    const fromStream = key && typeOf(key.type, new TypeImports()) === 'number' ? 'Number(context.streamId)' : 'context.streamId';
    const byTrigger = form.reactions.map(reaction => {
        const source = reaction.reads.find(read => read.readModel.endsWith(`.${readModel.name}`))?.keys[0];
        return { trigger: reaction.trigger.slice(reaction.trigger.indexOf('.') + 1), value: source?.from === 'eventField' ? `event.data.${source.key}` : fromStream };
    });
    const distinct = [...new Map(byTrigger.map(entry => [entry.trigger, entry.value])).entries()];
    if (distinct.every(([, value]) => value === fromStream)) return fromStream;
    return distinct.reduceRight((otherwise, [trigger, value]) => `event.type === '${trigger}' ? ${value} : ${otherwise}`, fromStream);
}

/** The shared module's values a generated body uses. */
function valuesUsed(text: string): string[] {
    return [...(text.includes('decimal.') ? ['decimal'] : []), ...(text.includes('newIdOfPolicy(') ? ['newIdOfPolicy'] : [])];
}

function body(statements: readonly StatementStructures[]): string {
    return statements.map(statement => 'statements' in statement ? String(statement.statements ?? '') : '').join('\n');
}

function triggersOf(policy: Policy): Event[] {
    return policy.triggers.map(reference => reference.ref).filter((event): event is Event => !!event);
}

function issuedOf(policy: Policy): Command[] {
    return issuedCommandsOf(policy);
}

/**
 * The commands a generated handler returns: each with the stream it goes to, its aggregate's id as
 * the model maps or fills it (DESIGN §2b), which need not be a field of the command. Optional only
 * because an optional event field may name it; the app then routes by the command's data.
 */
function routed(commands: string): string {
    return `${commands.includes(' | ') ? `(${commands})` : commands} & { readonly streamId?: string }`;
}

function union(messages: ReadonlyArray<{ name: string }>): string {
    return messages.length === 0 ? 'never' : messages.map(message => message.name).join(' | ');
}
