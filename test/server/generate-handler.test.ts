/**
 * The language server's side of Generate: `eventloom/generate` generates the workspace's current
 * models (refusing while any has an error), and ts-morph stays out of the server's and the
 * extension's start-up: their bundles do not contain it, nor does `out/generator.cjs`; only `out/ts-morph.cjs` does.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { registerScenarioCheck } from '../../src/semantics/scenario-check.js';
import { buildWorkspace } from '../kit/workspace.js';
import { generateWorkspace, toResponseError } from '../../src/server/generate-handler.js';
import { generateFailureOf } from '../../src/protocol/generate-request.js';
import { MANIFEST_FILE } from '../../src/generator/output-folder.js';
import { REPO_ROOT, scratchFolder } from '../generator/generator-test-kit.js';

describe('eventloom/generate in the language server', function () {
    this.timeout(60_000);
    let folder: string;
    beforeEach(() => { folder = scratchFolder('server'); });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    async function workspace(files: Record<string, string>) {
        const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
        registerScenarioCheck(Eventloom); // as the server's own factory does

        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        await buildWorkspace(files, { shared, folder: '/workspace' });
        return shared;
    }

    it('generates every model of the workspace into the folder it is given', async () => {
        const shared = await workspace({ 'banking.loom': readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8') });
        const out = join(folder, 'generated');
        const result = await generateWorkspace(shared, { outDir: out });
        assert.equal(result.outDir, out);
        assert.deepEqual(result.written.sort(), JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')).files);
        assert.ok(result.written.includes('banking/bank-account.ts'));
        assert.deepEqual((await generateWorkspace(shared, { outDir: out })).written, []);
    });

    it('writes the app on Emmett too when the client asks for runtime emmett (the setting eventloom.generate.runtime)', async () => {
        const shared = await workspace({ 'banking.loom': readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8') });
        const plain = await generateWorkspace(shared, { outDir: join(folder, 'plain') });
        const withApp = await generateWorkspace(shared, { outDir: join(folder, 'app'), runtime: 'emmett' });
        assert.deepEqual(withApp.written.filter(path => !plain.written.includes(path)).sort(), ['app.ts', 'http.ts', 'runtime.ts', 'server.ts']);
        assert.match(readFileSync(join(folder, 'app', 'app.ts'), 'utf8'), /withdrawMoney: \(accountId: string, data: Banking\.WithdrawMoney\['data'\]\)/);
    });

    it('writes nothing while a model has an error, and says where the first one is', async () => {
        const shared = await workspace({ 'broken.loom': 'context Broken\naggregate Thing {\n  id thingId: uuid\n  command Make { emits Made }\n}\n' });
        const out = join(folder, 'generated');
        await assert.rejects(generateWorkspace(shared, { outDir: out }), /^Error: Nothing generated: the model has 1 error\(s\)\. Fix them first \(see the Problems view\); the first is broken\.loom:4: .*Made/);
        assert.ok(!existsSync(out));
    });

    it('generates while a scenario fails: the model is well-formed, and the failing test shows why (DESIGN §4)', async () => {
        const bank = readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8')
            .replace('requires amount.amount <= balance + overdraftLimit', 'requires amount.amount <= balance + overdraftLimit + 1');
        const shared = await workspace({ 'banking.loom': bank });
        const [document] = shared.workspace.LangiumDocuments.all.toArray();
        const errors = document.diagnostics?.filter(d => d.severity === 1).map(d => String(d.message).split(':')[0]) ?? [];
        assert.ok(errors.length > 0 && errors.every(error => error === 'Scenario fails'), `the bent rule fails scenarios, and nothing else is wrong: ${errors.join('; ')}`);
        const out = join(folder, 'generated');
        const result = await generateWorkspace(shared, { outDir: out });
        assert.ok(result.written.includes('banking/bank-account.ts'));
    });

    it('tells the client why it refused in the response data, not only in words', async () => {
        const broken = await workspace({ 'broken.loom': 'context Broken\naggregate Thing {\n  id thingId: uuid\n  command Make { emits Made }\n}\n' });
        const refusal = await generateWorkspace(broken, { outDir: join(folder, 'generated') }).catch((error: unknown) => error);
        assert.deepEqual(generateFailureOf(await toResponseError(refusal)), { reason: 'modelHasErrors' });

        const banking = await workspace({ 'banking.loom': readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8') });
        const foreign = join(folder, 'theirs');
        mkdirSync(foreign);
        writeFileSync(join(foreign, 'README.md'), 'not ours\n');
        const failure = await generateWorkspace(banking, { outDir: foreign }).catch((error: unknown) => error);
        const response = await toResponseError(failure);
        assert.match(response.message, /holds files Eventloom did not write \(README\.md\)/);
        assert.deepEqual(generateFailureOf(response), { reason: 'foreignFiles' }, 'the extension offers "Generate Anyway" for this reason only');
        assert.deepEqual(generateFailureOf(await toResponseError(await generateWorkspace(banking, { outDir: '' }).catch((error: unknown) => error))), { reason: 'noOutputFolder' });
        assert.equal(generateFailureOf(new Error('did not write')), undefined, 'an error without data has no reason');
    });

    it('keeps ts-morph out of the server, extension and generator bundles; only its own bundle has it', async () => {
        const inputsOf = async (entry: string) => {
            const result = await esbuild.build({
                entryPoints: [join(REPO_ROOT, entry)], bundle: true, write: false, metafile: true, platform: 'node',
                format: 'cjs', external: ['vscode'], logLevel: 'silent', outdir: join(folder, 'bundle')
            });
            return Object.keys(result.metafile!.inputs);
        };
        const usesTsMorph = (inputs: string[]) => inputs.some(input => /node_modules\/(ts-morph|@ts-morph)\//.test(input));
        const server = await inputsOf('src/server/main.ts');
        assert.ok(server.some(input => input.endsWith('src/server/generate-handler.ts')), 'the server registers the handler');
        assert.equal(usesTsMorph(server), false, 'the server bundle must not contain ts-morph');
        assert.equal(usesTsMorph(await inputsOf('src/extension/main.ts')), false, 'the extension bundle must not contain ts-morph');
        // Not even the generator's: a file written as generated needs no parser; the merge and the
        // scenario runs load ts-morph's own bundle on first use.
        assert.equal(usesTsMorph(await inputsOf('src/generator/generate-to-folder.ts')), false, 'the generator bundle must not contain ts-morph');
        assert.equal(usesTsMorph(await inputsOf('src/generator/ts-morph-bundle.ts')), true);
    });
});
