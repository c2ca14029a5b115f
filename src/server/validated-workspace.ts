/**
 * The one way a custom request reads the workspace: under Langium's workspace lock, whose reads
 * queue behind every write the server had received before the request (the first workspace
 * build, each edit's update, the re-validation on save), so that an answer reflects every edit.
 * A write ends one way or another (built, cancelled by a newer write that then runs first, or
 * failed), so the read always comes: a request never waits for a build that is not coming.
 * Slow work on the result (the elkjs layout, generation) runs after the lock is released.
 */
import type { LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import { EventloomDocumentBuilder } from '../language/workspace/eventloom-document-builder.js';
import { SCENARIO_FAILS } from '../semantics/scenario-check.js';

export async function readValidatedWorkspace<T>(
    shared: LangiumSharedServices,
    read: (documents: Array<LangiumDocument<Model>>) => T
): Promise<T> {
    // `ready` resolves inside the first build's write: from then on that build is queued before this read.
    await shared.workspace.WorkspaceManager.ready;
    // The read queues behind an edit's update, which may be waiting for the user to pause before
    // it builds the edited file's dependents: this read needs them, so it ends that pause.
    const builder = shared.workspace.DocumentBuilder;
    const endPause = builder instanceof EventloomDocumentBuilder ? builder.dependentsPause.hold() : () => undefined;
    try {
        return await shared.workspace.WorkspaceLock.read(() => read(shared.workspace.LangiumDocuments.all.toArray() as Array<LangiumDocument<Model>>));
    } finally {
        endPause();
    }
}

/**
 * An error that makes the model unusable. A scenario the model's own rules fail is not one: the
 * model is well-formed, and the user needs the code and the failing test to see why (DESIGN §4).
 */
export function isModelError(diagnostic: Diagnostic): boolean {
    return diagnostic.severity === 1 && (diagnostic.data as { code?: unknown } | undefined)?.code !== SCENARIO_FAILS;
}

/** `file.loom:12: message` for each model error of the documents, in document order. */
export function errorsOf(documents: ReadonlyArray<LangiumDocument<Model>>, withMessage: boolean): string[] {
    return documents.flatMap(document => (document.diagnostics ?? [])
        .filter(isModelError)
        .map(diagnostic => `${document.uri.path.split('/').pop()}:${diagnostic.range.start.line + 1}${withMessage ? `: ${diagnostic.message}` : ''}`));
}
