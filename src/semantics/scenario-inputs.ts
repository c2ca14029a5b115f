/**
 * What a scenario's run depends on, as a key that changes whenever its verdict might: the
 * scenario's own text and the text of every top-level declaration it reads, each with its file,
 * position and context (a failure's message names lines, its diagnostic sits on a range).
 *
 * The declarations it reads are found by following references, transitively: from the scenario
 * to the when-command's and the given events' aggregates (upcasts included), the expected read
 * models and the enums and value types of their data; from each of those to what they reference
 * (a read model's handled events and their aggregates, the types of fields). That is everything the
 * rules form of a scenario is built from (the form builders read the AST only through references),
 * so two runs with equal keys give the same diagnostics.
 *
 * The form looks declarations up by qualified name, so where a name is declared more than once
 * every declaration of it is an input too (a duplicate added elsewhere can change which one the
 * lookup finds), and an unresolved name counts with the declarations the lookup might still find.
 */
import { AstUtils, DocumentState, isAstNode, isReference, type AstNode, type AstNodeDescription, type Reference } from 'langium';
import { heldByContainer } from '../language/ast-walk.js';
import type { EventloomCoreServices } from '../language/eventloom-module.js';
import { Aggregate, Command, DomainError, Enum, Event, ReadModel, ValueType, type Model, type Scenario } from '../language/generated/ast.js';
import { contextNameOf } from '../language/model-queries.js';
import { qualifiedName } from '../language/scoping/qualified-names.js';
import type { DeclarationIndex } from '../language/workspace/declaration-index.js';
import type { LinkEpochs } from '../language/linking/link-epochs.js';

/**
 * Flat strings, compared item by item: equal keys, equal runs. The items of a declaration that did
 * not change are the same string objects from one key to the next (see `Input`), so comparing two
 * keys costs a pointer comparison per item, not one per character of the texts they hold.
 */
export type InputKey = readonly string[];

/** The references of one top-level declaration, as the key needs them. */
interface DeclarationReads {
    /** The top-level declarations its references resolve into (itself excluded), in reference order. */
    readonly declarations: readonly AstNode[];
    /** Qualified names of the named declarations it references (the form looks them up by name). */
    readonly names: readonly string[];
    /** The qualified names its unresolved references would have (the form looks those up too). */
    readonly unresolvedNames: readonly string[];
    /** The text of each reference that does not resolve. */
    readonly unresolved: readonly string[];
}

/** The inputs a lookup by one name adds: its declarations, when more than the resolved target. */
interface NameInputs {
    readonly key: string;
    readonly items: readonly string[];
    readonly declarations: readonly AstNode[];
}

/**
 * A declaration of a linked document as an input, as its latest validation met it: its entry
 * (file, start, context, text) and the stamp of its latest linking. While it is the same node in
 * its document's tree its text is the same (a splice replaces the declarations it re-parses, a full
 * parse all of them), so only its start, context and stamp are looked at again; while those are
 * the same too, it is the same object.
 */
interface Input {
    /**
     * The latest validation (a pass number) in which this was found to be its declaration's current
     * input: the walks of one document share most of their declarations, and a walk checked after
     * another met them is checked by this number, not by a lookup per declaration.
     */
    confirmedIn: number;
    readonly linkedAt: number;
    readonly line: number;
    readonly character: number;
    /** The document's `context` name and the declaration's (`contextNameOf`), joined in the entry. */
    readonly rootContext: string;
    readonly context: string;
    readonly entry: readonly string[];
}

/**
 * A scenario's key and what its walk met: while every declaration met is the same `Input` (in its
 * tree, linked no later, at the same place) and every name looked up has the same places stamp
 * (its declarations in the same files at the same paths), the walk would meet the same
 * declarations, read the same references and look up the same declarations of each name: the key
 * would be equal, and is this one. (A declaration re-parsed where it was keeps its places but is a
 * new node, which the walk's declarations tell: the lookup's declarations are among them.)
 *
 * The names' stamps were all as recorded when the index's `placesEpoch` was `namesHeldAt`: while
 * the epoch is that still (no name's places changed anywhere since), they are not looked up one
 * by one again; once it moved, only the names the index lists as changed since then are. A
 * keystroke inside a declaration moves no places (its `stampsEpoch` would move: until session 12
 * the keys held to it, and looked up every walk's names after every keystroke).
 */
interface Walk {
    readonly key: InputKey;
    readonly declarations: readonly AstNode[];
    readonly inputs: readonly Input[];
    readonly names: readonly string[];
    readonly stamps: readonly number[];
    namesHeldAt: number;
}

function newPass() {
    return {
        /** The inputs of declarations met in this validation (null: not in a linked document's tree). */
        inputs: new Map<AstNode, Input | null>(),
        /** Entries of declarations outside a linked document's tree, for this validation. */
        entries: new Map<AstNode, readonly string[]>(),
        /** By the name looked up, for resolved references and for unresolved ones (no key text made per lookup). */
        names: new Map<string, NameInputs>(), unresolvedNames: new Map<string, NameInputs>()
    };
}

export class ScenarioInputs {
    private readonly index: DeclarationIndex;
    private readonly documents: EventloomCoreServices['shared']['workspace']['LangiumDocuments'];
    private readonly locator: EventloomCoreServices['workspace']['AstNodeLocator'];
    private readonly epochs: LinkEpochs;
    /** What a declaration of a linked document reads, as of its latest linking (a LinkEpochs stamp): kept links keep it. */
    private readonly linkedReads = new WeakMap<AstNode, { at: number; reads: DeclarationReads }>();
    /** Reads of declarations in documents that are not linked, for one document's validation. */
    private transient = new WeakMap<AstNode, DeclarationReads>();
    /** Each declaration's latest input. */
    private readonly inputs = new WeakMap<AstNode, Input>();
    /** Each scenario's latest walk, when everything it met was in a linked document's tree. */
    private readonly walks = new WeakMap<Scenario, Walk>();
    /** What holds while one document is validated: the declarations' inputs and the name lookups. */
    private pass = newPass();
    /** Numbers the passes (see `Input.confirmedIn`). */
    private passNumber = 0;

    /** Keys made by walking, and keys kept because their walk still held (for tests and profiles). */
    readonly counts = { walked: 0, kept: 0 };

    constructor(services: EventloomCoreServices) {
        this.index = services.workspace.DeclarationIndex;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.locator = services.workspace.AstNodeLocator;
        this.epochs = services.workspace.LinkEpochs;
    }

    /** A document's validation starts: what unlinked documents' references resolved to may change before it. */
    beginDocument(): void {
        this.transient = new WeakMap();
        this.pass = newPass();
        this.passNumber++;
    }

    keyOf(scenario: Scenario): InputKey {
        const kept = this.walks.get(scenario);
        if (kept && this.holds(kept)) {
            this.counts.kept++;
            return kept.key;
        }
        this.counts.walked++;
        const { walk, keepable } = this.walk(scenario);
        if (keepable) this.walks.set(scenario, walk);
        else this.walks.delete(scenario);
        return walk.key;
    }

    private holds(walk: Walk): boolean {
        const { declarations, inputs, names, stamps } = walk;
        const pass = this.passNumber;
        for (let i = 0; i < declarations.length; i++) {
            if (inputs[i].confirmedIn !== pass && this.inputOf(declarations[i]) !== inputs[i]) return false;
        }
        const epoch = this.index.placesEpoch;
        if (walk.namesHeldAt === epoch) return true;
        // Only the names whose places moved since the walk last held are looked up again (a rename moves two).
        const changed = this.index.placesChangedSince(walk.namesHeldAt);
        if (changed) {
            for (const name of changed) {
                const i = names.indexOf(name);
                if (i >= 0 && this.index.placesStampOfName(name) !== stamps[i]) return false;
            }
        } else {
            for (let i = 0; i < names.length; i++) {
                if (this.index.placesStampOfName(names[i]) !== stamps[i]) return false;
            }
        }
        walk.namesHeldAt = epoch;
        return true;
    }

    /** The scenario's key, by walking what it reads; keepable when everything it met is in a linked document's tree. */
    private walk(scenario: Scenario): { walk: Walk; keepable: boolean } {
        const key: string[] = [];
        const seen = new Set<AstNode>([scenario]);
        const queue: AstNode[] = [scenario];
        const inputs: Input[] = [];
        const names = new Set<string>();
        const looked = new Set<string>();
        let keepable = true;
        const enqueue = (declaration: AstNode) => {
            if (seen.has(declaration)) return;
            seen.add(declaration);
            queue.push(declaration);
        };
        for (let next = 0; next < queue.length; next++) {
            const declaration = queue[next];
            const input = this.inputOf(declaration);
            if (input) inputs.push(input);
            else keepable = false;
            key.push(...(input?.entry ?? this.transientEntryOf(declaration)));
            const reads = this.readsOf(declaration);
            for (const text of reads.unresolved) key.push('?', text);
            const named = [...reads.names.map(name => this.nameInputs(name, false)), ...reads.unresolvedNames.map(name => this.nameInputs(name, true))];
            for (const name of reads.names) looked.add(name);
            for (const name of reads.unresolvedNames) looked.add(name);
            for (const inputs of named) {
                if (names.has(inputs.key)) continue;
                names.add(inputs.key);
                key.push(...inputs.items);
                for (const target of inputs.declarations) enqueue(target);
            }
            for (const target of reads.declarations) enqueue(target);
        }
        const lookedUp = keepable ? [...looked] : [];
        const stamps = lookedUp.map(name => this.index.placesStampOfName(name));
        return { walk: { key, declarations: queue, inputs, names: lookedUp, stamps, namesHeldAt: this.index.placesEpoch }, keepable };
    }

    /** The declaration's input in this validation; undefined when it is not in a linked document's tree. */
    private inputOf(declaration: AstNode): Input | undefined {
        const pass = this.pass.inputs;
        const found = pass.get(declaration);
        if (found !== undefined) return found ?? undefined;
        const input = this.currentInput(declaration);
        pass.set(declaration, input ?? null);
        if (input) input.confirmedIn = this.passNumber;
        return input;
    }

    private currentInput(declaration: AstNode): Input | undefined {
        const root = declaration.$container as Model | undefined;
        const document = root?.$document;
        if (!root || !document || document.parseResult.value !== root || document.state < DocumentState.Linked || !heldByContainer(declaration)) return undefined;
        const linkedAt = this.epochs.linkedAt(declaration);
        if (linkedAt === undefined) return undefined;
        const cst = declaration.$cstNode;
        const start = cst?.range.start;
        const line = start?.line ?? -1;
        const character = start?.character ?? -1;
        const rootContext = root.context?.name ?? '';
        const context = contextNameOf(declaration);
        const last = this.inputs.get(declaration);
        // The context's two names compared apart: joining them allocated a string per declaration met and validation.
        const sameContext = last !== undefined && last.rootContext === rootContext && last.context === context;
        if (sameContext && last.linkedAt === linkedAt && last.line === line && last.character === character) return last;
        // The same node in its tree: the same text, and the same string object (compared in one step).
        const text = last ? last.entry[3] : cst?.text ?? '';
        const input: Input = {
            confirmedIn: this.passNumber, linkedAt, line, character, rootContext, context,
            entry: [document.uri.toString(), start ? `${line}:${character}` : '', sameContext ? last.entry[2] : `${rootContext}|${context}`, text]
        };
        this.inputs.set(declaration, input);
        return input;
    }

    /** The entry of a declaration outside a linked document's tree, once per validation (nothing moves meanwhile). */
    private transientEntryOf(declaration: AstNode): readonly string[] {
        let entry = this.pass.entries.get(declaration);
        if (!entry) {
            entry = entryOf(declaration);
            this.pass.entries.set(declaration, entry);
        }
        return entry;
    }

    /**
     * The declarations a lookup by this name may find, when that is not simply the resolved target:
     * a name declared more than once, or one a reference failed to resolve (the form still looks it up).
     */
    private nameInputs(name: string, unresolved: boolean): NameInputs {
        const found = unresolved ? this.pass.unresolvedNames : this.pass.names;
        let inputs = found.get(name);
        if (!inputs) {
            const memoKey = `${unresolved ? '?' : '#'}${name}`;
            const declared = this.index.declarationsNamed(name);
            inputs = declared.length === 1 && !unresolved
                ? { key: memoKey, items: [], declarations: [] }
                : {
                    key: memoKey,
                    items: [memoKey, String(declared.length), ...declared.flatMap(description => [description.documentUri.toString(), description.path])],
                    declarations: declared.flatMap(description => this.declarationOf(description) ?? [])
                };
            found.set(name, inputs);
        }
        return inputs;
    }

    private declarationOf(description: AstNodeDescription): AstNode | undefined {
        const root = this.documents.getDocument(description.documentUri)?.parseResult.value;
        const node = description.node ?? (root && this.locator.getAstNode(root, description.path));
        return node && topLevelOf(node);
    }

    private readsOf(declaration: AstNode): DeclarationReads {
        const document = AstUtils.findRootNode(declaration).$document;
        const at = this.epochs.linkedAt(declaration);
        // A document reset for re-linking resolves its references again on access: what they resolve
        // to holds for the validation under way (nothing is linked meanwhile), not beyond it.
        if (!document || document.state < DocumentState.Linked || at === undefined) {
            let found = this.transient.get(declaration);
            if (!found) {
                found = collectReads(declaration);
                this.transient.set(declaration, found);
            }
            return found;
        }
        // Linked: its references point where they pointed when the linker last resolved them. A
        // declaration re-linked after a splice comes with its list (no walk of its subtree again).
        const memo = this.linkedReads.get(declaration);
        if (memo?.at === at) return memo.reads;
        const listed = this.epochs.referencesOf(declaration);
        const reads = listed ? readsOf(declaration, listed) : collectReads(declaration);
        this.linkedReads.set(declaration, { at, reads });
        return reads;
    }
}

/** The declaration as an input: file, start, context (as the document declares it), text. */
function entryOf(declaration: AstNode): string[] {
    const cst = declaration.$cstNode;
    const root = AstUtils.findRootNode(declaration) as Model;
    const start = cst?.range.start;
    return [
        root.$document?.uri.toString() ?? '', start ? `${start.line}:${start.character}` : '',
        `${root.context?.name ?? ''}|${contextNameOf(declaration)}`, cst?.text ?? ''
    ];
}

/** What a declaration reads: its references (in a document being re-linked, resolved on access). */
function collectReads(declaration: AstNode): DeclarationReads {
    const references: Reference[] = [];
    collectReferences(declaration, references);
    return readsOf(declaration, references);
}

/**
 * The references in the node's subtree, in the order of `streamAst` and `streamReferences` (a node's
 * own, then each child's subtree, properties in key order), by plain recursion: the streams were a
 * third of computing the keys after an edit (the grammar has no multi-references).
 */
function collectReferences(node: AstNode, into: Reference[]): void {
    const record = node as unknown as Record<string, unknown>;
    const keys = Object.keys(record);
    for (const key of keys) {
        if (key.charCodeAt(0) === DOLLAR) continue;
        const value = record[key];
        if (Array.isArray(value)) {
            for (const item of value) if (isReference(item)) into.push(item);
        } else if (isReference(value)) into.push(value);
    }
    for (const key of keys) {
        if (key.charCodeAt(0) === DOLLAR) continue;
        const value = record[key];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNode(item)) collectReferences(item, into);
        } else if (isAstNode(value)) collectReferences(value, into);
    }
}

const DOLLAR = '$'.charCodeAt(0);

function readsOf(declaration: AstNode, references: readonly Reference[]): DeclarationReads {
    const targets = new Set<AstNode>();
    const declarations = new Set<AstNode>();
    const names = new Set<string>();
    const unresolved: string[] = [];
    const unresolvedNames = new Set<string>();
    for (const reference of references) {
        const target = reference.ref;
        if (!target) {
            unresolved.push(reference.$refText);
            unresolvedNames.add(qualifiedName(contextNameOf(declaration), reference.$refText));
            continue;
        }
        if (targets.has(target)) continue;
        targets.add(target);
        const top = topLevelOf(target);
        if (top && top !== declaration) declarations.add(top);
        if (LOOKED_UP_BY_NAME.has(target.$type)) names.add(qualifiedName(contextNameOf(target), (target as AstNode & { name: string }).name));
    }
    return { declarations: [...declarations], names: [...names], unresolved, unresolvedNames: [...unresolvedNames] };
}

/** The kinds the rules form finds by qualified name (none of them has subtypes). */
const LOOKED_UP_BY_NAME: ReadonlySet<string> = new Set([Event, Command, DomainError, Aggregate, ReadModel, Enum, ValueType].map(type => type.$type));

/** The element of the file's top level that holds the node (the node itself when it is one). */
function topLevelOf(node: AstNode): AstNode | undefined {
    let current = node;
    while (current.$container?.$container) current = current.$container;
    return current.$container ? current : undefined;
}
