/**
 * The language server's side of Generate: answers `eventloom/generate` from the workspace's
 * current models. Refuses while any model has an error (writing nothing), then generates with the
 * lazily loaded generator.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import { GENERATE_REQUEST, type GenerateParams, type GenerateResult } from './generate-request.js';
import { loadGenerator } from './load-generator.js';

/** JSON-RPC error code for "the request failed for a reason the user can fix" (LSP RequestFailed). */
const REQUEST_FAILED = -32803;

export function registerGenerateHandler(shared: LangiumSharedServices): void {
    shared.lsp.Connection?.onRequest(GENERATE_REQUEST, async (params: GenerateParams) => {
        try {
            return await generateWorkspace(shared, params);
        } catch (error) {
            throw new ResponseError(REQUEST_FAILED, error instanceof Error ? error.message : String(error));
        }
    });
}

export async function generateWorkspace(shared: LangiumSharedServices, params: GenerateParams): Promise<GenerateResult> {
    if (!params?.outDir) throw new Error('No output folder given: set eventloom.generate.outDir.');
    await shared.workspace.WorkspaceManager.ready;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
    const { models, errors } = await shared.workspace.WorkspaceLock.read(() => {
        const documents = shared.workspace.LangiumDocuments.all.toArray() as Array<LangiumDocument<Model>>;
        const notReady = documents.filter(document => document.state < DocumentState.Validated);
        const errors = documents.flatMap(document => (document.diagnostics ?? [])
            .filter(diagnostic => diagnostic.severity === 1)
            .map(diagnostic => `${document.uri.path.split('/').pop()}:${diagnostic.range.start.line + 1}: ${diagnostic.message}`));
        if (notReady.length > 0) errors.push(`${notReady.length} model file(s) are still being checked`);
        return { models: documents.map(document => document.parseResult.value), errors };
    });
    if (errors.length > 0) {
        throw new Error(`Nothing generated: the model has ${errors.length} error(s). Fix them first (see the Problems view); the first is ${errors[0]}`);
    }
    if (models.length === 0) throw new Error('Nothing generated: the workspace has no .loom files.');
    const generator = await loadGenerator();
    const { outDir, written, unchanged, obsolete } = await generator.generateToFolder(models, params.outDir, { force: params.force });
    return { outDir, written, unchanged, obsolete };
}
