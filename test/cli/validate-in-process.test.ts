/**
 * `eventloom validate` through runCli, in-process: exit codes, the exact
 * `path:line:column: severity: message` lines and summary, files / several files / folders, and
 * arguments or files it cannot use.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/run-cli.js';
import {
    BROKEN_MODEL, BROKEN_MODEL_LINES, CLEAN_MODEL, WARNING_MODEL, captureOutput, modelFolder, removeFolder
} from './cli-test-kit.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
/** The user id of `nobody` on Debian: an unprivileged user that exists on every machine. */
const NOBODY = 65534;

describe('eventloom validate (in-process)', () => {
    const folders: string[] = [];
    function folderWith(files: Record<string, string | Buffer>): string {
        const folder = modelFolder(files);
        folders.push(folder);
        return folder;
    }
    after(() => folders.forEach(removeFolder));

    async function run(cwd: string, ...argv: string[]) {
        const output = captureOutput(cwd);
        const code = await runCli(argv, output);
        return { code, stdout: output.stdout, stderr: output.stderr };
    }

    it('exits 0 and says so for a clean model', async () => {
        const cwd = folderWith({ 'bank.loom': CLEAN_MODEL });
        assert.deepEqual(await run(cwd, 'validate', 'bank.loom'), { code: 0, stdout: ['No problems in 1 file.'], stderr: [] });
    });

    it('exits 1 and prints each problem as path:line:column: severity: message, then a summary', async () => {
        const cwd = folderWith({ 'models/bank.loom': BROKEN_MODEL });
        const result = await run(cwd, 'validate', 'models/bank.loom');
        assert.deepEqual(result, {
            code: 1,
            stdout: [...BROKEN_MODEL_LINES.map(line => `${path.join('models', 'bank.loom')}:${line}`), '1 error, 1 warning in 1 file.'],
            stderr: []
        });
    });

    it('exits 0 when there are only warnings', async () => {
        const cwd = folderWith({ 'bank.loom': WARNING_MODEL });
        const result = await run(cwd, 'validate', 'bank.loom');
        assert.equal(result.code, 0);
        assert.deepEqual(result.stdout, [
            'bank.loom:5:9: warning: No command emits AccountClosed: add it to the `emits` of a command of Account, or remove the event.',
            '0 errors, 1 warning in 1 file.'
        ]);
    });

    it("runs the checks that read other files too: an event the other file's read model skips", async () => {
        const cwd = folderWith({
            'bank.loom': 'context Banking\naggregate Account {\n  id accountId: uuid\n  command Open { owner: string, emits Opened }\n  command Freeze { emits Frozen }\n  event Opened { owner: string }\n  event Frozen {}\n}',
            'views.loom': 'context Sales\nreadmodel Owners { key accountId: uuid, owner: string, on Banking.Opened }'
        });
        const result = await run(cwd, 'validate', '.');
        assert.deepEqual(result, {
            code: 0,
            stdout: [
                'bank.loom:7:9: warning: Nothing reads Frozen: no read model or policy handles it (unlike Opened) and aggregate Account keeps no state. '
                    + 'Handle it (`on Frozen` in a read model or policy) or give Account state that it changes.',
                '0 errors, 1 warning in 2 files.'
            ],
            stderr: []
        });
    });

    it('validates several files as one model, sorted by path', async () => {
        const cwd = folderWith({
            'b.loom': 'context Banking\nreadmodel Owners { owner: string, on AccountOpened }',
            'a.loom': BROKEN_MODEL
        });
        const result = await run(cwd, 'validate', 'b.loom', 'a.loom');
        assert.equal(result.code, 1);
        assert.deepEqual(result.stdout, [...BROKEN_MODEL_LINES.map(line => `a.loom:${line}`), '1 error, 1 warning in 2 files.']);
    });

    it('searches folders recursively, skipping hidden folders, node_modules and other files', async () => {
        const cwd = folderWith({
            'model/context.loom': 'context Banking\nenum Currency { EUR }',
            'model/deep/er/account.loom': CLEAN_MODEL.replace('context Banking\n', 'context Banking\n// nested\n'),
            'model/notes.md': '# not a model',
            'model/.hidden/broken.loom': 'this is not parsed',
            'model/node_modules/pkg/broken.loom': 'nor is this'
        });
        assert.deepEqual(await run(cwd, 'validate', 'model'), { code: 0, stdout: ['No problems in 2 files.'], stderr: [] });
        const broken = await run(cwd, 'validate', 'model', 'model/.hidden/broken.loom');
        assert.equal(broken.code, 1, 'a hidden file named explicitly is validated');
        assert.match(broken.stdout.at(-1)!, /in 3 files\.$/);
    });

    it('counts a file named twice (directly and through its folder) once', async () => {
        const cwd = folderWith({ 'm/bank.loom': CLEAN_MODEL });
        assert.deepEqual((await run(cwd, 'validate', 'm', 'm/bank.loom', './m/bank.loom')).stdout, ['No problems in 1 file.']);
    });

    it('prints absolute paths for files outside the working directory', async () => {
        const models = folderWith({ 'bank.loom': BROKEN_MODEL });
        const elsewhere = folderWith({});
        const result = await run(elsewhere, 'validate', path.join(models, 'bank.loom'));
        assert.equal(result.stdout[0], `${path.join(models, 'bank.loom')}:${BROKEN_MODEL_LINES[0]}`);
    });

    it('validates the bundled templates without a problem', async () => {
        assert.deepEqual(await run(REPOSITORY, 'validate', 'templates'), {
            code: 0, stdout: [`No problems in ${(await import('node:fs')).readdirSync(path.join(REPOSITORY, 'templates'), { recursive: true }).filter(f => String(f).endsWith('.loom')).length} files.`], stderr: []
        });
    });

    describe('arguments it cannot use (exit 2)', () => {
        it('a missing path', async () => {
            const cwd = folderWith({ 'bank.loom': CLEAN_MODEL });
            assert.deepEqual(await run(cwd, 'validate', 'bank.loom', 'nope.loom'), {
                code: 2, stdout: [], stderr: [`eventloom: nope.loom: no such file or folder. Check the path (it is relative to ${cwd}).`]
            });
        });

        it('a file that is not a .loom model', async () => {
            const cwd = folderWith({ 'notes.txt': 'hello' });
            assert.deepEqual(await run(cwd, 'validate', 'notes.txt'), {
                code: 2, stdout: [], stderr: ['eventloom: notes.txt: not an Eventloom model. Model files end in .loom.']
            });
        });

        it('a folder without models', async () => {
            const cwd = folderWith({ 'docs/readme.md': '# hi' });
            assert.deepEqual(await run(cwd, 'validate', 'docs'), {
                code: 2, stdout: [], stderr: ['eventloom: docs: this folder holds no .loom files.']
            });
        });

        it('no path at all', async () => {
            const result = await run(folderWith({}), 'validate');
            assert.equal(result.code, 2);
            assert.deepEqual(result.stdout, []);
            assert.equal(result.stderr[0], "error: missing required argument 'paths'");
        });

        it('an unknown command or option', async () => {
            const cwd = folderWith({});
            const command = await run(cwd, 'valdate', 'x.loom');
            assert.equal(command.code, 2);
            assert.match(command.stderr.join('\n'), /unknown command 'valdate'/);
            const option = await run(cwd, 'validate', '--strict', 'x.loom');
            assert.equal(option.code, 2);
            assert.match(option.stderr.join('\n'), /unknown option '--strict'/);
        });
    });

    describe('files it cannot parse never crash it', () => {
        it('an empty file gets one error: it has no context', async () => {
            const cwd = folderWith({ 'empty.loom': '' });
            assert.deepEqual(await run(cwd, 'validate', 'empty.loom'), {
                code: 1,
                stdout: ['empty.loom:1:1: error: This file has no bounded context: start it with `context Name` (for example `context Banking`).', '1 error, 0 warnings in 1 file.'],
                stderr: []
            });
        });

        it('a binary file is reported and the other files are still checked', async () => {
            const cwd = folderWith({ 'm/image.loom': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0xff, 0xfe]), 'm/bank.loom': BROKEN_MODEL });
            const result = await run(cwd, 'validate', 'm');
            assert.equal(result.code, 1);
            assert.deepEqual(result.stdout, [
                ...BROKEN_MODEL_LINES.map(line => `${path.join('m', 'bank.loom')}:${line}`),
                `${path.join('m', 'image.loom')}:1:1: error: this is a binary file, not an Eventloom model: remove it or rename it so it does not end in .loom.`,
                '2 errors, 1 warning in 2 files.'
            ]);
        });

        it('an unreadable entry (a broken link) is reported and the other files are still checked', async () => {
            const cwd = folderWith({ 'm/bank.loom': CLEAN_MODEL });
            symlinkSync(path.join(cwd, 'gone.loom'), path.join(cwd, 'm', 'ghost.loom'));
            const result = await run(cwd, 'validate', 'm');
            assert.equal(result.code, 1);
            assert.deepEqual(result.stdout, [
                `${path.join('m', 'ghost.loom')}:1:1: error: cannot read the file: it does not exist (a broken link?); fix or remove it.`,
                '1 error, 0 warnings in 2 files.'
            ]);
        });

        it('follows a link to a model file but not a link to a folder', async () => {
            const cwd = folderWith({ 'real/bank.loom': CLEAN_MODEL, 'm/other.loom': 'context Cards\nenum Brand { Visa }' });
            symlinkSync(path.join(cwd, 'real', 'bank.loom'), path.join(cwd, 'm', 'linked.loom'));
            mkdirSync(path.join(cwd, 'm', 'sub'));
            symlinkSync(path.join(cwd, 'm'), path.join(cwd, 'm', 'sub', 'loop.loom'));
            assert.deepEqual((await run(cwd, 'validate', 'm')).stdout, ['No problems in 2 files.']);
        });

        it('a file without read permission is reported', async function () {
            if (process.platform === 'win32') this.skip();
            const { chmodSync } = await import('node:fs');
            const cwd = folderWith({ 'locked.loom': CLEAN_MODEL });
            chmodSync(path.join(cwd, 'locked.loom'), 0o000);
            // Root reads any file: as root (CI's containers, this machine) the run takes an
            // unprivileged user's effective id for its duration, the folder opened to it.
            const asRoot = process.getuid?.() === 0;
            if (asRoot) {
                chmodSync(cwd, 0o755);
                process.seteuid!(NOBODY);
            }
            let result: Awaited<ReturnType<typeof run>>;
            try {
                result = await run(cwd, 'validate', 'locked.loom');
            } finally {
                if (asRoot) process.seteuid!(0);
                chmodSync(path.join(cwd, 'locked.loom'), 0o600);
            }
            assert.equal(result.code, 1);
            assert.equal(result.stdout[0], 'locked.loom:1:1: error: cannot read the file: permission denied; check its permissions.');
        });

        it('Windows line endings and a byte-order mark change no line or column', async () => {
            const cwd = folderWith({ 'crlf.loom': `\uFEFF${BROKEN_MODEL.replace(/\n/g, '\r\n')}` });
            const result = await run(cwd, 'validate', 'crlf.loom');
            assert.deepEqual(result.stdout, [...BROKEN_MODEL_LINES.map(line => `crlf.loom:${line}`), '1 error, 1 warning in 1 file.']);
        });

        it('a file of garbage text gets parse errors, not a crash', async () => {
            const cwd = folderWith({ 'noise.loom': '}{ ][ :: "unterminated\n@#$%^&*\ncontext\n' + 'x'.repeat(5000) });
            const result = await run(cwd, 'validate', 'noise.loom');
            assert.equal(result.code, 1);
            assert.ok(result.stdout.length >= 2);
            for (const line of result.stdout.slice(0, -1)) assert.match(line, /^noise\.loom:\d+:\d+: error: /);
        });
    });

    describe('help', () => {
        it('--help describes the program and its commands', async () => {
            const result = await run(REPOSITORY, '--help');
            assert.equal(result.code, 0);
            const help = result.stdout.join('\n');
            assert.match(help, /^Usage: eventloom \[options\] \[command\]/);
            assert.match(help, /validate <paths\.\.\.>\s+Check models and print each problem/);
        });

        it('validate --help gives the arguments and the exit codes', async () => {
            const result = await run(REPOSITORY, 'validate', '--help');
            assert.equal(result.code, 0);
            const help = result.stdout.join('\n');
            assert.match(help, /^Usage: eventloom validate \[options\] <paths\.\.\.>/);
            assert.match(help, /\.loom files or folders \(searched recursively\)/);
            assert.match(help, /Exit codes: 0 no errors \(warnings allowed\), 1 errors found, 2 unusable arguments\./);
        });

        it('help validate is the same as validate --help', async () => {
            assert.deepEqual((await run(REPOSITORY, 'help', 'validate')).stdout, (await run(REPOSITORY, 'validate', '--help')).stdout);
        });

        it('--version prints the version', async () => {
            const result = await run(REPOSITORY, '--version');
            assert.equal(result.code, 0);
            assert.match(result.stdout[0], /^\d+\.\d+\.\d+$/);
        });

        it('--version is the package\'s version', async () => {
            const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
            assert.deepEqual((await run(REPOSITORY, '--version')).stdout, [version]);
        });
    });
});
