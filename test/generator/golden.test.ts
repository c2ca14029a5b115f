/**
 * Golden files, one case per construct: the generated TypeScript for small models is compared
 * byte for byte with the files under `golden/<case>/` (named `<path>.golden`, so no TypeScript
 * tooling picks them up). After an intended change to the output, regenerate them with
 *
 *     EVENTLOOM_UPDATE_GOLDEN=1 npx mocha test/generator/golden.test.ts
 *
 * and review the diff.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { updateGolden, UPDATE_GOLDEN_VARIABLE } from '../kit/golden.js';
import { generateFrom, readModelFiles, REPO_ROOT } from './generator-test-kit.js';

const goldenRoot = join(REPO_ROOT, 'test/generator/golden');

const cases: Record<string, string[]> = {
    'banking-template': ['templates/banking.loom'],
    'value-types-and-enums': ['test/generator/models/value-types-and-enums.loom'],
    'keyword-fields': ['test/generator/models/keyword-fields.loom'],
    'read-model-keys': ['test/generator/models/read-model-keys.loom'],
    'cross-context': ['test/generator/models/cross-context-a.loom', 'test/generator/models/cross-context-b.loom']
};

describe('generated TypeScript matches the golden files', function () {
    this.timeout(60_000);
    for (const [name, paths] of Object.entries(cases)) {
        it(name, async () => {
            const files = await generateFrom(Object.assign({}, ...paths.map(readModelFiles)));
            const folder = join(goldenRoot, name);
            if (updateGolden) {
                rmSync(folder, { recursive: true, force: true });
                for (const file of files) {
                    mkdirSync(dirname(join(folder, file.path)), { recursive: true });
                    writeFileSync(join(folder, `${file.path}.golden`), file.text);
                }
            }
            assert.ok(existsSync(folder), `no golden files for ${name}: run with ${UPDATE_GOLDEN_VARIABLE}=1`);
            const expected = listGolden(folder);
            assert.deepEqual(files.map(file => file.path).sort(), Object.keys(expected).sort(), 'the same files');
            for (const file of files) {
                assert.equal(file.text, expected[file.path], `${name}/${file.path} differs from its golden file`);
            }
        });
    }

    it('generates byte-identical output from the same model, whatever the order of its files', async () => {
        const paths = cases['cross-context'];
        const forward = await generateFrom(Object.assign({}, ...paths.map(readModelFiles)));
        const backward = await generateFrom(Object.assign({}, ...[...paths].reverse().map(readModelFiles)));
        assert.deepEqual(backward, forward);
    });
});

function listGolden(folder: string): Record<string, string> {
    const found: Record<string, string> = {};
    const visit = (path: string) => {
        for (const entry of readdirSync(path, { withFileTypes: true })) {
            const child = join(path, entry.name);
            if (entry.isDirectory()) visit(child);
            else if (entry.name.endsWith('.golden')) found[relative(folder, child).slice(0, -'.golden'.length)] = readFileSync(child, 'utf8');
        }
    };
    visit(folder);
    return found;
}
