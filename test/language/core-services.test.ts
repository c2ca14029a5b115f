/**
 * The CLI's core-only services (no LSP layer) parse, link and validate exactly as the language
 * server's: the same diagnostics on every fixture workspace and template.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { createEventloomCoreServices, createEventloomServices } from '../../src/language/eventloom-module.js';
import { REPO_ROOT } from '../kit/paths.js';
import { buildWorkspace } from '../kit/workspace.js';

function loomFiles(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const visit = (entry: string) => {
        if (statSync(entry).isDirectory()) readdirSync(entry).sort().forEach(child => visit(join(entry, child)));
        else if (entry.endsWith('.loom')) files[relative(folder, entry)] = readFileSync(entry, 'utf8');
    };
    visit(folder);
    return files;
}

function diagnosticsOf(documents: ReadonlyArray<LangiumDocument>): string[] {
    return documents.flatMap(document => (document.diagnostics ?? []).map(d =>
        `${document.uri.path.split('/').pop()}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}`));
}

describe('core-only services (the CLI)', function () {
    this.timeout(60_000);

    it('have no LSP layer', () => {
        const { Eventloom, shared } = createEventloomCoreServices(EmptyFileSystem);
        assert.equal('lsp' in Eventloom, false);
        assert.equal('lsp' in shared, false);
    });

    it('keep no reference index: a one-shot build describes no references (nothing the CLI prints reads them)', async () => {
        const core = createEventloomCoreServices(EmptyFileSystem);
        let described = 0;
        const provider = core.Eventloom.workspace.ReferenceDescriptionProvider;
        const createDescriptions = provider.createDescriptions.bind(provider);
        provider.createDescriptions = (...args) => {
            described++;
            return createDescriptions(...args);
        };
        const documents = await buildWorkspace(loomFiles(join(REPO_ROOT, 'templates')), { shared: core.shared, folder: '/ws' });
        assert.ok(documents.length > 1 && documents.every(document => document.references.length > 0), 'linked');
        assert.equal(described, 0);
    });

    const workspaces = [
        ...readdirSync(join(REPO_ROOT, 'test/fixtures')).map(name => `test/fixtures/${name}`),
        'templates'
    ];
    for (const workspace of workspaces) {
        it(`report what the language server reports on ${workspace}`, async () => {
            const files = loomFiles(join(REPO_ROOT, workspace));
            const core = await buildWorkspace(files, { shared: createEventloomCoreServices(EmptyFileSystem).shared, folder: '/ws' });
            const full = await buildWorkspace(files, { shared: createEventloomServices(EmptyFileSystem).shared, folder: '/ws' });
            assert.ok(core.length > 0);
            assert.deepEqual(diagnosticsOf(core), diagnosticsOf(full));
        });
    }
});
