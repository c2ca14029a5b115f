/**
 * The context a model text declares, read from its leading `context Name` line (past comments)
 * without parsing: for code that must not wait for, or cannot load, the parser. Depends on nothing.
 */
const CONTEXT_LINE = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*context\s+([_a-zA-Z]\w*)/;

export function contextNameInText(text: string): string | undefined {
    return CONTEXT_LINE.exec(text)?.[1];
}
