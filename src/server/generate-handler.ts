/**
 * The language server's side of Generate: answers `eventloom/generate` from the workspace's
 * current models. Refuses while any model has an error (writing nothing), then generates with the
 * lazily loaded generator. A failure reaches the client as a `ResponseError` whose `data` says
 * why (`GenerateFailure`), so that the client never has to read the message to decide what to offer.
 */
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError } from 'vscode-languageserver';
import { loadGenerator } from '../generator/load-generator.js';
import { GenerateRequest, type GenerateFailure, type GenerateFailureReason, type GenerateParams, type GenerateResult } from '../protocol/generate-request.js';
import { internalErrorMessage } from '../language/safety-net/internal-error.js';
import { isProgrammingError } from './answer-safely.js';
import { errorsOf, readValidatedWorkspace } from './validated-workspace.js';

/** JSON-RPC error code for "the request failed for a reason the user can fix" (LSP RequestFailed). */
const REQUEST_FAILED = -32803;

/** A refusal with its reason. Its name stays `Error`: the message is what a user reads. */
export class GenerateRefusal extends Error {
    constructor(readonly reason: GenerateFailureReason, message: string) {
        super(message);
    }
}

export function registerGenerateHandler(shared: LangiumSharedServices): void {
    shared.lsp.Connection?.onRequest(GenerateRequest, async params => {
        try {
            return await generateWorkspace(shared, params);
        } catch (error) {
            throw await toResponseError(error);
        }
    });
}

/** What the client receives for a failed Generate: the message to show and, as `data`, the reason. */
export async function toResponseError(error: unknown): Promise<ResponseError<GenerateFailure>> {
    const reason = await reasonOf(error);
    // Not a refusal, not the file system: a bug, and the message says so (the safety net).
    const bug = reason === 'failed' && isProgrammingError(error);
    const message = bug ? internalErrorMessage('generating the code', undefined, error, false) : error instanceof Error ? error.message : String(error);
    return new ResponseError<GenerateFailure>(REQUEST_FAILED, message, { reason });
}

export async function generateWorkspace(shared: LangiumSharedServices, params: GenerateParams): Promise<GenerateResult> {
    if (!params?.outDir) throw new GenerateRefusal('noOutputFolder', 'No output folder given: set eventloom.generate.outDir.');
    const { models, errors } = await readValidatedWorkspace(shared, documents => {
        const notReady = documents.filter(document => document.state < DocumentState.Validated);
        const errors = errorsOf(documents, true);
        if (notReady.length > 0) errors.push(`${notReady.length} model file(s) are still being checked`);
        return { models: documents.map(document => document.parseResult.value), errors };
    });
    if (errors.length > 0) {
        throw new GenerateRefusal('modelHasErrors', `Nothing generated: the model has ${errors.length} error(s). Fix them first (see the Problems view); the first is ${errors[0]}`);
    }
    if (models.length === 0) throw new GenerateRefusal('noModels', 'Nothing generated: the workspace has no .loom files.');
    const generator = await loadGenerator();
    const { outDir, written, unchanged, obsolete } = await generator.generateToFolder(models, params.outDir, { force: params.force, runtime: params.runtime === 'emmett' ? 'emmett' : 'none' });
    return { outDir, written, unchanged, obsolete };
}

async function reasonOf(error: unknown): Promise<GenerateFailureReason> {
    if (error instanceof GenerateRefusal) return error.reason;
    const { OutputFolderError } = await loadGenerator();
    if (error instanceof OutputFolderError) return error.foreignFiles ? 'foreignFiles' : 'unusableOutputFolder';
    return 'failed';
}
