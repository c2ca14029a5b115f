/**
 * What the editor answers about a built workspace, as plain lines to compare: where every
 * reference resolves (or the error it gets), every diagnostic, and the completion and hover at
 * every reference. Differential tests of speed-ups (a cheaper scope, a cache) build the same files
 * with the change and without it, and require the same lines.
 */
import { AstUtils, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { Hover } from 'vscode-languageserver';

export interface AnswerOptions {
    /** Ask completion and hover at every n-th reference only (1: all). */
    every?: number;
}

/** One line per reference, diagnostic, completion and hover of the documents. */
export async function editorAnswers(services: LangiumServices, documents: readonly LangiumDocument[], { every = 1 }: AnswerOptions = {}): Promise<string[]> {
    const lines: string[] = [];
    const locator = services.workspace.AstNodeLocator;
    let n = 0;
    for (const document of documents) {
        const file = document.uri.path.split('/').pop();
        for (const diagnostic of document.diagnostics ?? []) {
            lines.push(`${file} diagnostic ${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.severity} ${diagnostic.message}`);
        }
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const { reference } of AstUtils.streamReferences(node)) {
                const target = 'ref' in reference ? reference.ref : reference.items[0]?.ref;
                const resolved = target
                    ? `${AstUtils.getDocument(target).uri.path.split('/').pop()}${locator.getAstNodePath(target)}`
                    : `error: ${reference.error?.message ?? 'unresolved'}`;
                const at = reference.$refNode;
                lines.push(`${file} ${locator.getAstNodePath(node)} '${reference.$refText}' -> ${resolved}`);
                if (!at || n++ % every !== 0) continue;
                const position = document.textDocument.positionAt(at.end);
                const params = { textDocument: { uri: document.uri.toString() }, position };
                const completion = await services.lsp.CompletionProvider?.getCompletion(document, params);
                const items = (completion?.items ?? []).map(item => `${item.label}|${item.sortText ?? ''}|${item.detail ?? ''}`).sort();
                lines.push(`${file} completion ${position.line}:${position.character} ${items.join(', ')}`);
                const hover = await services.lsp.HoverProvider?.getHoverContent(document, { ...params, position: document.textDocument.positionAt(at.offset) });
                lines.push(`${file} hover ${position.line}:${position.character} ${hoverText(hover)}`);
            }
        }
    }
    return lines;
}

function hoverText(hover: Hover | undefined): string {
    const contents = hover?.contents;
    if (!contents) return '-';
    return typeof contents === 'object' && 'value' in contents ? contents.value : JSON.stringify(contents);
}
