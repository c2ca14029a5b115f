/**
 * The nodes that refer to a declaration anywhere in the workspace (the command that emits an event,
 * the read models that handle it, …), found through Langium's reference index rather than by
 * walking every document.
 */
import type { AstNode, AstNodeLocator, LangiumDocuments } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { declarationUse, type DeclarationUse } from './clause-owner.js';

/** A declaration that refers to the target, and what it does with it (see DeclarationUse). */
export type ReferencingNode = DeclarationUse;

export class ReferencingNodes {
    private readonly references: LangiumServices['references']['References'];
    private readonly documents: LangiumDocuments;
    private readonly locator: AstNodeLocator;

    constructor(services: LangiumServices) {
        this.references = services.references.References;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.locator = services.workspace.AstNodeLocator;
    }

    /** Every node that refers to `target`, without the declaration itself. */
    of(target: AstNode): ReferencingNode[] {
        const found: ReferencingNode[] = [];
        for (const reference of this.references.findReferences(target, { includeDeclaration: false })) {
            const document = this.documents.getDocument(reference.sourceUri);
            if (!document) continue;
            const node = this.locator.getAstNode(document.parseResult.value, reference.sourcePath);
            if (!node) continue;
            found.push(declarationUse(node, propertyOf(node, reference.segment.offset)));
        }
        return found;
    }
}

/** Which reference property of `node` covers the offset (a node may hold several lists). */
function propertyOf(node: AstNode, offset: number): string {
    for (const [property, value] of Object.entries(node)) {
        if (property.startsWith('$')) continue;
        const references = Array.isArray(value) ? value : [value];
        for (const reference of references) {
            const cst = (reference as { $refNode?: { offset: number; end: number } } | undefined)?.$refNode;
            if (cst && cst.offset <= offset && offset < cst.end) return property;
        }
    }
    return '';
}
