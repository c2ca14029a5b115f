/**
 * Watches one parse for the first moment the parser looks at a token past the end of its input
 * (Chevrotain's `LA` / `LA_FAST` at an index beyond the last token): where the parser's decisions
 * start to depend on what follows the text it was given. The incremental re-parse
 * (declaration-reparse.ts) parses a window of the file on its own and needs to know that, up to
 * the window's end, a full parse would have done exactly the same.
 *
 * The parser's two lookahead methods are replaced once per parser instance by wrappers that do
 * nothing unless a tracked parse is running (one property check per lookahead otherwise).
 */
import type { IToken } from 'chevrotain';
import type { LangiumParser, ParseResult } from 'langium';
import type { Model } from '../generated/ast.js';

/** The parts of Chevrotain's parser state read here (not public API). */
interface ChevrotainState {
    currIdx: number;
    tokVectorLength: number;
    RULE_STACK_IDX: number;
    LA(howMuch: number): unknown;
    LA_FAST(howMuch: number): unknown;
}

/** The parser's state when it first looked past its input. */
export interface FirstLookBeyond {
    /** Rules being parsed at that moment (1: only the entry rule). */
    depth: number;
    /** Whether every token had been consumed. */
    allConsumed: boolean;
}

const trackers = new WeakMap<LangiumParser, LookaheadTracker>();

export class LookaheadTracker {
    private tracking = false;
    private beyond: FirstLookBeyond | undefined;

    static of(parser: LangiumParser): LookaheadTracker {
        let tracker = trackers.get(parser);
        if (!tracker) {
            tracker = new LookaheadTracker(parser);
            trackers.set(parser, tracker);
        }
        return tracker;
    }

    private constructor(private readonly parser: LangiumParser) {
        const wrapper = (parser as unknown as { wrapper: ChevrotainState }).wrapper;
        const { LA, LA_FAST } = wrapper;
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        const tracker = this;
        wrapper.LA = function (this: ChevrotainState, howMuch: number) {
            if (tracker.tracking) tracker.look(this, howMuch);
            return LA.call(this, howMuch);
        };
        wrapper.LA_FAST = function (this: ChevrotainState, howMuch: number) {
            if (tracker.tracking) tracker.look(this, howMuch);
            return LA_FAST.call(this, howMuch);
        };
    }

    /**
     * Parses `text` with the entry rule, noting the first look past its last token (undefined: none);
     * also gives the tokens the parser read (comments are not among them).
     */
    parse(text: string): { result: ParseResult<Model>; beyond: FirstLookBeyond | undefined; tokens: readonly IToken[] } {
        this.tracking = true;
        this.beyond = undefined;
        try {
            const result = this.parser.parse<Model>(text);
            // The parser keeps its (non-hidden) input tokens until the next parse.
            const tokens = (this.parser as unknown as { wrapper: { input: IToken[] } }).wrapper.input;
            return { result, beyond: this.beyond, tokens };
        } finally {
            this.tracking = false;
        }
    }

    private look(state: ChevrotainState, howMuch: number): void {
        if (this.beyond || state.currIdx + howMuch < state.tokVectorLength) return;
        this.beyond = { depth: state.RULE_STACK_IDX + 1, allConsumed: state.currIdx === state.tokVectorLength - 1 };
    }
}
