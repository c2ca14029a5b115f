/**
 * What running the scenarios costs (issue 11: at most 10% on `eventloom validate` and on edit ->
 * diagnostics p95), measured so that the machine's load falls on both sides alike:
 *
 * - validate: fresh CLI processes with and without the scenario check, alternating (with, without,
 *   then without, with, ...), each pair one after the other;
 * - edits: two language servers on the same model, one with the check and one without, the same
 *   one-character edit typed into each in turn (the order alternating too). Before an edit starts,
 *   both servers have gone quiet, so that the work one does after a pause (its dependents'
 *   second pass, describing references) never lands in the other's window. (Until session 10
 *   only the measured server was waited for: the first edits of the first side measured shared
 *   the cores with the other server's work after opening the workspace.)
 *
 * Wall and CPU time for both; the medians, percentiles and ratios are the report's (report-table.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from '../lsp/lsp-session.js';
import { editPlaces, type EditKind, type Position } from './measure-language-server.js';
import { measureValidate, type ValidateResult } from './measure-validate.js';
import { now } from './stats.js';

const DEFAULT_VALIDATE_PAIRS = 25;

/** How the server and the CLI are told to leave the scenario runs out. */
const WITHOUT_SCENARIO_RUNS: NodeJS.ProcessEnv = { EVENTLOOM_SCENARIO_CHECK: 'off' };
const WITH_SCENARIO_RUNS: NodeJS.ProcessEnv = { EVENTLOOM_SCENARIO_CHECK: undefined };

export interface EditSample {
    kind: EditKind;
    wallMs: number;
    /** The server's CPU time from the change until the diagnostics arrived (10 ms ticks). */
    cpuMs: number;
    /**
     * Its main thread's alone over the same window (schedstat, ns): the JavaScript the check runs,
     * without V8's compiler and garbage-collector helper threads, which `cpuMs` counts too.
     */
    mainCpuMs?: number;
}

export interface ScenarioCostResult {
    /** One entry per pair, both runs of the pair next to each other. */
    validatePairs: Array<{ with: ValidateResult; without: ValidateResult }>;
    /** The same edits, in the same order, on both servers. */
    edits: { with: EditSample[]; without: EditSample[] };
}

export interface ScenarioCostOptions {
    cliBundle: string;
    serverBundle: string;
    modelDir: string;
    /** The file to type into, relative to modelDir. */
    editFile: string;
    /**
     * Validate pairs (default 25). A pair's ratio moves by ~11% (sd) on this 2-core machine: 25 put the
     * geometric mean's 95% interval within ~±5 points, where 7 left it at ~±10.
     */
    validatePairs?: number;
    /** Edits per server (default 100: p95 is then the 6th-highest sample, not the 2nd or 3rd). */
    edits?: number;
    /** CPU profiles of every process into `<profileDir>/with` and `<profileDir>/without` (`--cpu-prof`). */
    profileDir?: string;
    log?: (line: string) => void;
}

/** Node's arguments for one side's processes: none, or a CPU profile into that side's folder. */
function sideNodeArgs(options: ScenarioCostOptions, side: 'with' | 'without'): string[] {
    return options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, side)}`] : [];
}

export async function measureScenarioCost(options: ScenarioCostOptions): Promise<ScenarioCostResult> {
    const log = options.log ?? (() => undefined);
    const validatePairs: ScenarioCostResult['validatePairs'] = [];
    for (let i = 0; i < (options.validatePairs ?? DEFAULT_VALIDATE_PAIRS); i++) {
        const run = (env: NodeJS.ProcessEnv) => measureValidate(options.cliBundle, options.modelDir, sideNodeArgs(options, env === WITH_SCENARIO_RUNS ? 'with' : 'without'), env);
        const [first, second] = i % 2 === 0 ? [WITH_SCENARIO_RUNS, WITHOUT_SCENARIO_RUNS] : [WITHOUT_SCENARIO_RUNS, WITH_SCENARIO_RUNS];
        const a = run(first);
        const b = run(second);
        const pair = first === WITH_SCENARIO_RUNS ? { with: a, without: b } : { with: b, without: a };
        for (const result of [pair.with, pair.without]) {
            if (result.exitCode !== 0) throw new Error(`eventloom validate failed on the bench model: ${result.summary}`);
        }
        validatePairs.push(pair);
        log(`  validate pair ${i + 1}: with ${pair.with.ms.toFixed(0)} ms (CPU ${pair.with.cpuMs?.toFixed(0)}), without ${pair.without.ms.toFixed(0)} ms (CPU ${pair.without.cpuMs?.toFixed(0)})`);
    }
    const edits = await measureEditPairs(options, log);
    return { validatePairs, edits };
}

async function measureEditPairs(options: ScenarioCostOptions, log: (line: string) => void): Promise<ScenarioCostResult['edits']> {
    const path = join(options.modelDir, options.editFile);
    const uri = pathToFileURL(path).href;
    const sides = [
        { name: 'with' as const, session: LspSession.start(options.serverBundle, sideNodeArgs(options, 'with'), WITH_SCENARIO_RUNS), samples: [] as EditSample[] },
        { name: 'without' as const, session: LspSession.start(options.serverBundle, sideNodeArgs(options, 'without'), WITHOUT_SCENARIO_RUNS), samples: [] as EditSample[] }
    ];
    try {
        // One workspace build after the other: they do not compete for the CPU.
        for (const side of sides) await openWorkspace(side.session, options.modelDir, uri, path);
        const places = editPlaces(readFileSync(path, 'utf8').split('\n'), options.edits ?? 100);
        for (const [index, place] of places.entries()) {
            for (const side of index % 2 === 0 ? sides : [...sides].reverse()) {
                // Both servers, not only the measured one: the other's work after a pause (its
                // dependents' second pass, describing references; after the workspace opened, a
                // second or two of it) would otherwise share the two cores with the measured edit.
                await Promise.all(sides.map(each => quiet(each.session)));
                side.samples.push(await typeAndUndo(side.session, uri, place));
            }
            if ((index + 1) % 25 === 0) log(`  scenario-cost edits: ${index + 1}/${places.length} on each server`);
        }
        return { with: sides[0].samples, without: sides[1].samples };
    } catch (error) {
        const stderr = sides.map(side => `${side.name}: ${side.session.stderr.join('').slice(-2000)}`).join('\n');
        throw new Error(`${error instanceof Error ? error.message : String(error)}\nservers' stderr:\n${stderr}`, { cause: error });
    } finally {
        for (const side of sides) await side.session.shutdown();
    }
}

async function openWorkspace(session: LspSession, modelDir: string, uri: string, path: string): Promise<void> {
    await session.initialize(pathToFileURL(modelDir).href);
    session.initialized();
    // Waits for every document to be indexed and linked (see measure-language-server.ts).
    await session.request('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 }, context: { includeDeclaration: false } });
    const opened = session.nextDiagnostics(uri);
    session.open(uri, path);
    await opened;
}

/** One character typed, until its diagnostics; then undone, until those. */
async function typeAndUndo(session: LspSession, uri: string, place: Position & { kind: EditKind }): Promise<EditSample> {
    const published = session.nextDiagnostics(uri);
    const cpuStart = session.cpuMs() ?? Number.NaN;
    const mainStart = session.mainThreadCpuMs() ?? Number.NaN;
    const start = now();
    session.change(uri, place.line, place.character, 'x');
    await published;
    const wallMs = now() - start;
    const cpuMs = (session.cpuMs() ?? Number.NaN) - cpuStart;
    const mainCpuMs = (session.mainThreadCpuMs() ?? Number.NaN) - mainStart;
    const reverted = session.nextDiagnostics(uri);
    session.change(uri, place.line, place.character, '', 1);
    await reverted;
    return { kind: place.kind, wallMs, cpuMs, ...(Number.isNaN(mainCpuMs) ? {} : { mainCpuMs }) };
}

/**
 * Until the server used no CPU for QUIET_MS (longer than the pause after which it describes
 * references, 400 ms), at most MAX_WAIT_MS.
 */
const QUIET_MS = 500;
const POLL_MS = 50;
const MAX_WAIT_MS = 5000;

async function quiet(session: LspSession): Promise<void> {
    const start = now();
    let last = session.cpuMs();
    let lastChange = start;
    while (now() - lastChange < QUIET_MS && now() - start < MAX_WAIT_MS) {
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
        const cpu = session.cpuMs();
        if (cpu !== last) {
            last = cpu;
            lastChange = now();
        }
    }
}
