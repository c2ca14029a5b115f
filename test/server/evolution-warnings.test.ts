/**
 * The editor's evolution warnings: a change that breaks stored events, compared with HEAD, is a
 * warning on the event's name (the same finding `eventloom evolution --against HEAD` prints as an
 * error); a folder outside git, or a repository without a commit, gets none.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { registerEvolutionWarnings } from '../../src/server/evolution-warnings.js';
import { modelFolder, removeFolder } from '../cli/cli-test-kit.js';

const MODEL = `context Banking
aggregate BankAccount {
  id accountId: uuid
  command OpenAccount { owner: string, emits AccountOpened }
  event AccountOpened { owner: string }
}
`;
const CHANGED = MODEL.replace('{ owner: string }', '{ holder: string }');

function git(cwd: string, ...args: string[]): void {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd, stdio: 'ignore' });
}

async function warningsOf(folder: string, text: string) {
    const services = createEventloomServices(EmptyFileSystem);
    registerEvolutionWarnings(services.Eventloom);
    const [document] = await buildDocuments(services.shared, [{ path: path.join(folder, 'banking.loom'), text }]);
    return (document.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity === 2 ? 'warning' : 'error'} ${d.message}`);
}

describe('evolution warnings in the editor (against HEAD)', function () {
    this.timeout(30_000);
    let folder: string;
    beforeEach(() => { folder = modelFolder({ 'banking.loom': MODEL }); });
    afterEach(() => removeFolder(folder));

    it('warns on the event whose stored shape the working tree breaks, and on nothing else', async () => {
        git(folder, 'init', '-q');
        git(folder, 'add', '.');
        git(folder, 'commit', '-q', '-m', 'model');
        assert.deepEqual(await warningsOf(folder, MODEL), []);
        assert.deepEqual(await warningsOf(folder, CHANGED), [
            '5:9 warning AccountOpened: field owner was renamed to holder since HEAD, which breaks the AccountOpened events already stored. Keep the old shape, or add `version 2` to AccountOpened and an `upcast AccountOpened from 1 { …its fields at HEAD… } { …values for the new ones… }`.'
        ]);
    });

    it('says nothing outside a repository or before its first commit', async () => {
        assert.deepEqual(await warningsOf(folder, CHANGED), []);
        git(folder, 'init', '-q');
        assert.deepEqual(await warningsOf(folder, CHANGED), []);
    });
});
