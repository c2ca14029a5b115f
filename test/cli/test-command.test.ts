/**
 * `eventloom test`: the scenarios of a model run against the generated code in this process,
 * with the user's hand-written bodies from `--out` (brought up to date first), failures printed
 * at their scenario's line, then `N passed, M failed`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { REPO_ROOT as repositoryRoot } from '../kit/paths.js';
import { captureOutput, CLEAN_MODEL, installBundledCli, modelFolder, removeFolder } from './cli-test-kit.js';

describe('eventloom test', function () {
    this.timeout(120_000);
    let cwd: string;
    beforeEach(() => {
        cwd = modelFolder({});
        // A bank whose Withdraw is hand-written: the template now models all its rules.
        copyFileSync(path.join(repositoryRoot, 'test/cli/models/hand-written/banking.loom'), path.join(cwd, 'banking.loom'));
    });
    afterEach(() => removeFolder(cwd));

    it('without --out: runs the code generated in memory; the stub fails "cannot overdraw" at its line', async () => {
        const output = captureOutput(cwd);
        const code = await runCli(['test', 'banking.loom'], output);
        assert.equal(code, 1, output.stderr.join('\n'));
        assert.deepEqual(output.stdout, [
            'banking.loom:76:1: error: scenario "cannot overdraw": expected rejected InsufficientFunds, got MoneyWithdrawn { amount: 150 }',
            '1 passed, 1 failed'
        ]);
    });

    it('with --out: generates when stale, runs the user\'s bodies, passes once the rule is written', async () => {
        const first = captureOutput(cwd);
        assert.equal(await runCli(['test', '.', '--out', 'generated'], first), 1);
        assert.match(first.stdout[0], /^The output was stale: updated \d+ file\(s\) in generated\.$/);
        const file = path.join(cwd, 'generated/banking/bank-account.ts');
        const text = readFileSync(file, 'utf8');
        const start = text.indexOf('export function decideWithdraw(');
        const edited = text.slice(0, start) + text.slice(start).replace(/\{\n[^]*?\n\}/, [
            '{',
            "    if (decimal.compare(command.data.amount, state.balance) > 0) return { kind: 'Rejection', type: 'InsufficientFunds', data: { requested: command.data.amount } };",
            "    return [{ type: 'MoneyWithdrawn', data: { amount: command.data.amount } }];",
            '}'
        ].join('\n'));
        writeFileSync(file, edited.replace('// below this line are kept as they are.\n', "// below this line are kept as they are.\n\nimport { decimal } from '../eventloom.js';\n"));
        const second = captureOutput(cwd);
        assert.equal(await runCli(['test', '.', '--out', 'generated'], second), 0, second.stdout.join('\n'));
        assert.deepEqual(second.stdout, ['2 passed, 0 failed'], 'up to date: nothing regenerated');
    });

    it('with --out on a folder generated with --runtime emmett: keeps the app (the demo serves it next)', async () => {
        assert.equal(await runCli(['generate', '.', '--out', 'generated', '--runtime', 'emmett'], captureOutput(cwd)), 0);
        const output = captureOutput(cwd);
        assert.equal(await runCli(['test', '.', '--out', 'generated'], output), 1);
        assert.deepEqual(output.stdout.slice(-1), ['1 passed, 1 failed'], 'up to date: nothing regenerated, nothing removed');
        for (const file of ['app.ts', 'runtime.ts', 'http.ts', 'server.ts']) assert.ok(existsSync(path.join(cwd, 'generated', file)), `${file} is still there`);
    });

    it('a hand-written body that does not load is reported at its file, and the run fails', async () => {
        assert.equal(await runCli(['test', '.', '--out', 'generated'], captureOutput(cwd)), 1);
        const file = path.join(cwd, 'generated/banking/bank-account.ts');
        writeFileSync(file, readFileSync(file, 'utf8').replace('// below this line are kept as they are.\n',
            "// below this line are kept as they are.\n\nimport { nothing } from 'no-such-library';\nexport const mine = nothing;\n"));
        const output = captureOutput(cwd);
        assert.equal(await runCli(['test', '.', '--out', 'generated'], output), 1);
        assert.equal(output.stderr.length, 1, output.stderr.join('\n'));
        assert.match(output.stderr[0], /^generated\/banking\/bank-account\.ts:1:1: error: it does not load: Cannot find module 'no-such-library'.* \(the scenarios of banking cannot run: fix the generated code\)$/);
        assert.deepEqual(output.stdout, ['0 passed, 0 failed, 2 not run']);
    });

    it('transpiles only what the scenarios import: a broken file of a context without scenarios is not read (fuzz case 1365 of seed 20261202: every generated file was transpiled, minutes for a 5 MB model without one scenario)', async () => {
        writeFileSync(path.join(cwd, 'cards.loom'), CLEAN_MODEL.replace('context Banking', 'context Cards'));
        assert.equal(await runCli(['test', '.', '--out', 'generated'], captureOutput(cwd)), 1);
        // A syntax error in a hand-written body of Cards, whose code no scenario loads.
        const cards = path.join(cwd, 'generated/cards/account.ts');
        writeFileSync(cards, `${readFileSync(cards, 'utf8')}\nexport const broken = ;\n`);
        const unreached = captureOutput(cwd);
        assert.equal(await runCli(['test', '.', '--out', 'generated'], unreached), 1);
        assert.deepEqual(unreached.stderr, []);
        assert.deepEqual(unreached.stdout, [
            'banking.loom:76:1: error: scenario "cannot overdraw": expected rejected InsufficientFunds, got MoneyWithdrawn { amount: 150 }',
            '1 passed, 1 failed'
        ]);
        // The same error where a scenario loads it is reported at its line, as before.
        const bank = path.join(cwd, 'generated/banking/bank-account.ts');
        const text = readFileSync(bank, 'utf8');
        writeFileSync(bank, `${text}\nexport const broken = ;\n`);
        const reached = captureOutput(cwd);
        assert.equal(await runCli(['test', '.', '--out', 'generated'], reached), 1);
        assert.deepEqual(reached.stderr, [
            `generated/banking/bank-account.ts:${text.split('\n').length + 1}:23: error: Expression expected.`,
            'generated/banking/bank-account.ts:1:1: error: it does not load: Unexpected token \';\' (the scenarios of banking cannot run: fix the generated code)'
        ]);
        assert.deepEqual(reached.stdout, ['0 passed, 0 failed, 2 not run']);
    });

    it('floats in decimal arithmetic run as the interpreter runs them (the generated decider threw "Not an exact integer: 0.25" on every float with a fraction)', async () => {
        writeFileSync(path.join(cwd, 'meters.loom'), [
            'context Meters',
            'aggregate Meter {',
            '  id meterId: uuid',
            '  state { total: float = 0 }',
            '  command Read { delta: float, requires total + delta <= 0.5 else TooMuch, requires delta > 0.1 else TooLittle, emits Read2 }',
            '  event Read2 { delta: float }',
            '  error TooMuch',
            '  error TooLittle',
            '  on Read2 { total += delta }',
            '}',
            'scenario "up to the limit" { given Read2 { delta: 0.25 } when Read { delta: 0.25 } then Read2 { delta: 0.25 } }',
            'scenario "past the limit" { given Read2 { delta: 0.25 } when Read { delta: 0.3 } then rejected TooMuch }',
            'scenario "too little" { when Read { delta: 0.05 } then rejected TooLittle }',
            ''
        ].join('\n'));
        const validated = captureOutput(cwd);
        assert.equal(await runCli(['validate', 'meters.loom'], validated), 0, validated.stdout.join('\n'));
        const output = captureOutput(cwd);
        assert.equal(await runCli(['test', 'meters.loom'], output), 0, output.stdout.join('\n'));
        assert.deepEqual(output.stdout, ['3 passed, 0 failed']);
        assert.deepEqual(output.stderr, []);
    });

    it('a model with errors runs nothing (exit 1); a missing path is a usage error (exit 2)', async () => {
        writeFileSync(path.join(cwd, 'banking.loom'), 'context Banking\naggregate A { }\n');
        const output = captureOutput(cwd);
        assert.equal(await runCli(['test', 'banking.loom'], output), 1);
        assert.match(output.stderr.at(-1)!, /Fix the errors first; no scenario was run\.$/);
        assert.equal(await runCli(['test', 'nowhere.loom'], captureOutput(cwd)), 2);
    });

    it('a model of more aggregates than the process may open files reads its generated code back one file at a time (fuzz case 2566: EMFILE)', () => {
        // 120 aggregates generate 128 files, more than the 100 open files prlimit (util-linux) allows.
        // The bundled CLI, as users run it: under tsx, Node's loader opens the sources of its ESM
        // graph side by side and ran out of files itself under load, before any model was read.
        const installed = installBundledCli();
        const aggregates = Array.from({ length: 120 }, (_, i) => [
            `aggregate Ledger${i} {`, '  id ledgerId: string', `  command OpenLedger${i} {`, '    name: string', `    emits LedgerOpened${i}`, '  }',
            `  event LedgerOpened${i} { name: string }`, '}'
        ].join('\n'));
        writeFileSync(path.join(cwd, 'banking.loom'), ['context Banking', ...aggregates].join('\n\n') + '\n');
        const result = spawnSync('prlimit', ['--nofile=100:100', process.execPath, installed.bin,
            'test', path.join(cwd, 'banking.loom'), '--out', path.join(cwd, 'generated')], { cwd: repositoryRoot, encoding: 'utf8', timeout: 110_000 });
        removeFolder(installed.folder);
        assert.equal(result.error, undefined, 'prlimit and node ran');
        assert.equal(result.stderr, '');
        assert.equal(result.status, 0, result.stdout);
        assert.deepEqual(result.stdout.trim().split('\n'), [`The output was stale: updated 128 file(s) in ${path.join(cwd, 'generated')}.`, '0 passed, 0 failed']);
    });
});
