/**
 * The fuzzer's own tokenizer (mutations.ts) cuts texts as its regex did, comment openers and all, so
 * that a seed still gives the cases it gave; and it cuts a 5 MB file of comments nothing closes
 * (seed 20261204, edit 822: the long run's part a sat there with the server idle) in one pass.
 */
import * as assert from 'node:assert/strict';
import { tokens } from './mutations.js';
import { Random } from './random.js';

/** The tokenizer as it was: one regex, the block comment as an alternative. */
const REGEX_TOKEN = /\s+|[A-Za-z_]\w*|-?\d+(?:\.\d+)?|"(?:\\.|[^"\\\n])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[\s\S]/g;

const PIECES = ['/*', '*/', '/', '*', '//', '"', '\\', '\n', ' ', 'word', '12.5', '-3', '"s"', '/* c */'];

describe('the fuzzer\'s tokens', () => {
    it('are the regex\'s tokens, on 1,000 texts of comment openers, closers, strings and words', () => {
        const random = Random.forCase(20261207, 0);
        for (let i = 0; i < 1_000; i++) {
            const text = Array.from({ length: random.int(0, 40) }, () => random.pick(PIECES)).join('');
            assert.deepEqual(tokens(text), text.match(REGEX_TOKEN) ?? [], JSON.stringify(text));
        }
    });

    it('cut a 5 MB file of 400,000 unclosed comments (the regex tried each to the end of the file)', () => {
        const text = 'v /* Shared [\n'.repeat(400_000);
        const parts = tokens(text);
        assert.equal(parts.join(''), text);
        assert.equal(parts.filter(part => part === '/').length, 400_000);
    });
});
