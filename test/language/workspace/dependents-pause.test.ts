/**
 * The second pass waits for the user to pause (the language server's setting; the CLI and the
 * other tests build at once): the edited file is validated at once, the files that refer into it
 * once the pause is over, and anything that needs those files ends the pause and waits for them.
 * Every edit goes through the workspace's write lock, as `didChange` does, so that a newer write
 * cancels an update waiting in its pause.
 */
import * as assert from 'node:assert/strict';
import { DocumentState, EmptyFileSystem, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { isAggregate, isEvent, isReadModel, type Model } from '../../../src/language/generated/ast.js';
import type { EventloomDocumentBuilder } from '../../../src/language/workspace/eventloom-document-builder.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';
import { runSlowChecks } from '../../../src/language/workspace/document-update-handler.js';
import { BILLING, SALES, SHIPPING } from './three-contexts.js';


const RENAMED = SALES.replaceAll('OrderPlaced', 'OrderTaken');
const BROKEN = /Context 'Sales' has no event 'OrderPlaced'.*Did you mean 'Sales.OrderTaken'\?/;

/** Longer than any test: only what needs the dependents ends this pause. */
const NO_END = 3_600_000;

/** One turn of the event loop: where the language server reads its next message. */
const nextMessage = () => new Promise(resolve => setImmediate(resolve));

async function workspace(pauseMs: number) {
    const services = createEventloomServices(EmptyFileSystem);
    const { shared } = services;
    const [sales, billing, shipping] = await buildDocuments(shared, [
        { path: '/ws/sales.loom', text: SALES }, { path: '/ws/billing.loom', text: BILLING }, { path: '/ws/shipping.loom', text: SHIPPING }
    ]);
    const builder = shared.workspace.DocumentBuilder as EventloomDocumentBuilder;
    builder.dependentsPause.delayMs = pauseMs;
    const lock = shared.workspace.WorkspaceLock;
    const validated: string[] = [];
    builder.onDocumentPhase(DocumentState.Validated, document => { validated.push(nameOf(document)); });
    const announced: string[][] = [];
    builder.onBuildPhase(DocumentState.Validated, documents => { announced.push(documents.map(nameOf).sort()); });
    let version = 1;
    /**
     * `didChange`: the new text, then the update under the write lock. Resolves when the edited
     * file is validated, with the update (in an object: a returned promise would be awaited).
     */
    const edit = async (document: LangiumDocument, text: string) => {
        shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', ++version, text));
        const before = validated.length;
        const update = lock.write(token => builder.update([document.uri], [], token));
        while (!validated.slice(before).includes(nameOf(document))) await nextMessage();
        return { update };
    };
    return { services, shared, builder, lock, sales, billing, shipping, validated, announced, edit };
}

const nameOf = (document: LangiumDocument) => document.uri.path.split('/').pop()!;
const messages = (document: LangiumDocument) => (document.diagnostics ?? []).map(d => String(d.message));
const turns = async (n: number) => { for (let i = 0; i < n; i++) await nextMessage(); };

describe('the second pass waits for the user to pause', () => {
    it('validates the edited file at once and the files that refer to it after the pause', async () => {
        const { builder, sales, billing, validated, announced, edit } = await workspace(NO_END);
        const { update } = await edit(sales, RENAMED);
        await turns(5);
        assert.deepEqual(validated, ['sales.loom'], 'only the edited file so far');
        assert.equal(billing.state, DocumentState.ComputedScopes, 'billing.loom waits to be re-linked');
        assert.deepEqual(announced, [], 'the workspace is not validated yet');
        // What the end of the pause does (here by hand: this pause would never end by itself).
        builder.dependentsPause.hold()();
        await update;
        assert.deepEqual(validated, ['sales.loom', 'billing.loom']);
        assert.match(messages(billing)[0], BROKEN);
        assert.deepEqual(announced, [['billing.loom', 'sales.loom']]);
    });

    it('ends the pause by itself: the dependents\' diagnostics arrive', async () => {
        const { sales, billing, shipping, validated, edit } = await workspace(1);
        await (await edit(sales, RENAMED)).update;
        assert.deepEqual(validated, ['sales.loom', 'billing.loom']);
        assert.equal(messages(billing).length, 1);
        assert.match(messages(billing)[0], BROKEN);
        assert.equal(shipping.state, DocumentState.Validated);
    });

    it('ends the pause for a request about a dependent file, which then sees its new links', async () => {
        const { builder, sales, billing, edit } = await workspace(NO_END);
        const { update } = await edit(sales, RENAMED);
        await builder.waitUntil(DocumentState.Linked, billing.uri);
        const readModel = (billing.parseResult.value as Model).elements.find(isReadModel)!;
        assert.equal(readModel.handles[0].ref, undefined);
        assert.match(readModel.handles[0].error?.message ?? '', /no event 'OrderPlaced'/);
        await update;
        assert.match(messages(billing)[0], BROKEN);
    });

    it('ends the pause for find references (a workspace-wide state), which sees the other file\'s reference', async () => {
        const { shared, builder, sales, edit } = await workspace(NO_END);
        const { update } = await edit(sales, SALES.replace('command PlaceOrder', 'command PlaceOrders'));
        await builder.waitUntil(DocumentState.IndexedReferences);
        const event = (sales.parseResult.value as Model).elements.find(isAggregate)!.members.find(isEvent)!;
        const references = shared.workspace.IndexManager.findAllReferences(event, '/elements@0/members@2').toArray();
        // The read model in billing.loom and the command's `emits` in sales.loom.
        assert.deepEqual(references.map(reference => reference.sourceUri.path).sort(), ['/ws/billing.loom', '/ws/sales.loom']);
        await update;
    });

    it('ends the pause for a hover that lists who consumes an event', async () => {
        const { services, sales, billing, edit } = await workspace(NO_END);
        const { update } = await edit(sales, SALES.replace('command PlaceOrder', 'command PlaceOrders'));
        const text = sales.textDocument.getText();
        const position = sales.textDocument.positionAt(text.indexOf('event OrderPlaced') + 'event O'.length);
        const hover = await services.Eventloom.lsp.HoverProvider!.getHoverContent(sales, { textDocument: { uri: sales.uri.toString() }, position });
        assert.match(JSON.stringify(hover?.contents), /consumed by read model Billing\.OpenOrders/);
        assert.equal(billing.state, DocumentState.Validated);
        await update;
    });

    it('ends the pause for a rename asked from inside a request (the quick fix to PascalCase): the other file is renamed too', async () => {
        const { services, sales, edit } = await workspace(NO_END);
        const { update } = await edit(sales, SALES.replace('command PlaceOrder', 'command PlaceOrders'));
        const text = sales.textDocument.getText();
        const position = sales.textDocument.positionAt(text.indexOf('event OrderPlaced') + 'event O'.length);
        const renamed = await services.Eventloom.lsp.RenameProvider!.rename(sales, { textDocument: { uri: sales.uri.toString() }, position, newName: 'OrderBooked' });
        assert.deepEqual(Object.keys(renamed?.changes ?? {}).map(uri => uri.split('/').pop()).sort(), ['billing.loom', 'sales.loom']);
        await update;
    });

    it('a keystroke during the pause takes the dependents along: they follow the last text, and the first edit is announced', async () => {
        const { builder, sales, billing, validated, announced, edit } = await workspace(NO_END);
        const { update: first } = await edit(sales, RENAMED);
        const { update: second } = await edit(sales, SALES);
        await first;
        assert.deepEqual(validated, ['sales.loom', 'sales.loom'], 'the first update was cancelled in its pause');
        builder.dependentsPause.hold()();
        await second;
        assert.deepEqual(validated, ['sales.loom', 'sales.loom', 'billing.loom']);
        assert.deepEqual(messages(billing), [], 'renamed back: nothing broken');
        const readModel = (billing.parseResult.value as Model).elements.find(isReadModel)!;
        assert.equal(readModel.handles[0].ref?.name, 'OrderPlaced');
        assert.deepEqual(announced, [['billing.loom', 'sales.loom']]);
    });

    it('a save during the pause builds the dependents', async () => {
        const { shared, builder, lock, sales, billing, edit } = await workspace(NO_END);
        const { update } = await edit(sales, RENAMED);
        await lock.write(token => runSlowChecks(shared.workspace.LangiumDocuments, builder, token));
        await update;
        assert.equal(billing.state, DocumentState.Validated);
        assert.match(messages(billing)[0], BROKEN);
    });

    it('deleting the dependent during the pause: it is gone, the rest is validated and announced', async () => {
        const { shared, builder, lock, sales, billing, shipping, announced, edit } = await workspace(NO_END);
        const { update } = await edit(sales, RENAMED);
        await lock.write(token => builder.update([], [billing.uri], token));
        await update;
        assert.equal(shared.workspace.LangiumDocuments.hasDocument(billing.uri), false);
        assert.deepEqual([sales.state, shipping.state], [DocumentState.Validated, DocumentState.Validated]);
        assert.deepEqual(announced, [['sales.loom']], 'the cancelled update\'s edited file is announced by the next build');
    });

    it('deleting the edited file during the pause: the dependent is re-linked against what is left', async () => {
        const { shared, builder, lock, sales, billing, edit } = await workspace(NO_END);
        const { update } = await edit(sales, RENAMED);
        shared.workspace.TextDocuments?.delete(sales.uri.toString());
        await lock.write(token => builder.update([], [sales.uri], token));
        await update;
        assert.equal(billing.state, DocumentState.Validated);
        assert.deepEqual(messages(billing), [
            "There is no context 'Sales' in the model: check its name, and that its files are in the workspace or the folders you validate."
        ]);
    });

    it('closing the edited file during the pause: the dependents\' diagnostics still arrive after it', async () => {
        const { shared, sales, billing, validated, edit } = await workspace(1);
        const { update } = await edit(sales, RENAMED);
        // What the connection does on didClose (Langium rebuilds nothing for a close).
        shared.workspace.TextDocuments?.delete(sales.uri.toString());
        await update;
        assert.deepEqual(validated, ['sales.loom', 'billing.loom']);
        assert.match(messages(billing)[0], BROKEN);
    });
});
