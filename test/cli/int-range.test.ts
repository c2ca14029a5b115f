/**
 * Integers beyond 2^53 − 1: the interpreter (`validate`) is exact, while the generated code holds
 * an `int` in a JavaScript number, which rounds 9007199254740993 to …992; the two used to
 * disagree on the same scenario. Such a literal is now an error where it is written, on both
 * sides alike, and the same numbers as decimals run the same in both.
 */
import * as assert from 'node:assert/strict';
import { runCli } from '../../src/cli/run-cli.js';
import { captureOutput, modelFolder, removeFolder } from './cli-test-kit.js';

function counter(type: string, given: string, expected: string, increment = 'amount'): string {
    return `context Counting

aggregate Counter {
  id counterId: uuid
  command Add { amount: ${type}, emits Added }
  event Added { amount: ${type} }
}

readmodel Totals {
  key counterId: uuid
  total: ${type} = 0
  on Added { total += ${increment} }
}

scenario "big numbers add up" {
  given Added { amount: ${given} }
  when Add { amount: 1 }
  then Added { amount: 1 }
  expect Totals { total: ${expected} }
}
`;
}

const RANGE = 'from -9007199254740991 to 9007199254740991 (2^53 − 1, what an int holds exactly in the generated TypeScript)';

describe('integers beyond 2^53 − 1', function () {
    this.timeout(120_000);
    async function run(command: 'validate' | 'test', model: string) {
        const folder = modelFolder({ 'counting.loom': model });
        try {
            const output = captureOutput(folder);
            const code = await runCli([command, 'counting.loom'], output);
            return { code, stdout: output.stdout, stderr: output.stderr };
        } finally {
            removeFolder(folder);
        }
    }

    it('an int literal in scenario data: the same error from validate and from test, on the literal, exit 1', async () => {
        const model = counter('int', '9007199254740993', '9007199254740994');
        const errors = [
            `counting.loom:16:25: error: 'amount' expects a whole number ${RANGE}: for larger values make the field a decimal.`,
            `counting.loom:19:26: error: 'total' expects a whole number ${RANGE}: for larger values make the field a decimal.`
        ];
        assert.deepEqual(await run('validate', model), { code: 1, stdout: [...errors, '2 errors, 0 warnings in 1 file.'], stderr: [] });
        const tested = await run('test', model);
        assert.equal(tested.code, 1);
        assert.deepEqual([...tested.stdout, ...tested.stderr].filter(line => line.includes(': error: ')), errors);
    });

    it('an int literal in a rule: an error on the literal, suggesting the decimal it may mean', async () => {
        const validated = await run('validate', counter('int', '1', '2', '9007199254740993'));
        assert.equal(validated.code, 1);
        assert.equal(validated.stdout[0], `counting.loom:12:23: error: A whole number here is an int, ${RANGE}; 9007199254740993 is beyond that: where a decimal is meant, write it as one (9007199254740993.0).`);
    });

    it('the largest safe ints pass, one more does not', async () => {
        assert.deepEqual(await run('validate', counter('int', '9007199254740990', '9007199254740991')), { code: 0, stdout: ['No problems in 1 file.'], stderr: [] });
        assert.deepEqual(await run('validate', counter('int', '-9007199254740991', '-9007199254740990')), { code: 0, stdout: ['No problems in 1 file.'], stderr: [] });
        const over = await run('validate', counter('int', '-9007199254740992', '-9007199254740991'));
        assert.deepEqual(over.stdout, [`counting.loom:16:25: error: 'amount' expects a whole number ${RANGE}: for larger values make the field a decimal.`, '1 error, 0 warnings in 1 file.']);
    });

    it('as decimals, the same numbers pass in the interpreter and in the generated code alike', async () => {
        const model = counter('decimal', '9007199254740993', '9007199254740994');
        assert.deepEqual(await run('validate', model), { code: 0, stdout: ['No problems in 1 file.'], stderr: [] });
        assert.deepEqual(await run('test', model), { code: 0, stdout: ['1 passed, 0 failed'], stderr: [] });
        // And a wrong expectation fails in both, with the exact total in both.
        const wrong = counter('decimal', '9007199254740993', '9007199254740993');
        const got = 'Totals { counterId: "e058d1e5-0000-4000-8000-000000000000", total: 9007199254740994 }';
        assert.deepEqual(await run('validate', wrong), { code: 1, stdout: [
            `counting.loom:19:3: error: Scenario fails: expected Totals { total: 9007199254740993 }, but the model gives ${got}: projected by \`on Added { total += amount }\` (line 12).`,
            '1 error, 0 warnings in 1 file.'
        ], stderr: [] });
        assert.deepEqual(await run('test', wrong), { code: 1, stdout: [
            `counting.loom:15:1: error: scenario "big numbers add up": expected Totals { total: 9007199254740993 }, got ${got}`,
            '0 passed, 1 failed'
        ], stderr: [] });
    });
});
