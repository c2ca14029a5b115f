/**
 * Model → event-flow graph, the pure core shared by the language server (live preview) and the
 * CLI (export): nodes for commands, aggregates, events, read models, policies and queries; edges
 * command → aggregate → event → read model / policy → command, and query → read model.
 */
import type { AstNode } from 'langium';
import {
    isAggregate, isCommand, isEvent, isPolicy, isQuery, isReadModel,
    type Aggregate, type Model, type Policy, type Query, type ReadModel
} from '../../language/generated/ast.js';
import { commandsOf, contextNameOf, eventsOf, handledEventReferences, issuedCommandReferences, stateFieldsOf, streamIdsOf } from '../../language/model-queries.js';
import { qualifiedName } from '../../language/scoping/qualified-names.js';
import { docCommentOf } from '../../language/doc-comments.js';
import { flowField, identityField, locationOf } from './declaration-details.js';
import { markConfusable } from './confusable-nodes.js';
import { filterFlowGraph } from './filter-flow-graph.js';
import type { FlowEdge, FlowEdgeKind, FlowGraph, FlowGraphFilter, FlowNode, FlowNodeKind } from '../../protocol/flow-graph.js';

/**
 * The node of a declaration, from `build` or kept from an earlier graph (kept-flow-nodes.ts): it
 * depends on the declaration alone, never on the graph it is part of.
 */
export type FlowNodeSource = (declaration: AstNode, build: () => FlowNode) => FlowNode;

export interface FlowGraphOptions {
    nodes?: FlowNodeSource;
}

export function buildFlowGraph(models: readonly Model[], filter: FlowGraphFilter = {}, options: FlowGraphOptions = {}): FlowGraph {
    const builder = new FlowGraphBuilder(options.nodes ?? ((_declaration, build) => build()));
    const sorted = sortedByDocument(models);
    for (const model of sorted) {
        // A context view needs only that context's declarations: the other contexts' events it
        // consumes join through its references. The filter menus still list the whole model.
        if (filter.context === undefined || model.context?.name === filter.context) builder.addModel(model);
        else builder.addNames(model);
    }
    return markConfusable(filterFlowGraph(builder.graph(), filter));
}

class FlowGraphBuilder {
    private readonly nodes = new Map<string, FlowNode>();
    private readonly edges = new Map<string, FlowEdge>();
    private readonly contexts = new Set<string>();
    private readonly aggregates = new Set<string>();
    /** Each declaration's node id, once it has one: a declaration is reached once per reference to it. */
    private readonly seen = new Map<AstNode, string>();

    constructor(private readonly nodeSource: FlowNodeSource) {}

    graph(): FlowGraph {
        return {
            nodes: [...this.nodes.values()],
            edges: [...this.edges.values()],
            contexts: [...this.contexts].sort(),
            aggregates: [...this.aggregates].sort(),
            filter: {}
        };
    }

    /** Only the context's and its aggregates' names, for the filter menus. */
    addNames(model: Model): void {
        const context = model.context?.name;
        if (!context) return;
        this.contexts.add(context);
        for (const element of model.elements) {
            if (isAggregate(element) && element.name) this.aggregates.add(qualifiedName(context, element.name));
        }
    }

    addModel(model: Model): void {
        const context = model.context?.name;
        if (context) this.contexts.add(context);
        for (const element of model.elements) {
            if (isAggregate(element)) this.addAggregate(element);
            else if (isReadModel(element)) this.addReadModel(element);
            else if (isQuery(element)) this.addQuery(element);
            else if (isPolicy(element)) this.addPolicy(element);
        }
    }

    private addAggregate(aggregate: Aggregate): void {
        const id = this.nodeFor(aggregate);
        if (id === undefined) return;
        this.aggregates.add(qualifiedName(contextNameOf(aggregate), aggregate.name));
        for (const command of commandsOf(aggregate)) this.addEdge('handles', this.nodeFor(command), id);
        for (const event of eventsOf(aggregate)) this.addEdge('emits', id, this.nodeFor(event));
    }

    private addReadModel(readModel: ReadModel): void {
        const id = this.nodeFor(readModel);
        for (const event of handledEventReferences(readModel)) this.addEdge('projects', this.nodeFor(event.ref), id);
    }

    private addQuery(query: Query): void {
        // `returns` is missing when the query did not parse to its end.
        this.addEdge('reads', this.nodeFor(query), this.nodeFor(query.returns?.ref));
    }

    private addPolicy(policy: Policy): void {
        const id = this.nodeFor(policy);
        for (const event of policy.triggers) this.addEdge('triggers', this.nodeFor(event.ref), id);
        for (const command of issuedCommandReferences(policy)) this.addEdge('issues', id, this.nodeFor(command.ref));
    }

    /**
     * The node of a declaration, created on first sight (also when only a reference reaches it);
     * none for a declaration whose name did not parse (the diagram shows what is there).
     */
    private nodeFor(declaration: (AstNode & { name: string }) | undefined): string | undefined {
        if (!declaration?.name) return undefined;
        const seen = this.seen.get(declaration);
        if (seen !== undefined) return seen;
        const node = this.nodeSource(declaration, () => flowNodeOf(declaration));
        this.seen.set(declaration, node.id);
        // Two declarations of one name (an error) share the first one's node.
        if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
        return node.id;
    }

    private addEdge(kind: FlowEdgeKind, source: string | undefined, target: string | undefined): void {
        if (source === undefined || target === undefined) return;
        const id = `${source}->${target}`;
        if (!this.edges.has(id)) this.edges.set(id, { id, kind, source, target });
    }
}

function flowNodeOf(declaration: AstNode & { name: string }): FlowNode {
    const kind = kindOf(declaration);
    const context = contextNameOf(declaration);
    const owner = isCommand(declaration) || isEvent(declaration) ? declaration.$container : undefined;
    const [id, name, location, doc, fields] = [flowNodeId(kind, context, declaration.name), declaration.name, locationOf(declaration), docCommentOf(declaration), fieldsOf(declaration)];
    // Two literals, not a spread of the optional `aggregate` between the others: V8 copies that
    // into the literal on a slow path (milliseconds for thousands of nodes).
    return owner?.name
        ? { id, kind, name, context, aggregate: qualifiedName(context, owner.name), location, doc, fields }
        : { id, kind, name, context, location, doc, fields };
}

export function flowNodeId(kind: FlowNodeKind, context: string, name: string): string {
    return `${kind === 'externalEvent' ? 'event' : kind}:${qualifiedName(context, name)}`;
}

function kindOf(declaration: AstNode): FlowNodeKind {
    if (isCommand(declaration)) return 'command';
    if (isAggregate(declaration)) return 'aggregate';
    if (isEvent(declaration)) return 'event';
    if (isReadModel(declaration)) return 'readModel';
    if (isPolicy(declaration)) return 'policy';
    if (isQuery(declaration)) return 'query';
    throw new Error(`A ${declaration.$type} is not part of the event flow`);
}

function fieldsOf(declaration: AstNode) {
    const named = <T extends { name?: string }>(fields: readonly T[]) => fields.filter(field => !!field.name);
    if (isCommand(declaration) || isEvent(declaration) || isQuery(declaration)) return named(declaration.fields).map(flowField);
    if (isAggregate(declaration)) return [...named(streamIdsOf(declaration)).map(identityField), ...named(stateFieldsOf(declaration)).map(flowField)];
    if (isReadModel(declaration)) return [...named(declaration.keys).map(identityField), ...named(declaration.fields).map(flowField)];
    return [];
}

/** Document order by URI, so that the same workspace always gives the same graph (and layout). */
function sortedByDocument(models: readonly Model[]): Model[] {
    const uriOf = (model: Model) => model.$document?.uri.toString() ?? '';
    return [...models].sort((a, b) => {
        const [ua, ub] = [uriOf(a), uriOf(b)];
        return ua < ub ? -1 : ua > ub ? 1 : 0;
    });
}
