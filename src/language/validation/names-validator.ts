/**
 * Names: unique within a context (across all its files), valid and distinct as TypeScript, mapped
 * to distinct generated files, in PascalCase; fields, enum members and listed references unique;
 * none is `__proto__`.
 */
import { AstUtils, type AstNode, type AstNodeLocator, type Reference, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAggregate, isScenario, type Aggregate, type Command, type DomainError, type Enum, type Event,
    type EnumMember, type EventloomAstType, type Field, type Model, type ObjectLiteral, type Policy, type Query, type ReadModel,
    type ReadModelKey, type StreamId, type ValueType
} from '../generated/ast.js';
import { contextNameOf, stateFieldsOf } from '../model-queries.js';
import { qualifiedName } from '../scoping/qualified-names.js';
import {
    FIXED_CONTEXT_FILES, GLOBALS_USED_BY_GENERATED_CODE, TYPESCRIPT_RESERVED_WORDS, contextFolder,
    DERIVED_TYPE_SUFFIXES, generatedFileOf, isPascalCase, pascalCase
} from '../typescript-names.js';
import type { DeclarationIndex } from '../workspace/declaration-index.js';
import { issue, IssueCodes } from './issue-codes.js';
import { capitalize, describeLocation, kindOf, kindOfType, withArticle } from './messages.js';

type NamedDeclaration = AstNode & { name: string };

const DERIVED_SUFFIXES = Object.entries(DERIVED_TYPE_SUFFIXES)
    .flatMap(([ownerType, suffixes]) => suffixes.map(suffix => ({ suffix, ownerType })));

/** A declaration whose name checks reported nothing, with the index entries they read (see NamesValidator.stillClean). */
interface CleanNames {
    contextName: string;
    /** The qualified names looked up: its own, and the owners its name may derive from. */
    names: readonly string[];
    /** Its own generated file, if it has one. */
    file: string | undefined;
    /** The index's stamps of `names`, then of `file`, when the checks ran. */
    stamps: readonly number[];
}

export class NamesValidator {
    private readonly clean = new WeakMap<AstNode, CleanNames>();

    constructor(private readonly index: DeclarationIndex, private readonly locator: AstNodeLocator) {}

    checks(): ValidationChecks<EventloomAstType> {
        return {
            Model: [this.checkDeclarationNames, this.checkContextFolder],
            ValueType: this.checkFieldsUnique,
            Command: [this.checkFieldsUnique, this.checkCommandReferencesUnique],
            Event: this.checkFieldsUnique,
            DomainError: this.checkFieldsUnique,
            Aggregate: this.checkStateFieldsUnique,
            ReadModel: [this.checkFieldsUnique, this.checkHandlesUnique],
            Query: this.checkFieldsUnique,
            Policy: this.checkPolicyReferencesUnique,
            Enum: this.checkEnumMembersUnique,
            ObjectLiteral: this.checkEntriesUnique,
            Field: this.checkNotPrototypeKey,
            StreamId: this.checkNotPrototypeKey,
            ReadModelKey: this.checkNotPrototypeKey,
            EnumMember: this.checkNotPrototypeKey
        };
    }

    /**
     * `{ __proto__: 5 }` in JavaScript sets the object's prototype and keeps no field: the generated
     * code would lose the value the interpreter keeps, and the two would disagree (a scenario passes
     * in the editor and fails as a test).
     */
    checkNotPrototypeKey(node: Field | StreamId | ReadModelKey | EnumMember, accept: ValidationAcceptor): void {
        if (node.name !== PROTOTYPE_KEY) return;
        const what = node.$type === 'EnumMember' ? 'an enum member' : 'a field';
        accept('error', prototypeKeyMessage(what), { node, property: 'name', data: issue(IssueCodes.ReservedName, { name: node.name }) });
    }

    checkDeclarationNames(model: Model, accept: ValidationAcceptor): void {
        const contextName = contextNameOf(model);
        // After a parse error a declaration may have no name yet: there is nothing to check.
        if (model.context?.name) this.checkTypeScriptName(model.context, 'context', accept);
        for (const declaration of declarationsOf(model)) {
            if (!declaration.name || this.stillClean(declaration, contextName)) continue;
            let reported = false;
            const watched: ValidationAcceptor = (...accepted) => {
                reported = true;
                accept(...accepted);
            };
            this.checkTypeScriptName(declaration, kindOf(declaration), watched);
            this.checkUniqueInContext(declaration, contextName, watched);
            this.checkDerivedNameClash(declaration, contextName, watched);
            this.checkGeneratedFile(declaration, contextName, watched);
            if (reported) this.clean.delete(declaration);
            else this.rememberClean(declaration, contextName);
        }
        const scenarioNames = new Map<string, AstNode>();
        for (const scenario of model.elements.filter(isScenario)) {
            if (scenarioNames.has(scenario.name)) {
                accept('error', `Another scenario in this file is already called "${scenario.name}": give each scenario its own description.`, {
                    node: scenario, property: 'name', data: issue(IssueCodes.DuplicateName)
                });
            }
            scenarioNames.set(scenario.name, scenario);
        }
    }

    /**
     * A declaration's name checks read its name, its kind, its context and the index's entries for
     * a few names: its own qualified name, the owners it may derive from, its generated file. On a
     * keystroke these change for the declarations the edit re-parsed or whose names it added or
     * removed elsewhere, so the checks of every other declaration that reported nothing are not
     * run again: no work over the whole file per keystroke. (One that reported something is
     * checked every time: its message quotes where the other declaration is, which may move.)
     */
    private stillClean(declaration: NamedDeclaration, contextName: string): boolean {
        const clean = this.clean.get(declaration);
        if (!clean || clean.contextName !== contextName) return false;
        let i = 0;
        for (const name of clean.names) if (this.index.stampOfName(name) !== clean.stamps[i++]) return false;
        return clean.file === undefined || this.index.stampOfFile(contextName, clean.file) === clean.stamps[i];
    }

    private rememberClean(declaration: NamedDeclaration, contextName: string): void {
        const names = [qualifiedName(contextName, declaration.name)];
        for (const { suffix } of DERIVED_SUFFIXES) {
            if (declaration.name.endsWith(suffix) && declaration.name !== suffix) names.push(qualifiedName(contextName, declaration.name.slice(0, -suffix.length)));
        }
        const file = generatedFileOf(declaration.$type, declaration.name);
        const stamps = names.map(name => this.index.stampOfName(name));
        if (file !== undefined) stamps.push(this.index.stampOfFile(contextName, file));
        this.clean.set(declaration, { contextName, names, file, stamps });
    }

    checkContextFolder(model: Model, accept: ValidationAcceptor): void {
        if (!model.context?.name) return;
        if (contextFolder(model.context.name).length > MAX_FILE_NAME) {
            accept('error', tooLongForAFile('context', model.context.name, `${contextFolder(model.context.name)}/`), {
                node: model.context, property: 'name', data: issue(IssueCodes.FileNameClash)
            });
            return;
        }
        for (const other of this.index.contextsSharingFolderWith(model.context.name)) {
            accept('error', `Contexts '${model.context.name}' and '${other.name}' would both generate into the folder '${contextFolder(model.context.name)}/': rename one of them (or use the same spelling if they are one context).`, {
                node: model.context, property: 'name', data: issue(IssueCodes.FileNameClash)
            });
        }
    }

    private checkTypeScriptName(node: NamedDeclaration, kind: string, accept: ValidationAcceptor): void {
        const name = node.name;
        if (name === PROTOTYPE_KEY) {
            accept('error', prototypeKeyMessage(withArticle(kind)), { node, property: 'name', data: issue(IssueCodes.ReservedName, { name }) });
        } else if (TYPESCRIPT_RESERVED_WORDS.has(name)) {
            accept('error', `'${name}' is a reserved word in TypeScript and cannot name ${withArticle(kind)}: rename it (for example '${pascalCase(name)}${kind === 'context' ? 'Context' : ''}').`, {
                node, property: 'name', data: issue(IssueCodes.ReservedName, { name })
            });
        } else if (GLOBALS_USED_BY_GENERATED_CODE.has(name) && kind !== 'context' && kind !== 'aggregate' && kind !== 'policy') {
            accept('error', `'${name}' is a TypeScript built-in the generated code relies on; ${withArticle(kind)} of that name would shadow it. Rename it (for example 'Domain${name}').`, {
                node, property: 'name', data: issue(IssueCodes.ReservedName, { name })
            });
        } else if (!isPascalCase(name)) {
            const suggestion = pascalCase(name);
            accept('warning', `${capitalize(kind)} names are PascalCase: rename '${name}' to '${suggestion}'.`, {
                node, property: 'name', data: issue(IssueCodes.NotPascalCase, { name, suggestion })
            });
        }
    }

    private checkUniqueInContext(declaration: NamedDeclaration, contextName: string, accept: ValidationAcceptor): void {
        const self = AstUtils.getDocument(declaration).uri.toString();
        const selfPath = this.locator.getAstNodePath(declaration);
        const others = this.index.declarationsNamed(qualifiedName(contextName, declaration.name))
            .filter(d => d.documentUri.toString() !== self || d.path !== selfPath);
        if (others.length === 0) return;
        const kind = kindOf(declaration);
        const sameKind = others.find(other => kindOfType(other.type) === kind);
        if (sameKind) {
            accept('error', `Duplicate ${kind} '${declaration.name}' in context ${contextName}: another is declared ${describeLocation(sameKind, self)}. Rename or remove one.`, {
                node: declaration, property: 'name', data: issue(IssueCodes.DuplicateName, { name: declaration.name })
            });
        } else {
            const other = others[0];
            accept('error', `'${declaration.name}' is already ${withArticle(kindOfType(other.type))} in context ${contextName} (${describeLocation(other, self)}); ${withArticle(kind)} of the same name would clash in the generated TypeScript. Rename one.`, {
                node: declaration, property: 'name', data: issue(IssueCodes.TypeScriptNameClash, { name: declaration.name })
            });
        }
    }

    /** `BankAccountEvent` next to aggregate `BankAccount` would collide with its generated union. */
    private checkDerivedNameClash(declaration: NamedDeclaration, contextName: string, accept: ValidationAcceptor): void {
        for (const { suffix, ownerType } of DERIVED_SUFFIXES) {
            if (!declaration.name.endsWith(suffix) || declaration.name === suffix) continue;
            const ownerName = declaration.name.slice(0, -suffix.length);
            const owner = this.index.declarationsNamed(qualifiedName(contextName, ownerName)).find(d => d.type === ownerType);
            if (!owner) continue;
            const ownerKind = kindOfType(ownerType);
            accept('error', `'${declaration.name}' clashes with the type generated for ${ownerKind} ${ownerName} (${ownerName}${suffix}): rename this ${kindOf(declaration)}.`, {
                node: declaration, property: 'name', data: issue(IssueCodes.TypeScriptNameClash, { name: declaration.name })
            });
        }
    }

    private checkGeneratedFile(declaration: NamedDeclaration, contextName: string, accept: ValidationAcceptor): void {
        const file = generatedFileOf(declaration.$type, declaration.name);
        if (!file) return;
        const kind = kindOf(declaration);
        if (`${file}.ts`.length > MAX_FILE_NAME) {
            accept('error', tooLongForAFile(kind, declaration.name, `${file}.ts`), {
                node: declaration, property: 'name', data: issue(IssueCodes.FileNameClash, { name: declaration.name })
            });
            return;
        }
        if ((FIXED_CONTEXT_FILES as readonly string[]).includes(file)) {
            accept('error', `The ${kind} '${declaration.name}' would be generated into '${file}.ts', a file Eventloom writes for every context: rename it.`, {
                node: declaration, property: 'name', data: issue(IssueCodes.FileNameClash, { name: declaration.name })
            });
            return;
        }
        const others = this.index.elementsSharingFile(contextName, file, qualifiedName(contextName, declaration.name));
        if (others.length > 0) {
            const otherName = others[0].slice(contextName.length + 1);
            accept('error', `'${declaration.name}' and '${otherName}' would both be generated into '${file}.ts': rename one so their kebab-case file names differ.`, {
                node: declaration, property: 'name', data: issue(IssueCodes.FileNameClash, { name: declaration.name })
            });
        }
    }

    checkFieldsUnique(owner: ValueType | Command | Event | DomainError | ReadModel | Query, accept: ValidationAcceptor): void {
        const keys: ReadModelKey[] = 'keys' in owner ? owner.keys : [];
        reportDuplicateFields([...keys, ...owner.fields], kindOf(owner), owner.name, accept);
    }

    /** All `state { }` blocks of an aggregate form one state type. */
    checkStateFieldsUnique(aggregate: Aggregate, accept: ValidationAcceptor): void {
        reportDuplicateFields(stateFieldsOf(aggregate), 'state of aggregate', aggregate.name, accept);
    }

    checkEnumMembersUnique(enumeration: Enum, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const member of enumeration.members) {
            if (seen.has(member.name)) {
                accept('error', `Enum ${enumeration.name} already has the member '${member.name}': remove the duplicate.`, {
                    node: member, property: 'name', data: issue(IssueCodes.DuplicateEnumMember)
                });
            }
            seen.add(member.name);
        }
    }

    checkEntriesUnique(literal: ObjectLiteral, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const entry of literal.entries) {
            const name = entry.field?.$refText;
            if (name === undefined) continue;
            if (seen.has(name)) {
                accept('error', `'${name}' is given twice: keep one value.`, { node: entry, property: 'field', data: issue(IssueCodes.DuplicateField) });
            }
            seen.add(name);
        }
    }

    checkCommandReferencesUnique(command: Command, accept: ValidationAcceptor): void {
        reportDuplicateReferences(command.emits.map(emit => ({ reference: emit.event, node: emit, property: 'event' })), accept);
        reportDuplicateReferences(placed(command, 'rejects', command.rejects), accept);
    }

    checkHandlesUnique(readModel: ReadModel, accept: ValidationAcceptor): void {
        const handled = [
            ...placed(readModel, 'handles', readModel.handles),
            ...readModel.handlers.flatMap(handler => placed(handler, 'events', handler.events))
        ];
        reportDuplicateReferences(handled, accept);
        reportHandledNameClash(readModel, handled, accept);
    }

    checkPolicyReferencesUnique(policy: Policy, accept: ValidationAcceptor): void {
        const triggers = placed(policy, 'triggers', policy.triggers);
        reportDuplicateReferences(triggers, accept);
        reportHandledNameClash(policy, triggers, accept);
        reportDuplicateReferences(policy.issues.map(issued => ({ reference: issued.command, node: issued, property: 'command' })), accept);
        reportDuplicateReferences(placed(policy, 'reads', policy.reads), accept);
    }
}

/** A reference and where a diagnostic about it goes (the clause or list that holds it). */
interface PlacedReference<T extends AstNode = AstNode> {
    reference: Reference<T>;
    node: AstNode;
    property: string;
    index?: number;
}

function placed<T extends AstNode>(node: AstNode, property: string, references: ReadonlyArray<Reference<T>>): Array<PlacedReference<T>> {
    return references.map((reference, index) => ({ reference, node, property, index }));
}

/** Every named declaration of a file that is exported to the workspace. */
function declarationsOf(model: Model): NamedDeclaration[] {
    const declarations: NamedDeclaration[] = [];
    for (const element of model.elements) {
        if (isScenario(element)) continue;
        declarations.push(element);
        if (isAggregate(element)) {
            for (const member of element.members) {
                if ('name' in member && member.$type !== 'StreamId') declarations.push(member);
            }
        }
    }
    return declarations;
}

function reportDuplicateFields(fields: ReadonlyArray<Field | ReadModelKey>, ownerKind: string, ownerName: string, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const field of fields) {
        if (seen.has(field.name)) {
            accept('error', `The ${ownerKind} ${ownerName} already has a field '${field.name}': rename or remove this one.`, {
                node: field, property: 'name', data: issue(IssueCodes.DuplicateField, { name: field.name })
            });
        }
        seen.add(field.name);
    }
}

function reportDuplicateReferences(references: readonly PlacedReference[], accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    references.forEach(({ reference, node, property, index }) => {
        if (!reference) return; // a name lost to a parse error: the parser reports it
        if (seen.has(reference.$refText)) {
            accept('warning', `'${reference.$refText}' is listed twice: remove the repetition.`, {
                node, property: property as never, index, data: issue(IssueCodes.DuplicateReference)
            });
        }
        seen.add(reference.$refText);
    });
}

/**
 * Two events of one name from different contexts (`Ordering.Placed`, `Payments.Placed`) would get
 * handlers and event types of one name in the generated projection or policy.
 */
function reportHandledNameClash(declaration: ReadModel | Policy, references: ReadonlyArray<PlacedReference<Event>>, accept: ValidationAcceptor): void {
    const seen = new Map<string, Reference<Event>>();
    references.forEach(({ reference, node, property, index }) => {
        const event = reference.ref;
        if (!event) return;
        const first = seen.get(event.name);
        if (first && first.ref !== event) {
            accept('error', `${capitalize(kindOf(declaration))} ${declaration.name} handles two events named ${event.name} ('${first.$refText}' and '${reference.$refText}'); their generated handlers would clash. Handle one of them in another ${kindOf(declaration)}.`, {
                node, property: property as never, index, data: issue(IssueCodes.HandledEventNameClash)
            });
        }
        if (!first) seen.set(event.name, reference);
    });
}

/** The one name JavaScript objects do not keep as a property (see checkNotPrototypeKey). */
const PROTOTYPE_KEY = '__proto__';

function prototypeKeyMessage(what: string): string {
    return `'__proto__' cannot name ${what}: in the generated JavaScript, \`{ __proto__: … }\` sets an object's prototype instead of keeping a value. Rename it (for example 'proto').`;
}

/** The longest file or folder name file systems accept (NAME_MAX); names are ASCII, so characters are bytes. */
const MAX_FILE_NAME = 255;

/** Generation would fail with ENAMETOOLONG: say so at the name (the CLI fuzz's 100k-character identifiers). */
function tooLongForAFile(kind: string, name: string, file: string): string {
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    return `The ${kind} name '${shown}' is too long for the file generated from it: '${file.length > 60 ? `${file.slice(0, 40)}…` : file}' would have ${file.length} characters, and file systems allow ${MAX_FILE_NAME}. Shorten the name.`;
}

