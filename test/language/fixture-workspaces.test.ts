/**
 * Fixture workspaces on disk, read the way the CLI reads them (folders, recursively): `good/` is a
 * multi-file, multi-context model that must be clean; each `bad-*` folder holds the exact
 * `path:line:column: severity: message` lines and summary it must produce, in expected-output.txt.
 * After changing a message on purpose, regenerate a folder's file and review the diff:
 *   (cd test/fixtures/bad-scenarios && npx tsx ../../../src/cli/main.ts validate . > expected-output.txt)
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkModel } from '../../src/cli/check-model.js';
import { formatProblem, summarize } from '../../src/cli/report.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

describe('fixture workspaces', () => {
    it('good/: five files in two contexts and nested folders validate clean', async () => {
        const folder = path.join(FIXTURES, 'good');
        const checked = await checkModel(['.'], folder);
        assert.deepEqual(checked.problems.map(p => formatProblem(p, folder)), []);
        assert.deepEqual(checked.files.map(f => path.relative(folder, f).split(path.sep).join('/')), [
            'banking/accounts.loom', 'banking/cards.loom', 'banking/types.loom', 'sales/leads.loom', 'sales/reports/pipeline.loom'
        ]);
        // Every reference is resolved, most of them across files.
        for (const document of checked.documents) {
            assert.deepEqual(document.references.filter(r => 'ref' in r && r.ref === undefined).map(r => r.$refText), []);
        }
    });

    const badFolders = readdirSync(FIXTURES).filter(name => name.startsWith('bad-')).sort();

    it('has bad fixtures to check', () => {
        assert.ok(badFolders.length >= 5, badFolders.join(', '));
    });

    for (const name of badFolders) {
        it(`${name}/ reports exactly what expected-output.txt says`, async () => {
            const folder = path.join(FIXTURES, name);
            const checked = await checkModel(['.'], folder);
            const output = [...checked.problems.map(p => formatProblem(p, folder)), summarize(checked.problems, checked.files.length)];
            const expected = readFileSync(path.join(folder, 'expected-output.txt'), 'utf8').trimEnd().split('\n');
            assert.deepEqual(output, expected);
            assert.equal(checked.hasErrors, true);
        });
    }
});
