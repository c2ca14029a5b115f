/**
 * Building a workspace of models in a test: the files (name -> text) are parsed, linked and
 * validated together, in a folder of their own, by the given services (one set shared by a suite,
 * or fresh ones). Every test kit builds its workspaces through here.
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Model } from '../../src/language/generated/ast.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';

let nextFolder = 0;

/** A folder no other workspace of this test process uses: `<prefix>-<n>`. */
export function freshFolder(prefix = '/workspace'): string {
    return `${prefix}-${nextFolder++}`;
}

/** The files built as one workspace; the documents in the order of `files`. */
export async function buildWorkspace(
    files: Record<string, string>,
    { shared = createEventloomServices(EmptyFileSystem).shared, folder = freshFolder() }: { shared?: LangiumSharedCoreServices; folder?: string } = {}
): Promise<Array<LangiumDocument<Model>>> {
    return buildDocuments(shared, Object.entries(files).map(([name, text]) => ({ path: `${folder}/${name}`, text })));
}

/** Every error of the documents as `path:line: message`. */
export function errorsOf(documents: ReadonlyArray<LangiumDocument>): string[] {
    return documents.flatMap(document => (document.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1)
        .map(diagnostic => `${document.uri.path}:${diagnostic.range.start.line + 1}: ${diagnostic.message}`));
}

/** Fails, listing them, when the documents have errors. */
export function assertNoErrors(documents: ReadonlyArray<LangiumDocument>, message: string): void {
    assert.deepEqual(errorsOf(documents), [], message);
}
