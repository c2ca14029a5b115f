/**
 * Name checks (duplicates, clashing generated names, contexts sharing a folder) compare a file
 * with every other file of its context, but Langium re-validates after an edit only the files
 * that reference the changed one. So when a file changes, this re-validates the other files of
 * its context (by output folder, which also covers contexts mapping to the same folder) — before
 * and after the edit — so that a fixed duplicate disappears from both files, and a new one
 * appears in both. Only validation is redone for them; their links stay.
 */
import {
    DocumentState, type LangiumDocuments, type LangiumSharedCoreServices, type TextDocumentProvider, type URI
} from 'langium';
import type { Model } from '../generated/ast.js';
import { contextFolder } from '../typescript-names.js';

/** The name after the leading `context` keyword, past comments; what a file's context will be. */
const CONTEXT_LINE = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*context\s+([_a-zA-Z]\w*)/;

export class ContextSiblingsRevalidation {
    private readonly documents: LangiumDocuments;
    private readonly textDocuments: TextDocumentProvider | undefined;
    /** Output folder of every indexed file's context, as of its last build. */
    private readonly folderByUri = new Map<string, string>();

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.textDocuments = shared.workspace.TextDocuments;
        const builder = shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.IndexedContent, built => {
            for (const document of built) this.remember(document.uri, (document.parseResult.value as Model).context?.name);
        });
        builder.onUpdate((changed, deleted) => {
            const folders = this.foldersTouchedBy(changed, deleted);
            if (folders.size === 0) return;
            const touched = new Set([...changed, ...deleted].map(uri => uri.toString()));
            for (const document of this.documents.all) {
                const key = document.uri.toString();
                const folder = this.folderByUri.get(key);
                if (!touched.has(key) && folder !== undefined && folders.has(folder) && document.state >= DocumentState.Validated) {
                    builder.resetToState(document, DocumentState.IndexedReferences);
                }
            }
        });
    }

    private foldersTouchedBy(changed: readonly URI[], deleted: readonly URI[]): Set<string> {
        const folders = new Set<string>();
        for (const uri of [...changed, ...deleted]) {
            const before = this.folderByUri.get(uri.toString());
            if (before !== undefined) folders.add(before);
        }
        for (const uri of deleted) this.folderByUri.delete(uri.toString());
        for (const uri of changed) {
            // The edited text is not parsed yet: read its context line (open documents only).
            const text = this.textDocuments?.get(uri.toString())?.getText();
            const after = text === undefined ? undefined : CONTEXT_LINE.exec(text)?.[1];
            if (after !== undefined) folders.add(contextFolder(after));
        }
        return folders;
    }

    private remember(uri: URI, contextName: string | undefined): void {
        if (contextName) this.folderByUri.set(uri.toString(), contextFolder(contextName));
        else this.folderByUri.delete(uri.toString());
    }
}
