/**
 * Chevrotain's in-repetition recovery, made iterative and linear. When a list (`x*`, `x+`, `x (',' x)*`)
 * meets a token it cannot read, chevrotain skips tokens until it can re-enter the list, and re-enters it
 * with a *recursive* call of the list's method (`tryInRepetitionRecovery` → `manyInternal` → … →
 * `tryInRepetitionRecovery`). One error = five stack frames that stay until the list ends, so a file with
 * a few thousand errors in one list (a 5 MB model whose every copy has one misplaced line) ends in
 * "Maximum call stack size exceeded" instead of a parse. Before skipping, it also looks for the first
 * token that may follow the rules being parsed (`findReSyncTokenType`), scanning ahead from the error; at
 * the top level the only such token is the end of the file, so every error scanned the rest of the file:
 * quadratic time.
 *
 * This version does exactly what chevrotain's does (the same tokens skipped, the same errors, the same
 * tree), with two changes of *how*:
 * - The re-entry is a tail call (nothing runs after it in any of the frames in between), so a re-entry
 *   asked for from inside the re-entered list is handed back to the call that started it, which runs it
 *   in a loop. The stack no longer grows with the number of errors.
 * - "Stop at the first token that may follow the rules" is checked on each skipped token, instead of a
 *   scan for that token first: the same stopping point (no earlier token matches a follow-set type, so
 *   the first token that matches any of them is the one chevrotain's scan finds), without reading past it.
 */
import { MismatchedTokenException, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';

/** A list's method, as chevrotain passes it for the re-entry (`manyInternal`, `atLeastOneInternal`, …). */
type RepetitionMethod = (this: RecoveringParser, ...args: unknown[]) => void;

/** The parts of chevrotain's parser that its recovery uses (internal API, stable across chevrotain 10-13). */
interface RecoveringParser {
    tryInRepetitionRecovery(method: RepetitionMethod, args: unknown[], lookahead: () => boolean, expected: TokenType): void;
    flattenFollowSet(): TokenType[];
    exportLexerState(): number;
    importLexerState(state: number): void;
    LA(howMuch: number): IToken;
    SKIP_TOKEN(): IToken;
    addToResyncTokens(token: IToken, resynced: IToken[]): IToken[];
    tokenMatcher(token: IToken, type: TokenType): boolean;
    getCurrRuleFullName(): string;
    SAVE_ERROR(error: IRecognitionException): IRecognitionException;
    errorMessageProvider: IParserErrorMessageProvider;
    currRuleShortName: number;
    RULE_STACK_IDX: number;
}

/** A re-entry being run: which list (method, occurrence, rule, depth), and the next re-entry it asked for. */
interface Reentry {
    method: RepetitionMethod;
    occurrence: unknown;
    rule: number;
    depth: number;
    next?: unknown[];
}

/** Replaces the recovery of one chevrotain parser instance (Langium's parser wrapper). */
export function useIterativeRepetitionRecovery(parser: object): void {
    const recovering = parser as RecoveringParser;
    // The re-entry whose frames are innermost: a recovery of the same list at the same rule depth while it
    // runs can only come from its tail (any other list of that rule runs inside an iteration and is
    // different; the same list in a nested call of the rule is deeper).
    let running: Reentry | undefined;
    recovering.tryInRepetitionRecovery = function (this: RecoveringParser, method, args, lookahead, expected) {
        const reentered = resynchronise(this, lookahead, expected);
        if (!reentered) return;
        if (running && running.method === method && running.occurrence === args[0]
            && running.rule === this.currRuleShortName && running.depth === this.RULE_STACK_IDX) {
            running.next = args;
            return;
        }
        const outer = running;
        const reentry: Reentry = { method, occurrence: args[0], rule: this.currRuleShortName, depth: this.RULE_STACK_IDX, next: args };
        running = reentry;
        try {
            while (reentry.next) {
                const next = reentry.next;
                reentry.next = undefined;
                method.apply(this, next);
            }
        } finally {
            running = outer;
        }
    };
}

/**
 * Chevrotain's skip loop: skips tokens until the one after the list (the error is reported, the list ends),
 * one that starts another element (the error is reported, true: re-enter the list), or one that may follow
 * the rules being parsed (nothing is reported, the skipped tokens are put back: the error will be handled
 * between rules).
 */
function resynchronise(parser: RecoveringParser, lookahead: () => boolean, expected: TokenType): boolean {
    const follows = parser.flattenFollowSet();
    const savedLexerState = parser.exportLexerState();
    const resyncedTokens: IToken[] = [];
    const nextTokenWithoutResync = parser.LA(1);
    let currToken = nextTokenWithoutResync;
    const reportError = () => {
        const previous = parser.LA(0);
        // Recovery comes before the error is thrown: the error that would have been thrown is reported.
        const message = parser.errorMessageProvider.buildMismatchTokenMessage({
            expected, actual: nextTokenWithoutResync, previous, ruleName: parser.getCurrRuleFullName()
        });
        const error = new MismatchedTokenException(message, nextTokenWithoutResync, previous);
        // The first token is the error's cause, not one of its resynced tokens.
        error.resyncedTokens = resyncedTokens.slice(0, -1);
        parser.SAVE_ERROR(error);
    };
    for (;;) {
        if (parser.tokenMatcher(currToken, expected)) {
            reportError();
            return false;
        }
        if (lookahead.call(parser)) {
            reportError();
            return true;
        }
        if (follows.some(type => parser.tokenMatcher(currToken, type))) break;
        currToken = parser.SKIP_TOKEN();
        parser.addToResyncTokens(currToken, resyncedTokens);
    }
    parser.importLexerState(savedLexerState);
    return false;
}
