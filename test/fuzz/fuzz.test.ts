/**
 * The bounded fuzz run of `npm test`: a few hundred seeded CLI cases (every command of
 * cli-commands.ts, sometimes in a hostile environment), language-server edits with the
 * requests an editor sends, and hostile requests to the generated HTTP API. Any crash, hang or
 * write outside the allowed paths fails, with the case to reproduce it
 * (`npm run fuzz -- --bounded --seed S --first I --count 1`; for the language server, the run of
 * edits up to the first one that found it). The long run is `npm run fuzz`.
 */
import * as assert from 'node:assert/strict';
import { runCliCases } from './fuzz-run.js';
import { runHttpRequests } from './http-fuzz.js';
import { runLspEdits } from './lsp-fuzz.js';
import { BOUNDED_LIMITS } from './mutations.js';
/** Generous: the machine may be loaded; a real hang never finishes. */
const HANG_TIMEOUT_MS = 60_000;
const SEED = 20261201;

describe('fuzzing (bounded)', function () {
    this.timeout(20 * 60_000);

    it('200 CLI cases: no crash, no hang, no write outside the output', async () => {
        const summary = await runCliCases({ seed: SEED, count: 200, limits: BOUNDED_LIMITS, timeoutMs: HANG_TIMEOUT_MS });
        const report = summary.bugs.map(bug => `${bug.finding.kind}: ${bug.finding.signature} (cases ${bug.cases.map(c => c.index).join(', ')}; seed ${SEED})\n${bug.finding.detail}`);
        assert.equal(summary.inputs, 200);
        assert.deepEqual(report, []);
    });

    it('150 language-server edits: no error response, no logged error, no hang', async () => {
        const summary = await runLspEdits({ seed: SEED, edits: 150, limits: BOUNDED_LIMITS, timeoutMs: HANG_TIMEOUT_MS });
        // The long run replays the edits up to the first one and writes the minimized reproducer.
        const report = summary.bugs.map(bug => `${bug.finding.kind}: ${bug.finding.signature} (edits ${bug.edits.map(e => e.index).join(', ')}; seed ${SEED}; `
            + `reproducer: npm run fuzz -- --bounded --only lsp --seed ${SEED} --count ${bug.edits[0].index + 1} --timeout ${HANG_TIMEOUT_MS})\n${bug.finding.detail}`);
        assert.equal(summary.edits, 150);
        assert.deepEqual(report, []);
    });

    it('300 hostile requests to the generated HTTP API: no 5xx, no answer that is not JSON, no hang', async () => {
        const summary = await runHttpRequests({ seed: SEED, count: 300, timeoutMs: HANG_TIMEOUT_MS });
        const report = summary.bugs.map(bug => `${bug.finding.kind}: ${bug.finding.signature} (requests ${bug.cases.map(c => c.index).join(', ')}; seed ${SEED})\n${bug.finding.detail}`);
        assert.equal(summary.requests, 300);
        assert.deepEqual(report, []);
        // Some requests get through to the commands and queries: the fuzzer reaches the model's code.
        assert.ok((summary.statuses[200] ?? 0) > 0 && (summary.statuses[400] ?? 0) > 0, JSON.stringify(summary.statuses));
    });
});
