/** The bench's table: one row per figure, one column per run, and the targets of issue 6. */
import type { RunResult } from './bench-runner.js';

export interface TableRow {
    figure: string;
    values: string[];
}

const ms = (value: number | undefined) => value === undefined || Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`;
const notBuilt = (what: string) => `n/a (${what} not built)`;

/** The rows every run reports; the smoke test checks that each is present. */
export const FIGURES = [
    'model', 'eventloom validate', 'workspace build (server)', 'open -> diagnostics', 'edit -> diagnostics p50',
    'edit -> diagnostics p95', 'server CPU per edit p50 / p95', 'completion p95', 'hover p95', 'rename (event, N uses)', 'generate', 'tsc --strict (TS 5.9) on output',
    'validate / tsc', 'generate / tsc', 'preview graph + layout (1 context)', 'preview graph + layout (all)', 'server peak RSS'
] as const;

export function tableRows(runs: readonly RunResult[]): TableRow[] {
    const row = (figure: typeof FIGURES[number], value: (run: RunResult) => string): TableRow => ({ figure, values: runs.map(value) });
    const ratio = (a: number | undefined, b: number | undefined) => a === undefined || b === undefined ? 'n/a' : (a / b).toFixed(2);
    return [
        row('model', run => `${run.files} files, ${run.lines} lines`),
        row('eventloom validate', run => `${ms(run.validate.ms)} (CPU ${ms(run.validate.cpuMs)})`),
        row('workspace build (server)', run => ms(run.languageServer.workspaceBuildMs)),
        row('open -> diagnostics', run => ms(run.languageServer.openToDiagnosticsMs)),
        row('edit -> diagnostics p50', run => ms(run.languageServer.editP50Ms)),
        row('edit -> diagnostics p95', run => ms(run.languageServer.editP95Ms)),
        row('server CPU per edit p50 / p95', run => `${ms(run.languageServer.editCpuP50Ms)} / ${ms(run.languageServer.editCpuP95Ms)}`),
        row('completion p95', run => ms(run.languageServer.completionP95Ms)),
        row('hover p95', run => ms(run.languageServer.hoverP95Ms)),
        row('rename (event, N uses)', run => `${ms(run.languageServer.renameMs)} (${run.languageServer.renameEdits} edits)`),
        row('generate', run => run.generator
            ? `${ms(run.generator.generateMs)} (CPU ${ms(run.generator.generateCpuMs)}, ${run.generator.files} files)` : notBuilt('generator')),
        row('tsc --strict (TS 5.9) on output', run => run.generator
            ? `${ms(run.generator.tscMs)} (CPU ${ms(run.generator.tscCpuMs)})${run.generator.tscExitCode === 0 ? '' : ' (type errors!)'}` : notBuilt('generator')),
        row('validate / tsc', run => `${ratio(run.validate.ms, run.generator?.tscMs)} (CPU ${ratio(run.validate.cpuMs, run.generator?.tscCpuMs)})`),
        row('generate / tsc', run => `${ratio(run.generator?.generateMs, run.generator?.tscMs)} (CPU ${ratio(run.generator?.generateCpuMs, run.generator?.tscCpuMs)})`),
        row('preview graph + layout (1 context)', run => run.preview
            ? `${ms(run.preview.contextGraphMs)} + ${ms(run.preview.contextLayoutMs)} (${run.preview.contextNodes} nodes)` : notBuilt('preview')),
        row('preview graph + layout (all)', run => run.preview
            ? `${ms(run.preview.workspaceGraphMs)} + ${run.preview.workspaceLayoutMs === undefined ? 'layout skipped' : ms(run.preview.workspaceLayoutMs)} (${run.preview.workspaceNodes} nodes)`
            : notBuilt('preview')),
        row('server peak RSS', run => run.languageServer.peakRssMb === undefined ? 'n/a' : `${Math.round(run.languageServer.peakRssMb)} MB`)
    ];
}

/** How each timed figure grows from the quarter-size run to the full-size run (4x the model). */
export function growthRows(quarter: RunResult, full: RunResult): TableRow[] {
    const factor = (a: number | undefined, b: number | undefined) => a && b ? `x${(b / a).toFixed(1)}` : 'n/a';
    const figures: Array<[string, (run: RunResult) => number | undefined]> = [
        ['lines', run => run.lines],
        ['eventloom validate', run => run.validate.ms],
        ['eventloom validate (CPU)', run => run.validate.cpuMs],
        ['workspace build (server)', run => run.languageServer.workspaceBuildMs],
        ['edit -> diagnostics p95', run => run.languageServer.editP95Ms],
        ['server CPU per edit p95', run => run.languageServer.editCpuP95Ms],
        ['completion p95', run => run.languageServer.completionP95Ms],
        ['hover p95', run => run.languageServer.hoverP95Ms],
        ['rename', run => run.languageServer.renameMs],
        ['generate', run => run.generator?.generateMs],
        ['tsc on output', run => run.generator?.tscMs],
        ['preview graph (all)', run => run.preview?.workspaceGraphMs],
        ['preview graph + layout (1 context)', run => run.preview && run.preview.contextGraphMs + run.preview.contextLayoutMs],
        ['server peak RSS', run => run.languageServer.peakRssMb]
    ];
    return figures.map(([figure, value]) => ({ figure, values: [factor(value(quarter), value(full))] }));
}

export function formatTable(header: string[], rows: readonly TableRow[]): string {
    const all = [header, ...rows.map(row => [row.figure, ...row.values])];
    const widths = header.map((_, column) => Math.max(...all.map(cells => (cells[column] ?? '').length)));
    const line = (cells: string[]) => `| ${cells.map((cell, column) => (cell ?? '').padEnd(widths[column])).join(' | ')} |`;
    return [line(header), `|${widths.map(width => '-'.repeat(width + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}

function cpuRatio(a: number | undefined, b: number | undefined, limit: number): boolean | undefined {
    return a === undefined || b === undefined ? undefined : a <= limit * b;
}

/** Issue 6's targets, checked on a run that has the generator's tsc reference. */
export function targetRows(run: RunResult): TableRow[] {
    const tsc = run.generator?.tscMs;
    const check = (ok: boolean | undefined) => ok === undefined ? 'n/a' : ok ? 'met' : 'MISSED';
    return [
        { figure: 'validate <= 0.25 x tsc', values: [check(tsc === undefined ? undefined : run.validate.ms <= 0.25 * tsc)] },
        { figure: 'validate <= 0.25 x tsc (CPU time)', values: [check(cpuRatio(run.validate.cpuMs, run.generator?.tscCpuMs, 0.25))] },
        { figure: 'generate <= 0.5 x tsc', values: [check(tsc === undefined || !run.generator ? undefined : run.generator.generateMs <= 0.5 * tsc)] },
        { figure: 'generate <= 0.5 x tsc (CPU time)', values: [check(cpuRatio(run.generator?.generateCpuMs, run.generator?.tscCpuMs, 0.5))] },
        { figure: 'edit -> diagnostics p95 <= 100 ms', values: [check(run.languageServer.editP95Ms <= 100)] },
        { figure: 'server CPU per edit p95 <= 100 ms', values: [check(run.languageServer.editCpuP95Ms <= 100)] },
        { figure: 'completion p95 <= 50 ms', values: [check(run.languageServer.completionP95Ms <= 50)] },
        { figure: 'server RSS <= 400 MB', values: [check(run.languageServer.peakRssMb === undefined ? undefined : run.languageServer.peakRssMb <= 400)] }
    ];
}
