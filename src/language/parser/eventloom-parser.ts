/**
 * Langium's parsers (the document parser and the completion parser), with what a huge or badly broken
 * file needs: a CST builder and a hidden-token look-up in linear time, chevrotain's list recovery made
 * iterative and linear, no stack trace for each syntax error, and a parser that still works after a
 * parse that failed.
 */
import { createCompletionParser, createLangiumParser, type CstNodeBuilder, type LangiumCompletionParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import { EventloomCstNodeBuilder } from './eventloom-cst-node-builder.js';
import { useHiddenTokenCursor } from './hidden-token-cursor.js';
import { useIterativeRepetitionRecovery } from './iterative-repetition-recovery.js';

/** The private parts of Langium's parser classes set here (Langium 4.x). */
interface ParserInternals {
    wrapper: object;
    nodeBuilder: CstNodeBuilder;
    stack: unknown[];
    unorderedGroups: Map<string, boolean[]>;
}

export function createEventloomParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const internals = parser as unknown as ParserInternals;
    internals.nodeBuilder = new EventloomCstNodeBuilder();
    useIterativeRepetitionRecovery(internals.wrapper);
    useHiddenTokenCursor(parser);
    keepWorkingAfterAFailedParse(parser);
    withoutStackTraces(parser);
    return parser;
}

/** Completion parses the text up to the cursor with the same recovery: the same fix applies. */
export function createEventloomCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    const parser = createCompletionParser(services);
    useIterativeRepetitionRecovery((parser as unknown as ParserInternals).wrapper);
    withoutStackTraces(parser);
    return parser;
}

/**
 * A parse that throws (a bug, or an engine limit) leaves Langium's stack of unfinished AST nodes filled,
 * and every later parse with the same parser then fails with "Parser stack is not empty after parsing":
 * in the language server, one bad file would break every file after it. The failure still propagates.
 */
function keepWorkingAfterAFailedParse(parser: LangiumParser): void {
    const internals = parser as unknown as ParserInternals;
    const parse = parser.parse.bind(parser);
    parser.parse = (input, options) => {
        try {
            return parse(input, options);
        } catch (error) {
            internals.stack.length = 0;
            internals.unorderedGroups.clear();
            throw error;
        }
    };
}

/**
 * Chevrotain makes each syntax error an exception and captures its stack trace, which nothing reads
 * (a diagnostic takes the message and the token). On a file of 160,000 errors that was ~40% of the CPU of
 * `validate` and ~20% of its memory. The parse is synchronous, so the engine's limit set to 0 for its
 * length affects nothing else; an error thrown out of it still carries its message.
 */
function withoutStackTraces<Args extends unknown[], Result>(parser: { parse(...args: Args): Result }): void {
    const parse = parser.parse.bind(parser);
    parser.parse = (...args: Args): Result => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return parse(...args);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}
