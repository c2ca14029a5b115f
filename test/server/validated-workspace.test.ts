/**
 * A custom request (the flow graph, the scenario list) answers whenever the request arrives
 * relative to the builds: also while the build announces that the workspace is validated, and
 * during an update that has nothing to rebuild. The fuzzer found the first as an
 * `eventloom/flowGraph` that was never answered while the server sat idle: the request had
 * started to wait for the "validated" announcement while that announcement was under way, and
 * no later build came to announce it again.
 */
import * as assert from 'node:assert/strict';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { EventloomDocumentBuilder } from '../../src/language/workspace/eventloom-document-builder.js';
import { listScenarios } from '../../src/server/scenario-handlers.js';
import { readValidatedWorkspace } from '../../src/server/validated-workspace.js';
import { buildWorkspace } from '../kit/workspace.js';
import { HAND_WRITTEN_BANK } from '../kit/hand-written-bank.js';

/** One turn of the event loop: where the server reads its next message. */
const nextMessage = () => new Promise(resolve => setImmediate(resolve));

async function workspace() {
    const { shared } = createEventloomServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    await buildWorkspace({ 'banking.loom': HAND_WRITTEN_BANK }, { shared, folder: '/workspace' });
    const lock = shared.workspace.WorkspaceLock;
    const builder = shared.workspace.DocumentBuilder;
    /** An edit as the language server applies `didChange`: the update under the workspace's write lock. */
    const edit = (text: string) => {
        const uri = URI.parse('file:///workspace/banking.loom');
        shared.workspace.TextDocuments?.set(TextDocument.create(uri.toString(), 'eventloom', 2, text));
        return lock.write(token => builder.update([uri], [], token));
    };
    /**
     * Resolves once everything queued on the workspace lock so far has run and the promise chains
     * it started have settled (microtasks drain before a macrotask): a request that can answer has.
     */
    const settled = async () => {
        await lock.read(() => undefined);
        await nextMessage();
    };
    return { shared, builder, edit, settled };
}

describe('custom requests of the language server and the builds', () => {
    it('answers a request that arrives while the build announces the validated workspace', async () => {
        const { shared, builder, edit, settled } = await workspace();
        let request: Promise<unknown> | undefined;
        // The request arrives in the middle of the announcement: the build yields to the message
        // queue between two of its listeners, and the request is the next message.
        builder.onBuildPhase(DocumentState.Validated, async () => {
            request ??= listScenarios(shared);
            await nextMessage();
        });
        let answered: unknown;
        await edit(HAND_WRITTEN_BANK.replace('"cannot overdraw"', '"no overdraft"'));
        assert.ok(request, 'the build announced the validated workspace');
        void request.then(files => { answered = files; });
        await settled();
        assert.deepEqual((answered as Array<{ scenarios: Array<{ name: string }> }> | undefined)?.[0].scenarios.map(scenario => scenario.name),
            ['an account opens', 'no overdraft']);
    });

    it('answers a request that arrives during an update with nothing to rebuild', async () => {
        const { shared, builder, settled } = await workspace();
        let request: Promise<unknown> | undefined;
        builder.onUpdate(async () => {
            request ??= listScenarios(shared);
            await nextMessage();
        });
        // A watched file that is no model changed (a save of a .ts file): an update that builds nothing.
        await shared.workspace.WorkspaceLock.write(token => builder.update([], [], token));
        assert.ok(request, 'the update told its listeners');
        let answered: unknown;
        void request.then(files => { answered = files; });
        await settled();
        assert.deepEqual((answered as Array<{ uri: string }> | undefined)?.map(file => file.uri), ['file:///workspace/banking.loom']);
    });

    it('ends the pause before an edit\'s second pass: the read sees every file validated', async () => {
        const { shared } = createEventloomServices(EmptyFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const sales = 'context Sales\naggregate Order {\n  id orderId: uuid\n  command PlaceOrder { emits OrderPlaced }\n  event OrderPlaced { orderId: uuid }\n}';
        const billing = 'context Billing\nreadmodel OpenOrders {\n  key orderId: uuid\n  on Sales.OrderPlaced\n}';
        await buildWorkspace({ 'sales.loom': sales, 'billing.loom': billing }, { shared, folder: '/workspace' });
        const builder = shared.workspace.DocumentBuilder as EventloomDocumentBuilder;
        // Longer than the test: only the read can end this pause.
        builder.dependentsPause.delayMs = 3_600_000;
        const uri = URI.parse('file:///workspace/sales.loom');
        shared.workspace.TextDocuments?.set(TextDocument.create(uri.toString(), 'eventloom', 2, sales.replaceAll('OrderPlaced', 'OrderTaken')));
        const update = shared.workspace.WorkspaceLock.write(token => builder.update([uri], [], token));
        const seen = await readValidatedWorkspace(shared, documents => documents.map(document =>
            `${document.uri.path.split('/').pop()} ${DocumentState[document.state]} ${(document.diagnostics ?? []).length}`).sort());
        assert.deepEqual(seen, ['billing.loom Validated 1', 'sales.loom Validated 0']);
        await update;
    });
});
