/** `eventloom validate` runs the scenarios: a failing one is an error at its `then` line, exit 1. */
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/run-cli.js';
import { captureOutput, modelFolder, removeFolder } from '../cli/cli-test-kit.js';
import { LEDGER } from './ledger-model.js';

describe('eventloom validate runs the scenarios', () => {
    it('exits 1 with each failing scenario at its then line, the passing and hand-written ones silent', async () => {
        const folder = modelFolder({ 'ledger.loom': LEDGER });
        try {
            const output = captureOutput(folder);
            const code = await runCli(['validate', '.'], output);
            assert.equal(code, 1);
            const lines = output.stdout.filter(line => line.includes('Scenario fails'));
            assert.deepEqual(lines.map(line => line.replace(/entryId: "[^"]+"/, 'entryId: "…"')), [
                'ledger.loom:31:3: error: Scenario fails: expected Booked { amount: 99.90 }, but the model gives Booked { amount: 100.10, note: "rent", entryId: "…" }: built by `emits Booked` (line 8).',
                'ledger.loom:36:3: error: Scenario fails: expected Booked, but the model gives rejected Refused: `requires 1 > 2 else Refused` (line 12) rejected Refuse with the state {}.'
            ]);
            assert.equal(output.stdout.filter(line => /: (error|warning): /.test(line)).length, 2, output.stdout.join('\n'));
        } finally {
            removeFolder(folder);
        }
    });
});
