/**
 * Langium's token builder, with the comment and string terminals matched in linear time
 * (linear-terminals.ts). A terminal is replaced only while the grammar states it as the matcher
 * expects; a changed expression keeps its regular expression (and a test says so).
 */
import type { TokenType } from 'chevrotain';
import { DefaultTokenBuilder, GrammarUtils, type GrammarAST } from 'langium';
import { blockCommentMatcher, ML_COMMENT_SOURCE, STRING_SOURCE, stringMatcher } from './linear-terminals.js';

export class EventloomTokenBuilder extends DefaultTokenBuilder {

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        const source = GrammarUtils.terminalRegex(terminal).source;
        if (terminal.name === 'ML_COMMENT' && source === ML_COMMENT_SOURCE) {
            return { ...token, PATTERN: blockCommentMatcher(), START_CHARS_HINT: ['/'], LINE_BREAKS: true };
        }
        if (terminal.name === 'STRING' && source === STRING_SOURCE) {
            return { ...token, PATTERN: stringMatcher(), START_CHARS_HINT: ['"'], LINE_BREAKS: true };
        }
        return token;
    }
}
