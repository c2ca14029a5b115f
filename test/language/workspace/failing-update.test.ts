/**
 * A build that fails with a real error (not a cancellation) must not end the language server:
 * Langium leaves the rejection of its update unhandled, which kills the process. The update
 * handler logs it as a bug, and the next change builds the documents the failed update left.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentState, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { InitializeParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { BUG_NOTICE } from '../../../src/language/safety-net/internal-error.js';

const MODEL = 'context Sales\n\naggregate Order {\n  id orderId: uuid\n  command PlaceOrder { emits OrderPlaced }\n  event OrderPlaced {}\n}\n';

describe('an update that fails', () => {
    let root: string;
    let unhandled: unknown[];
    const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
    const originalError = console.error;
    let logged: string[];
    beforeEach(() => {
        root = mkdtempSync(join(tmpdir(), 'eventloom-failing-update-'));
        unhandled = [];
        logged = [];
        // Mocha's own listener would fail the test on the rejection too; this one says what it was.
        process.prependListener('unhandledRejection', onUnhandled);
        console.error = (...parts: unknown[]) => { logged.push(parts.map(String).join(' ')); };
    });
    afterEach(() => {
        process.removeListener('unhandledRejection', onUnhandled);
        console.error = originalError;
        rmSync(root, { recursive: true, force: true });
    });

    /**
     * Until the handler's write is queued (after the workspace is ready, a turn later), it and every
     * read before are done, and the rejections of this turn are reported.
     */
    async function settled(lock: { read: (action: () => void) => Promise<void> }): Promise<void> {
        await new Promise(resolve => setImmediate(resolve));
        await lock.read(() => undefined);
        await new Promise(resolve => setImmediate(resolve));
        await new Promise(resolve => setImmediate(resolve));
    }

    for (const [what, fail] of [['a change', 'didChangeContent'], ['a save', 'didSaveDocument']] as const) {
        it(`after ${what}: is logged as a bug naming the file, the process goes on, and the next change builds the file`, async () => {
            const path = join(root, 'sales.loom');
            writeFileSync(path, MODEL);
            const { shared } = createEventloomServices(NodeFileSystem);
            const manager = shared.workspace.WorkspaceManager;
            manager.initialize({ workspaceFolders: [{ uri: URI.file(root).toString(), name: 'ws' }] } as unknown as InitializeParams);
            await manager.initialized({});
            const builder = shared.workspace.DocumentBuilder;
            const handler = shared.lsp.DocumentUpdateHandler;
            const uri = URI.file(path);
            const open = (version: number, text: string) => {
                const document = TextDocument.create(uri.toString(), 'eventloom', version, text);
                shared.workspace.TextDocuments.set(document);
                return document;
            };

            // The next build fails as a bug in a builder step would, once.
            const update = builder.update.bind(builder);
            let failures = 0;
            builder.update = async (...args) => {
                if (failures++ === 0) throw new Error('the disk is on fire');
                return update(...args);
            };
            const broken = open(2, MODEL.replace('emits OrderPlaced', 'emits OrderShipped'));
            if (fail === 'didChangeContent') handler.didChangeContent!({ document: broken });
            else await handler.didSaveDocument!({ document: broken });
            await settled(shared.workspace.WorkspaceLock);
            assert.deepEqual(unhandled, []);
            assert.deepEqual(logged, [`Eventloom failed while ${fail === 'didChangeContent' ? 'updating the model' : 'checking the model after a save'} in sales.loom (the disk is on fire). ${BUG_NOTICE}`]);

            // The next change is built as usual: the unresolved event of the text before it is reported.
            handler.didChangeContent!({ document: open(3, MODEL.replace('emits OrderPlaced', 'emits OrderShipped')) });
            await settled(shared.workspace.WorkspaceLock);
            const document = shared.workspace.LangiumDocuments.getDocument(uri)!;
            assert.equal(document.state, DocumentState.Validated);
            assert.ok((document.diagnostics ?? []).some(diagnostic => String(diagnostic.message).includes('OrderShipped')), JSON.stringify(document.diagnostics));
        });
    }
});
