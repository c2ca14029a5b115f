/**
 * The real executable, `node bin/eventloom.cjs`, as a separate process: what CI and editors run.
 * The bundle is rebuilt first when it is missing or older than any source file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROKEN_MODEL, BROKEN_MODEL_LINES, CLEAN_MODEL, installBundledCli, modelFolder, removeFolder } from './cli-test-kit.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
/** bin/ and out/*.cjs copied to a folder of their own, so a rebuild running meanwhile cannot interfere. */
let BIN = '';

function eventloom(cwd: string, ...args: string[]) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 100_000, maxBuffer: 64 * 1024 * 1024 });
    if (result.status === null) throw new Error(`eventloom ${args.join(' ')} did not finish: ${result.error?.message ?? result.signal}`);
    return { code: result.status, stdout: result.stdout.split('\n').filter(Boolean), stderr: result.stderr.split('\n').filter(Boolean) };
}

describe('eventloom validate (spawned process)', function () {
    this.timeout(240_000);
    const folders: string[] = [];

    before(() => {
        const installed = installBundledCli();
        folders.push(installed.folder);
        BIN = installed.bin;
    });
    after(() => folders.forEach(removeFolder));

    function folderWith(files: Record<string, string>): string {
        const folder = modelFolder(files);
        folders.push(folder);
        return folder;
    }

    it('exits 0 on the templates and prints the summary on stdout', () => {
        const result = eventloom(REPOSITORY, 'validate', 'templates');
        assert.equal(result.code, 0, result.stderr.join('\n'));
        assert.match(result.stdout.at(-1)!, /^No problems in \d+ files\.$/);
        assert.deepEqual(result.stderr, []);
    });

    it('exits 1 with the problems in the editor format on stdout', () => {
        const cwd = folderWith({ 'bank.loom': BROKEN_MODEL, 'ok.loom': CLEAN_MODEL.replace('Banking', 'Cards') });
        const result = eventloom(cwd, 'validate', '.');
        assert.deepEqual(result, {
            code: 1,
            stdout: [...BROKEN_MODEL_LINES.map(line => `bank.loom:${line}`), '1 error, 1 warning in 2 files.'],
            stderr: []
        });
    });

    it('exits 2 with a clear message on stderr for a missing path or a non-model file', () => {
        const cwd = folderWith({ 'notes.txt': 'hi' });
        assert.deepEqual(eventloom(cwd, 'validate', 'missing'), {
            code: 2, stdout: [], stderr: [`eventloom: missing: no such file or folder. Check the path (it is relative to ${cwd}).`]
        });
        assert.deepEqual(eventloom(cwd, 'validate', 'notes.txt'), {
            code: 2, stdout: [], stderr: ['eventloom: notes.txt: not an Eventloom model. Model files end in .loom.']
        });
    });

    it('exits 2 without arguments and prints help for --help with exit 0', () => {
        const none = eventloom(REPOSITORY, 'validate');
        assert.equal(none.code, 2);
        assert.match(none.stderr.join('\n'), /missing required argument 'paths'/);
        const help = eventloom(REPOSITORY, '--help');
        assert.equal(help.code, 0);
        assert.match(help.stdout.join('\n'), /Usage: eventloom \[options\] \[command\]/);
        const validateHelp = eventloom(REPOSITORY, 'validate', '--help');
        assert.equal(validateHelp.code, 0);
        assert.match(validateHelp.stdout.join('\n'), /Exit codes: 0 no errors/);
    });

    it('lists a capped list for a file of 160,000 misplaced lines, with nothing on stderr (Langium\'s `push(...all)` of the checks\' problems overflowed the stack: a stack trace on stderr, no problem of the checks listed)', () => {
        // One problem of the checks and one syntax error per line: 160,000 are past what one spread call takes.
        const cwd = folderWith({ 'bank.loom': `${CLEAN_MODEL}${'context B id\n'.repeat(160_000)}` });
        const result = eventloom(cwd, 'validate', '.');
        assert.equal(result.code, 1);
        assert.deepEqual(result.stderr, []);
        const misplaced = 'error: This file already belongs to context Banking: a file has exactly one `context` line. Remove this one, or move the declarations below it into a file of their own.';
        assert.equal(result.stdout.filter(line => line.endsWith(misplaced)).length, 10_000);
        assert.equal(result.stdout.filter(line => line.endsWith('error: Expected the end of the file here, but found `id`.')).length, 1_000);
        assert.deepEqual(result.stdout.filter(line => line.includes(' are shown; ')), [
            'bank.loom:1007:11: error: 1,000 syntax errors are shown; 159,000 more from here on are not. Fix the first ones, then validate again: one syntax error often causes the next.',
            'bank.loom:10007:9: error: 10,000 problems found by Eventloom\'s checks are shown; 150,000 more in this file are not. Fix the ones shown, then validate again.'
        ]);
        assert.equal(result.stdout.length, 11_003);
        assert.equal(result.stdout.at(-1), '320000 errors, 0 warnings in 1 file (309000 of them not listed).');
    });

    it('runs from any folder (the bundle finds nothing relative to the working directory)', () => {
        const cwd = folderWith({ 'deep/er/bank.loom': CLEAN_MODEL });
        assert.deepEqual(eventloom(path.join(cwd, 'deep'), 'validate', 'er'), { code: 0, stdout: ['No problems in 1 file.'], stderr: [] });
    });
});
