/**
 * The reference index of the language server, recorded when the user pauses. Langium records
 * every resolved reference of a document after linking it (phase IndexedReferences); only find
 * references, rename, document highlight, the hover's "used by" and `isAffected` (which files an
 * edit in another file touches) read that record. Per keystroke it is ~10% of the edited file's
 * build, spent on nothing the edit's diagnostics need. So a linked document is only marked as
 * pending; its references are described when the user pauses (PAUSE_MS without a new build, and
 * no build under way: a slow keystroke's validation outlasting PAUSE_MS is no pause), or
 * at once when something reads the index — a request that needs it waits for it and answers as
 * if it had been recorded eagerly (`isAffected` answers from the pending document's own links).
 *
 * Why that is exact: a pending document is linked (it was marked after its linking phase), and a
 * reset that unlinks it also removes its record (`removeReferences`), which drops it from the
 * pending set; so describing a pending document at any later moment gives what the eager
 * IndexedReferences phase would have given.
 */
import { childNodes } from '../ast-walk.js';
import {
    AstUtils, DefaultIndexManager, type AstNodeDescription, DefaultReferenceDescriptionProvider, isReference, type AstNode, type LangiumDocument, type LangiumSharedCoreServices,
    type MultiReference, type Reference, type ReferenceDescription, type ServiceRegistry, type Stream, type URI, type WorkspaceLock
} from 'langium';

/** How long without a new build counts as a pause. */
export const PAUSE_MS = 400;

/** How long one turn of describing after a pause runs before it lets a keystroke's build go first. */
export const SLICE_MS = 4;

/** A document's description under way: the root's own references, then each top-level declaration's. */
export interface DescriptionProgress {
    readonly document: LangiumDocument;
    /** The root, then its top-level declarations, in `streamAst` order. */
    readonly units: readonly AstNode[];
    /** The next unit to describe. */
    next: number;
    readonly descriptions: ReferenceDescription[];
}

/** `createDescriptions` without yielding: the index is read synchronously (`findAllReferences`, `isAffected`). */
export class SynchronousReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    describe(document: LangiumDocument): ReferenceDescription[] {
        const progress = this.start(document);
        this.describeUntil(progress, Infinity);
        return progress.descriptions;
    }

    start(document: LangiumDocument): DescriptionProgress {
        const root = document.parseResult.value;
        return { document, units: [root, ...childNodes(root)], next: 0, descriptions: [] };
    }

    /**
     * Describes units of `progress` until `deadline` (`performance.now()`), at least one; true when
     * the document is done. The same descriptions in the same order as one walk of the whole tree.
     */
    describeUntil(progress: DescriptionProgress, deadline: number): boolean {
        const { units, descriptions } = progress;
        do {
            if (progress.next >= units.length) return true;
            const unit = units[progress.next];
            const nodes = progress.next === 0 ? [unit] : AstUtils.streamAst(unit);
            for (const node of nodes) {
                AstUtils.streamReferences(node).forEach(refInfo => {
                    if (!refInfo.reference.error) descriptions.push(...this.createInfoDescriptions(refInfo));
                });
            }
            progress.next++;
        } while (performance.now() < deadline);
        return progress.next >= units.length;
    }
}

export class DeferredReferenceIndexManager extends DefaultIndexManager {
    private readonly registry: ServiceRegistry;
    private readonly workspaceLock: WorkspaceLock;
    /** URI -> a linked document whose references are not described yet. */
    private readonly pending = new Map<string, LangiumDocument>();
    private pauseTimer: ReturnType<typeof setTimeout> | undefined;
    /** The pending document being described after a pause, when it took more than one turn so far. */
    private progress: { key: string; progress: DescriptionProgress } | undefined;
    /** One turn's budget of describing after a pause (ms; 0: one declaration per turn). */
    sliceMs = SLICE_MS;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.registry = services.ServiceRegistry;
        this.workspaceLock = services.workspace.WorkspaceLock;
    }

    override async updateReferences(document: LangiumDocument): Promise<void> {
        const key = document.uri.toString();
        if (!(this.registry.getServices(document.uri).workspace.ReferenceDescriptionProvider instanceof SynchronousReferenceDescriptionProvider)) {
            return super.updateReferences(document);
        }
        this.referenceIndex.delete(key);
        if (this.progress?.key === key) this.progress = undefined;
        this.pending.set(key, document);
        this.restartPauseTimer();
    }

    override removeReferences(uri: URI): void {
        this.pending.delete(uri.toString());
        if (this.progress?.key === uri.toString()) this.progress = undefined;
        super.removeReferences(uri);
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        this.describePending();
        return super.findAllReferences(targetNode, astNodePath);
    }

    /**
     * Langium asks this of every document on every update. A pending document is answered from
     * its own linked references, as its description would answer it (a resolved reference into
     * another document that changed), without describing it: otherwise each keystroke would
     * describe the documents the previous one re-linked.
     */
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const key = document.uri.toString();
        if (!this.pending.has(key)) return super.isAffected(document, changedUris);
        // Langium asks this of every document on every update: no arrays per reference.
        return document.references.some(reference => !reference.error && reference.$refNode !== undefined && pointsInto(reference, key, changedUris));
    }

    /** Whether some document's references are still to be described (for tests and the bench). */
    get hasPending(): boolean {
        return this.pending.size > 0;
    }

    /** Describes every pending document now. */
    describePending(): void {
        for (const key of [...this.pending.keys()]) this.describe(key);
    }

    /** Describes a pending document, continuing a pause's description of it if one is under way. */
    private describe(key: string): void {
        const document = this.pending.get(key);
        if (!document) return;
        const provider = this.providerOf(document);
        const progress = this.progress?.key === key ? this.progress.progress : provider.start(document);
        provider.describeUntil(progress, Infinity);
        this.finish(key, progress);
    }

    private finish(key: string, progress: DescriptionProgress): void {
        this.pending.delete(key);
        if (this.progress?.key === key) this.progress = undefined;
        this.referenceIndex.set(key, progress.descriptions);
    }

    private providerOf(document: LangiumDocument): SynchronousReferenceDescriptionProvider {
        return this.registry.getServices(document.uri).workspace.ReferenceDescriptionProvider as SynchronousReferenceDescriptionProvider;
    }

    private restartPauseTimer(): void {
        if (this.pauseTimer) clearTimeout(this.pauseTimer);
        this.pauseTimer = setTimeout(() => this.describeAfterPause(), PAUSE_MS);
        // A pending description never keeps a process alive (tests, a server shutting down).
        this.pauseTimer.unref?.();
    }

    /**
     * A few milliseconds per turn of the event loop (SLICE_MS: one 20k-line file's references took
     * ~100 ms, and a keystroke arriving meanwhile waited for all of them), each turn in the
     * workspace's read queue, which runs only when no build runs or waits (every update is a write,
     * and writes go first). The timer counts from the last document's linking, and the build goes on
     * after it (validation, the dependents' pass after their own pause). A build that ran meanwhile
     * restarted the timer: then its pause is waited for again. A document described halfway keeps
     * its progress across builds that leave it linked (one that resets it drops the progress with
     * its pending record: removeReferences, updateReferences).
     */
    private describeAfterPause(): void {
        this.pauseTimer = undefined;
        void this.workspaceLock.read(() => {
            if (this.pauseTimer) return;
            const deadline = performance.now() + this.sliceMs;
            let current = this.progress;
            if (!current) {
                const next = this.pending.entries().next();
                if (next.done) return;
                current = { key: next.value[0], progress: this.providerOf(next.value[1]).start(next.value[1]) };
                this.progress = current;
            }
            if (this.providerOf(current.progress.document).describeUntil(current.progress, deadline)) this.finish(current.key, current.progress);
            if (this.pending.size > 0) {
                this.pauseTimer = setTimeout(() => this.describeAfterPause(), 0);
                this.pauseTimer.unref?.();
            }
        });
    }
}

/** Whether a resolved reference points into one of `uris` other than its own document `own` (a multi-reference: any item). */
function pointsInto(reference: Reference | MultiReference, own: string, uris: ReadonlySet<string>): boolean {
    if (isReference(reference)) return isOther(reference.$nodeDescription, own, uris);
    return reference.items.some(item => isOther(item.$nodeDescription, own, uris));
}

function isOther(description: AstNodeDescription | undefined, own: string, uris: ReadonlySet<string>): boolean {
    if (!description) return false;
    const uri = description.documentUri.toString();
    return uri !== own && uris.has(uri);
}
