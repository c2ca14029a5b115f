/**
 * Langium's CST builder, with three costs taken out that only show on huge files (same tree, same
 * positions):
 * - It adds a run of hidden tokens (comments) with one `push(...nodes)` or `splice(i, 0, ...nodes)`
 *   call: every node becomes an argument on the stack, so a run of some hundred thousand comment
 *   lines ends in "Maximum call stack size exceeded". Here they are added in chunks.
 * - The parser asks it to add the hidden tokens before *every* token, most often none; with none, it
 *   still looked up the position of the node being built in its parent's children from the first
 *   child (`indexOf`). At the top level that is every declaration before it: quadratic in the number of
 *   declarations (a 2.6 MB file of 200,000 one-line enums took 14 s). Nothing to add now returns at once.
 * - That look-up, and the one that removes an empty node, search from the end (`lastIndexOf`): the node
 *   being built is its parent's last child, so the search ends at once. A node is in its parent's
 *   children once, so the index found is the same.
 */
import { CstNodeBuilder, type CompositeCstNode, type CstNode } from 'langium';
import type { IToken } from 'chevrotain';

/** Far below any engine's argument limit. */
const CHUNK = 10_000;

export class EventloomCstNodeBuilder extends CstNodeBuilder {
    override appendChildren(parent: CompositeCstNode, children: CstNode[]): void {
        if (children.length <= CHUNK) return super.appendChildren(parent, children);
        for (let start = 0; start < children.length; start += CHUNK) super.appendChildren(parent, children.slice(start, start + CHUNK));
    }

    override insertChildren(parent: CompositeCstNode, index: number, children: CstNode[]): void {
        if (children.length <= CHUNK) return super.insertChildren(parent, index, children);
        for (let start = 0; start < children.length; start += CHUNK) {
            super.insertChildren(parent, index + start, children.slice(start, start + CHUNK));
        }
    }

    /** Langium's placement: after the current node's content, else before the first ancestor that has an earlier sibling, else first in the file. */
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) return;
        const nodes = tokens.map(token => this.createLeafNode(token, true));
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) return this.appendChildren(current, nodes);
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) return this.insertChildren(current.container, index, nodes);
            current = current.container;
        }
        // No earlier sibling up to the root: the hidden tokens come first in the file.
        this.insertChildren((this as unknown as { rootNode: CompositeCstNode }).rootNode, 0, nodes);
    }

    override removeNode(node: CstNode): void {
        // Langium's own composite nodes keep their children in a plain array (the interface says readonly).
        const children = node.container?.content as CstNode[] | undefined;
        const index = children?.lastIndexOf(node) ?? -1;
        if (index >= 0) children!.splice(index, 1);
    }
}
