/**
 * The generator prints its structures without ts-morph (`print-structure.ts`) and writes a file
 * that needs no merge without parsing it: both must give exactly what ts-morph gives. For every
 * template and test model (and the bench model, plain and modelled): each file printed by the
 * fast printer is byte-identical to ts-morph's `printStructure` of the same structure (and the
 * fast printer refused none of them: a refusal would silently cost the speed), and the stub
 * bodies the printer reports hash to exactly what the merge reads back with ts-morph's parser.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { printStructure, StructureKind, VariableDeclarationKind } from 'ts-morph';
import { generateModel, generateStructures, PRINT_OPTIONS } from '../../src/generator/generate-model.js';
import { mergeGeneratedFile } from '../../src/generator/merge-generated-file.js';
import { writeOutput } from '../../src/generator/output-folder.js';
import { printSourceFile, UnsupportedStructure } from '../../src/generator/print-structure.js';
import * as kinds from '../../src/generator/structure-kinds.js';
import { generateBenchModel } from '../bench/model/bench-model.js';
import { loadModels, readModelFiles, scratchFolder } from './generator-test-kit.js';

const MODEL_SETS: Record<string, string[]> = {
    'banking template': ['templates/banking.loom'],
    'online-shop template': ['templates/online-shop'],
    'value types and enums': ['test/generator/models/value-types-and-enums.loom'],
    'keyword fields': ['test/generator/models/keyword-fields.loom'],
    'read model keys': ['test/generator/models/read-model-keys.loom'],
    'cross-context': ['test/generator/models/cross-context-a.loom', 'test/generator/models/cross-context-b.loom'],
    'ledger, modelled': ['test/generator/models/ledger-modelled.loom'],
    'policies, modelled': ['test/generator/models/policies-modelled.loom'],
    'hand-written bank': ['test/cli/models/hand-written'],
    'runtime bank': ['test/runtime/models/bank'],
    'runtime evolution': ['test/runtime/models/evolution'],
    'runtime loop': ['test/runtime/models/loop'],
    'banking template + risk': ['templates/banking.loom', 'test/runtime/models/template-bank-risk'],
    'good fixtures': ['test/fixtures/good']
};

const BENCH_SIZE = { contexts: 3, aggregates: 9, commands: 40, events: 30, readModels: 12, layout: 'per-context', hubUses: 8 } as const;

describe('the generator prints exactly what ts-morph prints, without ts-morph', function () {
    this.timeout(120_000);

    it('uses ts-morph\'s values for the structure kinds it names', () => {
        for (const [name, value] of Object.entries(kinds.StructureKind)) assert.equal(value, StructureKind[name as keyof typeof StructureKind], name);
        assert.equal(kinds.VariableDeclarationKind.Const, VariableDeclarationKind.Const);
    });

    const sets: Array<[string, () => Promise<Record<string, string>>]> = [
        ...Object.entries(MODEL_SETS).map(([name, paths]): [string, () => Promise<Record<string, string>>] =>
            [name, async () => Object.assign({}, ...paths.map(readModelFiles))]),
        ...[false, true].map((behaviour): [string, () => Promise<Record<string, string>>] => [`bench model${behaviour ? ', modelled' : ''}`, async () =>
            Object.fromEntries(generateBenchModel({ ...BENCH_SIZE, behaviour }).files.map(file => [`bench/${file.path}`, file.text]))])
    ];
    for (const [name, files] of sets) {
        it(`${name}: every file byte-identical, every stub as the merge reads it`, async () => {
            const models = await loadModels(await files());
            const structures = generateStructures(models);
            const generated = generateModel(models);
            let stubbed = 0;
            for (const [index, { path, structure }] of structures.entries()) {
                const reference = printStructure(structure, PRINT_OPTIONS);
                let fast;
                try {
                    fast = printSourceFile(structure, PRINT_OPTIONS);
                } catch (error) {
                    if (error instanceof UnsupportedStructure) assert.fail(`${path}: the fast printer refused it (${error.message})`);
                    throw error;
                }
                assert.equal(fast.text, reference, `${path} differs from ts-morph's printStructure`);
                const file = generated[index];
                assert.equal(file.path, path);
                assert.equal(file.text, reference);
                // The writer's fast path (stub bodies from the printer) against the merge's parse of the text.
                const parsed = mergeGeneratedFile(file.text, undefined);
                const printed = mergeGeneratedFile(file.text, undefined, {}, file.stubs?.bodies);
                assert.deepEqual(printed, parsed, `${path}: stub hashes`);
                if (file.text.includes('@handwritten')) {
                    assert.ok(file.stubs, `${path} has hand-written functions, so the printer reports their stubs`);
                    stubbed++;
                }
            }
            if (name === 'hand-written bank' || name === 'bench model') assert.ok(stubbed > 0, 'the set has stubs to compare');

            // The whole folder (manifest included), written without a parser and with the merge's.
            const root = scratchFolder('fast-path');
            try {
                await writeOutput(join(root, 'fast'), generated);
                await writeOutput(join(root, 'parsed'), generated.map(({ path, text }) => ({ path, text })));
                assert.deepEqual(folderTexts(join(root, 'fast')), folderTexts(join(root, 'parsed')));
                // Regenerating into the untouched folder takes the fast path too, and changes nothing.
                const again = await writeOutput(join(root, 'fast'), generateModel(models));
                assert.deepEqual(again.written, []);
                assert.deepEqual(folderTexts(join(root, 'fast')), folderTexts(join(root, 'parsed')));
            } finally {
                rmSync(root, { recursive: true, force: true });
            }
        });
    }
});

function folderTexts(folder: string): Record<string, string> {
    const texts: Record<string, string> = {};
    const visit = (path: string) => {
        for (const entry of readdirSync(path, { withFileTypes: true })) {
            const child = join(path, entry.name);
            if (entry.isDirectory()) visit(child);
            else texts[relative(folder, child)] = readFileSync(child, 'utf8');
        }
    };
    visit(folder);
    return texts;
}
