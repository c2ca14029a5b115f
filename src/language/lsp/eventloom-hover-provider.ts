/**
 * Hover: a one-line summary of the declaration under the cursor (what it emits, who emits and
 * consumes it, its type) above its doc comment. Works on declarations and on references.
 */
import type { AstNode, MaybePromise } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { DocumentationProvider } from 'langium';
import { summarize } from './declaration-summary.js';
import { ReferencingNodes } from './referencing-nodes.js';

export class EventloomHoverProvider extends AstNodeHoverProvider {
    private readonly documentation: DocumentationProvider;
    private readonly referencingNodes: ReferencingNodes;

    constructor(services: LangiumServices) {
        super(services);
        this.documentation = services.documentation.DocumentationProvider;
        this.referencingNodes = new ReferencingNodes(services);
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const summary = summarize(node, () => this.referencingNodes.of(node));
        const documentation = this.documentation.getDocumentation(node);
        const parts = [summary && codeSpan(summary), documentation].filter((part): part is string => !!part);
        return parts.length ? parts.join('\n\n---\n\n') : undefined;
    }
}

/** In a code span names with `_` and types like `Money[]` show as written. */
function codeSpan(text: string): string {
    return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
