/**
 * The model's doc comments (`/** … *\/` before a declaration), as the text of a JSDoc block for
 * the TypeScript generated from that declaration. Read from the CST the way Langium's
 * `JSDocDocumentationProvider` does, without needing the language services.
 */
import { CstUtils, isJSDoc, parseJSDoc, type AstNode } from 'langium';

export function docCommentOf(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !isJSDoc(comment)) return undefined;
    const text = parseJSDoc(comment).toString().trim();
    // `*/` inside a comment would end the generated JSDoc block early.
    return text.length > 0 ? text.replace(/\*\//g, '*\\/') : undefined;
}

/** JSDoc structures for ts-morph: the model's comment, or the fallback, plus extra lines. */
export function docs(node: AstNode | undefined, fallback?: string, ...extra: string[]): Array<{ description: string }> {
    const lines = [node ? docCommentOf(node) ?? fallback : fallback, ...extra].filter((line): line is string => !!line);
    return lines.length === 0 ? [] : [{ description: lines.join('\n\n') }];
}
