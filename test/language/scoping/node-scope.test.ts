/**
 * NodeScope describes only the node a name resolves to; before it, Langium's scope for nodes
 * described every candidate first. Same files, built once with NodeScope and once with the scope
 * as it was: every link, diagnostic, completion and hover must be the same.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DefaultScopeProvider, EmptyFileSystem, stream, type AstNode, type Scope } from 'langium';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { generateBenchModel } from '../../bench/model/bench-model.js';
import { editorAnswers } from '../../kit/editor-answers.js';
import { REPO_ROOT } from '../../kit/paths.js';
import { buildWorkspace } from '../../kit/workspace.js';

/** The services with the scope for nodes as it was before NodeScope. */
function servicesWithEagerNodeScopes(): ReturnType<typeof createEventloomServices> {
    const services = createEventloomServices(EmptyFileSystem);
    const provider = services.Eventloom.references.ScopeProvider as unknown as {
        nameProvider: { getName(node: AstNode): string | undefined };
        createScopeForNodes(elements: Iterable<AstNode>): Scope;
    };
    const eager = (DefaultScopeProvider.prototype as unknown as typeof provider).createScopeForNodes;
    provider.createScopeForNodes = function (elements) {
        return eager.call(this, stream(elements).filter(node => !!this.nameProvider.getName(node)));
    };
    return services;
}

/** Every `.loom` file under a folder, by path relative to it. */
function loomFiles(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir)) {
            const path = join(dir, entry);
            if (statSync(path).isDirectory()) walk(path);
            else if (entry.endsWith('.loom')) files[relative(folder, path)] = readFileSync(path, 'utf8');
        }
    };
    walk(folder);
    return files;
}

const modelledBenchModel = () => Object.fromEntries(generateBenchModel({
    contexts: 2, aggregates: 6, commands: 24, events: 24, readModels: 6, layout: 'per-context', hubUses: 4, behaviour: true
}).files.map(file => [file.path, file.text]));

const WORKSPACES: Record<string, () => Record<string, string>> = {
    'the templates': () => loomFiles(join(REPO_ROOT, 'templates')),
    'the fixture workspaces (partial and broken models included)': () => loomFiles(join(REPO_ROOT, 'test/fixtures')),
    'a modelled bench model (behaviour, scenarios, mappings)': modelledBenchModel,
    // A field renamed as by a keystroke: its uses no longer resolve, and the new name starts with the old one.
    'the modelled bench model with a field renamed': () => Object.fromEntries(Object.entries(modelledBenchModel())
        .map(([path, text]) => [path, text.replaceAll('    amount: decimal', '    amountx: decimal')]))
};

describe('NodeScope', () => {
    for (const [name, files] of Object.entries(WORKSPACES)) {
        it(`gives the same links, diagnostics, completions and hovers as describing every candidate: ${name}`, async function () {
            this.timeout(120_000);
            const lazy = createEventloomServices(EmptyFileSystem);
            const eager = servicesWithEagerNodeScopes();
            const answers = [];
            for (const services of [lazy, eager]) {
                const documents = await buildWorkspace(files(), { shared: services.shared, folder: '/same' });
                answers.push(await editorAnswers(services.Eventloom, documents, { every: 3 }));
            }
            assert.ok(answers[0].length > 100, `too few answers to compare: ${answers[0].length}`);
            assert.deepEqual(answers[0], answers[1]);
        });
    }
});
