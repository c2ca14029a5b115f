/**
 * The nodes of a subtree in the order of Langium's `AstUtils.streamAst` (the node, then each
 * property not starting with `$` in key order, arrays item by item, depth first), without its
 * stream machinery: per keystroke the validator walks tens of thousands of nodes, and the
 * generic stream's iterator objects were the top self-time entry of the keystroke's profile.
 * test/language/ast-walk.test.ts compares the order with `streamAst` on real models.
 */
import type { AstNode } from 'langium';

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/** Appends `root` and every node it contains to `into`, in `streamAst` order. */
export function collectNodes(root: AstNode, into: AstNode[] = []): AstNode[] {
    into.push(root);
    forEachChild(root, child => collectNodes(child, into));
    return into;
}

/** The nodes directly contained in `node`, in `streamContents` order. */
export function childNodes(node: AstNode): AstNode[] {
    const children: AstNode[] = [];
    forEachChild(node, child => children.push(child));
    return children;
}

function forEachChild(node: AstNode, visit: (child: AstNode) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const key of Object.keys(record)) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[key];
        if (isNode(value)) {
            visit(value);
        } else if (Array.isArray(value)) {
            for (const item of value) if (isNode(item)) visit(item);
        }
    }
}

/**
 * Whether the node is still where its container holds it: a splice (parser/declaration-reparse.ts)
 * replaces the declarations it re-parses in their root's list, and the old nodes keep pointing at it.
 */
export function heldByContainer(node: AstNode): boolean {
    const container = node.$container as (AstNode & Record<string, unknown>) | undefined;
    if (!container) return false;
    const slot = container[node.$containerProperty ?? ''];
    return node.$containerIndex === undefined ? slot === node : (slot as unknown[] | undefined)?.[node.$containerIndex] === node;
}
