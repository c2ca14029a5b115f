/** Lexer errors in words: an unclosed string or comment says so; other characters say what a model is made of. */
import type { ILexerErrorMessageProvider, IToken } from 'chevrotain';

export class EventloomLexerErrorMessageProvider implements ILexerErrorMessageProvider {

    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + length);
        if (text.startsWith('"')) {
            return 'This string is not closed: end it with `"` on the same line.';
        }
        if (fullText.startsWith('/*', startOffset)) return 'This comment is not closed: end it with `*/`.';
        return `Unexpected character \`${text}\`: a model is made of names, numbers, strings in double quotes, comments and the signs { } [ ] , : ? = .`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `Unable to pop lexer mode after \`${token.image}\`.`;
    }
}
