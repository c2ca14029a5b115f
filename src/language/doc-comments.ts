/**
 * A declaration's doc comment (`/** … *\/` right before it) as plain text, read from the CST the
 * way Langium's `JSDocDocumentationProvider` does, without needing the language services. The
 * preview shows it, the generator copies it into JSDoc.
 */
import { CstUtils, isJSDoc, parseJSDoc, type AstNode } from 'langium';

/** The comment's text; undefined when there is none (or it is empty). */
export function docCommentOf(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !isJSDoc(comment)) return undefined;
    const text = parseJSDoc(comment).toString().trim();
    return text.length > 0 ? text : undefined;
}
