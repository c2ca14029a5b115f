/**
 * `eventloom export <files or folders> --format svg|mermaid --out <file> [--context C] [--aggregate A]`:
 * validates the model, then writes the event-flow diagram. Writes nothing when the model has
 * errors (exit 1); unusable arguments exit 2.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildFlowGraph } from '../preview/graph/build-flow-graph.js';
import type { FlowGraph, FlowGraphFilter } from '../protocol/flow-graph.js';
import { exportMermaid } from '../preview/export/export-mermaid.js';
import { exportSvg } from '../preview/export/export-svg.js';
import { layoutFlowGraph } from '../preview/layout/layout-flow-graph.js';
import { checkModel } from './check-model.js';
import type { CliOutput } from './cli-output.js';
import { displayPath, formatProblem, summarize } from './report.js';
import { UsageError } from './usage-error.js';

export type ExportFormat = 'svg' | 'mermaid';

export interface ExportOptions {
    format?: string;
    out?: string;
    context?: string;
    aggregate?: string;
}

export async function exportCommand(inputs: readonly string[], options: ExportOptions, output: CliOutput): Promise<number> {
    if (!options.out) throw new UsageError('Name the file to write with --out, for example `--out flow.svg`.');
    const format = formatOf(options);
    const target = path.resolve(output.cwd, options.out);

    const checked = await checkModel(inputs, output.cwd);
    const errors = checked.problems.filter(problem => problem.severity === 'error');
    if (errors.length > 0) {
        for (const problem of errors) output.err(formatProblem(problem, output.cwd));
        output.err(`${summarize(checked.problems, checked.files.length)} Fix the errors first; nothing was written.`);
        return 1;
    }

    const filter: FlowGraphFilter = {
        ...(options.context !== undefined ? { context: options.context } : {}),
        ...(options.aggregate !== undefined ? { aggregate: options.aggregate } : {})
    };
    const graph = buildFlowGraph(checked.documents.map(document => document.parseResult.value), filter);
    checkFilter(graph, filter);

    const text = format === 'svg' ? exportSvg(await layoutFlowGraph(graph)) : mermaidFile(exportMermaid(graph), target);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
    output.out(`Wrote ${displayPath(target, output.cwd)} (${format}, ${count(graph.nodes.length, 'node')}, ${count(graph.edges.length, 'edge')}).`);
    return 0;
}

function formatOf(options: ExportOptions): ExportFormat {
    const format = options.format ?? inferredFormat(options.out ?? '');
    if (format === 'svg' || format === 'mermaid') return format;
    if (options.format === undefined) throw new UsageError('Choose a format with --format svg or --format mermaid.');
    throw new UsageError(`Unknown format "${options.format}": use --format svg or --format mermaid.`);
}

function inferredFormat(out: string): ExportFormat | undefined {
    const extension = path.extname(out).toLowerCase();
    if (extension === '.svg') return 'svg';
    if (extension === '.mmd' || extension === '.mermaid' || extension === '.md') return 'mermaid';
    return undefined;
}

/** In a Markdown file the flowchart goes into a ```mermaid fence, ready to paste into a README. */
function mermaidFile(text: string, target: string): string {
    return path.extname(target).toLowerCase() === '.md' ? `\`\`\`mermaid\n${text}\`\`\`\n` : text;
}

function checkFilter(graph: FlowGraph, filter: FlowGraphFilter): void {
    if (filter.context !== undefined && !graph.contexts.includes(filter.context)) {
        throw new UsageError(`No context named "${filter.context}". The model has: ${graph.contexts.join(', ') || 'none'}.`);
    }
    if (filter.aggregate !== undefined && !graph.nodes.some(node => node.kind === 'aggregate')) {
        const inScope = filter.context === undefined ? graph.aggregates : graph.aggregates.filter(a => a.startsWith(`${filter.context}.`));
        throw new UsageError(`No aggregate "${filter.aggregate}"${filter.context !== undefined ? ` in ${filter.context}` : ''}. Choose one of: ${inScope.join(', ') || 'none'}.`);
    }
}

function count(n: number, word: string): string {
    return `${n} ${n === 1 ? word : `${word}s`}`;
}
