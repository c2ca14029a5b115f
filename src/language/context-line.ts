/**
 * The context a model text declares, read from its leading `context Name` line (past comments)
 * without parsing: for code that must not wait for, or cannot load, the parser. Depends on nothing.
 * A scan, not one regular expression: `(?:\s|comment)*` backtracks once per character and
 * overflowed the stack (killing the language server) on a long run of blank lines or comments.
 */
const CONTEXT_DECLARATION = /^context\s+([_a-zA-Z]\w*)/;

export function contextNameInText(text: string): string | undefined {
    let at = 0;
    while (at < text.length) {
        const char = text[at];
        if (/\s/.test(char)) at++;
        else if (text.startsWith('//', at)) {
            const end = text.indexOf('\n', at);
            at = end < 0 ? text.length : end + 1;
        } else if (text.startsWith('/*', at)) {
            const end = text.indexOf('*/', at + 2);
            if (end < 0) return undefined;
            at = end + 2;
        } else break;
    }
    return CONTEXT_DECLARATION.exec(text.slice(at))?.[1];
}
