/**
 * The generated TypeScript compiles as generated, before any hand edit: every template, every good
 * fixture and every construct model, with `--strict`, in an ESM NodeNext package and under
 * `moduleResolution: bundler` (TypeScript 5.9's compiler API), and with TypeScript 7's `tsc`.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateFrom, readModelFiles, REPO_ROOT, scratchPackage, typeCheck } from './generator-test-kit.js';

const templates = readdirSync(join(REPO_ROOT, 'templates')).map(name => `templates/${name}`);
const goodFixtures = readdirSync(join(REPO_ROOT, 'test/fixtures/good')).length > 0 ? ['test/fixtures/good'] : [];
const models = [...templates, ...goodFixtures, 'test/generator/models'];

describe('generated code type-checks with tsc --strict', function () {
    this.timeout(60_000);
    for (const path of models) {
        it(`${path}: NodeNext ESM package and moduleResolution bundler (TypeScript 5.9)`, async () => {
            const files = await generateFrom(readModelFiles(path));
            assert.ok(files.length > 0);
            assert.deepEqual(typeCheck(files, 'nodenext'), []);
            assert.deepEqual(typeCheck(files, 'bundler'), []);
        });
    }

    it('templates: TypeScript 7 (tsc --strict --noEmit, NodeNext)', async function () {
        this.timeout(120_000);
        for (const path of templates) {
            const files = await generateFrom(readModelFiles(path));
            const root = scratchPackage();
            try {
                for (const file of files) {
                    mkdirSync(dirname(join(root, file.path)), { recursive: true });
                    writeFileSync(join(root, file.path), file.text);
                }
                const tsc7 = join(REPO_ROOT, 'node_modules/typescript7/bin/tsc');
                const args = ['--ignoreConfig', '--strict', '--noEmit', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext',
                    '--moduleResolution', 'nodenext', '--types', 'node', ...files.map(file => join(root, file.path))];
                const version = execFileSync(process.execPath, [tsc7, '--version'], { encoding: 'utf8' });
                assert.match(version, /Version 7\./);
                try {
                    execFileSync(process.execPath, [tsc7, ...args], { encoding: 'utf8', cwd: root });
                } catch (error) {
                    assert.fail(`TypeScript 7 rejects the code generated from ${path}:\n${(error as { stdout?: string }).stdout}`);
                }
            } finally {
                rmSync(root, { recursive: true, force: true });
            }
        }
    });

    for (const [model, file, union, existing] of [
        ['test/cli/models/hand-written/banking.loom', 'banking/bank-account.ts', 'BankAccountCommand', 'OpenAccount |'],
        ['test/generator/models/value-types-and-enums.loom', 'catalog/product.ts', 'ProductCommand', 'ListProduct;']
    ]) {
        it(`a new command breaks compilation exactly where decide must handle it (${union}, exhaustive switch)`, async () => {
            const files = await generateFrom(readModelFiles(model));
            // Grow the union by hand, as if the model had a new command that the switch does not handle yet.
            const edited = files.map(generated => generated.path === file
                ? { ...generated, text: generated.text.replace(`export type ${union} = ${existing}`, `export type ${union} = { readonly type: 'CloseAccount'; readonly data: {} } | ${existing}`) }
                : generated);
            assert.notDeepEqual(edited, files);
            const errors = typeCheck(edited, 'nodenext');
            assert.equal(errors.length, 1, errors.join('\n'));
            assert.match(errors[0], new RegExp(`^generated/${file.replace('.', '\\.')}:\\d+: Argument of type .*CloseAccount.* is not assignable to parameter of type 'never'`));
            const line = Number(/:(\d+):/.exec(errors[0])![1]);
            assert.match(edited.find(generated => generated.path === file)!.text.split('\n')[line - 1], /default: return assertNever\(command/);
        });
    }
});
