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
 */
import {
    DefaultDocumentBuilder, DocumentState, OperationCancelled, type BuildOptions, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices, type URI
} from 'langium';
import { IncrementalDocumentFactory } from './incremental-document-factory.js';
import { needsRelinkAfterSplice } from './splice-dependents.js';

type CancellationToken = Cancellation.CancellationToken;

export class EventloomDocumentBuilder extends DefaultDocumentBuilder {
    /** True during the first pass: workspace-wide phases are held back until the second. */
    private changedDocumentsFirst = false;
    /** The first pass's documents, announced together with the second pass's. */
    private heldBack: LangiumDocument[] = [];
    /**
     * Documents Langium would re-link because of this update, decided once the changed documents
     * are parsed: after a splice most of them keep their links (see splice-dependents.ts).
     */
    private readonly relinkCandidates = new Set<LangiumDocument>();
    /** Candidates found to need re-linking, built in the second pass. */
    private relinkedAfterParse: LangiumDocument[] = [];
    /** Who waits for the workspace to reach a state; released as soon as `currentState` has. */
    private readonly stateWaiters = new Set<{ state: DocumentState; release: () => void }>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Parsed, document => this.decideRelinking(document));
        this.onBuildPhase(DocumentState.Parsed, () => this.relinkCandidates.clear());
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const relink = super.shouldRelink(document, changedUris);
        if (relink && this.langiumDocumentFactory instanceof IncrementalDocumentFactory) {
            this.relinkCandidates.add(document);
            return false;
        }
        return relink;
    }

    /** After a changed document is parsed: reset the candidates its change may affect. */
    private decideRelinking(changedDocument: LangiumDocument): void {
        if (this.relinkCandidates.size === 0 || !(this.langiumDocumentFactory instanceof IncrementalDocumentFactory)) return;
        const splice = this.langiumDocumentFactory.spliceOf(changedDocument);
        for (const candidate of [...this.relinkCandidates]) {
            if (candidate === changedDocument || candidate.state < DocumentState.ComputedScopes) {
                this.relinkCandidates.delete(candidate);
            } else if (!splice || needsRelinkAfterSplice(candidate, splice)) {
                this.resetToState(candidate, DocumentState.ComputedScopes);
                this.relinkedAfterParse.push(candidate);
                this.relinkCandidates.delete(candidate);
            }
        }
    }

    override update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        this.relinkCandidates.clear();
        if (this.langiumDocumentFactory instanceof IncrementalDocumentFactory) this.langiumDocumentFactory.startUpdate();
        return super.update(changed, deleted, cancelToken);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        // Documents below ComputedScopes were reset to Changed (edited, created) and must be
        // re-parsed and re-indexed; the rest were only reset to be re-linked.
        const changed = documents.filter(document => document.state < DocumentState.ComputedScopes);
        const relinked = documents.filter(document => document.state >= DocumentState.ComputedScopes);
        if (changed.length === 0 || (relinked.length === 0 && this.relinkCandidates.size === 0)) {
            return super.buildDocuments(documents, options, cancelToken);
        }
        this.changedDocumentsFirst = true;
        try {
            await super.buildDocuments(changed, options, cancelToken);
        } finally {
            this.changedDocumentsFirst = false;
        }
        const second = [...new Set([...relinked, ...this.relinkedAfterParse.splice(0)])].filter(document => document.state < DocumentState.Validated);
        this.heldBack = changed;
        try {
            // Possibly empty: then it only announces the workspace-wide phases held back so far.
            await super.buildDocuments(second, options, cancelToken);
        } finally {
            this.heldBack = [];
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
        return new Promise((resolve, reject) => {
            const waiter = { state, release: () => { cancelled.dispose(); resolve(); } };
            const cancelled = cancelToken.onCancellationRequested(() => {
                this.stateWaiters.delete(waiter);
                cancelled.dispose();
                reject(OperationCancelled);
            });
            this.stateWaiters.add(waiter);
        });
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
        const held = this.heldBack.filter(document => document.state >= state);
        return super.notifyBuildPhase(held.length > 0 ? [...held, ...documents] : documents, state, cancelToken);
    }
}
