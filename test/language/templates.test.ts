/**
 * Every template in templates/ (a `.loom` file, or a folder of them) is a model users start from:
 * it must validate with no error and no warning, alone. Templates are discovered by listing the
 * folder, so a new one is covered as soon as it is added.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

function loomFilesIn(folder: string): string[] {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.loom'))
        .map(entry => path.join(entry.parentPath, entry.name))
        .sort();
}

const templates = readdirSync(TEMPLATES, { withFileTypes: true })
    .filter(entry => entry.isDirectory() || entry.name.endsWith('.loom'))
    .map(entry => ({ name: entry.name, files: entry.isDirectory() ? loomFilesIn(path.join(TEMPLATES, entry.name)) : [path.join(TEMPLATES, entry.name)] }));

describe('templates', () => {
    it('there are at least two: a starter and a richer domain', () => {
        assert.ok(templates.length >= 2, templates.map(t => t.name).join(', '));
    });

    for (const template of templates) {
        it(`${template.name} validates with no error and no warning`, async () => {
            assert.ok(template.files.length > 0, 'the template has .loom files');
            const { shared } = createEventloomServices(EmptyFileSystem);
            const documents = await buildDocuments(shared, template.files.map(file => ({ path: file, text: readFileSync(file, 'utf8') })));
            const problems = documents.flatMap(document => (document.diagnostics ?? []).map(d =>
                `${path.relative(TEMPLATES, document.uri.fsPath)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`));
            assert.deepEqual(problems, []);
        });
    }
});
