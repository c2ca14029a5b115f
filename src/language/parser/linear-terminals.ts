/**
 * Two terminals whose regular expressions take quadratic time on hostile text, matched by hand.
 * After a failed match the lexer drops one character and tries again, so:
 * - ML_COMMENT's `/\*[\s\S]*?\*\/` scans to the end of the file from every `/*` that is never
 *   closed: a file of a million `/*` lines (fuzz seed 20261208, case 986) ran for hours;
 * - STRING's `"(\\.|[^"\\\r\n])*"` scans to the end of the line from every `"` of a line of
 *   escaped quotes (`"\"\"\"…`) that is never closed.
 * Each matcher accepts exactly what its expression accepts (test/language/parser/linear-terminals.test.ts
 * compares them on random texts), but remembers where a failed scan stopped, so that no later try
 * in the same text scans that stretch again. Custom patterns make chevrotain's lexer about twice as
 * slow on every text (it gives up its preallocated token array), so they lex only texts that need
 * them (`mayLexQuadratically`).
 */
import type { CustomPatternMatcherFunc, CustomPatternMatcherReturn, TokenType } from 'chevrotain';

/** The expressions these matchers stand for, as the grammar states them. */
export const ML_COMMENT_SOURCE = String.raw`\/\*[\s\S]*?\*\/`;
export const STRING_SOURCE = String.raw`"(\\.|[^"\\\r\n])*"`;

function matched(image: string): CustomPatternMatcherReturn {
    return [image] as unknown as CustomPatternMatcherReturn;
}

/** `/* … *\/`, the shortest: a `/*` with no `*\/` after it fails at once once one has failed. */
export function blockCommentMatcher(): CustomPatternMatcherFunc {
    let text: string | undefined;
    /** No `*\/` starts at or after this offset of `text`. */
    let noCloseFrom = Infinity;
    return (input, offset) => {
        if (input.charCodeAt(offset) !== 0x2f || input.charCodeAt(offset + 1) !== 0x2a) return null;
        if (input !== text) {
            text = input;
            noCloseFrom = Infinity;
        }
        if (offset + 2 >= noCloseFrom) return null;
        const close = input.indexOf('*/', offset + 2);
        if (close < 0) {
            noCloseFrom = offset + 2;
            return null;
        }
        return matched(input.substring(offset, close + 2));
    };
}

const isLineBreak = (code: number) => code === 0x0a || code === 0x0d;
/** What `.` does not match (no `s` flag). */
const isLineTerminator = (code: number) => isLineBreak(code) || code === 0x2028 || code === 0x2029;

/**
 * `"…"` on one line, `\` escaping any character but a line end. A failed scan from a `"` stops at
 * a line break, a `\` before one, or the end; every `"` it passed was an escaped one, after which
 * a scan starts in step with it and stops at the same place: such a start fails at once.
 */
export function stringMatcher(): CustomPatternMatcherFunc {
    let text: string | undefined;
    let failedFrom = -1;
    let failedAt = -1;
    return (input, offset) => {
        if (input.charCodeAt(offset) !== 0x22) return null;
        if (input !== text) {
            text = input;
            failedFrom = failedAt = -1;
        }
        if (offset > failedFrom && offset < failedAt) return null;
        let i = offset + 1;
        for (;;) {
            if (i >= input.length) break;
            const code = input.charCodeAt(i);
            if (code === 0x22) return matched(input.substring(offset, i + 1));
            if (code === 0x5c) {
                if (i + 1 >= input.length || isLineTerminator(input.charCodeAt(i + 1))) break;
                i += 2;
            } else if (isLineBreak(code)) {
                break;
            } else {
                i++;
            }
        }
        failedFrom = offset;
        failedAt = i;
        return null;
    };
}

/**
 * Whether the regular expressions could take more than linear time on this text. A comment: only
 * a `/*` with no `*\/` after it fails (when the last `/*` has one, every `/*` has), and a failed
 * try is what scans ahead for nothing. A string: without a `\"`, a failed try from a `"` means no
 * `"` follows on its line, so no later try on that line scans again. Both are rare in a model.
 */
export function mayLexQuadratically(text: string): boolean {
    const lastOpen = text.lastIndexOf('/*');
    if (lastOpen >= 0 && text.lastIndexOf('*/') < lastOpen + 2) return true;
    return text.includes('\\"');
}

/**
 * The lexer's token types with the comment and string matched by hand: copies of those two (same
 * index, so the parser takes their tokens as it takes the others), the rest as they are. A
 * terminal is replaced only while the grammar states it as its matcher expects.
 */
export function linearTokenTypes(types: readonly TokenType[]): TokenType[] {
    return types.map(type => {
        const source = type.PATTERN instanceof RegExp ? type.PATTERN.source : undefined;
        if (type.name === 'ML_COMMENT' && source === ML_COMMENT_SOURCE) return { ...type, PATTERN: blockCommentMatcher(), START_CHARS_HINT: ['/'], LINE_BREAKS: true };
        if (type.name === 'STRING' && source === STRING_SOURCE) return { ...type, PATTERN: stringMatcher(), START_CHARS_HINT: ['"'], LINE_BREAKS: true };
        return type;
    });
}
