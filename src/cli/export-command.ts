/**
 * `eventloom export <files or folders> --format svg|mermaid|eventmodeling|board-svg --out <file>
 * [--context C] [--aggregate A]`: validates the model, then writes the event-flow diagram (SVG or
 * a Mermaid flowchart) or the Event Modeling board (Mermaid `eventmodeling`, or SVG). Writes
 * nothing when the model has errors (exit 1); unusable arguments exit 2. A Mermaid text past
 * Mermaid's default limits is written with a warning saying how to narrow it.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildBoard } from '../preview/board/build-board.js';
import { layoutBoard } from '../preview/board/layout-board.js';
import { exportBoardSvg } from '../preview/export/export-board-svg.js';
import { exportEventModeling } from '../preview/export/export-event-modeling.js';
import { buildFlowGraph } from '../preview/graph/build-flow-graph.js';
import type { FlowGraph, FlowGraphFilter } from '../protocol/flow-graph.js';
import { exportMermaid, mermaidLimitWarning } from '../preview/export/export-mermaid.js';
import { exportSvg } from '../preview/export/export-svg.js';
import { layoutFlowGraph } from '../preview/layout/layout-flow-graph.js';
import { checkModel } from './check-model.js';
import type { CliOutput } from './cli-output.js';
import { displayPath, formatProblem, summarize } from './report.js';
import { UsageError } from './usage-error.js';
import { countOf } from '../language/wording.js';

export type ExportFormat = 'svg' | 'mermaid' | 'eventmodeling' | 'board-svg';
const FORMATS: readonly ExportFormat[] = ['svg', 'mermaid', 'eventmodeling', 'board-svg'];

export interface ExportOptions {
    format?: string;
    out?: string;
    context?: string;
    aggregate?: string;
}

export async function exportCommand(inputs: readonly string[], options: ExportOptions, output: CliOutput): Promise<number> {
    if (!options.out?.trim()) throw new UsageError('Name the file to write with --out, for example `--out flow.svg`.');
    const format = formatOf(options);
    const target = path.resolve(output.cwd, options.out);
    await assertWritableTarget(target, options.out);

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
    const models = checked.documents.map(document => document.parseResult.value);
    const graph = buildFlowGraph(models, filter);
    checkFilter(graph, filter);

    const { text, summary, warning } = await exported(format, models, graph, filter, target);
    await writeTarget(target, options.out, text);
    output.out(`Wrote ${displayPath(target, output.cwd)} (${format}, ${summary}).`);
    if (warning) output.err(`warning: ${warning}`);
    return 0;
}

/**
 * Refuses, before any work, a target that is a folder or lies under a file: both would only fail
 * at the end (EISDIR, ENOTDIR/EEXIST) after the model was checked and laid out.
 */
async function assertWritableTarget(target: string, shown: string): Promise<void> {
    const info = await stat(target).catch(() => undefined);
    if (info?.isDirectory()) throw new UsageError(`--out ${shown} is a folder: name the file to write, for example \`--out ${path.join(shown, 'flow.svg')}\`.`);
    if (info && !info.isFile()) throw new UsageError(`--out ${shown} is not a regular file: name a file to write.`);
    for (let folder = path.dirname(target); ; folder = path.dirname(folder)) {
        const above = await stat(folder).catch(() => undefined);
        if (above) {
            if (!above.isDirectory()) throw new UsageError(`--out ${shown} cannot be written: ${folder} is a file, not a folder. Choose another path.`);
            return;
        }
        if (path.dirname(folder) === folder) return;
    }
}

/** Writes the diagram; what the file system refuses (permissions, a full disk) is reported as such. */
async function writeTarget(target: string, shown: string, text: string): Promise<void> {
    try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, text, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied'
            : code === 'EISDIR' ? 'it is a folder'
            : code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of the path is a file, not a folder'
            : code === 'ENOSPC' ? 'the disk is full'
            : (error as Error).message;
        throw new UsageError(`Cannot write --out ${shown}: ${reason}. Choose another path.`);
    }
}

interface Exported {
    text: string;
    summary: string;
    warning?: string;
}

async function exported(format: ExportFormat, models: Parameters<typeof buildBoard>[0], graph: FlowGraph, filter: FlowGraphFilter, target: string): Promise<Exported> {
    const flowSummary = `${countOf(graph.nodes.length, 'node')}, ${countOf(graph.edges.length, 'edge')}`;
    if (format === 'svg') return { text: exportSvg(await layoutFlowGraph(graph)), summary: flowSummary };
    if (format === 'mermaid') {
        const text = exportMermaid(graph);
        const warning = mermaidLimitWarning(text, { edges: graph.edges.length });
        return { text: mermaidFile(text, target), summary: flowSummary, ...(warning ? { warning } : {}) };
    }
    const board = buildBoard(models, filter);
    const slices = board.contexts.reduce((n, context) => n + context.slices.length, 0);
    if (format === 'board-svg') return { text: exportBoardSvg(layoutBoard(board), `Event model: ${scopeOf(graph)}`), summary: countOf(slices, 'slice') };
    const { text, frames } = exportEventModeling(board, `Event model: ${scopeOf(graph)}`);
    const warning = mermaidLimitWarning(text, { frames });
    return { text: mermaidFile(text, target), summary: `${countOf(slices, 'slice')}, ${countOf(frames, 'time frame')}`, ...(warning ? { warning } : {}) };
}

function scopeOf(graph: FlowGraph): string {
    return graph.filter.aggregate ?? graph.filter.context ?? (graph.contexts.join(', ') || 'model');
}

function formatOf(options: ExportOptions): ExportFormat {
    const format = options.format ?? inferredFormat(options.out ?? '');
    if ((FORMATS as readonly string[]).includes(format ?? '')) return format as ExportFormat;
    if (options.format === undefined) throw new UsageError('Choose a format with --format svg, mermaid, eventmodeling or board-svg.');
    throw new UsageError(`Unknown format "${options.format}": use --format svg, mermaid, eventmodeling (the board as Mermaid) or board-svg (the board as SVG).`);
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
