/** `eventloom generate`, run in-process: validation first, exit codes, --check, --force, --help. */
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { REPO_ROOT, scratchFolder } from './generator-test-kit.js';

interface Run { code: number; out: string[]; err: string[] }

async function eventloom(cwd: string, ...args: string[]): Promise<Run> {
    const run: Run = { code: 0, out: [], err: [] };
    run.code = await runCli(args, { cwd, out: line => run.out.push(line), err: line => run.err.push(line) });
    return run;
}

describe('eventloom generate', function () {
    this.timeout(60_000);
    let cwd: string;
    beforeEach(() => {
        cwd = scratchFolder('cli');
        copyFileSync(join(REPO_ROOT, 'test/cli/models/hand-written/banking.loom'), join(cwd, 'banking.loom'));
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it('validates, generates one folder per context and says what it wrote', async () => {
        const run = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'src/generated');
        assert.equal(run.code, 0, run.err.join('\n'));
        assert.ok(run.out.includes('wrote src/generated/banking/bank-account.ts'));
        assert.equal(run.out.at(-1), 'Generated into src/generated: 11 written, 0 unchanged, 0 obsolete.');
        assert.ok(existsSync(join(cwd, 'src/generated/banking/index.ts')));
        const again = await eventloom(cwd, 'generate', '.', '--out', 'src/generated');
        assert.deepEqual(again.out, ['Generated into src/generated: 0 written, 11 unchanged, 0 obsolete.']);
    });

    it('writes nothing when the model has an error (exit 1)', async () => {
        writeFileSync(join(cwd, 'banking.loom'), readFileSync(join(cwd, 'banking.loom'), 'utf8').replace('emits AccountFrozen', 'emits AccountVanished'));
        const run = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        assert.equal(run.code, 1);
        assert.ok(run.err.some(line => /^banking\.loom:\d+:\d+: error: .*AccountVanished/.test(line)), run.err.join('\n'));
        assert.match(run.err.at(-1)!, /Fix the errors first; nothing was generated\.$/);
        assert.ok(!existsSync(join(cwd, 'out')));
    });

    it('--check exits 1 and lists the files that would change, 0 when up to date; it writes nothing', async () => {
        await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        assert.equal((await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out', '--check')).code, 0);
        writeFileSync(join(cwd, 'banking.loom'), readFileSync(join(cwd, 'banking.loom'), 'utf8').replace('query ListAccountsByOwner', 'query ListOwners'));
        const before = readFileSync(join(cwd, 'out/banking/queries.ts'), 'utf8');
        const run = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out', '--check');
        assert.equal(run.code, 1);
        assert.deepEqual(run.out, [
            'would change: out/banking/queries.ts',
            'would change: out/banking/index.ts',
            '2 files in out would change: run eventloom generate without --check.'
        ]);
        assert.equal(readFileSync(join(cwd, 'out/banking/queries.ts'), 'utf8'), before);
    });

    it('refuses a folder with files Eventloom did not write (exit 2) unless --force', async () => {
        mkdirSync(join(cwd, 'src'));
        writeFileSync(join(cwd, 'src/main.ts'), 'console.log(1);\n');
        const run = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'src');
        assert.equal(run.code, 2);
        assert.match(run.err.join('\n'), /holds files Eventloom did not write \(main\.ts\).*--force/);
        assert.ok(!existsSync(join(cwd, 'src/banking')));
        assert.equal((await eventloom(cwd, 'generate', 'banking.loom', '--out', 'src', '--force')).code, 0);
        assert.equal(readFileSync(join(cwd, 'src/main.ts'), 'utf8'), 'console.log(1);\n');
    });

    it('warns about obsolete code it kept: code the user wrote, never an untouched stub', async () => {
        await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        const file = join(cwd, 'out/banking/bank-account.ts');
        const stub = /(export function evolveAccountFrozen\([^)]*\): BankAccountState \{\n)([\s\S]*?)(\n\})/;
        assert.match(readFileSync(file, 'utf8'), stub);
        writeFileSync(file, readFileSync(file, 'utf8').replace(stub, '$1    return { ...state, status: \'Frozen\' }; // mine$3'));
        writeFileSync(join(cwd, 'banking.loom'), readFileSync(join(cwd, 'banking.loom'), 'utf8').replace(/AccountFrozen/g, 'AccountLocked'));
        const run = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        assert.equal(run.code, 0);
        assert.deepEqual(run.err.filter(line => line.includes('obsolete')),
            ['out/banking/bank-account.ts: warning: evolveAccountFrozen is obsolete: its model element was removed or renamed. Its code is kept, commented out; move what you need, then delete it.']);
        assert.match(run.out.at(-1)!, /1 obsolete\.$/);
        assert.match(readFileSync(file, 'utf8'), /\/\/ @obsolete evolveAccountFrozen[\s\S]*\/\/     return \{ \.\.\.state, status: 'Frozen' \}; \/\/ mine/);
    });

    it('drops the untouched stub of a removed element without a warning, even beside edited code', async () => {
        await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        const file = join(cwd, 'out/banking/bank-account.ts');
        // Another function of the same file is the user's: the file is no longer as generated.
        const opened = /(export function evolveAccountOpened\([^)]*\): BankAccountState \{\n)([\s\S]*?)(\n\})/;
        writeFileSync(file, readFileSync(file, 'utf8').replace(opened, '$1    return { ...state, status: \'Open\' }; // mine$3'));
        writeFileSync(join(cwd, 'banking.loom'), readFileSync(join(cwd, 'banking.loom'), 'utf8').replace(/AccountFrozen/g, 'AccountLocked'));
        const run = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        assert.equal(run.code, 0, run.err.join('\n'));
        assert.deepEqual(run.err.filter(line => line.includes('obsolete')), []);
        assert.match(run.out.at(-1)!, /0 obsolete\.$/);
        const text = readFileSync(file, 'utf8');
        assert.ok(!text.includes('evolveAccountFrozen'), text);
        assert.match(text, /export function evolveAccountLocked\(/);
        assert.match(text, /return \{ \.\.\.state, status: 'Open' \}; \/\/ mine/);
    });

    it('keeps a hand-written decide the model starts to determine, says so and how to hand it back; an untouched stub gives way', async () => {
        await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        const file = join(cwd, 'out/banking/bank-account.ts');
        const withdraw = /(export function decideWithdraw\([^)]*\)[^{]*\{\n)([\s\S]*?)(\n\})/;
        const mine = "    return [{ type: 'MoneyWithdrawn', data: { amount: command.data.amount } }]; // mine";
        writeFileSync(file, readFileSync(file, 'utf8').replace(withdraw, `$1${mine}$3`));
        // The model now states Withdraw's rules (and OpenAccount's, whose stub nobody touched).
        writeFileSync(join(cwd, 'banking.loom'), readFileSync(join(cwd, 'banking.loom'), 'utf8')
            .replace('rejects InsufficientFunds, AccountClosed', 'requires status != Closed else AccountClosed\n    requires amount <= balance else InsufficientFunds { requested: amount }')
            .replace(/(command OpenAccount \{[^}]*?)emits AccountOpened/, '$1requires status == Pending else AccountClosed\n    emits AccountOpened'));
        const run = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        assert.equal(run.code, 0, run.err.join('\n'));
        assert.deepEqual(run.err.filter(line => line.includes('determines')), [
            'out/banking/bank-account.ts: warning: the model now determines decideWithdraw; your hand-written decideWithdraw is kept as it is. To let Eventloom generate it, remove its @handwritten tag (or the whole function) and generate again.'
        ]);
        const text = readFileSync(file, 'utf8');
        assert.ok(text.includes(mine), text);
        assert.match(text, /Decides command OpenAccount as the model says[^\n]*\nexport function decideOpenAccount\([^\n]*\n {4}if \(!\(state\.status === 'Pending'\)\) return \{ kind: 'Rejection', type: 'AccountClosed', data: \{\} \};/);
        // Handing it back: without the tag the next run generates the body.
        writeFileSync(file, text.replace(/(\* )@handwritten(\n \*\/\nexport function decideWithdraw)/, '$1$2'));
        const back = await eventloom(cwd, 'generate', 'banking.loom', '--out', 'out');
        assert.deepEqual(back.err.filter(line => line.includes('determines')), []);
        assert.ok(!readFileSync(file, 'utf8').includes('// mine'));
        assert.match(readFileSync(file, 'utf8'), /return \{ kind: 'Rejection', type: 'InsufficientFunds', data: \{ requested: command\.data\.amount \} \};/);
    });

    it('needs --out (exit 2) and documents itself with --help (exit 0)', async () => {
        const missing = await eventloom(cwd, 'generate', 'banking.loom');
        assert.equal(missing.code, 2);
        assert.match(missing.err.join('\n'), /--out/);
        const help = await eventloom(cwd, 'generate', '--help');
        assert.equal(help.code, 0);
        assert.match(help.out.join('\n'), /Usage: eventloom generate \[options\] <paths\.\.\.>[\s\S]*--check[\s\S]*--force[\s\S]*Exit codes/);
    });
});
