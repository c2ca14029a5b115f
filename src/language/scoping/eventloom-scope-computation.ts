/**
 * Exports every declaration under its qualified name `Context.Name`, including the commands,
 * events and errors nested in aggregates (their names are unique per context, so they need no
 * aggregate prefix). No local symbols: every reference resolves through the context scope.
 */
import {
    DefaultScopeComputation, isOperationCancelled, MultiMap, type AstNodeDescription, type LangiumCoreServices, type LangiumDocument, type LocalSymbols
} from 'langium';
import { fileNameOf, internalErrorMessage, type InternalFailures } from '../safety-net/internal-error.js';
import { isAggregate, isScenario, type AggregateMember, type Element, type Model } from '../generated/ast.js';
import { contextNameOf } from '../model-queries.js';
import { qualifiedName } from './qualified-names.js';

/** The nodes a top-level declaration exports: itself and, for an aggregate, its named members. */
export function exportedNodes(element: Element): Array<Element | AggregateMember & { name: string }> {
    // Scenarios are named by a sentence; nothing refers to them.
    if (isScenario(element)) return [];
    const nodes: Array<Element | AggregateMember & { name: string }> = [element];
    if (isAggregate(element)) {
        for (const member of element.members) {
            if ('name' in member) nodes.push(member);
        }
    }
    return nodes;
}

export class EventloomScopeComputation extends DefaultScopeComputation {
    /**
     * The descriptions of each declaration's exports, kept while it is the same node of the same
     * document under the same context: after a splice only the re-parsed declarations are described
     * anew (the descriptions read path and ranges from the node, see live-node-descriptions.ts).
     */
    private readonly exportsOf = new WeakMap<Element, { contextName: string; document: LangiumDocument; descriptions: readonly AstNodeDescription[] }>();

    constructor(services: LangiumCoreServices, private readonly failures: InternalFailures) {
        super(services);
    }

    /**
     * A failure here would stop the whole build (every file's diagnostics): the document exports
     * what it could, and its next validation reports the bug.
     */
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        try {
            this.collectExports(document, exports);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            this.failures.record(document, internalErrorMessage('collecting the declarations', fileNameOf(document.uri), error));
        }
        return exports;
    }

    private collectExports(document: LangiumDocument, exports: AstNodeDescription[]): void {
        const model = document.parseResult.value as Model;
        const contextName = contextNameOf(model);
        for (const element of model.elements) {
            const kept = this.exportsOf.get(element);
            if (kept && kept.contextName === contextName && kept.document === document) {
                for (const description of kept.descriptions) exports.push(description);
                continue;
            }
            const descriptions: AstNodeDescription[] = [];
            for (const node of exportedNodes(element)) {
                if (node.name) descriptions.push(this.descriptions.createDescription(node, qualifiedName(contextName, node.name), document));
            }
            this.exportsOf.set(element, { contextName, document, descriptions });
            for (const description of descriptions) exports.push(description);
        }
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}
