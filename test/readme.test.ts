/** The README's language tour is a model people paste: it must validate without a single problem. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { createEventloomServices } from '../src/language/eventloom-module.js';
import { buildDocuments } from '../src/language/workspace/load-documents.js';
import { registerScenarioCheck } from '../src/semantics/scenario-check.js';

describe('README', () => {
    it('its language tour validates without problems, its scenarios passing', async () => {
        const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
        const tour = /## The language in two minutes[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
        assert.ok(tour, 'the README has a language tour code block');
        const { shared, Eventloom } = createEventloomServices(NodeFileSystem);
        registerScenarioCheck(Eventloom);
        const [document] = await buildDocuments(shared, [{ path: '/readme/tour.loom', text: tour }]);
        assert.deepEqual(document.diagnostics?.map(d => `${d.range.start.line + 1}: ${d.message}`), []);
    });

    it('its layout table has a row for every folder of src/', () => {
        const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
        const rows = new Set([...readme.matchAll(/^\| `(src\/[^`]+\/)` \|/gm)].map(match => match[1]));
        const folders = readdirSync(new URL('../src/', import.meta.url), { withFileTypes: true })
            .filter(entry => entry.isDirectory()).map(entry => `src/${entry.name}/`);
        assert.deepEqual(folders.filter(folder => !rows.has(folder)), []);
    });
});
