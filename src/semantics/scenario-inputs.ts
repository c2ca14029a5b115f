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
import { AstUtils, DocumentState, type AstNode, type AstNodeDescription, type LangiumDocument, type Reference } from 'langium';
import type { EventloomCoreServices } from '../language/eventloom-module.js';
import {
    isAggregate, isCommand, isDomainError, isEnum, isEvent, isModel, isReadModel, isValueType, type Model, type Scenario
} from '../language/generated/ast.js';
import { contextNameOf } from '../language/model-queries.js';
import { qualifiedName } from '../language/scoping/qualified-names.js';
import type { DeclarationIndex } from '../language/workspace/declaration-index.js';

/** Flat strings, compared item by item: equal keys, equal runs. */
export type InputKey = readonly string[];

/** The references of one top-level declaration, as the key needs them. */
interface DeclarationReads {
    /** The top-level declarations its references resolve into (itself excluded), in reference order. */
    readonly declarations: readonly AstNode[];
    /** Qualified names of the named declarations it references or fails to resolve, looked up by name in the form. */
    readonly names: readonly string[];
    /** The text of each reference that does not resolve. */
    readonly unresolved: readonly string[];
}

/** A linked document's references by the top-level declaration holding them, and what each declaration reads. */
interface DocumentReads {
    /** The document's references array and its length when grouped: linking replaces or extends it. */
    readonly references: LangiumDocument['references'];
    readonly count: number;
    readonly referencesByDeclaration: Map<AstNode, Reference[]>;
    readonly byDeclaration: Map<AstNode, DeclarationReads>;
}

export class ScenarioInputs {
    private readonly index: DeclarationIndex;
    private readonly documents: EventloomCoreServices['shared']['workspace']['LangiumDocuments'];
    private readonly locator: EventloomCoreServices['workspace']['AstNodeLocator'];
    private readonly reads = new WeakMap<LangiumDocument, DocumentReads>();
    /** Reads of declarations in documents that are not linked, for one document's validation. */
    private transient = new WeakMap<AstNode, DeclarationReads>();

    constructor(services: EventloomCoreServices) {
        this.index = services.workspace.DeclarationIndex;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.locator = services.workspace.AstNodeLocator;
    }

    /** A document's validation starts: what unlinked documents' references resolved to may change before it. */
    beginDocument(): void {
        this.transient = new WeakMap();
    }

    keyOf(scenario: Scenario): InputKey {
        const key: string[] = [];
        const seen = new Set<AstNode>([scenario]);
        const queue: AstNode[] = [scenario];
        const names = new Set<string>();
        const visit = (declaration: AstNode) => {
            if (seen.has(declaration)) return;
            seen.add(declaration);
            queue.push(declaration);
        };
        for (let next = 0; next < queue.length; next++) {
            const declaration = queue[next];
            key.push(...entryOf(declaration));
            const reads = this.readsOf(declaration);
            for (const target of reads.declarations) visit(target);
            for (const text of reads.unresolved) key.push('?', text);
            for (const name of reads.names) {
                if (names.has(name)) continue;
                names.add(name);
                const declared = this.index.declarationsNamed(name);
                if (declared.length === 1) continue;
                key.push('#', name, String(declared.length));
                for (const description of declared) {
                    key.push(description.documentUri.toString(), description.path);
                    const top = this.declarationOf(description);
                    if (top) visit(top);
                }
            }
        }
        return key;
    }

    private declarationOf(description: AstNodeDescription): AstNode | undefined {
        const root = this.documents.getDocument(description.documentUri)?.parseResult.value;
        const node = description.node ?? (root && this.locator.getAstNode(root, description.path));
        return node && topLevelOf(node);
    }

    private readsOf(declaration: AstNode): DeclarationReads {
        const document = AstUtils.findRootNode(declaration).$document;
        // A document reset for re-linking resolves its references again on access: what they resolve
        // to holds for the validation under way (nothing is linked meanwhile), not beyond it.
        if (!document || document.state < DocumentState.Linked) {
            let found = this.transient.get(declaration);
            if (!found) {
                found = collectReads(declaration);
                this.transient.set(declaration, found);
            }
            return found;
        }
        let reads = this.reads.get(document);
        if (!reads || reads.references !== document.references || reads.count !== document.references.length) {
            reads = {
                references: document.references, count: document.references.length,
                referencesByDeclaration: referencesByDeclaration(document.references), byDeclaration: new Map()
            };
            this.reads.set(document, reads);
        }
        let found = reads.byDeclaration.get(declaration);
        if (!found) {
            found = readsOf(declaration, reads.referencesByDeclaration.get(declaration) ?? []);
            reads.byDeclaration.set(declaration, found);
        }
        return found;
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

/** What a declaration of a document being re-linked reads: its references, resolved on access. */
function collectReads(declaration: AstNode): DeclarationReads {
    const references = AstUtils.streamAst(declaration).flatMap(node => AstUtils.streamReferences(node)).map(info => info.reference as Reference).toArray();
    return readsOf(declaration, references);
}

/** A linked document's references grouped by the top-level declaration they sit in (one pass, no walk of the tree). */
function referencesByDeclaration(references: LangiumDocument['references']): Map<AstNode, Reference[]> {
    const grouped = new Map<AstNode, Reference[]>();
    for (const reference of references) {
        const container = reference.$refNode?.astNode;
        const top = container && topLevelOf(container);
        if (!top || !('ref' in reference)) continue;
        const group = grouped.get(top);
        if (group) group.push(reference);
        else grouped.set(top, [reference]);
    }
    return grouped;
}

function readsOf(declaration: AstNode, references: readonly Reference[]): DeclarationReads {
    const declarations = new Set<AstNode>();
    const names = new Set<string>();
    const unresolved: string[] = [];
    for (const reference of references) {
        const target = reference.ref;
        if (!target) {
            unresolved.push(reference.$refText);
            names.add(qualifiedName(contextNameOf(declaration), reference.$refText));
            continue;
        }
        const top = topLevelOf(target);
        if (top && top !== declaration) declarations.add(top);
        if (isLookedUpByName(target)) names.add(qualifiedName(contextNameOf(target), target.name));
    }
    return { declarations: [...declarations], names: [...names], unresolved };
}

/** The kinds the rules form finds by qualified name. */
function isLookedUpByName(node: AstNode): node is AstNode & { name: string } {
    return isEvent(node) || isCommand(node) || isDomainError(node) || isAggregate(node) || isReadModel(node) || isEnum(node) || isValueType(node);
}

/** The element of the file's top level that holds the node (the node itself when it is one). */
function topLevelOf(node: AstNode): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current?.$container && !isModel(current.$container)) current = current.$container;
    return current && current.$container ? current : undefined;
}

