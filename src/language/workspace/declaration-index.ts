/**
 * Whole-workspace facts the name checks need — every declaration by qualified name, every context
 * by output folder — computed once per workspace change instead of once per checked node.
 */
import { DocumentState, WorkspaceCache, type AstNodeDescription, type LangiumCoreServices, type LangiumDocuments, type IndexManager } from 'langium';
import type { Model } from '../generated/ast.js';
import { splitQualifiedName } from '../scoping/qualified-names.js';
import { contextFolder, generatedFileOf } from '../typescript-names.js';

interface WorkspaceDeclarations {
    byQualifiedName: Map<string, AstNodeDescription[]>;
    /** Output folder -> the distinct context names that map to it, with one document each. */
    contextsByFolder: Map<string, Map<string, string>>;
    /** `context/file` -> the qualified names of the elements generated into that file. */
    elementsByFile: Map<string, Set<string>>;
}

export class DeclarationIndex {
    private readonly indexManager: IndexManager;
    private readonly documents: LangiumDocuments;
    private readonly cache: WorkspaceCache<'all', WorkspaceDeclarations>;

    constructor(services: LangiumCoreServices) {
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
        // Cleared when a build has re-indexed the changed documents, so it never sees a stale index.
        this.cache = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    /** Every declaration exported under `qualifiedName`, across all files. */
    declarationsNamed(qualifiedName: string): readonly AstNodeDescription[] {
        return this.declarations().byQualifiedName.get(qualifiedName) ?? [];
    }

    /** Context names, other than `contextName`, whose generated folder is the same. */
    contextsSharingFolderWith(contextName: string): Array<{ name: string; documentUri: string }> {
        const sameFolder = this.declarations().contextsByFolder.get(contextFolder(contextName)) ?? new Map();
        return [...sameFolder].filter(([name]) => name !== contextName).map(([name, documentUri]) => ({ name, documentUri }));
    }

    /** Qualified names of other elements of the context whose generated file is `file`. */
    elementsSharingFile(contextName: string, file: string, qualifiedName: string): string[] {
        const names = this.declarations().elementsByFile.get(`${contextName}/${file}`) ?? new Set();
        return [...names].filter(name => name !== qualifiedName);
    }

    private declarations(): WorkspaceDeclarations {
        return this.cache.get('all', () => {
            const byQualifiedName = new Map<string, AstNodeDescription[]>();
            const elementsByFile = new Map<string, Set<string>>();
            for (const description of this.indexManager.allElements()) {
                const same = byQualifiedName.get(description.name);
                if (same) same.push(description); else byQualifiedName.set(description.name, [description]);
                const split = splitQualifiedName(description.name);
                const file = split && generatedFileOf(description.type, split.name);
                if (split && file) {
                    const key = `${split.context}/${file}`;
                    elementsByFile.set(key, (elementsByFile.get(key) ?? new Set()).add(description.name));
                }
            }
            const contextsByFolder = new Map<string, Map<string, string>>();
            for (const document of this.documents.all) {
                const name = (document.parseResult.value as Model).context?.name;
                if (!name) continue;
                const folder = contextFolder(name);
                const names = contextsByFolder.get(folder) ?? new Map<string, string>();
                if (!names.has(name)) names.set(name, document.uri.toString());
                contextsByFolder.set(folder, names);
            }
            return { byQualifiedName, contextsByFolder, elementsByFile };
        });
    }
}
