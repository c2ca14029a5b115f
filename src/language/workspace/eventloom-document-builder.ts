/**
 * Builds what the user just typed first. On an edit Langium re-parses the changed document and
 * re-links every document that refers into it (with cross-context events, most of the workspace),
 * phase by phase over all of them, so the edited file's diagnostics wait for work proportional to
 * its dependents. Here an update runs in two passes: the changed documents go through linking and
 * validation first (their diagnostics are published right away), then the documents that only need
 * re-linking follow.
 *
 * Consistency: between the passes the dependents' references are unlinked and out of the reference
 * index, so workspace-wide phases (Linked, IndexedReferences, Validated) are announced, and the
 * builder's workspace state advanced past ComputedScopes, only after the second pass. Requests
 * that need the whole workspace (find references, rename) therefore wait for both passes, exactly
 * as with a single pass. Validators must not read other documents' references (none does: the
 * checks use the exported symbols, which are complete before the first pass links anything).
 *
 * Waiting for a workspace state (`waitUntil(state)`, which find references, rename and the custom
 * requests use) is released by the state itself, not by the phase's announcement: Langium's waiter
 * listens for the announcement, so it waits for ever when it starts listening while the
 * announcement is under way (the build yields to the message queue between two listeners), or
 * when the phase is reached without one (an update with nothing to rebuild announces nothing).
 *
 * In the language server the second pass waits until the user pauses (dependents-pause.ts): a
 * newer keystroke cancels the waiting update and takes its dependents along. A request that needs
 * a dependent document, or a workspace-wide state, ends the pause and waits for the second pass;
 * the first pass's documents are announced with the second pass that finally runs, so no
 * announcement is lost to a cancelled update.
 */
import {
    Cancellation, DefaultDocumentBuilder, DocumentState, OperationCancelled, URI, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices
} from 'langium';
import { DependentsPause } from './dependents-pause.js';
import { IncrementalDocumentFactory } from './incremental-document-factory.js';
import { needsRelinkAfterSplice } from './splice-dependents.js';

type CancellationToken = Cancellation.CancellationToken;

export class EventloomDocumentBuilder extends DefaultDocumentBuilder {
    /** When the second pass runs: at once unless the server sets a delay. */
    readonly dependentsPause = new DependentsPause();
    /** True during the first pass: workspace-wide phases are held back until the second. */
    private changedDocumentsFirst = false;
    /** First-pass documents not yet announced in the workspace-wide phases (also those of cancelled updates). */
    private readonly unannounced = new Set<LangiumDocument>();
    /** Settles when the two-pass update under way has built its dependents, or has ended without. */
    private dependentsUnderWay: Promise<void> | undefined;
    /**
     * Documents Langium would re-link because of this update, decided once the changed documents
     * are parsed: after a splice most of them keep their links (see splice-dependents.ts).
     */
    private readonly relinkCandidates = new Set<LangiumDocument>();
    /** Candidates found to need re-linking, built in the second pass. */
    private relinkedAfterParse: LangiumDocument[] = [];
    /** Who waits for the workspace to reach a state; released as soon as `currentState` has. */
    private readonly stateWaiters = new Set<{ state: DocumentState; release: () => void }>();

    /**
     * The parse serial up to which a document's links are known to hold: its latest complete
     * linking, or the latest decision that every parse since left its links alone.
     */
    private readonly linksHoldUpTo = new WeakMap<LangiumDocument, number>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Parsed, document => this.decideRelinking(document));
        this.onDocumentPhase(DocumentState.Linked, document => {
            if (this.langiumDocumentFactory instanceof IncrementalDocumentFactory) this.linksHoldUpTo.set(document, this.langiumDocumentFactory.latestSerial);
        });
        this.onBuildPhase(DocumentState.Parsed, () => this.relinkCandidates.clear());
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const relink = super.shouldRelink(document, changedUris);
        if (relink && this.langiumDocumentFactory instanceof IncrementalDocumentFactory && !this.refersIntoDeleted(document, changedUris)) {
            this.relinkCandidates.add(document);
            return false;
        }
        return relink;
    }

    /**
     * A deleted document is never parsed, so no later phase would decide about the documents that
     * refer into it: those are re-linked right away (their references now fail), as Langium would.
     */
    private refersIntoDeleted(document: LangiumDocument, changedUris: Set<string>): boolean {
        const deleted = new Set([...changedUris].filter(uri => !this.langiumDocuments.hasDocument(URI.parse(uri))));
        return deleted.size > 0 && this.indexManager.isAffected(document, deleted);
    }

    /** After a changed document is parsed: reset the candidates its change may affect. */
    private decideRelinking(changedDocument: LangiumDocument): void {
        if (this.relinkCandidates.size === 0 || !(this.langiumDocumentFactory instanceof IncrementalDocumentFactory)) return;
        const factory = this.langiumDocumentFactory;
        for (const candidate of [...this.relinkCandidates]) {
            if (candidate === changedDocument || candidate.state < DocumentState.ComputedScopes) {
                this.relinkCandidates.delete(candidate);
            } else if (this.parsesMayRelink(candidate, factory)) {
                this.resetToState(candidate, DocumentState.ComputedScopes);
                this.relinkedAfterParse.push(candidate);
                this.relinkCandidates.delete(candidate);
            } else {
                this.linksHoldUpTo.set(candidate, factory.latestSerial);
            }
        }
    }

    /**
     * Whether some parse of another document since the candidate's links were known to hold may
     * link it differently: every one since, not only this update's (an earlier decision may have
     * been left out, by a cancellation, or made while its links were incomplete). A candidate whose
     * linking is incomplete (cancelled part-way) is linked again from the start.
     */
    private parsesMayRelink(candidate: LangiumDocument, factory: IncrementalDocumentFactory): boolean {
        const holdsUpTo = candidate.state >= DocumentState.Linked ? this.linksHoldUpTo.get(candidate) : undefined;
        const parses = holdsUpTo === undefined ? undefined : factory.parsesSince(holdsUpTo);
        if (!parses) return true;
        const uri = candidate.uri.toString();
        return parses.some(parse => parse.uri !== uri && (!parse.splice || needsRelinkAfterSplice(candidate, parse.splice)));
    }

    override update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        this.relinkCandidates.clear();
        if (this.langiumDocumentFactory instanceof IncrementalDocumentFactory) this.langiumDocumentFactory.startUpdate();
        const deletedUris = new Set(deleted.map(uri => uri.toString()));
        return super.update(changed.filter(uri => deletedUris.has(uri.toString()) || !this.keepsItsBuild(uri)), deleted, cancelToken);
    }

    /**
     * Opening a file in the editor reports it as changed, though the editor's text is usually the
     * text the workspace built from disk (so is a save's watcher event): Langium would parse, index
     * and link it again, and re-link every file referring into it, for nothing. A document whose
     * parse was made from exactly the editor's text keeps its parse and links, and is only
     * validated again (after the server's workspace build, which validates nothing, its first
     * validation; otherwise its cached checks replayed), so its diagnostics are published as after
     * any update. One still half built by a cancelled update is built on from where it stopped.
     */
    private keepsItsBuild(uri: URI): boolean {
        const document = this.langiumDocuments.getDocument(uri);
        const textDocument = this.textDocuments?.get(uri.toString());
        if (!document || !textDocument || document.state < DocumentState.Parsed || !(this.langiumDocumentFactory instanceof IncrementalDocumentFactory)) return false;
        if (document.parseResult.value.$cstNode?.root.fullText !== textDocument.getText()) return false;
        this.langiumDocumentFactory.adoptTextDocument(document, textDocument);
        this.resetToState(document, DocumentState.IndexedReferences);
        return true;
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        // Documents below ComputedScopes were reset to Changed (edited, created) and must be
        // re-parsed and re-indexed; the rest were only reset to be re-linked.
        const changed = documents.filter(document => document.state < DocumentState.ComputedScopes);
        const relinked = documents.filter(document => document.state >= DocumentState.ComputedScopes);
        if (changed.length === 0 || (relinked.length === 0 && this.relinkCandidates.size === 0)) {
            return super.buildDocuments(documents, options, cancelToken);
        }
        let ended!: () => void;
        const underWay = new Promise<void>(resolve => { ended = resolve; });
        this.dependentsUnderWay = underWay;
        try {
            this.changedDocumentsFirst = true;
            try {
                await super.buildDocuments(changed, options, cancelToken);
            } finally {
                this.changedDocumentsFirst = false;
            }
            for (const document of changed) this.unannounced.add(document);
            // Still in the workspace: one that an earlier, cancelled update put here may have been deleted
            // since (a file closed or removed on disk); building it would parse a file that may be gone
            // (the server died of ENOENT in the long fuzz) and index declarations the workspace no longer has.
            const second = [...new Set([...relinked, ...this.relinkedAfterParse.splice(0)])]
                .filter(document => document.state < DocumentState.Validated && this.langiumDocuments.getDocument(document.uri) === document);
            if (second.length > 0 && this.dependentsPause.enabled) await this.dependentsPause.wait(cancelToken);
            // Possibly empty: then it only announces the workspace-wide phases held back so far.
            await super.buildDocuments(second, options, cancelToken);
        } finally {
            if (this.dependentsUnderWay === underWay) this.dependentsUnderWay = undefined;
            ended();
        }
    }

    /**
     * Resolves once the update under way has re-linked and re-validated the documents that refer
     * into the edited ones, ending its pause; at once when none is under way. Also when the update
     * ends without (a newer keystroke cancelled it), so a request inside the workspace's read lock
     * never waits for a write that cannot start before it is done.
     */
    async dependentsBuilt(): Promise<void> {
        const underWay = this.dependentsUnderWay;
        if (!underWay) return;
        const release = this.dependentsPause.hold();
        try {
            await underWay;
        } finally {
            release();
        }
    }

    protected override async runCancelable(
        documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken,
        callback: (document: LangiumDocument) => unknown
    ): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        if (this.changedDocumentsFirst && targetState > DocumentState.ComputedScopes) {
            // The dependents are not linked yet: the workspace as a whole is still at ComputedScopes.
            this.currentState = DocumentState.ComputedScopes;
        }
        this.releaseWaiters();
    }

    protected override awaitBuilderState(state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        if (this.currentState >= state) return Promise.resolve();
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        // The workspace as a whole includes the dependents: no pause while someone waits for it.
        const endPause = this.dependentsPause.hold();
        return new Promise((resolve, reject) => {
            const waiter = { state, release: () => { cancelled.dispose(); endPause(); resolve(); } };
            const cancelled = cancelToken.onCancellationRequested(() => {
                this.stateWaiters.delete(waiter);
                cancelled.dispose();
                endPause();
                reject(OperationCancelled);
            });
            this.stateWaiters.add(waiter);
        });
    }

    /** A request about a document that is not built yet (a dependent during the pause) ends the pause. */
    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        const document = this.langiumDocuments.getDocument(uri);
        if (!document || document.state >= state || !this.dependentsPause.enabled) return super.awaitDocumentState(state, uri, cancelToken);
        const endPause = this.dependentsPause.hold();
        const waiting = super.awaitDocumentState(state, uri, cancelToken);
        waiting.then(endPause, endPause);
        return waiting;
    }

    /**
     * Every listener of a document's phase runs, even when the update was cancelled meanwhile:
     * Langium skips the remaining ones then, but the document has reached the phase, and the next
     * update does not bring it there again. The listeners keep indexes and decisions in step with
     * the document (which dependents a parse makes re-link, the handled events, the declaration
     * index): a keystroke cancelling the update right after a parse left a file referring into the
     * edited one with links into a removed event, or errors for one added back, until restarted.
     * The cancellation still stops the build at its next step.
     */
    protected override notifyDocumentPhase(document: LangiumDocument, state: DocumentState): Promise<void> {
        return super.notifyDocumentPhase(document, state, Cancellation.CancellationToken.None);
    }

    private releaseWaiters(): void {
        for (const waiter of this.stateWaiters) {
            if (this.currentState >= waiter.state) {
                this.stateWaiters.delete(waiter);
                waiter.release();
            }
        }
    }

    protected override async notifyBuildPhase(documents: LangiumDocument[], state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        if (state <= DocumentState.ComputedScopes) return super.notifyBuildPhase(documents, state, cancelToken);
        if (this.changedDocumentsFirst) return;
        const announced = new Set(documents);
        // Still in the workspace (not deleted, not replaced), still built that far, not announced with this pass anyway.
        const held = [...this.unannounced].filter(document => document.state >= state && !announced.has(document)
            && this.langiumDocuments.getDocument(document.uri) === document);
        if (state === DocumentState.Validated) this.unannounced.clear();
        return super.notifyBuildPhase(held.length > 0 ? [...held, ...documents] : documents, state, cancelToken);
    }
}
