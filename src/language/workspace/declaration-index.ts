/**
 * Whole-workspace facts the name checks need — every declaration by qualified name, every context
 * by output folder, every element by generated file — kept up to date incrementally: a keystroke
 * re-indexes one document, so only that document's entries are replaced (work proportional to the
 * document, not to the workspace).
 */
import { DocumentState, URI, type AstNodeDescription, type LangiumCoreServices, type LangiumDocuments, type IndexManager } from 'langium';
import type { Model } from '../generated/ast.js';
import { splitQualifiedName } from '../scoping/qualified-names.js';
import { contextFolder, generatedFileOf } from '../typescript-names.js';

/** What one document adds to the index, remembered so that it can be taken out again. */
interface DocumentEntries {
    declarations: readonly AstNodeDescription[];
    contextName: string | undefined;
    /** `context/file` keys of the elements with a generated file of their own, with their qualified names. */
    files: Array<{ key: string; name: string }>;
}

export class DeclarationIndex {
    private readonly indexManager: IndexManager;
    private readonly documents: LangiumDocuments;

    private readonly entries = new Map<string, DocumentEntries>();
    private readonly byQualifiedName = new Map<string, AstNodeDescription[]>();
    /** Output folder -> context name -> the URIs of the documents declaring that context. */
    private readonly contextsByFolder = new Map<string, Map<string, Set<string>>>();
    /** `context/file` -> qualified name -> how many declarations of that name map to the file. */
    private readonly elementsByFile = new Map<string, Map<string, number>>();
    /** Documents whose exports were (re)computed or which were deleted since the last query. */
    private readonly stale = new Set<string>();

    constructor(services: LangiumCoreServices) {
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.IndexedContent, document => {
            this.stale.add(document.uri.toString());
        });
        builder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) this.stale.add(uri.toString());
        });
    }

    /** Every declaration exported under `qualifiedName`, across all files. */
    declarationsNamed(qualifiedName: string): readonly AstNodeDescription[] {
        this.refresh();
        return this.byQualifiedName.get(qualifiedName) ?? [];
    }

    /** Context names, other than `contextName`, whose generated folder is the same. */
    contextsSharingFolderWith(contextName: string): Array<{ name: string; documentUri: string }> {
        this.refresh();
        const sameFolder = this.contextsByFolder.get(contextFolder(contextName)) ?? new Map<string, Set<string>>();
        return [...sameFolder]
            .filter(([name, uris]) => name !== contextName && uris.size > 0)
            .map(([name, uris]) => ({ name, documentUri: [...uris].sort()[0] }));
    }

    /** Qualified names of other elements of the context whose generated file is `file`. */
    elementsSharingFile(contextName: string, file: string, qualifiedName: string): string[] {
        this.refresh();
        const names = this.elementsByFile.get(`${contextName}/${file}`) ?? new Map<string, number>();
        return [...names.keys()].filter(name => name !== qualifiedName);
    }

    /** Replaces the entries of every stale document with its current exports. */
    private refresh(): void {
        if (this.stale.size === 0) return;
        const uris = new Set(this.stale);
        this.stale.clear();
        for (const uri of uris) this.remove(uri);
        const current = new Map<string, AstNodeDescription[]>();
        for (const description of this.indexManager.allElements(undefined, uris)) {
            const uri = description.documentUri.toString();
            const list = current.get(uri);
            if (list) list.push(description); else current.set(uri, [description]);
        }
        for (const uri of uris) {
            const document = this.documents.getDocument(URI.parse(uri));
            if (!document && !current.has(uri)) continue;
            const contextName = document ? (document.parseResult.value as Model).context?.name : undefined;
            this.add(uri, { declarations: current.get(uri) ?? [], contextName, files: [] });
        }
    }

    private add(uri: string, entries: DocumentEntries): void {
        for (const description of entries.declarations) {
            const same = this.byQualifiedName.get(description.name);
            if (same) {
                // Duplicates, in a stable order whatever order the documents were re-indexed in: after
                // those of the same or an earlier document. A search, not a sort per insert, which was
                // quadratic in a file declaring one name thousands of times.
                same.splice(insertionPoint(same, description.documentUri.toString()), 0, description);
            } else {
                this.byQualifiedName.set(description.name, [description]);
            }
            const split = splitQualifiedName(description.name);
            const file = split && generatedFileOf(description.type, split.name);
            if (split && file) {
                const key = `${split.context}/${file}`;
                entries.files.push({ key, name: description.name });
                const names = this.elementsByFile.get(key) ?? new Map<string, number>();
                names.set(description.name, (names.get(description.name) ?? 0) + 1);
                this.elementsByFile.set(key, names);
            }
        }
        if (entries.contextName) {
            const folder = contextFolder(entries.contextName);
            const names = this.contextsByFolder.get(folder) ?? new Map<string, Set<string>>();
            names.set(entries.contextName, (names.get(entries.contextName) ?? new Set()).add(uri));
            this.contextsByFolder.set(folder, names);
        }
        this.entries.set(uri, entries);
    }

    private remove(uri: string): void {
        const entries = this.entries.get(uri);
        if (!entries) return;
        this.entries.delete(uri);
        const removed = new Set(entries.declarations);
        // Once per name, however often the document declares it.
        for (const name of new Set(entries.declarations.map(description => description.name))) {
            const same = this.byQualifiedName.get(name)?.filter(other => !removed.has(other));
            if (same && same.length > 0) this.byQualifiedName.set(name, same);
            else this.byQualifiedName.delete(name);
        }
        for (const { key, name } of entries.files) {
            const names = this.elementsByFile.get(key);
            const count = (names?.get(name) ?? 0) - 1;
            if (names && count > 0) names.set(name, count);
            else if (names) {
                names.delete(name);
                if (names.size === 0) this.elementsByFile.delete(key);
            }
        }
        if (entries.contextName) {
            const folder = contextFolder(entries.contextName);
            const names = this.contextsByFolder.get(folder);
            const uris = names?.get(entries.contextName);
            uris?.delete(uri);
            if (names && uris?.size === 0) names.delete(entries.contextName);
            if (names?.size === 0) this.contextsByFolder.delete(folder);
        }
    }
}

/** Where a declaration of the document `uri` goes in a list ordered by document: after every one that does not sort after it. */
function insertionPoint(list: readonly AstNodeDescription[], uri: string): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (list[middle].documentUri.toString().localeCompare(uri) <= 0) low = middle + 1;
        else high = middle;
    }
    return low;
}
