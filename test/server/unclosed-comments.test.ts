/**
 * The language server (the real one, over stdio, as the editor starts it) on the file of fuzz edit
 * 1699 of seed 20261204: a 5 MB file whose 230,000 lines each open a block comment that nothing
 * closes. The lexer tried the comment's regex at every `/*`, each try scanning to the end of the
 * file: the parse after the edit and the completion's own lexing took minutes each, and no request
 * was answered meanwhile (edit 2516 was the same with 27,000 `context /* Banking…` lines). With
 * the comment matched in linear time (parser/linear-terminals.ts) every request gets its answer
 * and the file its diagnostics.
 */
import * as assert from 'node:assert/strict';
import { ServerSession } from '../fuzz/lsp-fuzz.js';

interface PublishedDiagnostics {
    uri: string;
    diagnostics: Array<{ message: string; range: { start: { line: number } } }>;
}

/** Lines of the fuzz edit's shape: what a doc comment's first line left open looks like, copied. */
const LINES = 230_000;

describe('the language server on a 5 MB file of unclosed block comments', function () {
    // Without the fix the first answer took over 5 minutes of CPU; with it the whole test takes ~10 s.
    this.timeout(4 * 60_000);
    let session: ServerSession;
    const published = new Map<string, PublishedDiagnostics>();
    const waiting: Array<() => void> = [];
    before(async () => {
        session = new ServerSession();
        session.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
            published.set(params.uri, params);
            waiting.splice(0).forEach(wake => wake());
        });
        await session.initialize();
    });
    after(() => session.kill());

    /** The file's latest diagnostics once some are published that `fit`. */
    async function diagnosticsOf(uri: string, fit: (diagnostics: PublishedDiagnostics['diagnostics']) => boolean): Promise<PublishedDiagnostics['diagnostics']> {
        while (!published.has(uri) || !fit(published.get(uri)!.diagnostics)) {
            assert.equal(session.exited, false, 'the server died');
            await new Promise<void>(wake => waiting.push(wake));
        }
        return published.get(uri)!.diagnostics;
    }

    it('answers the flow graph, symbols, completion, hover and semantic tokens after the edit that made it, and publishes its diagnostics', async () => {
        const uri = 'file:///unclosed/cross-context-a.loom';
        // As in the fuzz run: a small broken file, then the edit that makes it huge.
        await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'eventloom', version: 1, text: '/** Sales sells;' } });
        await diagnosticsOf(uri, () => true);
        const text = Array.from({ length: LINES }, (_, i) => `/** Sales${i} sells;`).join('\n');
        assert.ok(text.length > 4_500_000, `${text.length} characters`);
        await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
        const textDocument = { uri };
        const middle = { line: LINES / 2, character: 4 };
        const [graph, symbols, completion, hover, tokens] = await Promise.all([
            session.connection.sendRequest('eventloom/flowGraph', {}),
            session.connection.sendRequest('textDocument/documentSymbol', { textDocument }),
            session.connection.sendRequest('textDocument/completion', { textDocument, position: middle }),
            session.connection.sendRequest('textDocument/hover', { textDocument, position: middle }),
            session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument })
        ]);
        assert.ok(graph !== null && typeof graph === 'object', 'a flow graph answer');
        assert.ok(Array.isArray(symbols), 'document symbols');
        assert.ok(completion !== null && typeof completion === 'object', 'a completion list');
        assert.ok(hover === null || typeof hover === 'object', 'a hover answer');
        assert.ok(tokens !== null && typeof tokens === 'object', 'semantic tokens');
        // Every comment that is not closed says so, down the file.
        const diagnostics = await diagnosticsOf(uri, all => all.some(diagnostic => diagnostic.range.start.line > 0));
        assert.ok(diagnostics.filter(diagnostic => diagnostic.message === 'This comment is not closed: end it with `*/`.').length > 1, 'diagnostics of the huge text');
        assert.equal(session.exited, false, 'the server is alive');
        assert.deepEqual(session.takeLogged().filter(line => /Error|Maximum call stack|at /.test(line)), [], 'nothing logged');
    });
});
