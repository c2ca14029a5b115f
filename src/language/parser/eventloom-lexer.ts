/**
 * The default lexer, with one guard: brackets nested deeper than any model needs are cut out of
 * the token stream (with an error on the first bracket too deep). The parser descends once per
 * level, so a few hundred nested `[` or `{` — a generated or corrupted file — would otherwise
 * overflow the stack and take the whole build (and the CLI) down.
 */
import type { ILexingError, IToken } from 'chevrotain';
import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/** Far deeper than a model gets (context > aggregate > command > value > list > object …). */
export const MAX_NESTING = 64;

const OPENING = new Set(['{', '[']);
const CLOSING = new Set(['}', ']']);

export class EventloomLexer extends DefaultLexer {

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        let depth = 0;
        let tooDeep: IToken | undefined;
        const kept: IToken[] = [];
        for (const token of result.tokens) {
            const name = token.tokenType.name;
            if (OPENING.has(name)) depth++;
            if (depth > MAX_NESTING) {
                tooDeep ??= token;
                if (CLOSING.has(name)) depth--;
                continue;
            }
            kept.push(token);
            if (CLOSING.has(name)) depth = Math.max(0, depth - 1);
        }
        if (!tooDeep) return result;
        const error: ILexingError = {
            offset: tooDeep.startOffset,
            line: tooDeep.startLine,
            column: tooDeep.startColumn,
            length: tooDeep.image.length,
            message: `Brackets nested more than ${MAX_NESTING} levels deep: no model needs that, so what is inside is ignored. Flatten the value.`
        };
        return { ...result, tokens: kept, errors: [...result.errors, error] };
    }
}
