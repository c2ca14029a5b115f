/**
 * Whether what a top-level declaration's checks read may have changed since a moment (a stamp of
 * LinkEpochs). The checks the validation cache serves (see declaration-validation-cache.ts) read
 * the declaration's own subtree, its containers up to the file's `context` line, and — through
 * references, transitively — the declarations those resolve to (a scenario's `when` command, that
 * command's fields, the enum a field is typed with, its members). They read neither the index nor
 * other files except through references: the checks that do (the file-wide name checks on the
 * Model) run on every validation.
 *
 * So a result computed at moment `t` still holds when every declaration X reachable from the
 * declaration by references (itself included)
 * - is still in its document's tree (not replaced by a splice, not from before a full re-parse:
 *   its subtree is what it was),
 * - is in a linked document (a document reset for re-linking may resolve differently), and
 * - had its references last resolved no later than `t` (LinkEpochs: kept links keep their stamp).
 * `latestChange` gives the latest such stamp over the reachable set (Infinity when one of the
 * first two fails), memoised until the next linking or update.
 */
import { DocumentState, type AstNode, type LangiumDocument, type LangiumSharedCoreServices, type MultiReference, type Reference } from 'langium';
import { collectNodes, heldByContainer } from '../ast-walk.js';
import { declarationOf } from '../linking/kept-links.js';
import type { LinkEpochs } from '../linking/link-epochs.js';

/** Targets read by walking a declaration's nodes per linking before its document's references are grouped instead. */
const WALKS_BEFORE_GROUPING = 32;

interface Targets {
    /** The stamp of the linking the targets were read after. */
    linkedAt: number;
    declarations: readonly AstNode[];
}

export class DeclarationInputs {
    private readonly targets = new WeakMap<AstNode, Targets>();
    private readonly latest = new Map<AstNode, number>();
    /** Per linked document, its references by top-level declaration, for the array and length they were read from. */
    private readonly references = new WeakMap<LangiumDocument, { list: readonly unknown[]; length: number; byDeclaration: Map<AstNode, Array<Reference | MultiReference>> }>();
    private latestAt = -1;
    /** Declarations whose targets were read by walking their nodes since the latest linking. */
    private walked = 0;

    constructor(private readonly epochs: LinkEpochs, shared: LangiumSharedCoreServices) {
        // An update resets documents (some to be re-linked) before anything is linked again.
        shared.workspace.DocumentBuilder.onUpdate(() => this.latest.clear());
    }

    /** Whether nothing the declaration's checks read changed after the stamp `at`. */
    unchangedSince(declaration: AstNode, at: number): boolean {
        // Most often its own links are new (a re-linked file): no need to look further.
        if ((this.epochs.linkedAt(declaration) ?? Infinity) > at) return false;
        return this.latestChange(declaration) <= at;
    }

    /** The latest stamp among the declarations reachable from `declaration`; Infinity if one of them changed otherwise. */
    latestChange(declaration: AstNode): number {
        if (this.latestAt !== this.epochs.current) {
            this.latest.clear();
            this.latestAt = this.epochs.current;
            this.walked = 0;
        }
        return this.visit(declaration);
    }

    /**
     * Tarjan's strongly connected components over "references into": declarations referring to
     * each other (a read model and the policy reading it) share one result. A component's value is
     * the maximum over its members and over the components it reaches, all complete when it is.
     */
    private visit(start: AstNode): number {
        const known = this.latest.get(start);
        if (known !== undefined) return known;
        const order = new Map<AstNode, number>();
        const low = new Map<AstNode, number>();
        const value = new Map<AstNode, number>();
        const stack: AstNode[] = [];
        const onStack = new Set<AstNode>();
        const strongConnect = (node: AstNode): void => {
            order.set(node, order.size);
            low.set(node, order.get(node)!);
            stack.push(node);
            onStack.add(node);
            let own = this.ownStamp(node);
            if (own !== Infinity) {
                for (const target of this.targetsOf(node)) {
                    const done = this.latest.get(target);
                    if (done !== undefined) {
                        own = Math.max(own, done);
                    } else if (!order.has(target)) {
                        strongConnect(target);
                        const reached = this.latest.get(target);
                        if (reached !== undefined) own = Math.max(own, reached);
                        else low.set(node, Math.min(low.get(node)!, low.get(target)!));
                    } else if (onStack.has(target)) {
                        low.set(node, Math.min(low.get(node)!, order.get(target)!));
                    }
                    if (own === Infinity) break;
                }
            }
            value.set(node, own);
            if (low.get(node) !== order.get(node)) return;
            const component: AstNode[] = [];
            let member: AstNode;
            do {
                member = stack.pop()!;
                onStack.delete(member);
                component.push(member);
            } while (member !== node);
            const result = Math.max(...component.map(each => value.get(each)!));
            for (const each of component) this.latest.set(each, result);
        };
        strongConnect(start);
        return this.latest.get(start)!;
    }

    /** The declaration's own stamp, or Infinity when it left its tree or its document is not linked. */
    private ownStamp(declaration: AstNode): number {
        const root = declaration.$container;
        const document = root?.$document;
        if (!root || !document || document.parseResult.value !== root || document.state < DocumentState.Linked) return Infinity;
        return heldByContainer(declaration) ? this.epochs.linkedAt(declaration) ?? Infinity : Infinity;
    }

    /** The other top-level declarations the declaration's references resolve to, read once per linking of it. */
    private targetsOf(declaration: AstNode): readonly AstNode[] {
        const linkedAt = this.epochs.linkedAt(declaration)!;
        const cached = this.targets.get(declaration);
        if (cached?.linkedAt === linkedAt) return cached.declarations;
        const found = new Set<AstNode>();
        // A keystroke re-links a few declarations: their nodes are walked. After opening a file
        // every declaration is asked for the first time: then one pass over the document's list.
        const references = this.walked++ < WALKS_BEFORE_GROUPING ? undefined : this.referencesOf(declaration);
        if (references) {
            for (const reference of references) addTarget(reference, found);
        } else {
            for (const node of collectNodes(declaration)) {
                const record = node as unknown as Record<string, unknown>;
                for (const key of Object.keys(record)) {
                    if (key.charCodeAt(0) === 36 /* $ */) continue;
                    const value = record[key];
                    if (Array.isArray(value)) {
                        for (const item of value) addTarget(item, found);
                    } else {
                        addTarget(value, found);
                    }
                }
            }
        }
        found.delete(declaration);
        const declarations = [...found];
        this.targets.set(declaration, { linkedAt, declarations });
        return declarations;
    }

    /**
     * The declaration's references, from its linked document's list of every reference the linker
     * resolved (in the order it met them), grouped by declaration once per linking of the document:
     * the first keystroke after opening a file reads the targets of every declaration, and walking
     * each declaration's nodes for them was a quarter of that keystroke in a 20k-line file (wall
     * samples of its profile). Regrouping on every keystroke cost more than walking the few
     * declarations it re-linked, hence WALKS_BEFORE_GROUPING. Undefined
     * when the document is not linked (ownStamp is then Infinity and nothing asks).
     */
    private referencesOf(declaration: AstNode): ReadonlyArray<Reference | MultiReference> | undefined {
        const document = declaration.$container?.$document;
        if (!document || document.state < DocumentState.Linked) return undefined;
        const all = document.references;
        let grouped = this.references.get(document);
        if (grouped?.list !== all || grouped.length !== all.length) {
            const byDeclaration = new Map<AstNode, Array<Reference | MultiReference>>();
            for (const reference of all) {
                const owner = declarationOf((reference as unknown as { node: AstNode }).node);
                const list = byDeclaration.get(owner);
                if (list) list.push(reference);
                else byDeclaration.set(owner, [reference]);
            }
            grouped = { list: all, length: all.length, byDeclaration };
            this.references.set(document, grouped);
        }
        return grouped.byDeclaration.get(declaration) ?? [];
    }
}

/** A reference's target's top-level declaration (a multi-reference's every item's). */
function addTarget(value: unknown, into: Set<AstNode>): void {
    if (typeof value !== 'object' || value === null || typeof (value as { $refText?: unknown }).$refText !== 'string') return;
    if ('items' in value) {
        for (const item of (value as { items: Array<{ ref: AstNode }> }).items) into.add(declarationOf(item.ref));
    } else {
        const target = (value as { ref?: AstNode }).ref;
        if (target) into.add(declarationOf(target));
    }
}
