/**
 * Closing a file in the editor: a workspace file closed without saving falls back to its text on
 * disk (the errors its unsaved text caused elsewhere go), a file outside the workspace leaves the
 * model (its declarations leave the scope, its diagnostics are cleared), a saved file is not rebuilt.
 * On real folders, with the workspace manager initialised as the language server does it.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { InitializeParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { BILLING, SALES } from './three-contexts.js';

const RENAMED = SALES.replaceAll('OrderPlaced', 'OrderTaken');
const BROKEN = /Context 'Sales' has no event 'OrderPlaced'/;

describe('closing a file', () => {
    let root: string;
    beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'eventloom-close-')); });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    /**
     * A language server's services on `root/<folder>` (holding `files`), initialised and built. Paths
     * become URIs by `uriOf` (the folder's too): `file:` unless a test says otherwise.
     */
    async function workspace(files: Record<string, string>, { folderName = 'ws', uriOf = (path: string) => URI.file(path) } = {}) {
        const folder = join(root, folderName);
        mkdirSync(folder, { recursive: true });
        for (const [file, text] of Object.entries(files)) {
            mkdirSync(join(folder, file, '..'), { recursive: true });
            writeFileSync(join(folder, file), text);
        }
        const { shared } = createEventloomServices(NodeFileSystem);
        const manager = shared.workspace.WorkspaceManager;
        manager.initialize({ workspaceFolders: [{ uri: uriOf(folder).toString(), name: folderName }] } as unknown as InitializeParams);
        await manager.initialized({});
        const updates: Array<{ changed: string[]; deleted: string[] }> = [];
        shared.workspace.DocumentBuilder.onUpdate((changed, deleted) => { updates.push({ changed: changed.map(name), deleted: deleted.map(name) }); });
        const versions = new Map<string, number>();
        const at = (file: string | URI) => typeof file === 'string' ? uriOf(file) : file;
        const document = (file: string | URI) => shared.workspace.LangiumDocuments.getDocument(at(file));
        return {
            shared, folder, updates, document,
            /** The editor opens or changes the file (its text, not saved). */
            async type(file: string | URI, text: string) {
                const uri = at(file);
                const version = (versions.get(uri.toString()) ?? 0) + 1;
                versions.set(uri.toString(), version);
                shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'eventloom', version, text));
                await shared.workspace.DocumentBuilder.update([uri], []);
            },
            /**
             * The editor closes the file: the connection drops its text, then the handler runs
             * (`openedAgainWith`: the editor opened it again in between, with that text).
             */
            async close(file: string | URI, openedAgainWith?: string) {
                const uri = at(file).toString();
                const closed = shared.workspace.TextDocuments.get(uri)!;
                shared.workspace.TextDocuments.delete(uri);
                if (openedAgainWith !== undefined) shared.workspace.TextDocuments.set(TextDocument.create(uri, 'eventloom', closed.version + 1, openedAgainWith));
                updates.length = 0;
                await shared.lsp.DocumentUpdateHandler.didCloseDocument!({ document: closed });
            }
        };
    }

    const name = (uri: URI) => uri.path.split('/').pop()!;
    const messages = (document: LangiumDocument | undefined) => (document?.diagnostics ?? []).map(d => String(d.message));

    it('a workspace file closed without saving falls back to its text on disk, and the other files are re-checked against it', async () => {
        const ws = await workspace({ 'sales.loom': SALES, 'billing.loom': BILLING });
        const sales = join(ws.folder, 'sales.loom');
        await ws.type(sales, RENAMED);
        assert.match(messages(ws.document(join(ws.folder, 'billing.loom')))[0] ?? '', BROKEN);

        await ws.close(sales);
        assert.deepEqual(ws.updates, [{ changed: ['sales.loom'], deleted: [] }]);
        assert.equal(ws.document(sales)?.textDocument.getText(), SALES);
        assert.deepEqual(messages(ws.document(join(ws.folder, 'billing.loom'))), []);
    });

    it('a saved workspace file is not rebuilt when it is closed', async () => {
        const ws = await workspace({ 'sales.loom': SALES, 'billing.loom': BILLING });
        const sales = join(ws.folder, 'sales.loom');
        await ws.type(sales, RENAMED);
        writeFileSync(sales, RENAMED);

        await ws.close(sales);
        assert.deepEqual(ws.updates, []);
        assert.equal(ws.document(sales)?.textDocument.getText(), RENAMED);
    });

    it('a file outside the workspace folders leaves the model: its declarations leave the scope and its diagnostics are cleared', async () => {
        const ws = await workspace({ 'billing.loom': BILLING });
        const outside = join(root, 'elsewhere', 'sales.loom');
        mkdirSync(join(root, 'elsewhere'));
        writeFileSync(outside, SALES);
        await ws.type(outside, SALES);
        await ws.type(join(ws.folder, 'billing.loom'), BILLING);
        assert.deepEqual(messages(ws.document(join(ws.folder, 'billing.loom'))), [], 'while open, Billing reads its event');

        await ws.close(outside);
        assert.deepEqual(ws.updates, [{ changed: [], deleted: ['sales.loom'] }]);
        assert.equal(ws.document(outside), undefined);
        assert.match(messages(ws.document(join(ws.folder, 'billing.loom')))[0] ?? '', /There is no context 'Sales' in the model/);
    });

    it('files the workspace manager skips (in node_modules, in a dot folder) and files no longer on disk leave the model too', async () => {
        const ws = await workspace({ 'billing.loom': BILLING, 'node_modules/pkg/sales.loom': SALES, '.hidden/sales.loom': SALES });
        for (const path of [join(ws.folder, 'node_modules', 'pkg', 'sales.loom'), join(ws.folder, '.hidden', 'sales.loom'), join(ws.folder, 'unsaved.loom')]) {
            await ws.type(path, SALES);
            await ws.close(path);
            assert.deepEqual(ws.updates, [{ changed: [], deleted: [path.split('/').pop()!] }], path);
            assert.equal(ws.document(path), undefined, path);
        }
    });

    it('a workspace of vscode-remote: folders (code-server) is treated as on disk: its file falls back to the disk text', async () => {
        const remote = (path: string) => URI.file(path).with({ scheme: 'vscode-remote', authority: 'ssh-remote+box' });
        const ws = await workspace({ 'sales.loom': SALES }, { folderName: 'remote', uriOf: remote });
        const sales = join(ws.folder, 'sales.loom');
        assert.ok(ws.document(sales), 'loaded from the folder');
        await ws.type(sales, RENAMED);
        await ws.close(sales);
        assert.equal(ws.document(sales)?.textDocument.getText(), SALES);
    });

    it('an untitled file leaves the model when it is closed', async () => {
        const ws = await workspace({ 'billing.loom': BILLING });
        const untitled = URI.parse('untitled:Untitled-1');
        await ws.type(untitled, SALES);
        assert.ok(ws.document(untitled));
        await ws.close(untitled);
        assert.deepEqual(ws.updates, [{ changed: [], deleted: ['Untitled-1'] }]);
        assert.equal(ws.document(untitled), undefined);
    });

    it('a file opened again before the close was handled keeps the editor\'s text', async () => {
        const ws = await workspace({ 'sales.loom': SALES });
        const sales = join(ws.folder, 'sales.loom');
        await ws.type(sales, RENAMED);
        await ws.close(sales, RENAMED);
        assert.deepEqual(ws.updates, []);
        assert.equal(ws.document(sales)?.textDocument.getText(), RENAMED);
    });
});
