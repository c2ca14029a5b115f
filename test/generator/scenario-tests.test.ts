/**
 * `scenarios.test.ts`, as generated for the banking template and run by three runners: node's own
 * (`node --test` on tsc's output), tsx and vitest. With the generated stubs, "cannot overdraw"
 * fails (the stub withdraws whatever is asked) with a message naming the scenario and its line;
 * once the user writes the rule, both scenarios pass.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateModel } from '../../src/generator/generate-model.js';
import { writeOutput } from '../../src/generator/output-folder.js';
import { loadModels, readModelFiles, REPO_ROOT as repositoryRoot, scratchPackage, compileToJavaScript } from './generator-test-kit.js';

const failure = 'banking.loom:76:1: error: scenario "cannot overdraw": expected rejected InsufficientFunds, got MoneyWithdrawn { amount: 150 }';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
    const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', VITEST: '', NO_COLOR: '1', FORCE_COLOR: '0', ...env } });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}


describe('generated scenarios.test.ts runs under node --test, tsx and vitest', function () {
    this.timeout(180_000);
    let root: string;

    before(async () => {
        root = scratchPackage();
        await writeOutput(join(root, 'generated'), generateModel(await loadModels(readModelFiles('test/cli/models/hand-written/banking.loom'))));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('node --test after tsc --strict: the failing scenario names itself and its line', () => {
        assert.deepEqual(compileToJavaScript(root), []);
        const { status, output } = run(['--test', '--test-reporter=tap', 'dist/banking/scenarios.test.js'], root);
        assert.equal(status, 1, output);
        assert.match(output, /not ok 1 - scenario "cannot overdraw" \(banking\.loom:76:1\)/);
        assert.match(output, /ok 2 - scenario "a deposit is recorded with its money" \(banking\.loom:82:1\)/);
        assert.ok(output.includes(failure), output);
        assert.match(output, /# pass 1\n# fail 1/);
    });

    it('tsx', () => {
        const { status, output } = run(['--import', 'tsx', '--test', '--test-reporter=tap', 'generated/banking/scenarios.test.ts'], root);
        assert.equal(status, 1, output);
        assert.ok(output.includes(failure), output);
        assert.match(output, /# pass 1\n# fail 1/);
    });

    it('vitest', () => {
        const vitest = join(repositoryRoot, 'node_modules/vitest/vitest.mjs');
        const { status, output } = run([vitest, 'run', '--root', root, '--reporter=verbose', 'generated/banking/scenarios.test.ts'], root, { CI: 'true' });
        assert.equal(status, 1, output);
        assert.ok(output.includes(failure), output);
        assert.match(output, /Tests +1 failed \| 1 passed \(2\)/);
    });

    it('passes once the user writes the rule, with the exact decimal helper', () => {
        const file = join(root, 'generated/banking/bank-account.ts');
        const text = readFileSync(file, 'utf8');
        const start = text.indexOf('export function decideWithdraw(');
        const rule = [
            '{',
            "    if (decimal.compare(command.data.amount, state.balance) > 0) return { kind: 'Rejection', type: 'InsufficientFunds', data: { requested: command.data.amount } };",
            "    return [{ type: 'MoneyWithdrawn', data: { amount: command.data.amount } }];",
            '}'
        ].join('\n');
        const edited = text.slice(0, start) + text.slice(start).replace(/\{\n[^]*?\n\}/, rule);
        writeFileSync(file, edited.replace('// below this line are kept as they are.\n', "// below this line are kept as they are.\n\nimport { decimal } from '../eventloom.js';\n"));
        const { status, output } = run(['--import', 'tsx', '--test', '--test-reporter=tap', 'generated/banking/scenarios.test.ts'], root);
        assert.equal(status, 0, output);
        assert.match(output, /# pass 2\n# fail 0/);
    });
});

describe('generated scenarios.test.ts checks expect, expect no and projection-only scenarios', function () {
    this.timeout(180_000);
    let root: string;
    const broken = 'policies-modelled.loom:53:1: error: scenario "the limits follow withdrawals": expected Limits { withdrawn: 20.49 }, '
        + 'got Limits { accountId: "6883a7ed-0000-4000-8000-000000000000", max: 100, withdrawn: 20.5 }';

    before(async () => {
        root = scratchPackage();
        // One expectation broken on purpose (20.49 instead of 20.50): exactly that scenario fails, at its line.
        const files = readModelFiles('test/generator/models/policies-modelled.loom');
        const [path] = Object.keys(files);
        files[path] = files[path].replace('expect Limits { withdrawn: 20.50 }', 'expect Limits { withdrawn: 20.49 }');
        await writeOutput(join(root, 'generated'), generateModel(await loadModels(files)));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('node --test after tsc --strict', () => {
        assert.deepEqual(compileToJavaScript(root), []);
        const { status, output } = run(['--test', '--test-reporter=tap', 'dist/treasury/scenarios.test.js'], root);
        assert.equal(status, 1, output);
        assert.match(output, /ok 1 - scenario "a withdrawal is noted" \(policies-modelled\.loom:46:1\)/);
        assert.match(output, /not ok 2 - scenario "the limits follow withdrawals" \(policies-modelled\.loom:53:1\)/);
        assert.match(output, /ok 3 - scenario "no limits before a withdrawal" \(policies-modelled\.loom:58:1\)/);
        assert.ok(output.includes(broken), output);
        assert.match(output, /# pass 2\n# fail 1/);
    });

    it('tsx', () => {
        const { status, output } = run(['--import', 'tsx', '--test', '--test-reporter=tap', 'generated/treasury/scenarios.test.ts'], root);
        assert.equal(status, 1, output);
        assert.ok(output.includes(broken), output);
        assert.match(output, /# pass 2\n# fail 1/);
    });

    it('vitest', () => {
        const vitest = join(repositoryRoot, 'node_modules/vitest/vitest.mjs');
        const { status, output } = run([vitest, 'run', '--root', root, '--reporter=verbose', 'generated/treasury/scenarios.test.ts'], root, { CI: 'true' });
        assert.equal(status, 1, output);
        assert.ok(output.includes(broken), output);
        assert.match(output, /Tests +1 failed \| 2 passed \(3\)/);
    });
});
