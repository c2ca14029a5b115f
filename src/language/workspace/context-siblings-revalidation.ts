/**
 * Name checks (duplicates, clashing generated names, contexts sharing a folder) compare a file
 * with every other file of its context, but Langium re-validates after an edit only the files
 * that reference the changed one. So when a file changes, this re-validates the other files of
 * its context (by output folder, which also covers contexts mapping to the same folder) — before
 * and after the edit — so that a fixed duplicate disappears from both files, and a new one
 * appears in both. Only validation is redone for them; their links stay.
 *
 * Those checks depend only on the declared names (and the lines they are on, which the messages
 * quote), so an edit that changes neither — most keystrokes: a field, a literal, a comment — does
 * not re-validate the siblings: no work proportional to the size of the context on such a keystroke.
 */
import {
    DocumentState, type LangiumDocuments, type LangiumSharedCoreServices, type TextDocumentProvider, type URI
} from 'langium';
import type { Model } from '../generated/ast.js';
import { contextNameInText } from '../context-line.js';
import { contextFolder } from '../typescript-names.js';

/** A declaration keyword followed by a name (a keyword used as a field name is followed by `:`). */
const DECLARATION = /\b(context|enum|type|aggregate|command|event|error|readmodel|query|policy)\s+([_a-zA-Z]\w*)/g;

/**
 * The declared names of a text with their lines. Text in comments or strings may match too: that
 * only makes an edit there count as a change of names, never the other way round.
 */
function declaredNames(text: string): string {
    const names: string[] = [];
    let line = 0;
    let counted = 0;
    for (const match of text.matchAll(DECLARATION)) {
        for (let i = counted; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
        counted = match.index;
        names.push(`${line}:${match[1]} ${match[2]}`);
    }
    return names.join('\n');
}

export class ContextSiblingsRevalidation {
    private readonly documents: LangiumDocuments;
    private readonly textDocuments: TextDocumentProvider | undefined;
    /** Output folder of every indexed file's context, as of its last build. */
    private readonly folderByUri = new Map<string, string>();
    /**
     * The text of every indexed file as of its last build: its declared names (see `declaredNames`)
     * are read only when its context has other files (scanning a 20k-line file's text twice per
     * keystroke for the names of a context it alone declares is 4% of the keystroke).
     */
    private readonly builtText = new Map<string, string>();

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.textDocuments = shared.workspace.TextDocuments;
        const builder = shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.IndexedContent, built => {
            for (const document of built) {
                this.remember(document.uri, (document.parseResult.value as Model).context?.name);
                this.builtText.set(document.uri.toString(), document.textDocument.getText());
            }
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
        for (const uri of deleted) {
            const before = this.folderByUri.get(uri.toString());
            if (before !== undefined) folders.add(before);
            this.folderByUri.delete(uri.toString());
            this.builtText.delete(uri.toString());
        }
        for (const uri of changed) {
            const key = uri.toString();
            const before = this.folderByUri.get(key);
            // The edited text is not parsed yet: read its context line and names (open documents only).
            const text = this.textDocuments?.get(key)?.getText();
            const after = text === undefined ? undefined : contextNameInText(text);
            const sameFolder = text !== undefined && after !== undefined && before === contextFolder(after);
            if (sameFolder && (!this.hasSiblings(key, before) || this.sameNames(key, text))) continue;
            if (before !== undefined) folders.add(before);
            if (after !== undefined) folders.add(contextFolder(after));
        }
        return folders;
    }

    /** Whether another indexed file's context generates into `folder`. */
    private hasSiblings(uri: string, folder: string): boolean {
        for (const [other, otherFolder] of this.folderByUri) if (otherFolder === folder && other !== uri) return true;
        return false;
    }

    private sameNames(uri: string, text: string): boolean {
        const built = this.builtText.get(uri);
        return built !== undefined && (built === text || declaredNames(built) === declaredNames(text));
    }

    private remember(uri: URI, contextName: string | undefined): void {
        if (contextName) this.folderByUri.set(uri.toString(), contextFolder(contextName));
        else this.folderByUri.delete(uri.toString());
    }
}
