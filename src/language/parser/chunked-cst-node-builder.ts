/**
 * Langium's CST builder adds a run of hidden tokens (comments) with one `push(...nodes)` or
 * `splice(i, 0, ...nodes)` call: every node becomes an argument on the stack, so a run of some
 * hundred thousand comment lines ends in "Maximum call stack size exceeded" instead of a parse.
 * This builder adds them in chunks; everything else is Langium's.
 */
import { CstNodeBuilder, type CompositeCstNode, type CstNode, type LangiumCoreServices, createLangiumParser, type LangiumParser } from 'langium';

/** Far below any engine's argument limit. */
const CHUNK = 10_000;

export class ChunkedCstNodeBuilder extends CstNodeBuilder {
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
}

/** Langium's parser with the chunked builder in place of its own (a private field, set once here). */
export function createEventloomParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    (parser as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new ChunkedCstNodeBuilder();
    return parser;
}
