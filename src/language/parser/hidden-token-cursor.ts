/**
 * Langium's parser hands the hidden tokens (comments) before each token to the CST builder by cutting
 * them off the front of the list of all hidden tokens (`splice(0, n)`), which moves every hidden token
 * after them: quadratic in the number of comments (a 3.6 MB file of 200,000 commented one-line
 * declarations took 34 s to parse). Here a cursor walks the list instead, and what it walked past is
 * cut off once, before the parser adds what is left (the comments after the last token) at the end.
 * The same tokens go to the same places.
 */
import type { IToken } from 'chevrotain';
import type { LangiumParser } from 'langium';

/** The private parts of Langium's parser used here (Langium 4.x). */
interface HiddenTokenInternals {
    lexerResult?: { hidden: IToken[] };
    extractHiddenTokens(token: IToken): IToken[];
    doParse(rule: unknown): unknown;
}

export function useHiddenTokenCursor(parser: LangiumParser): void {
    const internals = parser as unknown as HiddenTokenInternals;
    let hidden: IToken[] | undefined;
    let next = 0;
    internals.extractHiddenTokens = (token: IToken): IToken[] => {
        const all = internals.lexerResult?.hidden ?? [];
        if (all !== hidden) {
            hidden = all;
            next = 0;
        }
        const start = next;
        while (next < all.length && all[next].startOffset <= token.startOffset) next++;
        return all.slice(start, next);
    };
    const doParse = internals.doParse.bind(parser);
    internals.doParse = (rule: unknown): unknown => {
        try {
            return doParse(rule);
        } finally {
            if (hidden && hidden === internals.lexerResult?.hidden) hidden.splice(0, next);
            hidden = undefined;
            next = 0;
        }
    };
}
