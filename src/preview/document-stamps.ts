/**
 * What tells that a document is still the one a kept part of the preview was built from: the
 * document object (a file read again is a new one), its text version, its root, and how often it
 * was parsed (a closed file changed on disk is parsed again into the same document at version 0,
 * a declaration spliced into the same root). The same test the scenario check's forms use.
 */
import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { IncrementalDocumentFactory } from '../language/workspace/incremental-document-factory.js';

export interface DocumentStamp {
    readonly document: LangiumDocument;
    readonly version: number;
    readonly root: unknown;
    readonly parses: number;
}

export type DocumentStamper = (document: LangiumDocument) => DocumentStamp;

export function documentStamper(shared: LangiumSharedCoreServices): DocumentStamper {
    const factory = shared.workspace.LangiumDocumentFactory;
    const parseCount = factory instanceof IncrementalDocumentFactory ? (document: LangiumDocument) => factory.parseCount(document.uri) : () => 0;
    return document => ({ document, version: document.textDocument.version, root: document.parseResult.value, parses: parseCount(document) });
}

export function sameStamp(a: DocumentStamp, b: DocumentStamp): boolean {
    return a.document === b.document && a.version === b.version && a.root === b.root && a.parses === b.parses;
}

/** Two lists of stamps (a context's documents, in URI order) of the same documents at the same moments. */
export function sameStamps(a: readonly DocumentStamp[], b: readonly DocumentStamp[]): boolean {
    return a.length === b.length && a.every((stamp, index) => sameStamp(stamp, b[index]));
}
