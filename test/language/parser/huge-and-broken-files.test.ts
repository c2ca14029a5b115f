/**
 * The parser on huge and badly broken files (fuzz case 2858 of seed 20261201 and its relatives): many
 * errors in one list, hundreds of thousands of declarations or comments, a parse that throws. And the
 * differential test that shows the changes made for them change no parse: on thousands of broken texts
 * Eventloom's parser gives exactly what Langium's own parser (chevrotain's recursive recovery, Langium's
 * CST builder and hidden-token hand-over) gives — the same AST, CST and errors.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCompletionParser, createLangiumParser, EmptyFileSystem, type LangiumParser, type RootCstNode } from 'langium';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import type { Enum, Model } from '../../../src/language/generated/ast.js';
import { generateBenchModel } from '../../bench/model/bench-model.js';
import { random, randomEdit } from '../../kit/random-edits.js';
import { BEHAVIOUR_MODEL } from './behaviour-model.js';
import { parseShapes } from './parse-shapes.js';

const { Eventloom } = createEventloomServices(EmptyFileSystem);
const parser = Eventloom.parser.LangiumParser;
/** Langium's parser as it comes, on the same grammar and lexer: what every parse must equal. */
const langiumParser = createLangiumParser(Eventloom);
const comments = Eventloom.documentation.CommentProvider;
const { astShape, cstShape, errorsShape } = parseShapes(comments);

/** The smallest input that overflowed: a misplaced `context` line followed by a stray token, repeated. */
const HEAD = 'context C\naggregate A { id x: uuid }\n';
const MISPLACED = 'context B id\n';
/** Langium's parser overflowed the stack from 2,788 copies (at the top of a script; under mocha from fewer). */
const OVERFLOWED = 5_000;
/** Six times that, for Eventloom's. */
const COPIES = 30_000;

function errorDetails(parserErrors: ReturnType<LangiumParser['parse']>['parserErrors']): string[] {
    return parserErrors.map(error => `${error.name} ${error.token.startOffset} ${error.token.image} resynced ${error.resyncedTokens.map(token => token.startOffset).join(',')}`);
}

function assertSameAsLangium(text: string, context: string): void {
    const ours = parser.parse<Model>(text);
    const theirs = langiumParser.parse<Model>(text);
    assert.deepEqual(errorsShape(ours), errorsShape(theirs), context);
    assert.deepEqual(errorDetails(ours.parserErrors), errorDetails(theirs.parserErrors), context);
    assert.deepEqual(astShape(ours.value), astShape(theirs.value), context);
    assert.deepEqual(cstShape(ours.value.$cstNode!), cstShape(theirs.value.$cstNode!), context);
}

const repoRoot = resolve(import.meta.dirname, '../../..');

function modelTexts(): Array<{ name: string; text: string }> {
    const texts: Array<{ name: string; text: string }> = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.loom')) texts.push({ name: path.slice(repoRoot.length + 1), text: readFileSync(path, 'utf8') });
        }
    };
    walk(join(repoRoot, 'templates'));
    walk(join(repoRoot, 'test/fixtures/bad-syntax'));
    texts.push({ name: 'behaviour model', text: BEHAVIOUR_MODEL });
    const bench = generateBenchModel({ contexts: 1, aggregates: 3, commands: 9, events: 9, readModels: 3, layout: 'per-context', hubUses: 2 });
    texts.push(...bench.files.map(file => ({ name: file.path, text: file.text })));
    return texts;
}

/** A random line of the text copied to random places: the fuzzer's "duplicate a line", which stacks errors in one list. */
function duplicateLines(text: string, next: () => number, times: number): string {
    const lines = text.split('\n');
    const line = lines[Math.floor(next() * lines.length)];
    for (let i = 0; i < times; i++) lines.splice(Math.floor(next() * (lines.length + 1)), 0, line);
    return lines.join('\n');
}

describe('the parser on huge and broken files', function () {
    this.timeout(600_000);

    it(`parses ${COPIES.toLocaleString('en')} errors in one list (Langium's parser: "Maximum call stack size exceeded")`, () => {
        const text = HEAD + MISPLACED.repeat(COPIES);
        // A parser of its own: after a parse that threw, Langium's parser fails every later parse (see the last test).
        assert.throws(() => createLangiumParser(Eventloom).parse(HEAD + MISPLACED.repeat(OVERFLOWED)), RangeError, 'the input is past the depth where chevrotain\'s recursive recovery overflows');
        const result = parser.parse<Model>(text);
        assert.deepEqual(result.lexerErrors, []);
        assert.equal(result.parserErrors.length, COPIES);
        // Each copy: its `context B` is read (a misplaced context, a validation error), `id` is skipped with an
        // error on it; the last `id`, with nothing after it to resynchronise to, is an error between rules.
        result.parserErrors.forEach((error, i) => {
            assert.equal(error.token.startLine, 3 + i);
            assert.equal(error.token.startColumn, 11);
            assert.equal(error.message, i < COPIES - 1
                ? 'Expected the end of the file here, but found `id`.'
                : 'Expected a declaration (`enum`, `type`, `aggregate`, `readmodel`, `query`, `policy`, `scenario`) here, but found `id`.');
        });
        assert.equal(result.value.misplacedContexts.length, COPIES);
        assert.equal(result.value.elements.length, 1);
        // The same parse as Langium's below the depth where it overflows.
        assertSameAsLangium(HEAD + MISPLACED.repeat(500), '500 copies');
    });

    it('parses errors in a list inside a declaration and in a separated list, many times over', () => {
        const members = `context C\naggregate A {\n  id x: uuid\n${'  command C { x: int }\n  ) event E {}\n'.repeat(10_000)}}\n`;
        const inMembers = parser.parse<Model>(members);
        assert.equal(inMembers.parserErrors.length, 10_000);
        assert.equal(inMembers.value.elements.length, 1);
        const separated = `context C\nenum E { ${'a, ) '.repeat(COPIES)}}\n`;
        const inSeparated = parser.parse<Model>(separated);
        assert.ok(inSeparated.parserErrors.length >= 1, 'the stray tokens are errors');
        assert.equal((inSeparated.value.elements[0] as Enum).name, 'E');
        for (const count of [50, 300]) {
            assertSameAsLangium(`context C\naggregate A {\n  id x: uuid\n${'  command C { x: int }\n  ) event E {}\n'.repeat(count)}}\n`, `${count} member errors`);
            assertSameAsLangium(`context C\nenum E { ${'a, ) '.repeat(count)}}\n`, `${count} separated-list errors`);
        }
    });

    it('parses 100,000 one-line declarations, with and without a comment each (quadratic in Langium\'s CST builder and hidden-token hand-over)', () => {
        const plain = parser.parse<Model>(`context C\n${'enum E { a }\n'.repeat(100_000)}`);
        assert.deepEqual(plain.parserErrors, []);
        assert.equal(plain.value.elements.length, 100_000);
        const commented = parser.parse<Model>(`context C\n${'/** Sizes. */\nenum E { a } // after\n'.repeat(100_000)}// the end\n`);
        assert.deepEqual(commented.parserErrors, []);
        assert.equal(commented.value.elements.length, 100_000);
        const last = commented.value.elements[99_999];
        assert.equal(comments.getComment(last), '/** Sizes. */');
        assert.equal(last.$cstNode?.offset, commented.value.$cstNode!.text.lastIndexOf('enum E'));
        const root = commented.value.$cstNode as RootCstNode;
        assert.equal(root.content.at(-1)?.text, '// the end', 'the comment after the last token closes the file');
    });

    it('gives the same parse as Langium\'s own parser on 1,500 broken texts (random edits, duplicated lines)', () => {
        const texts = modelTexts();
        assert.ok(texts.length >= 5, 'the models were found');
        let compared = 0;
        let withErrors = 0;
        for (const [i, { name, text: original }] of texts.entries()) {
            const chains = Math.ceil(150 / texts.length);
            for (let chain = 0; chain < chains; chain++) {
                const seed = 70_000 + 1000 * i + chain;
                const next = random(seed);
                let text = chain % 3 === 0 ? duplicateLines(original, next, 1 + Math.floor(next() * 40)) : original;
                for (let step = 0; step < 10; step++) {
                    text = next() < 0.15 ? duplicateLines(text, next, 1 + Math.floor(next() * 20)) : randomEdit(text, next);
                    assertSameAsLangium(text, `${name}, seed ${seed}, step ${step}`);
                    compared++;
                    if (parser.parse(text).parserErrors.length > 1) withErrors++;
                }
            }
        }
        assert.ok(compared >= 1500, `${compared} texts compared`);
        assert.ok(withErrors > compared / 4, `only ${withErrors} of ${compared} texts had several errors`);
    });

    it('completes after thousands of errors, as Langium\'s completion parser does after a few', () => {
        const completion = Eventloom.parser.CompletionParser;
        const langiumCompletion = createCompletionParser(Eventloom);
        for (const text of [HEAD + MISPLACED.repeat(300), `${HEAD}aggregate B {\n  id y: uuid\n  command Go { emits `, BEHAVIOUR_MODEL.slice(0, 900)]) {
            const ours = completion.parse(text);
            const theirs = langiumCompletion.parse(text);
            assert.equal(ours.tokenIndex, theirs.tokenIndex);
            assert.deepEqual(ours.elementStack.map(element => element.$type), theirs.elementStack.map(element => element.$type));
        }
        assert.throws(() => langiumCompletion.parse(HEAD + MISPLACED.repeat(OVERFLOWED)), RangeError);
        const result = completion.parse(HEAD + MISPLACED.repeat(COPIES));
        // As Langium's with 300 copies (compared above): read up to the last `id`.
        assert.equal(result.tokenIndex, result.tokens.length - 1);
    });

    it('still parses right after a parse that threw (Langium\'s returns the failed parse\'s half-built model, or "Parser stack is not empty")', () => {
        const langiumOwn = createLangiumParser(Eventloom);
        const expected = astShape(createLangiumParser(Eventloom).parse(HEAD).value);
        const converter = Eventloom.parser.ValueConverter;
        const convert = converter.convert;
        converter.convert = () => { throw new Error('a failing conversion'); };
        try {
            assert.throws(() => parser.parse(HEAD), /a failing conversion/);
            assert.throws(() => langiumOwn.parse(HEAD), /a failing conversion/);
        } finally {
            converter.convert = convert;
        }
        const after = parser.parse<Model>(HEAD);
        assert.deepEqual(after.parserErrors, []);
        assert.deepEqual(astShape(after.value), expected);
        assert.notDeepEqual(astShape(langiumOwn.parse(HEAD).value), expected, 'Langium\'s parser is wrong after a failure');
    });

    it('captures no stack trace for a syntax error (chevrotain\'s did for each: ~40% of the CPU on 160,000 errors), and leaves the engine\'s limit as it was, after a throw too', () => {
        const frames = (error: Error) => (error.stack ?? '').split('\n').filter(line => line.trimStart().startsWith('at ')).length;
        const limit = Error.stackTraceLimit;
        const theirs = langiumParser.parse(HEAD + MISPLACED.repeat(3));
        assert.ok(theirs.parserErrors.every(error => frames(error) > 0), 'Langium\'s parser captures the frames');
        for (const text of [HEAD + MISPLACED.repeat(3), 'context C\naggregate {']) {
            const ours = parser.parse(text).parserErrors;
            assert.ok(ours.length > 0);
            for (const error of ours) {
                assert.equal(frames(error), 0, error.stack);
                assert.match(error.stack ?? '', /^MismatchedTokenException|^NoViableAltException|^EarlyExitException|^NotAllInputParsedException/);
            }
        }
        assert.equal(Error.stackTraceLimit, limit);
        const converter = Eventloom.parser.ValueConverter;
        const convert = converter.convert;
        converter.convert = () => { throw new Error('a failing conversion'); };
        try {
            assert.throws(() => parser.parse(HEAD), /a failing conversion/);
        } finally {
            converter.convert = convert;
        }
        assert.equal(Error.stackTraceLimit, limit, 'restored after a parse that threw');
        assert.ok(frames(new Error('after')) > 0);
    });
});
