/**
 * When each top-level declaration's references were last resolved. The linker ticks a counter
 * every time it links a document and stamps the declarations whose references it resolved anew
 * (all of them after a full link; after a splice only those kept-links.ts could not keep). A
 * declaration whose links were kept keeps its stamp: its references point where they pointed.
 * The validation cache (validation/declaration-inputs.ts) compares these stamps with the moment
 * it validated a declaration.
 */
import type { AstNode } from 'langium';

export class LinkEpochs {
    private epoch = 0;
    private readonly stamps = new WeakMap<AstNode, number>();

    /** The stamp of the latest linking (0 before any). */
    get current(): number {
        return this.epoch;
    }

    /** A new linking starts: the stamp its declarations get. */
    next(): number {
        return ++this.epoch;
    }

    stamp(declaration: AstNode, epoch: number): void {
        this.stamps.set(declaration, epoch);
    }

    /** When the declaration's references were last resolved; undefined if the linker never linked it. */
    linkedAt(declaration: AstNode): number | undefined {
        return this.stamps.get(declaration);
    }
}
