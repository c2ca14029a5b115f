/**
 * What the editor's document events do to the model, beyond Langium's rebuild on a change: a save,
 * a close (closed-documents.ts), a batch of watcher events. A build that fails on any of them is
 * logged as a bug; it never ends the server.
 *
 * When the editor runs the 'slow' validation checks (those that read other files' links, such as
 * "nothing reads this event"): Langium runs them on a full build only, never on a keystroke (its
 * update options are 'built-in' and 'fast'), and the language server's first workspace build does
 * not validate at all. So saving a file re-validates every validated document with all
 * categories: a handler added in one file clears the warning in another file on save.
 */
import { DocumentState, URI, type Cancellation, type DocumentBuilder, type LangiumDocuments } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { type DidChangeWatchedFilesParams, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileNameOf, internalErrorMessage } from '../safety-net/internal-error.js';
import { afterClose } from './closed-documents.js';

/** Re-validates, with every category, the documents validated so far (those the editor has diagnostics for). */
export async function runSlowChecks(documents: LangiumDocuments, builder: DocumentBuilder, cancelToken?: Cancellation.CancellationToken): Promise<void> {
    // Taking the workspace's write lock cancelled the build of the edit just before the save (a
    // save follows an edit closely): finish it first, or the edited document would stay half built,
    // neither validated nor rebuilt, and every request waiting for it would wait for ever.
    await builder.update([], [], cancelToken);
    const validated = documents.all.filter(document => document.state === DocumentState.Validated).toArray();
    if (validated.length === 0) return;
    await builder.build(validated, { validation: true }, cancelToken);
}

/** The files of an update, as a message names them: up to three, then how many more. */
function fileNamesOf(uris: readonly URI[]): string | undefined {
    const names = uris.map(uri => fileNameOf(uri)).filter((name): name is string => name !== undefined);
    if (names.length === 0) return undefined;
    return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export class EventloomDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly documents: LangiumDocuments;

    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
        this.documents = shared.workspace.LangiumDocuments;
    }

    /**
     * Langium's update after a change, with its failure caught: the write lock rejects with the
     * build's error, and Langium leaves that rejection unhandled, which ends the server process
     * (every open file loses its diagnostics, and the editor restarts it a few times, then gives up).
     * Logged as a bug instead; documents the failed build left unfinished are rebuilt by the next
     * update, as any document not yet validated is.
     */
    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        void this.write(token => this.documentBuilder.update(changed, deleted, token), 'updating the model', fileNamesOf([...changed, ...deleted]));
    }

    /**
     * A closed file falls back to its text on disk, or leaves the model when it is not a workspace
     * file (closed-documents.ts). Returns the update (queued behind pending ones), so that tests can await it.
     */
    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): Promise<void> {
        const uri = URI.parse(event.document.uri);
        return this.write(token => afterClose(this.shared, uri, token), 'updating the model after a file was closed', fileNameOf(uri));
    }

    /**
     * A file created (or changed) and deleted within one batch of watcher events counts as what
     * happened last. Langium's default treats it as both deleted and changed, and rebuilds the
     * deleted file from the editor's still-open copy: its diagnostics would then outlive the file.
     */
    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const lastChangeByUri = new Map(params.changes.map(change => [change.uri, change]));
        const changes = [...lastChangeByUri.values()];
        super.didChangeWatchedFiles(changes.length === params.changes.length ? params : { ...params, changes });
    }

    /** Returns the re-validation (queued behind pending updates), so that tests can await it. A failure is logged, as an update's. */
    didSaveDocument(event: TextDocumentChangeEvent<TextDocument>): Promise<void> {
        return this.write(token => runSlowChecks(this.documents, this.documentBuilder, token), 'checking the model after a save', fileNameOf(event.document.uri));
    }

    /** Once the workspace is ready, `action` under the write lock; a failure is logged as a bug, saying what failed where. */
    private write(action: (token: Cancellation.CancellationToken) => Promise<void>, while_: string, files: string | undefined): Promise<void> {
        return this.workspaceManager.ready
            .then(() => this.workspaceLock.write(action))
            .catch((error: unknown) => console.error(internalErrorMessage(while_, files, error, false)));
    }
}
