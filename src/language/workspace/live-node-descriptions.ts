/**
 * Descriptions of exported declarations that read their path and ranges from the node when asked;
 * Langium computes both once, when the document is indexed. After a splice every declaration but
 * the re-parsed ones is the same node as before, maybe at another index or offset: its description
 * can be kept from one indexing to the next (eventloom-scope-computation.ts keeps them per
 * declaration), and so can a kept link's (kept-links.ts), and still say where the node is now.
 */
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type LangiumDocument } from 'langium';

export class LiveAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const documentUri = (document ?? AstUtils.getDocument(node)).uri;
        const described = name ?? this.nameProvider.getName(node);
        const locator = this.astNodeLocator;
        if (!described) throw new Error(`Node at path ${locator.getAstNodePath(node)} has no name.`);
        const nameProvider = this.nameProvider;
        return {
            node,
            name: described,
            type: node.$type,
            documentUri,
            get path() {
                return locator.getAstNodePath(node);
            },
            get selectionSegment() {
                return CstUtils.toDocumentSegment(node.$cstNode);
            },
            get nameSegment() {
                return CstUtils.toDocumentSegment(nameProvider.getNameNode(node) ?? node.$cstNode);
            }
        };
    }
}
