/**
 * Links of unchanged declarations survive a keystroke. Langium unlinks every reference of an
 * edited document and links the whole document again; after a splice (parser/declaration-reparse.ts)
 * every declaration but the re-parsed ones is the same AST node as before, so most references would
 * be resolved to exactly the node they pointed to. `KeptLinks` holds the references, still linked,
 * when the document is unlinked and, if the next parse was a splice, gives back per top-level
 * declaration those it can prove unchanged (unlinking the others); the linker links the rest (the
 * new declaration, and declarations with any doubtful reference) as usual, in document order. So a
 * keystroke's linking costs a pass over the references plus the doubtful ones, and no unlinking
 * and restoring of every reference. (A splice usually re-parses one declaration; a syntax error
 * or an edit across declarations may re-parse a few.)
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

/** What the linker writes into a reference (Langium's DefaultReferenceImpl, DefaultMultiReferenceImpl). */
interface LinkedReference extends Reference {
    /** The node holding the reference. */
    node: AstNode;
    _ref?: unknown;
    _nodeDescription?: AstNodeDescription;
    _items?: unknown;
    _linkingError?: unknown;
}

interface Snapshot {
    /** The document's parse count when it was unlinked. */
    parseCount: number;
    /**
     * The references Langium had linked, still linked: they are unlinked only when the next linking
     * finds them doubtful (or can keep nothing), so a kept link costs nothing but being listed again.
     */
    references: readonly LinkedReference[];
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
    /** Other documents spliced before the unlinking (in this update), with their parse count after it. */
    spliced: ReadonlyMap<string, ParseRecord>;
    /** Documents parsed after the unlinking (their nodes are new: no link into them is kept). */
    parsedSince: ReadonlySet<string>;
    added: ReadonlySet<string>;
    /** Whether a document is in the workspace, per URI (asked once per URI). */
    loaded: Map<string, boolean>;
}

export class KeptLinks {
    private readonly snapshots = new WeakMap<LangiumDocument, Snapshot>();

    constructor(private readonly history: ParseHistory, private readonly isLoaded: (uri: string) => boolean) {}

    /**
     * Instead of Langium's unlinking of the document: true when its references stay linked, held
     * until the next linking decides which to keep. Only a document whose linking had completed (a
     * cancelled build may have left references unlinked); one unlinked again before it was linked
     * keeps its first snapshot (its references as of its last complete linking), and false.
     */
    hold(document: LangiumDocument): boolean {
        if (document.state < DocumentState.Linked) return false;
        const references = document.references as LinkedReference[];
        document.references = [];
        const parsedBefore = [...this.history.parsesOfUpdate()];
        this.snapshots.set(document, { parseCount: this.history.parseCount(document.uri.toString()), references, parsedBefore, serial: this.history.latestSerial });
        return true;
    }

    /**
     * When the document is linked again: the top-level declarations to link again (`relink`), and
     * the kept links of every other one, in their former order; every held reference not kept is
     * unlinked here, as Langium would have done it. Two cases keep links: the document was parsed
     * once since it was unlinked, by `splice` (the edited file); or it was not parsed again (a
     * dependent of an edited file) and every document parsed before it was unlinked was spliced.
     * Undefined when nothing can be kept (a full parse since, of it or of a file parsed before it
     * was unlinked): then every held reference is unlinked.
     */
    take(document: LangiumDocument, splice: DeclarationSplice | undefined): { relink: ReadonlySet<AstNode>; kept: ReadonlyMap<AstNode, Reference[]> } | undefined {
        const snapshot = this.snapshots.get(document);
        if (!snapshot) return undefined;
        this.snapshots.delete(document);
        const changes = this.changesSince(document, snapshot, splice);
        if (!changes) {
            for (const reference of snapshot.references) unlinkReference(reference);
            return undefined;
        }
        const byDeclaration = new Map<AstNode, Reference[]>();
        const doubtful = new Set<AstNode>(changes.own ? [...changes.own.oldElements, ...changes.own.newElements] : []);
        for (const reference of snapshot.references) {
            const declaration = declarationOf(reference.node);
            // The root's own references are linked with the root, before any declaration's.
            if (declaration === reference.node && !reference.node.$container || doubtful.has(declaration)) {
                unlinkReference(reference);
                continue;
            }
            if (!this.keepable(reference, changes)) {
                doubtful.add(declaration);
                for (const earlier of byDeclaration.get(declaration) ?? []) unlinkReference(earlier as LinkedReference);
                byDeclaration.delete(declaration);
                unlinkReference(reference);
                continue;
            }
            const kept = byDeclaration.get(declaration);
            if (kept) kept.push(reference);
            else byDeclaration.set(declaration, [reference]);
        }
        return { relink: doubtful, kept: byDeclaration };
    }

    /** What a link must have survived since the snapshot; undefined when nothing can be kept. */
    private changesSince(document: LangiumDocument, snapshot: Snapshot, splice: DeclarationSplice | undefined): Changes | undefined {
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
        // Parses of other documents after the unlinking: links into them are not kept, and a name
        // they added may resolve there now.
        const since = this.history.parsesSince(snapshot.serial);
        if (!since) return undefined;
        const parsedSince = new Set<string>();
        for (const parse of since) {
            if (parse.uri === uri) continue;
            if (!parse.splice) return undefined;
            parsedSince.add(parse.uri);
            for (const name of addedNames(parse.splice)) added.add(name);
        }
        return { uri, own, spliced, parsedSince, added, loaded: new Map() };
    }

    private keepable(reference: LinkedReference, changes: Changes): boolean {
        const target = reference._ref;
        const description = reference._nodeDescription;
        if (!isAstNode(target) || !description) return false;
        const text = reference.$refText;
        const dot = text.lastIndexOf('.');
        if (changes.added.has(dot < 0 ? text : text.slice(dot + 1))) return false;
        const targetUri = description.documentUri.toString();
        if (targetUri === changes.uri) return !changes.own || !changes.own.oldElements.includes(declarationOf(target) as Element);
        let loaded = changes.loaded.get(targetUri);
        if (loaded === undefined) changes.loaded.set(targetUri, loaded = this.isLoaded(targetUri));
        if (!loaded || changes.parsedSince.has(targetUri)) return false;
        const spliced = changes.spliced.get(targetUri);
        if (spliced) return !spliced.splice!.oldElements.includes(declarationOf(target) as Element);
        return true;
    }
}

/** Langium's unlinking of one reference (DefaultLinker.unlink). */
function unlinkReference(reference: LinkedReference): void {
    if ('_ref' in reference) {
        reference._ref = undefined;
        delete reference._nodeDescription;
    } else if ('_items' in reference) {
        reference._items = undefined;
        delete reference._linkingError;
    }
}
