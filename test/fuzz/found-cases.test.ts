/**
 * Cases the long fuzz runs found, replayed exactly (the same seed, index and limits as the run), so
 * that each stays fixed: `npm run fuzz -- --only cli --seed S --first I --count 1` reruns one.
 */
import * as assert from 'node:assert/strict';
import { cliCase, CliCaseRunner } from './cli-fuzz.js';
import { FULL_LIMITS } from './mutations.js';

/** Generous: the machine may be loaded; a real hang never finishes. */
const HANG_TIMEOUT_MS = 120_000;

describe('fuzz findings, replayed', function () {
    this.timeout(10 * 60_000);
    const runner = new CliCaseRunner(HANG_TIMEOUT_MS);
    after(() => runner.dispose());

    it('CLI case 2858 of seed 20261201: `export` of a 5 MB shop whose every copy has a misplaced `context` line (a stack overflow in the parser\'s recovery)', async () => {
        const testCase = cliCase(20261201, 2858, FULL_LIMITS);
        assert.equal(testCase.command, 'export svg');
        assert.deepEqual(testCase.mutations, ['duplicate a line in shop.loom', 'a huge file in shop.loom']);
        const { finding } = await runner.run(testCase);
        assert.equal(finding, undefined, finding && `${finding.kind}: ${finding.signature}\n${finding.detail}`);
    });
});
