/**
 * Hover: a one-line summary of the declaration under the cursor (what it emits, who emits and
 * consumes it, its type) above its doc comment. Works on declarations and on references.
 */
import type { AstNode, MaybePromise } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { DocumentationProvider } from 'langium';
import { summarize } from './declaration-summary.js';
import type { HoverNotes } from './hover-notes.js';
import { ReferencingNodes } from './referencing-nodes.js';

export class EventloomHoverProvider extends AstNodeHoverProvider {
    private readonly documentation: DocumentationProvider;
    private readonly referencingNodes: ReferencingNodes;
    private readonly notes: HoverNotes;

    constructor(services: LangiumServices & { extensions: { HoverNotes: HoverNotes } }) {
        super(services);
        this.documentation = services.documentation.DocumentationProvider;
        this.referencingNodes = new ReferencingNodes(services);
        this.notes = services.extensions.HoverNotes;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const summary = summarize(node, () => this.referencingNodes.of(node));
        const documentation = this.documentation.getDocumentation(node);
        const parts = [summary && codeSpan(summary), ...this.notes.for(node), documentation].filter((part): part is string => !!part);
        return parts.length ? parts.join('\n\n---\n\n') : undefined;
    }
}

/** In a code span names with `_` and types like `Money[]` show as written. */
function codeSpan(text: string): string {
    return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
