/**
 * The model's doc comments (`/** … *\/` before a declaration), as the text of a JSDoc block for
 * the TypeScript generated from that declaration.
 */
import type { AstNode } from 'langium';
import { docCommentOf } from '../language/doc-comments.js';

/** The doc comment, safe inside a JSDoc block: `*\/` in it would end the block early. */
export function jsDocTextOf(node: AstNode): string | undefined {
    return docCommentOf(node)?.replace(/\*\//g, '*\\/');
}

/** JSDoc structures for ts-morph: the model's comment, or the fallback, plus extra lines. */
export function docs(node: AstNode | undefined, fallback?: string, ...extra: string[]): Array<{ description: string }> {
    const lines = [node ? jsDocTextOf(node) ?? fallback : fallback, ...extra].filter((line): line is string => !!line);
    return lines.length === 0 ? [] : [{ description: lines.join('\n\n') }];
}
