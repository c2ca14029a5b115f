/**
 * The writer's safety rules: atomic (a failure midway leaves the previous output as it was, with
 * no staging folder left behind), never outside the output folder (whatever the paths, symbolic
 * links included), refuses a folder holding files Eventloom did not write unless forced.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateModel, type GeneratedFile } from '../../src/generator/generate-model.js';
import { MANIFEST_FILE, OutputFolderError, writeOutput } from '../../src/generator/output-folder.js';
import { loadModels, readModelFiles, scratchFolder } from './generator-test-kit.js';

function snapshot(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const visit = (path: string, prefix: string) => {
        for (const entry of readdirSync(path, { withFileTypes: true })) {
            if (entry.isDirectory()) visit(join(path, entry.name), `${prefix}${entry.name}/`);
            else files[`${prefix}${entry.name}`] = readFileSync(join(path, entry.name), 'utf8');
        }
    };
    visit(folder, '');
    return files;
}

describe('the output folder', function () {
    this.timeout(60_000);
    let parent: string;
    let out: string;
    let banking: GeneratedFile[];
    let shop: GeneratedFile[];
    before(async () => {
        // The hand-written bank: its projection's stubs are what "nobody touched" means here.
        banking = generateModel(await loadModels(readModelFiles('test/cli/models/hand-written/banking.loom')));
        shop = generateModel(await loadModels(readModelFiles('templates/online-shop')));
    });
    beforeEach(() => {
        parent = scratchFolder('output');
        out = join(parent, 'generated');
    });
    afterEach(() => rmSync(parent, { recursive: true, force: true }));

    it('is written with a manifest of what Eventloom wrote', async () => {
        const result = await writeOutput(out, banking);
        assert.deepEqual(result.written, banking.map(file => file.path));
        const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'));
        assert.deepEqual(manifest.files, banking.map(file => file.path).sort());
        assert.deepEqual(Object.keys(manifest.pristine), manifest.files, 'as generated, every file is pristine');
        assert.equal(manifest.pristine['banking/index.ts'], createHash('sha256').update(readFileSync(join(out, 'banking/index.ts'), 'utf8')).digest('hex'));
        assert.equal(readFileSync(join(out, 'banking/index.ts'), 'utf8'), banking.find(file => file.path === 'banking/index.ts')!.text);
    });

    it('stays as it was when writing fails midway, and leaves no staging folder behind', async () => {
        await writeOutput(out, banking);
        const before = snapshot(out);
        let writes = 0;
        const failing = async (path: string, text: string) => {
            if (++writes === 5) throw new Error('disk full (simulated)');
            await writeFile(path, text);
        };
        await assert.rejects(writeOutput(out, shop, { writeFile: failing }), /disk full/);
        assert.ok(writes >= 5, 'the failure happened midway');
        assert.deepEqual(snapshot(out), before);
        assert.deepEqual(readdirSync(parent), ['generated']);
    });

    it('restores the previous output when a swap was interrupted between its two renames', async () => {
        await writeOutput(out, banking);
        const before = snapshot(out);
        // What a crash right after the first rename leaves behind.
        const { renameSync } = await import('node:fs');
        renameSync(out, join(parent, '.generated.eventloom-abc123.previous'));
        const result = await writeOutput(out, banking);
        assert.deepEqual(result.written, []);
        assert.deepEqual(snapshot(out), before);
    });

    it('never writes outside the output folder, whatever the paths', async () => {
        for (const path of ['../escaped.ts', '/etc/escaped.ts', 'a/../../escaped.ts', 'a\\..\\..\\escaped.ts', './a.ts', 'a//b.ts']) {
            await assert.rejects(writeOutput(out, [{ path, text: 'x' }]), (error: Error) =>
                error instanceof OutputFolderError && error.message.includes('must stay inside'), path);
        }
        assert.deepEqual(readdirSync(parent), []);
    });

    it('refuses a symbolic link planted where it writes a file, forced or not, and changes nothing', async () => {
        await writeOutput(out, banking);
        const target = join(parent, 'outside.ts');
        writeFileSync(target, 'precious\n');
        rmSync(join(out, 'banking/types.ts'));
        symlinkSync(target, join(out, 'banking/types.ts'));
        for (const force of [false, true]) {
            await assert.rejects(writeOutput(out, banking, { force }), (error: Error) =>
                error instanceof OutputFolderError && error.message.includes('banking/types.ts there is a symbolic link'));
        }
        assert.equal(readFileSync(target, 'utf8'), 'precious\n');
    });

    it('refuses a folder holding files Eventloom did not write, unless forced (and then leaves them alone)', async () => {
        mkdirSync(join(out, 'src'), { recursive: true });
        writeFileSync(join(out, 'src/app.ts'), 'my app\n');
        writeFileSync(join(out, 'README.md'), 'mine\n');
        await assert.rejects(writeOutput(out, banking), (error: Error) =>
            error instanceof OutputFolderError && /holds files Eventloom did not write \(README\.md, src\/app\.ts\).*--force/.test(error.message));
        assert.deepEqual(snapshot(out), { 'README.md': 'mine\n', 'src/app.ts': 'my app\n' });
        const result = await writeOutput(out, banking, { force: true });
        assert.equal(result.written.length, banking.length);
        assert.equal(readFileSync(join(out, 'src/app.ts'), 'utf8'), 'my app\n');
        assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), 'mine\n');
        // A file the user adds later to an Eventloom folder is foreign too.
        writeFileSync(join(out, 'banking/extra.ts'), 'export {};\n');
        await assert.rejects(writeOutput(out, banking), /banking\/extra\.ts/);
    });

    it('in a folder shared with the user\'s files (--force), stays as it was when writing fails midway', async () => {
        mkdirSync(out);
        writeFileSync(join(out, 'notes.md'), 'mine\n');
        await writeOutput(out, banking, { force: true });
        const before = snapshot(out);
        let writes = 0;
        const failing = async (path: string, text: string) => {
            if (++writes === 5) throw new Error('disk full (simulated)');
            await writeFile(path, text);
        };
        await assert.rejects(writeOutput(out, shop, { force: true, writeFile: failing }), /disk full/);
        assert.deepEqual(snapshot(out), before);
        assert.deepEqual(readdirSync(parent), ['generated']);
        const result = await writeOutput(out, shop, { force: true });
        assert.ok(result.written.includes('ordering/order.ts') && result.removed.includes('banking/types.ts'));
        assert.equal(readFileSync(join(out, 'notes.md'), 'utf8'), 'mine\n');
        assert.equal(readFileSync(join(out, 'ordering/order.ts'), 'utf8'), shop.find(file => file.path === 'ordering/order.ts')!.text);
        assert.ok(!existsSync(join(out, 'banking/types.ts')));
    });

    it('refuses a manifest that is not Eventloom\'s', async () => {
        mkdirSync(out);
        writeFileSync(join(out, MANIFEST_FILE), '{ "files": "nope" }');
        await assert.rejects(writeOutput(out, banking), /not Eventloom's/);
    });

    it('removes the files of a removed context that hold no user code, keeps (as obsolete) those the user edited', async () => {
        await writeOutput(out, [...banking, ...shop]);
        const aggregate = join(out, 'banking/bank-account.ts');
        writeFileSync(aggregate, readFileSync(aggregate, 'utf8').replace('return state;', 'return { ...state }; // edited'));
        const result = await writeOutput(out, shop);
        assert.deepEqual(result.removed.sort(), banking.map(file => file.path).filter(path => path !== 'banking/bank-account.ts' && path.includes('/')).sort(),
            'fully generated files, and hand-written parts nobody touched (the projection\'s stubs), go');
        assert.deepEqual(result.obsolete, ['banking/bank-account.ts']);
        assert.ok(!existsSync(join(out, 'banking/account-summary.projection.ts')));
        assert.match(readFileSync(aggregate, 'utf8'), /\/\/ {5}return \{ \.\.\.state \}; \/\/ edited/);
    });

    it('with check, writes nothing and lists what would change', async () => {
        const result = await writeOutput(out, banking, { check: true });
        assert.deepEqual(result.written, banking.map(file => file.path));
        assert.ok(!existsSync(out));
        await writeOutput(out, banking);
        assert.deepEqual((await writeOutput(out, banking, { check: true })).written, []);
    });
});
