/**
 * Regression tests for the hostile inputs to the command line: special files refused
 * without being read, the size limit, empty and impossible paths, symbolic links in the output
 * folder (forced or not), a link as the output folder, and staging folders left by killed runs.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { MANIFEST_FILE } from '../../src/generator/output-folder.js';
import { Random } from '../fuzz/random.js';
import { repositoryRoot } from '../fuzz/seed-corpus.js';
import { captureOutput, CLEAN_MODEL, modelFolder, removeFolder } from './cli-test-kit.js';

describe('eventloom on hostile input', function () {
    this.timeout(120_000);
    let root: string;
    beforeEach(() => { root = modelFolder({ 'model/account.loom': CLEAN_MODEL, 'elsewhere/keep.ts': 'precious\n' }); });
    afterEach(() => removeFolder(root));

    async function run(...argv: string[]) {
        const output = captureOutput(root);
        const code = await runCli(argv, output);
        return { code, stdout: output.stdout.join('\n'), stderr: output.stderr.join('\n') };
    }

    it('refuses a FIFO named on the command line with exit 2, without waiting for a writer', async () => {
        execFileSync('mkfifo', [join(root, 'model/pipe.loom')]);
        const { code, stderr } = await run('validate', 'model/pipe.loom');
        assert.equal(code, 2);
        assert.equal(stderr, 'eventloom: model/pipe.loom: it is a named pipe (FIFO), not a regular file: Eventloom reads models only from regular files (remove it, or name the real file).');
    });

    it('refuses a link to /dev/zero, on the command line or in a folder, with exit 2', async () => {
        symlinkSync('/dev/zero', join(root, 'model/zero.loom'));
        for (const path of ['model/zero.loom', 'model']) {
            const { code, stderr } = await run('validate', path);
            assert.equal(code, 2, path);
            assert.equal(stderr, 'eventloom: model/zero.loom: it is a device, not a regular file: Eventloom reads models only from regular files (remove it, or name the real file).');
        }
    });

    it('refuses a file over the size limit, naming the limit', async () => {
        writeFileSync(join(root, 'model/huge.loom'), `context Huge\n${'// padding\n'.repeat(1_000_000)}`);
        const { code, stderr } = await run('validate', 'model');
        assert.equal(code, 2);
        assert.match(stderr, /^eventloom: model\/huge\.loom: it is 10\.5 MB, over the 10 MB limit for a model file: split the model/);
    });

    it('parses a model with 30,000 misplaced lines and lists the first 1,000 syntax errors and 10,000 other problems, exit 1 (a stack overflow in the parser\'s recovery before: exit 3)', async () => {
        // The smallest input of fuzz case 2858 (seed 20261201): a misplaced `context` line and a stray token, repeated.
        // Each line is one problem of the checks and one syntax error; each list is cut, with a note where.
        writeFileSync(join(root, 'model/account.loom'), `${CLEAN_MODEL}${'context B id\n'.repeat(30_000)}`);
        const { code, stdout, stderr } = await run('export', 'model', '--out', 'flow.svg');
        assert.equal(code, 1);
        const lines = `${stdout}\n${stderr}`.split('\n').filter(line => line.length > 0);
        assert.doesNotMatch(lines.join('\n'), /internal error|Maximum call stack|RangeError/);
        assert.deepEqual(lines.slice(0, 3), [
            'model/account.loom:7:9: error: This file already belongs to context Banking: a file has exactly one `context` line. Remove this one, or move the declarations below it into a file of their own.',
            'model/account.loom:7:11: error: Expected the end of the file here, but found `id`.',
            'model/account.loom:8:9: error: This file already belongs to context Banking: a file has exactly one `context` line. Remove this one, or move the declarations below it into a file of their own.'
        ]);
        assert.equal(lines.filter(line => line.endsWith('Expected the end of the file here, but found `id`.')).length, 1_000);
        assert.equal(lines.filter(line => line.includes('This file already belongs to context Banking')).length, 10_000);
        // The 1,001st syntax error would be on line 1007, the 10,001st misplaced context on line 10007.
        assert.deepEqual(lines.filter(line => line.includes(' are shown; ')), [
            'model/account.loom:1007:11: error: 1,000 syntax errors are shown; 29,000 more from here on are not. Fix the first ones, then validate again: one syntax error often causes the next.',
            'model/account.loom:10007:9: error: 10,000 problems found by Eventloom\'s checks are shown; 20,000 more in this file are not. Fix the ones shown, then validate again.'
        ]);
        assert.equal(lines.length, 11_003);
        assert.equal(lines.at(-1), '60000 errors, 0 warnings in 1 file (49000 of them not listed). Fix the errors first; nothing was written.');
        assert.equal(existsSync(join(root, 'flow.svg')), false);
    });

    it('refuses an empty path instead of validating the current folder', async () => {
        const { code, stderr } = await run('validate', '');
        assert.equal(code, 2);
        assert.equal(stderr, 'eventloom: An empty path was given: name a .loom file or a folder (use `.` for the current folder).');
    });

    it('export refuses a folder or a path under a file as --out, with exit 2 (EISDIR / EEXIST before)', async () => {
        const folder = await run('export', 'model', '--out', 'elsewhere', '--format', 'svg');
        assert.equal(folder.code, 2);
        assert.equal(folder.stderr, 'eventloom: --out elsewhere is a folder: name the file to write, for example `--out elsewhere/flow.svg`.');
        const underFile = await run('export', 'model', '--out', 'elsewhere/keep.ts/flow.svg');
        assert.equal(underFile.code, 2);
        assert.equal(underFile.stderr, `eventloom: --out elsewhere/keep.ts/flow.svg cannot be written: ${join(root, 'elsewhere/keep.ts')} is a file, not a folder. Choose another path.`);
        assert.equal(readFileSync(join(root, 'elsewhere/keep.ts'), 'utf8'), 'precious\n');
    });

    it('never writes through a link inside --out, with or without --force (it followed out/banking -> elsewhere)', async () => {
        mkdirSync(join(root, 'out'));
        writeFileSync(join(root, 'out/README.md'), 'mine\n');
        symlinkSync(join(root, 'elsewhere'), join(root, 'out/banking'));
        for (const force of [[], ['--force']]) {
            const { code, stderr } = await run('generate', 'model', '--out', 'out', ...force);
            assert.equal(code, 2, stderr);
            assert.match(stderr, /Refusing to generate into .*\/out: banking there is a symbolic link, and Eventloom never writes through a link/);
        }
        assert.deepEqual(readdirSync(join(root, 'elsewhere')), ['keep.ts']);
    });

    it('refuses a link where a new context\'s folder will go', async () => {
        assert.equal((await run('generate', 'model', '--out', 'out')).code, 0);
        writeFileSync(join(root, 'model/billing.loom'), CLEAN_MODEL.replace('context Banking', 'context Billing'));
        symlinkSync(join(root, 'elsewhere'), join(root, 'out/billing'));
        const { code, stderr } = await run('generate', 'model', '--out', 'out', '--force');
        assert.equal(code, 2);
        assert.match(stderr, /billing there is a symbolic link/);
        assert.deepEqual(readdirSync(join(root, 'elsewhere')), ['keep.ts']);
    });

    it('takes --out that is a link to a folder as that folder, and keeps the link', async () => {
        mkdirSync(join(root, 'chosen'));
        symlinkSync(join(root, 'chosen'), join(root, 'out-link'));
        for (let i = 0; i < 2; i++) assert.equal((await run('generate', 'model', '--out', 'out-link')).code, 0);
        assert.ok(lstatSync(join(root, 'out-link')).isSymbolicLink());
        assert.ok(existsSync(join(root, 'chosen', MANIFEST_FILE)));
        assert.ok(existsSync(join(root, 'chosen/banking/index.ts')));
    });

    it('removes the staging folders of a killed run, and keeps those of a live one', async () => {
        const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
        try {
            const dead = 2 ** 22 + 12345; // above Linux's default pid_max: never a live process
            mkdirSync(join(root, `.out.eventloom-${dead}-AbCdEf/banking`), { recursive: true });
            mkdirSync(join(root, '.out.eventloom-Ab12Cd')); // the naming of earlier versions, without a pid
            mkdirSync(join(root, `.out.eventloom-${alive.pid}-GhIjKl`));
            assert.equal((await run('generate', 'model', '--out', 'out')).code, 0);
            assert.deepEqual(readdirSync(root).filter(name => name.startsWith('.out.')), [`.out.eventloom-${alive.pid}-GhIjKl`]);
        } finally {
            alive.kill();
        }
    });

    it('leaves nothing behind after runs killed at random moments: the next run cleans up and completes', async () => {
        const random = new Random(9);
        const cli = join(repositoryRoot, 'src/cli/main.ts');
        const shop = join(repositoryRoot, 'templates/online-shop');
        for (let attempt = 0; attempt < 3; attempt++) {
            const child = spawn(process.execPath, ['--import', join(repositoryRoot, 'src/polyfills/group-by.mjs'), '--import', 'tsx', cli, 'generate', shop, '--out', join(root, 'out')], { cwd: repositoryRoot, stdio: 'ignore' });
            // Kill once it has started writing (a staging folder appears) or after a random delay.
            const deadline = Date.now() + 60_000;
            const delay = random.int(0, 400);
            while (Date.now() < deadline && child.exitCode === null && !readdirSync(root).some(name => name.startsWith('.out.eventloom-'))) {
                await new Promise(resolve => setTimeout(resolve, 5));
            }
            await new Promise(resolve => setTimeout(resolve, delay));
            child.kill('SIGKILL');
            await new Promise(resolve => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
        }
        const { code } = await run('generate', shop, '--out', 'out');
        assert.equal(code, 0);
        assert.deepEqual(readdirSync(root).filter(name => name.startsWith('.out')), []);
        const manifest = JSON.parse(readFileSync(join(root, 'out', MANIFEST_FILE), 'utf8')) as { files: string[] };
        for (const file of manifest.files) assert.ok(existsSync(join(root, 'out', file)), file);
    });
});
