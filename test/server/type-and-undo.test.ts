/**
 * The language server (the real one, over stdio) on the online shop, as a user types into one file
 * and undoes it all again, while the preview asks for the graph and the editor for code lenses:
 * once the text is back to the valid shop, no file may keep an error. Seeded runs of a few edits
 * each (snippets typed character by character, deletions), with pauses of 0-60 ms between
 * keystrokes, so that updates are cancelled at all kinds of moments.
 *
 * Seeds 6 and 39 of this generator found the builder skipping its decision about the files that
 * refer into the edited one when a keystroke cancelled the update right after the parse, and a
 * cancelled linking resumed with links made against an earlier text: payments.loom kept
 * "Context 'Ordering' has no event 'OrderPlaced'" for good (the preview e2e's typing step timed out on it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServerSession } from '../fuzz/lsp-fuzz.js';

const SHOP = path.resolve(import.meta.dirname, '../../templates/online-shop');
const SNIPPETS = ['event OrderArchived {}', 'command ArchiveOrder { emits OrderArchived }', '}', '{', 'e', 'event ', 'aggregate X {', '/*', '"', 'readmodel R { on OrderPlaced }', 'Order', 'x'];
const SEEDS = [6, 39, 1, 2, 3];

interface Diagnostic { severity?: number; message: string; range: { start: { line: number } } }

function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('the language server after typing into the shop and undoing it', function () {
    this.timeout(5 * 60_000);

    for (const seed of SEEDS) {
        it(`seed ${seed}: every file is back to no errors`, async () => {
            const root = fs.mkdtempSync(path.join(os.tmpdir(), 'type-and-undo-'));
            const files = fs.readdirSync(SHOP).filter(name => name.endsWith('.loom'));
            for (const name of files) fs.copyFileSync(path.join(SHOP, name), path.join(root, name));
            const session = new ServerSession();
            const published = new Map<string, Diagnostic[]>();
            session.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
                published.set(params.uri, params.diagnostics);
            });
            try {
                const rootUri = pathToFileURL(root).href;
                await session.connection.sendRequest('initialize', {
                    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'shop' }],
                    capabilities: { textDocument: { publishDiagnostics: {} }, workspace: { workspaceFolders: true } }
                });
                await session.connection.sendNotification('initialized', {});
                const uri = pathToFileURL(path.join(root, 'ordering.loom')).href;
                const original = fs.readFileSync(path.join(root, 'ordering.loom'), 'utf8');
                // The workspace is built once the references request is answered.
                await session.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 }, context: { includeDeclaration: false } });
                await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'eventloom', version: 1, text: original } });
                const next = random(seed);
                let text = original;
                let version = 2;
                const position = (offset: number) => {
                    const lines = text.slice(0, offset).split('\n');
                    return { line: lines.length - 1, character: lines.at(-1)!.length };
                };
                const change = async (offset: number, length: number, insert: string) => {
                    const range = { start: position(offset), end: position(offset + length) };
                    text = text.slice(0, offset) + insert + text.slice(offset + length);
                    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range, text: insert }] });
                    // What the open preview and the editor ask meanwhile (answers not awaited, as theirs).
                    if (next() < 0.3) void session.connection.sendRequest('eventloom/flowGraph', { filter: {}, board: next() < 0.5 }).catch(() => undefined);
                    if (next() < 0.2) void session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }).catch(() => undefined);
                    const pause = Math.floor(next() * 60);
                    if (pause > 10) await sleep(pause);
                };
                const undo: Array<{ offset: number; removed: string; inserted: string }> = [];
                for (let edit = 0; edit < 4; edit++) {
                    let offset = Math.floor(next() * text.length);
                    if (next() < 0.3) {
                        const length = Math.min(Math.floor(next() * 30), text.length - offset);
                        undo.push({ offset, removed: text.slice(offset, offset + length), inserted: '' });
                        await change(offset, length, '');
                    } else {
                        for (const character of SNIPPETS[Math.floor(next() * SNIPPETS.length)]) {
                            undo.push({ offset, removed: '', inserted: character });
                            await change(offset++, 0, character);
                        }
                    }
                }
                for (const step of undo.reverse()) await change(step.offset, step.inserted.length, step.removed);
                assert.equal(text, original, 'the edits are undone');
                // A workspace-wide request waits for the dependents' pass; their diagnostics may come later.
                await session.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 }, context: { includeDeclaration: false } });
                // Validation follows; on a loaded machine it can take seconds, so wait until every file has
                // published no errors, or 30 s have passed (a stale error stays for good: the bug this finds).
                const errors = () => [...published].flatMap(([file, diagnostics]) => diagnostics
                    .filter(diagnostic => diagnostic.severity === 1)
                    .map(diagnostic => `${path.basename(file)}:${diagnostic.range.start.line + 1}: ${diagnostic.message}`));
                for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
                    if (errors().length === 0 && published.size === files.length) break;
                    await sleep(200);
                }
                assert.equal(session.exited, false, 'the server is alive');
                assert.deepEqual(errors(), []);
                assert.deepEqual([...published.keys()].map(file => path.basename(file)).sort(), [...files].sort(), 'every file published its diagnostics');
            } finally {
                session.kill();
                fs.rmSync(root, { recursive: true, force: true });
            }
        });
    }
});
