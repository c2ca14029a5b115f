/**
 * Watcher events: a file created and deleted within one batch is gone for good, even while the
 * editor still holds an open copy of it (VS Code keeps closed files' models for a while).
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem, URI } from 'langium';
import { FileChangeType } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';

const BROKEN = 'context Broken\naggregate Thing {\n  id thingId: uuid\n  command Make { emits Made }\n}\n';

describe('watched file changes', () => {
    it('a file created and then deleted in one batch is removed, not rebuilt from its open copy', async () => {
        const { shared } = createEventloomServices(EmptyFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const [document] = await buildDocuments(shared, [{ path: '/ws/broken.loom', text: BROKEN }]);
        const uri = document.uri.toString();
        shared.workspace.TextDocuments?.set(TextDocument.create(uri, 'eventloom', 1, BROKEN));
        const deleted: string[] = [];
        shared.workspace.DocumentBuilder.onUpdate((_changed, gone) => { deleted.push(...gone.map(u => u.toString())); });

        shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({
            changes: [{ uri, type: FileChangeType.Created }, { uri, type: FileChangeType.Deleted }]
        });
        await shared.workspace.WorkspaceManager.ready;
        await shared.workspace.WorkspaceLock.write(async () => undefined);

        assert.deepEqual(deleted, [uri]);
        assert.equal(shared.workspace.LangiumDocuments.hasDocument(URI.parse(uri)), false, 'the deleted file is not rebuilt');
    });
});
