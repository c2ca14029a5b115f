/**
 * The language server (the real one, over stdio, as the editor starts it) on the file of fuzz case 2858
 * of seed 20261201: a 5 MB shop model whose every copy has a misplaced `context` line. The parser's
 * recovery overflowed the stack on it; the server must publish the file's diagnostics and answer the
 * editor's requests, with no error logged. And on a file with tens of thousands of problems: the
 * first of each kind, and a note where each list was cut.
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { CLEAN_MODEL } from '../cli/cli-test-kit.js';
import { cliCase } from '../fuzz/cli-fuzz.js';
import { ServerSession } from '../fuzz/lsp-fuzz.js';
import { FULL_LIMITS } from '../fuzz/mutations.js';

interface PublishedDiagnostics {
    uri: string;
    diagnostics: Array<{ message: string; range: { start: { line: number; character: number } } }>;
}

describe('the language server on a 5 MB file with thousands of syntax errors', function () {
    this.timeout(10 * 60_000);
    let session: ServerSession;
    const published = new Map<string, PublishedDiagnostics['diagnostics']>();
    const waiting: Array<() => void> = [];
    before(async () => {
        session = new ServerSession();
        session.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
            published.set(params.uri, params.diagnostics);
            waiting.splice(0).forEach(wake => wake());
        });
        await session.initialize();
    });
    after(() => session.kill());

    async function diagnosticsOf(uri: string): Promise<PublishedDiagnostics['diagnostics']> {
        while (!published.has(uri)) {
            assert.equal(session.exited, false, 'the server died');
            await new Promise<void>(wake => waiting.push(wake));
        }
        return published.get(uri)!;
    }

    it('publishes its diagnostics and answers symbols, completion and hover (it overflowed the stack in the parser\'s recovery)', async () => {
        const text = cliCase(20261201, 2858, FULL_LIMITS).files['shop.loom'];
        assert.ok(text.length > 4_900_000, `the case's file: ${text.length} characters`);
        const uri = 'file:///huge/shop.loom';
        await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'eventloom', version: 1, text } });
        const diagnostics = await diagnosticsOf(uri);
        // One syntax error per misplaced context line, and one where the aggregate met the first: the first 1,000 are listed.
        const misplacedContexts = (text.match(/^context Shop\d+$/gm) ?? []).length - 1;
        const { parserErrors } = createEventloomServices(EmptyFileSystem).Eventloom.parser.LangiumParser.parse(text);
        assert.equal(parserErrors.length, misplacedContexts + 1);
        const syntax = diagnostics.filter(d => d.message === 'Expected the end of the file here, but found `id`.');
        assert.equal(syntax.length, 999);
        const cut = diagnostics.filter(d => d.message.includes(' are shown; '));
        assert.deepEqual(cut.map(d => d.message), [
            `1,000 syntax errors are shown; ${(parserErrors.length - 1_000).toLocaleString('en')} more from here on are not. Fix the first ones, then validate again: one syntax error often causes the next.`
        ]);
        assert.deepEqual(cut[0].range.start, { line: parserErrors[1_000].token.startLine! - 1, character: parserErrors[1_000].token.startColumn! - 1 });
        const first = diagnostics.find(d => d.message.startsWith('Expected a member'));
        assert.equal(first?.message, 'Expected a member (`id`, `state`, `command`, `event`, `error`) or `}` to close the aggregate here, but found `context`.');
        assert.deepEqual(first?.range.start, { line: 5, character: 0 });

        const lastLine = text.split('\n').length - 1;
        const symbols = await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        assert.ok(Array.isArray(symbols) && symbols.length > 0, 'document symbols');
        const completion = await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: lastLine, character: 0 } });
        assert.ok(completion !== null && typeof completion === 'object', 'a completion list');
        const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } });
        assert.ok(hover === null || typeof hover === 'object', 'a hover answer');
        assert.equal(session.exited, false, 'the server is alive');
        assert.deepEqual(session.takeLogged().filter(line => /Error|Maximum call stack|at /.test(line)), [], 'nothing logged');
    });

    it('publishes the first 1,000 syntax errors and 10,000 other problems of a file with 30,000 of each, and where each list was cut', async () => {
        // 60,000 diagnostics in one message; a 10 MB file of such lines would need 1.6 million, past what one message can carry.
        const uri = 'file:///huge/capped.loom';
        const text = `${CLEAN_MODEL}${'context B id\n'.repeat(30_000)}`;
        await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'eventloom', version: 1, text } });
        const diagnostics = await diagnosticsOf(uri);
        assert.equal(diagnostics.filter(d => d.message === 'Expected the end of the file here, but found `id`.').length, 1_000);
        assert.equal(diagnostics.filter(d => d.message.startsWith('This file already belongs to context Banking')).length, 10_000);
        assert.deepEqual(diagnostics.filter(d => d.message.includes(' are shown; ')).map(d => ({ message: d.message, start: d.range.start })), [
            {
                message: '1,000 syntax errors are shown; 29,000 more from here on are not. Fix the first ones, then validate again: one syntax error often causes the next.',
                start: { line: 1006, character: 10 }
            },
            {
                message: '10,000 problems found by Eventloom\'s checks are shown; 20,000 more in this file are not. Fix the ones shown, then validate again.',
                start: { line: 10006, character: 8 }
            }
        ]);
        assert.equal(diagnostics.length, 11_002);
        assert.equal(session.exited, false, 'the server is alive');
        assert.deepEqual(session.takeLogged().filter(line => /Error|Maximum call stack|at /.test(line)), [], 'nothing logged');
    });
});
