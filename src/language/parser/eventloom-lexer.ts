/**
 * The default lexer, with two guards:
 * - brackets nested deeper than any model needs are cut out of the token stream (with an error on
 *   the first bracket too deep). The parser descends once per level, so a few hundred nested `[`
 *   or `{` — a generated or corrupted file — would otherwise overflow the stack and take the whole
 *   build (and the CLI) down;
 * - a text on which the comment or string expressions could take quadratic time (an unclosed
 *   `/*`, an escaped quote) is lexed with those two matched by hand (linear-terminals.ts).
 */
import { Lexer as ChevrotainLexer, type ILexingError, type IToken, type TokenType } from 'chevrotain';
import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import { linearTokenTypes, mayLexQuadratically } from './linear-terminals.js';

/** Far deeper than a model gets (context > aggregate > command > value > list > object …). */
export const MAX_NESTING = 64;

const OPENING = new Set(['{', '[']);
const CLOSING = new Set(['}', ']']);

export class EventloomLexer extends DefaultLexer {
    /** Built the first time a text needs it; its tokens get back the default lexer's token types. */
    private linear: { lexer: ChevrotainLexer; original: Map<TokenType, TokenType> } | undefined;

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = mayLexQuadratically(text) ? this.tokenizeLinearly(text) : super.tokenize(text, options);
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

    private tokenizeLinearly(text: string): LexerResult {
        if (!this.linear) {
            const types = Object.values(this.tokenTypes);
            const linearTypes = linearTokenTypes(types);
            const original = new Map(linearTypes.map((type, i) => [type, types[i]] as const).filter(([copy, type]) => copy !== type));
            const lexer = new ChevrotainLexer(linearTypes, { positionTracking: 'full', skipValidations: true, errorMessageProvider: this.errorMessageProvider });
            this.linear = { lexer, original };
        }
        const { lexer, original } = this.linear;
        const result = lexer.tokenize(text);
        const hidden = result.groups.hidden ?? [];
        for (const token of [...result.tokens, ...hidden]) token.tokenType = original.get(token.tokenType) ?? token.tokenType;
        return { tokens: result.tokens, errors: result.errors, hidden, report: this.tokenBuilder.flushLexingReport?.(text) };
    }
}
