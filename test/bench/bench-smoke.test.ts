/**
 * The bench still works: a tiny model goes through every measurement and the table has every
 * figure. No timing assertions — speed is for `npm run bench`, not for tests.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBench } from './run-bench.js';
import { FIGURES } from './report-table.js';

const repoRoot = resolve(import.meta.dirname, '../..');

describe('npm run bench (tiny model)', function () {
    this.timeout(240_000);

    it('measures every figure and writes the results', async () => {
        const benchDir = join(repoRoot, '.bench', 'smoke');
        const report = await runBench({
            repoRoot, benchDir, growth: false, edits: 3, requests: 3, ratioRuns: 1,
            runs: [{ name: 'tiny', size: { contexts: 2, aggregates: 4, commands: 8, events: 8, readModels: 4, layout: 'per-context', hubUses: 6 } }]
        });
        const [run] = report.runs;
        assert.equal(run.validate.exitCode, 0, run.validate.summary);
        assert.equal(run.languageServer.editSamplesMs.length, 3);
        assert.equal(run.generator?.tscExitCode, 0, `the generated code type-checks: ${run.generator?.tscErrors}`);
        assert.ok(run.ratio && run.ratio.generateMs > 0, 'eventloom generate was run for the ratio');
        // The default model states no rules: eventloom test's scenarios all stop at the decide stubs, and its row says so.
        assert.ok((run.generator?.scenarios?.failed ?? 0) > 0);
        assert.equal(run.generator?.scenarios?.atStubs, run.generator?.scenarios?.failed);
        assert.match(report.table, /\| eventloom test \(in-process, scenarios\) +\| [^|]*0 passed, \d+ failed: all \d+ at a decide stub the model leaves to hand-written code/);
        // The hub event: its declaration plus six uses, all renamed.
        assert.equal(run.languageServer.renameEdits, 7);
        assert.ok(run.languageServer.completionItems > 0, 'completion offered names');
        assert.ok(run.languageServer.hoversWithContent > 0, 'hover answered');
        assert.ok((run.preview?.board?.requestMs ?? 0) > 0, 'a board request was timed');
        assert.ok((run.preview?.board?.webview?.renderedMs ?? 0) > 0, 'the board was drawn in the webview');
        assert.ok((run.preview?.board?.request?.cpuMs ?? 0) > 0 && (run.preview?.board?.request?.keptCpuMs ?? 0) > 0, 'the board request was timed in CPU, first and with the parts of earlier answers kept');
        assert.ok((run.preview?.board?.webview?.objects?.messageChars ?? 0) > (run.preview?.board?.webview?.messageChars ?? Infinity), 'the packed message is smaller than the same as objects');
        // The measurement fails unless the stepping reached the scenario's last step.
        assert.ok((run.preview?.board?.webview?.step?.steps ?? 0) > 0, 'a scenario was stepped in the webview');
        for (const figure of FIGURES) {
            assert.match(report.table, new RegExp(`\\| ${figure.replace(/[()+./]/g, '\\$&')} +\\|`), `row ${figure}`);
        }
        assert.ok(existsSync(join(benchDir, 'results.json')));
        assert.equal(JSON.parse(readFileSync(join(benchDir, 'results.json'), 'utf8')).runs[0].name, 'tiny');
    });

    it('measures a modelled model with and without its scenario runs', async function () {
        // Two more servers and the CLI's pairs: slower than the first run on a loaded machine.
        this.timeout(600_000);
        const benchDir = join(repoRoot, '.bench', 'smoke-behaviour');
        const report = await runBench({
            repoRoot, benchDir, growth: false, edits: 3, requests: 3, ratioRuns: 1, scenarioCost: { validatePairs: 1, edits: 3 },
            runs: [{ name: 'tiny-behaviour', size: { contexts: 2, aggregates: 4, commands: 8, events: 8, readModels: 4, layout: 'per-context', hubUses: 6, behaviour: true } }]
        });
        const [run] = report.runs;
        assert.equal(run.validate.exitCode, 0, run.validate.summary);
        // Interleaved: both sides of every validate pair ran, and both servers took the same edits in the same order.
        assert.equal(run.scenarioCost?.validatePairs.length, 1);
        assert.ok(run.scenarioCost.validatePairs.every(pair => pair.with.cpuMs! > 0 && pair.without.cpuMs! > 0));
        assert.deepEqual(run.scenarioCost.edits.with.map(edit => edit.kind), run.scenarioCost.edits.without.map(edit => edit.kind));
        assert.equal(run.scenarioCost.edits.with.length, 3);
        // eventloom test's run: every scenario of the fully modelled model passes against the generated code.
        assert.deepEqual(run.generator?.scenarios, { passed: 4 * 5, failed: 0, atStubs: 0 });
        assert.equal(run.generator?.tscExitCode, 0, run.generator?.tscErrors);
        for (const figure of [
            'eventloom validate CPU with / without (1 interleaved pairs, medians)', 'edit -> diagnostics p95 with / without (interleaved, 3 edits each)',
            'goal: scenario runs add <= 10% to validate (CPU, median pair)', 'goal: scenario runs add <= 10% to edit -> diagnostics p95 (wall)'
        ]) {
            assert.match(report.table, new RegExp(`\\| ${figure.replace(/[()+./]/g, '\\$&')} +\\|`), `row ${figure}`);
        }
    });

    it('measures only the with / without of a modelled model (--only-behaviour)', async function () {
        this.timeout(600_000);
        const benchDir = join(repoRoot, '.bench', 'smoke-only-behaviour');
        const report = await runBench({
            repoRoot, benchDir, growth: false, scenarioCost: { validatePairs: 1, edits: 2 },
            runs: [{ name: 'tiny-behaviour', size: { contexts: 2, aggregates: 4, commands: 8, events: 8, readModels: 4, layout: 'per-context', hubUses: 6, behaviour: true }, scenarioCostOnly: true }]
        });
        // No full run: no plain validate, language-server session, generator or preview, and no table of them.
        assert.equal(report.runs.length, 0);
        const [run] = report.scenarioCostRuns;
        assert.equal(run.scenarioCost.validatePairs.length, 1);
        assert.deepEqual(run.scenarioCost.edits.with.map(edit => edit.kind), run.scenarioCost.edits.without.map(edit => edit.kind));
        assert.equal(run.scenarioCost.edits.with.length, 2);
        assert.doesNotMatch(report.table, /\| workspace build \(server\) +\|/);
        assert.match(report.table, /\| goal: scenario runs add <= 10% to edit -> diagnostics p95 \(wall\) +\|/);
    });
});
