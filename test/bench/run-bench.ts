/**
 * `npm run bench`: generates the large model into .bench/, measures it (see bench-runner.ts),
 * prints a table and writes .bench/results.json.
 *
 *   npm run bench                          the default model (10 contexts, 200 aggregates, ...)
 *   npm run bench -- --scale 0.25          a quarter of it
 *   npm run bench -- --growth              default, 1,000 small files and one 20k-line file,
 *                                          each at a quarter and at full size, with growth factors
 *   npm run bench -- --aggregates 50 --layout per-aggregate --edits 10 ...   any size
 *   npm run bench -- --cpu-prof            also write CPU profiles of the CLI and the server
 *   npm run bench -- --skip-preview-all    do not lay out the whole workspace as one diagram
 *   npm run bench -- --skip-single-file    without the editor figures of the single 20k-line file
 *   npm run bench -- --only-single-file    only the editor figures of the single 20k-line file
 *   npm run bench -- --ratio-runs 5        interleaved validate / tsc pairs for the ratio (default 3)
 *   npm run bench -- --skip-behaviour      without the modelled run (issue 11: the cost of running scenarios)
 *   npm run bench -- --scenario-pairs 25 --scenario-edits 100
 *                                          the modelled run's interleaved validate pairs and edits per server
 *   npm run bench -- --only-behaviour      only the modelled run's with / without measurement (validate pairs
 *                                          and edits; ~6 min), e.g. `--only-behaviour --scenario-pairs 0` for
 *                                          the edits alone; with --cpu-prof each side's profiles go to
 *                                          .bench/profiles/scenario-cost/with and .../without
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBenchModel, runScenarioCostModel, type RunResult, type ScenarioCostRun } from './bench-runner.js';
import { bundleForBench } from './measure/bundle-for-bench.js';
import { DEFAULT_SIZE, type BenchSize } from './model/bench-model.js';
import { formatTable, growthRows, scenarioCostRows, tableRows, targetRows } from './report-table.js';

export interface BenchRun {
    name: string;
    size: BenchSize;
    /** Only the CLI's validate and the language server. */
    editorOnly?: boolean;
    /** Only the with / without measurement of a modelled run (`--only-behaviour`). */
    scenarioCostOnly?: boolean;
}

export interface BenchOptions {
    repoRoot: string;
    benchDir: string;
    runs: BenchRun[];
    growth: boolean;
    edits?: number;
    requests?: number;
    cpuProf?: boolean;
    previewAll?: boolean;
    ratioRuns?: number;
    /** A modelled run's interleaved with / without measurement (defaults: 25 validate pairs, 100 edits per server). */
    scenarioCost?: { validatePairs?: number; edits?: number };
    log?: (line: string) => void;
}

export interface BenchReport {
    date: string;
    node: string;
    cpus: number;
    runs: RunResult[];
    /** The runs measured with / without their scenario runs alone (`--only-behaviour`). */
    scenarioCostRuns: ScenarioCostRun[];
    table: string;
}

/** The three shapes of issue 6 at a given scale (1 = full size). */
export function shapes(scale: number): Array<{ name: string; size: BenchSize }> {
    const scaled = (n: number) => Math.max(1, Math.round(n * scale));
    const base = {
        ...DEFAULT_SIZE,
        aggregates: scaled(DEFAULT_SIZE.aggregates), commands: scaled(DEFAULT_SIZE.commands),
        events: scaled(DEFAULT_SIZE.events), readModels: scaled(DEFAULT_SIZE.readModels)
    };
    return [
        { name: `default-x${scale}`, size: base },
        { name: `many-files-x${scale}`, size: { ...base, aggregates: scaled(1000), layout: 'per-aggregate' } },
        { name: `single-file-x${scale}`, size: { ...base, contexts: 1, layout: 'single' } }
    ];
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
    const log = options.log ?? (() => undefined);
    mkdirSync(options.benchDir, { recursive: true });
    const bundles = await bundleForBench(options.repoRoot, join(options.benchDir, 'bundle'));
    const profileDir = join(options.benchDir, 'profiles');
    const nodeArgs = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const runs: RunResult[] = [];
    const scenarioCostRuns: ScenarioCostRun[] = [];
    for (const run of options.runs) {
        const runOptions = {
            ...run, repoRoot: options.repoRoot, benchDir: options.benchDir, bundles,
            edits: options.edits, requests: options.requests, previewAll: options.previewAll, ratioRuns: options.ratioRuns, scenarioCost: options.scenarioCost,
            nodeArgs, log
        };
        if (run.scenarioCostOnly) scenarioCostRuns.push(await runScenarioCostModel({ ...runOptions, profileDir: options.cpuProf ? profileDir : undefined }));
        else runs.push(await runBenchModel(runOptions));
    }
    const sections: string[] = [];
    if (runs.length > 0) {
        sections.push(formatTable(['figure', ...runs.map(run => run.name)], tableRows(runs)));
        const full = runs.find(run => run.name === 'default-x1') ?? runs[0];
        const single = runs.find(run => run.name.startsWith('single-file') && run.name.endsWith('-x1'));
        sections.push(formatTable([`goal (${full.name})`, 'result'], targetRows(full, single)));
    }
    for (const run of [...runs, ...scenarioCostRuns].filter(candidate => candidate.scenarioCost)) {
        sections.push(formatTable([`scenario runs (${run.name})`, 'result'], scenarioCostRows(run)));
    }
    if (options.growth) {
        const pairs = new Map<string, RunResult[]>();
        for (const run of runs) {
            const shape = run.name.split('-x')[0];
            pairs.set(shape, [...(pairs.get(shape) ?? []), run]);
        }
        for (const [shape, [quarter, whole]] of pairs) {
            if (quarter && whole) sections.push(formatTable([`growth ${shape}`, `${quarter.name} -> ${whole.name}`], growthRows(quarter, whole)));
        }
    }
    const report: BenchReport = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, runs, scenarioCostRuns, table: sections.join('\n\n') };
    writeFileSync(join(options.benchDir, 'results.json'), JSON.stringify(report, null, 2));
    return report;
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            scale: { type: 'string' }, growth: { type: 'boolean' }, 'cpu-prof': { type: 'boolean' }, 'skip-preview-all': { type: 'boolean' },
            'skip-single-file': { type: 'boolean' }, 'only-single-file': { type: 'boolean' }, 'ratio-runs': { type: 'string' }, 'skip-behaviour': { type: 'boolean' },
            'only-behaviour': { type: 'boolean' },
            'scenario-pairs': { type: 'string' }, 'scenario-edits': { type: 'string' },
            contexts: { type: 'string' }, aggregates: { type: 'string' }, commands: { type: 'string' },
            events: { type: 'string' }, 'read-models': { type: 'string' }, layout: { type: 'string' },
            'hub-uses': { type: 'string' }, edits: { type: 'string' }, requests: { type: 'string' }, out: { type: 'string' }
        }
    });
    const number = (text: string | undefined) => text === undefined ? undefined : Number(text);
    const repoRoot = resolve(import.meta.dirname, '../..');
    let runs: BenchOptions['runs'];
    if (values.growth) {
        runs = [0.25, 1].flatMap(shapes).sort((a, b) => a.name.localeCompare(b.name));
    } else {
        const [base] = shapes(number(values.scale) ?? 1);
        const size: BenchSize = {
            contexts: number(values.contexts) ?? base.size.contexts,
            aggregates: number(values.aggregates) ?? base.size.aggregates,
            commands: number(values.commands) ?? base.size.commands,
            events: number(values.events) ?? base.size.events,
            readModels: number(values['read-models']) ?? base.size.readModels,
            layout: (values.layout as BenchSize['layout'] | undefined) ?? base.size.layout,
            hubUses: number(values['hub-uses']) ?? base.size.hubUses
        };
        runs = [{ name: base.name, size }];
        if (!values['skip-single-file'] && values.layout === undefined && values.contexts === undefined) {
            // The edit figures of issue 16 on one 20k-line file (the same declarations in one context).
            const single = shapes(number(values.scale) ?? 1)[2];
            runs.push({ ...single, size: { ...single.size, aggregates: size.aggregates, commands: size.commands, events: size.events, readModels: size.readModels }, editorOnly: true });
        }
        // Issue 11: every aggregate modelled, 5 scenarios each, measured with and without their runs.
        const behaviour: BenchRun = { name: `behaviour-x${number(values.scale) ?? 1}`, size: { ...size, behaviour: true }, editorOnly: true };
        if (values['only-single-file']) runs = runs.filter(run => run.name.startsWith('single-file'));
        else if (values['only-behaviour']) runs = [{ ...behaviour, scenarioCostOnly: true }];
        else if (!values['skip-behaviour']) runs.push(behaviour);
    }
    const report = await runBench({
        repoRoot, benchDir: resolve(repoRoot, values.out ?? '.bench'), runs, growth: values.growth ?? false,
        edits: number(values.edits), requests: number(values.requests), cpuProf: values['cpu-prof'], previewAll: !values['skip-preview-all'],
        ratioRuns: number(values['ratio-runs']),
        scenarioCost: { validatePairs: number(values['scenario-pairs']), edits: number(values['scenario-edits']) },
        log: line => console.error(line)
    });
    console.log(report.table);
    console.log(`\nWritten to ${join(values.out ?? '.bench', 'results.json')}.`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
    main().catch(error => {
        console.error(error instanceof Error ? error.stack : error);
        process.exitCode = 1;
    });
}
