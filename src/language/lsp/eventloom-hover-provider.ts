/**
 * Hover: a one-line summary of the declaration under the cursor (what it emits, who emits and
 * consumes it, its type) above its doc comment. Works on declarations and on references, and on
 * an upcast's `from N` (what the step carries over, maps and drops).
 */
import { CstUtils, GrammarUtils, type AstNode, type DocumentBuilder, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { DocumentationProvider } from 'langium';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { isCommand, isEvent, isMemberAccess, isNameExpression, isUpcast } from '../generated/ast.js';
import { typeOf } from '../typing/type-of.js';
import { typeName } from '../typing/types.js';
import { EventloomDocumentBuilder } from '../workspace/eventloom-document-builder.js';
import { summarize } from './declaration-summary.js';
import type { HoverNotes } from './hover-notes.js';
import { ReferencingNodes } from './referencing-nodes.js';

export class EventloomHoverProvider extends AstNodeHoverProvider {
    private readonly documentation: DocumentationProvider;
    private readonly referencingNodes: ReferencingNodes;
    private readonly notes: HoverNotes;
    private readonly builder: DocumentBuilder;

    constructor(services: LangiumServices & { extensions: { HoverNotes: HoverNotes } }) {
        super(services);
        this.documentation = services.documentation.DocumentationProvider;
        this.referencingNodes = new ReferencingNodes(services);
        this.notes = services.extensions.HoverNotes;
        this.builder = services.shared.workspace.DocumentBuilder;
    }

    /**
     * On a name inside an expression, its type as read there comes first (`limit: optional
     * decimal`: a state field without a default may have no value yet), then the declaration's
     * summary.
     */
    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        // An upcast has no name: its `from N` stands for it.
        if (leaf && isUpcast(leaf.astNode) && leaf === GrammarUtils.findNodeForProperty(leaf.astNode.$cstNode, 'fromVersion')) {
            const content = await this.getAstNodeHoverContent(leaf.astNode);
            return content ? { contents: { kind: 'markdown', value: content } } : undefined;
        }
        const hover = await super.getHoverContent(document, params);
        const expression = leaf?.astNode;
        if (!hover || !(isNameExpression(expression) || isMemberAccess(expression))) return hover;
        const contents = hover.contents;
        if (typeof contents !== 'object' || !('value' in contents)) return hover;
        const line = codeSpan(`${expression.$cstNode?.text ?? ""}: ${typeName(typeOf(expression))}`);
        return { ...hover, contents: { ...contents, value: `${line}\n\n${contents.value}` } };
    }

    protected override async getAstNodeHoverContent(node: AstNode): Promise<string | undefined> {
        // Who emits or consumes a command or event is read from the reference index, which lacks
        // the documents an edit's second pass has yet to re-link (the user has not paused yet).
        if ((isCommand(node) || isEvent(node)) && this.builder instanceof EventloomDocumentBuilder) await this.builder.dependentsBuilt();
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
