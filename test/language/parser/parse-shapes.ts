/**
 * A parse result as comparable plain data, for the differential parser tests: the AST (types,
 * properties, references' text, CST positions, doc comments), the CST (every node's position, text,
 * grammar element and AST type) and the errors.
 */
import { isReference, type AstNode, type CommentProvider, type CstNode, type ParseResult } from 'langium';
import type { Model } from '../../../src/language/generated/ast.js';

export function parseShapes(comments: CommentProvider) {
    /** Both trees as comparable plain data: types, properties, references' text, CST positions, comments. */
    function astShape(node: AstNode): unknown {
        const shape: Record<string, unknown> = { $type: node.$type, $cst: cstPosition(node.$cstNode), $comment: comments.getComment(node) };
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            shape[key] = valueShape(value);
        }
        return shape;
    }

    function valueShape(value: unknown): unknown {
        if (Array.isArray(value)) return value.map(valueShape);
        if (isReference(value)) return { ref: value.$refText, at: cstPosition(value.$refNode) };
        if (value && typeof value === 'object' && '$type' in value) return astShape(value as AstNode);
        return value;
    }

    function cstPosition(node: CstNode | undefined): string | undefined {
        if (!node) return undefined;
        const { start, end } = node.range;
        return `${node.offset}+${node.length} ${start.line}:${start.character}-${end.line}:${end.character}`;
    }

    function cstShape(node: CstNode): unknown {
        const content = (node as CstNode & { content?: CstNode[] }).content;
        const base = { at: cstPosition(node), hidden: node.hidden, text: node.text, grammar: node.grammarSource?.$type, ast: safeAstType(node) };
        return content ? { ...base, content: content.map(cstShape) } : { ...base, token: (node as CstNode & { tokenType: { name: string } }).tokenType.name };
    }

    function safeAstType(node: CstNode): string | undefined {
        try {
            return node.astNode.$type;
        } catch {
            return undefined;
        }
    }

    function errorsShape(result: ParseResult<Model>): unknown {
        return {
            lexer: result.lexerErrors.map(error => `${error.offset}:${error.line}:${error.column} ${error.message}`),
            parser: result.parserErrors.map(error => `${error.token.startOffset} ${error.message}`)
        };
    }

    return { astShape, cstShape, errorsShape };
}
