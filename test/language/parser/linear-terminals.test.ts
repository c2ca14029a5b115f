/**
 * The comment and string terminals in linear time (fuzz seed 20261208, case 986: a 3.7 MB file of
 * `/*` lines made `generate --check` run for hours: each unclosed `/*` scanned to the end of the
 * file). Their matchers accept exactly what the grammar's expressions accept, at every offset, in
 * any order of tries; the lexer with them gives the very tokens and errors of the lexer without.
 */
import * as assert from 'node:assert/strict';
import { DefaultLexer, DefaultTokenBuilder, EmptyFileSystem, GrammarUtils, type GrammarAST, type LexerResult } from 'langium';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { blockCommentMatcher, mayLexQuadratically, ML_COMMENT_SOURCE, STRING_SOURCE, stringMatcher } from '../../../src/language/parser/linear-terminals.js';
import { random } from '../../kit/random-edits.js';

const { Eventloom } = createEventloomServices(EmptyFileSystem);
const lexer = Eventloom.parser.Lexer;
/** The same grammar's lexer with Langium's own token builder: the terminals as regular expressions. */
const regexLexer = new DefaultLexer({ ...Eventloom, parser: { ...Eventloom.parser, TokenBuilder: new DefaultTokenBuilder() } } as unknown as ConstructorParameters<typeof DefaultLexer>[0]);

const ALPHABET = ['/', '*', '"', '\\', '\n', '\r', '\u2028', 'a', ' ', '{', 'x', '//'];

function randomText(next: () => number, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
    return text;
}

function tokensShape(result: LexerResult) {
    return {
        tokens: result.tokens.map(token => `${token.tokenType.name} ${token.startOffset} ${JSON.stringify(token.image)} ${token.startLine}:${token.startColumn}-${token.endLine}:${token.endColumn}`),
        hidden: result.hidden.map(token => `${token.tokenType.name} ${token.startOffset} ${JSON.stringify(token.image)} ${token.startLine}:${token.startColumn}`),
        errors: result.errors.map(error => `${error.offset} ${error.length} ${error.line}:${error.column} ${error.message}`)
    };
}

function terminal(name: string): GrammarAST.TerminalRule {
    return Eventloom.Grammar.rules.find(rule => rule.name === name) as GrammarAST.TerminalRule;
}

describe('comments and strings lexed in linear time', function () {
    this.timeout(20_000);

    it('stand for the grammar\'s own expressions (a changed one would keep its regular expression)', () => {
        assert.equal(GrammarUtils.terminalRegex(terminal('ML_COMMENT')).source, ML_COMMENT_SOURCE);
        assert.equal(GrammarUtils.terminalRegex(terminal('STRING')).source, STRING_SOURCE);
    });

    it('lex only the texts that need them, whose tokens keep the lexer\'s own token types', () => {
        assert.equal(mayLexQuadratically('/* a */ context C /* b */'), false);
        assert.equal(mayLexQuadratically('context C "a" /* b'), true);
        assert.equal(mayLexQuadratically('/* a */ context C /*/'), true);
        assert.equal(mayLexQuadratically('context C "a\\"b"'), true);
        const result = lexer.tokenize('/* a */ context C "x\\"y" /* open');
        const types = lexer.definition;
        for (const token of [...result.tokens, ...result.hidden]) assert.equal(token.tokenType, types[token.tokenType.name], token.image);
        assert.deepEqual(result.hidden.map(token => token.image), ['/* a */']);
        assert.ok(result.tokens.some(token => token.tokenType.name === 'STRING' && token.image === '"x\\"y"'));
    });

    it('match what the expressions match, at every offset, tried in order and at random', () => {
        const next = random(20261208);
        for (const [source, makeMatcher] of [[ML_COMMENT_SOURCE, blockCommentMatcher], [STRING_SOURCE, stringMatcher]] as const) {
            const regex = new RegExp(source, 'y');
            for (let round = 0; round < 400; round++) {
                const text = randomText(next, 1 + Math.floor(next() * 60));
                const matcher = makeMatcher();
                const offsets = [...text].map((_, i) => i);
                if (round % 2) offsets.sort(() => next() - 0.5);
                for (const offset of offsets) {
                    regex.lastIndex = offset;
                    const expected = regex.exec(text)?.[0] ?? null;
                    const actual = (matcher(text, offset, [], {}) as unknown as string[] | null)?.[0] ?? null;
                    assert.equal(actual, expected, `${source} at ${offset} of ${JSON.stringify(text)}`);
                }
            }
        }
    });

    it('give the tokens, positions and errors of the lexer without them', () => {
        const next = random(7);
        for (let round = 0; round < 300; round++) {
            const text = randomText(next, 1 + Math.floor(next() * 200)) + (round % 3 ? '\ncontext C "a\\"b" /* x */ aggregate' : '');
            assert.deepEqual(tokensShape(lexer.tokenize(text)), tokensShape(regexLexer.tokenize(text)), JSON.stringify(text));
        }
    });

    it('lex 200,000 unclosed `/*` lines, saying the comment is not closed (this ran for minutes)', () => {
        const result = lexer.tokenize('/*\n'.repeat(200_000));
        // The `/` is the error; the `*` (the multiplication sign) is a token the parser then refuses.
        assert.deepEqual(new Set(result.tokens.map(token => token.image)), new Set(['*']));
        assert.equal(result.errors.length, 200_000);
        assert.equal(result.errors[0].message, 'This comment is not closed: end it with `*/`.');
    });

    it('lex a line of 100,000 escaped quotes never closed, saying the string is not closed (this ran for minutes)', () => {
        const result = lexer.tokenize(`"${'\\"'.repeat(100_000)}\ncontext C`);
        assert.deepEqual(result.tokens.map(token => token.image), ['context', 'C']);
        assert.equal(result.errors[0].offset, 0);
        assert.equal(result.errors[0].message, 'This string is not closed: end it with `"` on the same line.');
    });
});
