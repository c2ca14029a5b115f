/**
 * When each top-level declaration's references were last resolved. The linker ticks a counter
 * every time it links a document and stamps the declarations whose references it resolved anew
 * (all of them after a full link; after a splice only those kept-links.ts could not keep). A
 * declaration whose links were kept keeps its stamp: its references point where they pointed.
 * The validation cache (validation/declaration-inputs.ts) compares these stamps with the moment
 * it validated a declaration.
 */
import type { AstNode, Reference } from 'langium';

export class LinkEpochs {
    private epoch = 0;
    private readonly stamps = new WeakMap<AstNode, number>();
    /** The references the linker resolved in a declaration at its stamp, where it listed them. */
    private readonly references = new WeakMap<AstNode, readonly Reference[]>();

    /** The stamp of the latest linking (0 before any). */
    get current(): number {
        return this.epoch;
    }

    /** A new linking starts: the stamp its declarations get. */
    next(): number {
        return ++this.epoch;
    }

    /**
     * `references`: every reference in the declaration's subtree, in `streamAst` / `streamReferences`
     * order, as the linker met them (it lists them when it links declarations one by one, after a
     * splice); without them, none are kept for this stamp.
     */
    stamp(declaration: AstNode, epoch: number, references?: readonly Reference[]): void {
        this.stamps.set(declaration, epoch);
        if (references) this.references.set(declaration, references);
        else this.references.delete(declaration);
    }

    /**
     * The references of the declaration as of its stamp, when the linker listed them: a reader of a
     * re-linked declaration's references (the scenario check's keys) need not walk its subtree again.
     */
    referencesOf(declaration: AstNode): readonly Reference[] | undefined {
        return this.references.get(declaration);
    }

    /** When the declaration's references were last resolved; undefined if the linker never linked it. */
    linkedAt(declaration: AstNode): number | undefined {
        return this.stamps.get(declaration);
    }
}
