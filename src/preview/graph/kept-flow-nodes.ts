/**
 * The flow's node of each declaration — its kind, names, where it is, its doc comment and fields,
 * most of what building the flow graph costs — kept while the declaration's document is unchanged:
 * a request after an edit builds the nodes of the edited files only. A node is read from its own
 * declaration alone, so a kept node is the one building it again would give; the edges, which
 * follow references into other files, are found anew for every graph.
 */
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { FlowNode } from '../../protocol/flow-graph.js';
import { sameStamp, type DocumentStamp, type DocumentStamper } from '../document-stamps.js';
import type { FlowNodeSource } from './build-flow-graph.js';

export class KeptFlowNodes {
    private readonly byDocument = new Map<string, { stamp: DocumentStamp; nodes: Map<AstNode, FlowNode> }>();

    constructor(private readonly stampOf: DocumentStamper) {}

    /**
     * The nodes for one graph of these documents: those of a changed document, or of one that is
     * gone, are forgotten first. A declaration outside these documents gets a node built for it alone.
     */
    source(documents: readonly LangiumDocument[]): FlowNodeSource {
        const byRoot = new Map<AstNode, Map<AstNode, FlowNode>>();
        const present = new Set<string>();
        for (const document of documents) {
            const uri = document.uri.toString();
            present.add(uri);
            const stamp = this.stampOf(document);
            let kept = this.byDocument.get(uri);
            if (!kept || !sameStamp(kept.stamp, stamp)) this.byDocument.set(uri, kept = { stamp, nodes: new Map() });
            byRoot.set(document.parseResult.value, kept.nodes);
        }
        for (const uri of [...this.byDocument.keys()]) {
            if (!present.has(uri)) this.byDocument.delete(uri);
        }
        return (declaration, build) => {
            const nodes = byRoot.get(AstUtils.findRootNode(declaration));
            if (!nodes) return build();
            let node = nodes.get(declaration);
            if (!node) nodes.set(declaration, node = build());
            return node;
        };
    }
}
