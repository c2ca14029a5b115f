/** The flow preview's cost: model -> graph, graph -> ELK layout; for one context and for everything. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model } from '../../../src/language/generated/ast.js';
import { now } from './stats.js';

export interface PreviewResult {
    contextGraphMs: number;
    contextLayoutMs: number;
    contextNodes: number;
    workspaceGraphMs: number;
    /** Undefined when skipped (`--skip-preview-all`). */
    workspaceLayoutMs: number | undefined;
    workspaceNodes: number;
}

interface Graph { nodes: unknown[] }

export async function measurePreview(repoRoot: string, models: Model[], contextName: string, layoutWorkspace: boolean): Promise<PreviewResult | undefined> {
    const graphSource = join(repoRoot, 'src/preview/graph/build-flow-graph.ts');
    const layoutSource = join(repoRoot, 'src/preview/layout/layout-flow-graph.ts');
    if (!existsSync(graphSource) || !existsSync(layoutSource)) return undefined;
    const { buildFlowGraph } = await import(pathToFileURL(graphSource).href) as { buildFlowGraph(models: Model[], filter?: { context?: string }): Graph };
    const { layoutFlowGraph } = await import(pathToFileURL(layoutSource).href) as { layoutFlowGraph(graph: Graph): Promise<unknown> };

    const measure = async (filter: { context?: string }, layout: boolean) => {
        const graphStart = now();
        const graph = buildFlowGraph(models, filter);
        const graphMs = now() - graphStart;
        const layoutStart = now();
        if (layout) await layoutFlowGraph(graph);
        return { graphMs, layoutMs: layout ? now() - layoutStart : undefined, nodes: graph.nodes.length };
    };
    const context = await measure({ context: contextName }, true);
    const workspace = await measure({}, layoutWorkspace);
    return {
        contextGraphMs: context.graphMs, contextLayoutMs: context.layoutMs!, contextNodes: context.nodes,
        workspaceGraphMs: workspace.graphMs, workspaceLayoutMs: workspace.layoutMs, workspaceNodes: workspace.nodes
    };
}
