/**
 * Loads `.loom` files into a Langium workspace and builds them (index, link, validate) — the one
 * way the CLI, the generator's command line and the tests read models from disk.
 */
import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Model } from '../generated/ast.js';

export interface SourceFile {
    /** Absolute path. */
    path: string;
    text: string;
}

export interface BuildOptions {
    /** false: parse, index and link only (a model read for comparison, never reported on). */
    validate?: boolean;
}

export async function buildDocuments(shared: LangiumSharedCoreServices, files: readonly SourceFile[], options: BuildOptions = {}): Promise<Array<LangiumDocument<Model>>> {
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = shared.workspace.LangiumDocuments;
    const loaded = files.map(file => {
        const uri = URI.file(file.path);
        if (documents.hasDocument(uri)) {
            documents.deleteDocument(uri);
        }
        const document = factory.fromString<Model>(file.text, uri);
        documents.addDocument(document);
        return document;
    });
    // Every category, explicitly: 'slow' checks (who handles an event in other files) included —
    // Langium's editor updates run only 'built-in' and 'fast'.
    await shared.workspace.DocumentBuilder.build(loaded, {
        validation: options.validate === false ? false : { categories: ['built-in', 'fast', 'slow'] }
    });
    return loaded;
}
