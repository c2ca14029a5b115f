/**
 * Links of unchanged declarations survive a keystroke. Langium unlinks every reference of an
 * edited document and links the whole document again; after a splice (parser/declaration-reparse.ts)
 * every declaration but the re-parsed ones is the same AST node as before, so most references would
 * be resolved to exactly the node they pointed to. `KeptLinks` remembers the links when the
 * document is unlinked and, if the next parse was a splice, gives back per top-level declaration
 * those it can prove unchanged; the linker links the rest (the new declaration, and declarations
 * with any doubtful reference) as usual, in document order. (A splice usually re-parses one
 * declaration; a syntax error or an edit across declarations may re-parse a few.)
 *
 * A declaration keeps its links when every reference Langium had linked in it
 * - resolved to a node (an unresolved one is linked again: its message may name a candidate the
 *   edit added or removed),
 * - whose declaration is not a replaced one (it may be gone or renamed) and whose document was
 *   not parsed again since (its nodes are still that document's nodes; the edited document's only
 *   new nodes are the new declarations),
 * - by a name the new declarations did not add (it may resolve to the new name now).
 * One doubtful reference re-links its whole declaration: a reference's scope may depend on another
 * reference of the same declaration (a field in `when C { … }` is looked up in command C).
 * test/language/linking/kept-links.test.ts compares the result with a fresh build on random edits.
 */
import { DocumentState, isAstNode, type AstNode, type AstNodeDescription, type LangiumDocument, type Reference } from 'langium';
import type { Element } from '../generated/ast.js';
import type { DeclarationSplice } from '../parser/declaration-reparse.js';
import type { ParseRecord } from '../workspace/incremental-document-factory.js';
import { addedNames } from '../workspace/splice-dependents.js';

/** What the linker writes into a resolved reference (Langium's DefaultReferenceImpl). */
interface LinkedReference extends Reference {
    /** The node holding the reference. */
    node: AstNode;
    _ref?: unknown;
    _nodeDescription?: AstNodeDescription;
}

export interface KeptLink {
    reference: LinkedReference;
    target: unknown;
    description: AstNodeDescription | undefined;
}

interface Snapshot {
    /** The document's parse count when it was unlinked. */
    parseCount: number;
    /** The references Langium had linked (a multi-reference as `undefined`: never kept). */
    links: Array<KeptLink | { reference: { node: AstNode } }>;
    /** Parse count of every document a link pointed into, at that moment. */
    targetParseCounts: Map<string, number>;
    /**
     * The documents the current update had parsed already when this one was unlinked (a dependent
     * is unlinked after the edited file is parsed): its links are those of before these parses.
     */
    parsedBefore: readonly ParseRecord[];
    /** The factory's latest parse serial when it was unlinked. */
    serial: number;
}

/** What the kept-links rules read of the document factory (IncrementalDocumentFactory). */
export interface ParseHistory {
    readonly latestSerial: number;
    parseCount(uri: string): number;
    parsesOfUpdate(): readonly ParseRecord[];
    parsesSince(serial: number): readonly ParseRecord[] | undefined;
}

/** The top-level declaration a node belongs to (the node itself for a declaration; the root for the root). */
export function declarationOf(node: AstNode): AstNode {
    let current = node;
    while (current.$container && current.$container.$container) current = current.$container;
    return current;
}

/** Which parses since the links were made a link must have survived. */
interface Changes {
    uri: string;
    /** The document's own splice (undefined: it was not parsed again, only unlinked). */
    own: DeclarationSplice | undefined;
    /** Other documents spliced since the links were made, with their parse count after it. */
    spliced: ReadonlyMap<string, ParseRecord>;
    added: ReadonlySet<string>;
}

export class KeptLinks {
    private readonly snapshots = new WeakMap<LangiumDocument, Snapshot>();

    constructor(private readonly history: ParseHistory, private readonly isLoaded: (uri: string) => boolean) {}

    /**
     * Before Langium unlinks the document: remember what each linked reference points to. Only a
     * document whose linking had completed (a cancelled build may have left references unlinked).
     */
    remember(document: LangiumDocument): void {
        if (document.state < DocumentState.Linked) {
            this.snapshots.delete(document);
            return;
        }
        const targetParseCounts = new Map<string, number>();
        const links: Snapshot['links'] = [];
        for (const reference of document.references as LinkedReference[]) {
            if (!('_ref' in reference)) {
                links.push({ reference });
                continue;
            }
            const target = reference._ref;
            links.push({ reference, target, description: reference._nodeDescription });
            const uri = reference._nodeDescription?.documentUri.toString();
            if (uri !== undefined && !targetParseCounts.has(uri)) targetParseCounts.set(uri, this.history.parseCount(uri));
        }
        const parsedBefore = [...this.history.parsesOfUpdate()];
        const serial = this.history.latestSerial;
        this.snapshots.set(document, { parseCount: this.history.parseCount(document.uri.toString()), links, targetParseCounts, parsedBefore, serial });
    }

    /**
     * When the document is linked again: the top-level declarations to link again (`relink`), and
     * the kept links of every other one. Two cases keep links: the document was parsed once since it
     * was unlinked, by `splice` (the edited file); or it was not parsed again (a dependent of an
     * edited file) and every document parsed before it was unlinked was spliced. Undefined when
     * nothing can be kept (a full parse since, of it or of a file parsed before it was unlinked).
     */
    take(document: LangiumDocument, splice: DeclarationSplice | undefined): { relink: ReadonlySet<AstNode>; kept: ReadonlyMap<AstNode, KeptLink[]> } | undefined {
        const snapshot = this.snapshots.get(document);
        this.snapshots.delete(document);
        if (!snapshot) return undefined;
        const uri = document.uri.toString();
        const count = this.history.parseCount(uri);
        const own = splice && count === snapshot.parseCount + 1 ? splice : undefined;
        if (!own && count !== snapshot.parseCount) return undefined;
        const spliced = new Map<string, ParseRecord>();
        for (const parse of snapshot.parsedBefore) {
            if (parse.uri === uri) continue;
            // A document parsed in full (or twice) since the links were made: any name may resolve elsewhere now.
            if (!parse.splice || spliced.has(parse.uri)) return undefined;
            spliced.set(parse.uri, parse);
        }
        if (!own && spliced.size === 0) return undefined;
        const added = new Set<string>(own ? addedNames(own) : []);
        for (const parse of spliced.values()) for (const name of addedNames(parse.splice!)) added.add(name);
        // Parses of other documents after the unlinking: links into them fail their parse count,
        // and a name they added may resolve there now.
        const since = this.history.parsesSince(snapshot.serial);
        if (!since) return undefined;
        for (const parse of since) {
            if (parse.uri === uri) continue;
            if (!parse.splice) return undefined;
            for (const name of addedNames(parse.splice)) added.add(name);
        }
        const changes: Changes = { uri, own, spliced, added };

        const byDeclaration = new Map<AstNode, KeptLink[]>();
        const doubtful = new Set<AstNode>(own ? [...own.oldElements, ...own.newElements] : []);
        for (const link of snapshot.links) {
            const declaration = declarationOf(link.reference.node);
            if (doubtful.has(declaration)) continue;
            if (!('target' in link) || !this.keepable(link, snapshot, changes)) {
                doubtful.add(declaration);
                byDeclaration.delete(declaration);
                continue;
            }
            const links = byDeclaration.get(declaration);
            if (links) links.push(link);
            else byDeclaration.set(declaration, [link]);
        }
        return { relink: doubtful, kept: byDeclaration };
    }

    private keepable(link: KeptLink, snapshot: Snapshot, changes: Changes): boolean {
        const { target, description } = link;
        if (!isAstNode(target) || !description) return false;
        const text = link.reference.$refText;
        if (changes.added.has(text.slice(text.lastIndexOf('.') + 1))) return false;
        const targetUri = description.documentUri.toString();
        if (targetUri === changes.uri) return !changes.own || !changes.own.oldElements.includes(declarationOf(target) as Element);
        if (!this.isLoaded(targetUri)) return false;
        const count = this.history.parseCount(targetUri);
        const spliced = changes.spliced.get(targetUri);
        if (spliced) return count === spliced.count && !spliced.splice!.oldElements.includes(declarationOf(target) as Element);
        return count === snapshot.targetParseCounts.get(targetUri);
    }
}

/**
 * Puts a kept link back into its reference, as the linker had left it. False when the reference
 * was resolved meanwhile (read before its document was linked again: Langium then resolves it on
 * the spot and lists it among the document's references already).
 */
export function restoreLink(link: KeptLink): boolean {
    if (link.reference._ref !== undefined) return false;
    link.reference._ref = link.target;
    link.reference._nodeDescription = link.description;
    return true;
}
