/**
 * Issue 12's "done when": the bank modelled as DESIGN §2b shows, with one command (a reversal)
 * left to hand. `eventloom generate` then `eventloom test` passes every scenario with no
 * hand-written line but that command's; breaking a rule in the model makes exactly the scenarios
 * it affects fail, at their lines.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { REPO_ROOT as repositoryRoot } from '../kit/paths.js';
import { captureOutput, modelFolder, removeFolder } from './cli-test-kit.js';

/** The names of the functions left to the user in the output (tagged `@handwritten`). */
function handWrittenFunctions(folder: string): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
        const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
        for (const match of text.matchAll(/@handwritten\n \*\/\nexport function (\w+)\(/g)) found.push(match[1]);
    }
    return found.sort();
}

describe('the modelled bank: generated whole, every scenario a passing test', function () {
    this.timeout(120_000);
    let cwd: string;
    beforeEach(() => {
        const bank = readFileSync(path.join(repositoryRoot, 'templates/banking.loom'), 'utf8').replace('  command CloseAccount {', [
            '  /** Books a withdrawal back: the rule is hand-written. */',
            '  command ReverseWithdrawal {',
            '    transactionId: uuid',
            '    emits MoneyDeposited',
            '    rejects AccountNotOpen',
            '  }',
            '',
            '  command CloseAccount {'
        ].join('\n'));
        cwd = modelFolder({ 'banking.loom': bank });
    });
    afterEach(() => removeFolder(cwd));

    it('generate, then test: every scenario passes; the reversal is the only hand-written function', async () => {
        const generate = captureOutput(cwd);
        assert.equal(await runCli(['generate', 'banking.loom', '--out', 'generated'], generate), 0, generate.stderr.join('\n'));
        const test = captureOutput(cwd);
        assert.equal(await runCli(['test', 'banking.loom', '--out', 'generated'], test), 0, test.stdout.join('\n'));
        assert.deepEqual(test.stdout, ['7 passed, 0 failed']);
        assert.deepEqual(handWrittenFunctions(path.join(cwd, 'generated')), ['decideReverseWithdrawal']);
    });

    it('a broken rule fails exactly the scenarios it decides, at their lines', async () => {
        const file = path.join(cwd, 'banking.loom');
        // The overdraft no longer counts: only "the overdraft may be used" withdraws beyond the balance.
        writeFileSync(file, readFileSync(file, 'utf8').replace('requires amount.amount <= balance + overdraftLimit', 'requires amount.amount <= balance'));
        const test = captureOutput(cwd);
        assert.equal(await runCli(['test', 'banking.loom', '--out', 'generated'], test), 1);
        assert.deepEqual(test.stdout.slice(1), [
            'banking.loom:127:1: error: scenario "the overdraft may be used": expected MoneyWithdrawn { amount: { amount: 50, currency: EUR } }, got rejected InsufficientFunds { requested: 50, available: 50 }',
            '6 passed, 1 failed'
        ]);
    });
});
