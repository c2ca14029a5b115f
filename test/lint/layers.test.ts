/**
 * The layers of src/ are an ESLint rule (eslint.config.mjs): an import that reaches up a layer,
 * or out of the webview, fails `npm run lint` with a message naming what the layer may import.
 * Linted through ESLint's own API with the project's config, as `npm run lint` does.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..');

describe('lint: the layers of src/', function () {
    this.timeout(120_000);
    let eslint: ESLint;
    before(() => { eslint = new ESLint({ cwd: root }); });

    /** The layer messages ESLint reports for a file of that path holding one import of `specifier`. */
    async function layerErrors(file: string, specifier: string): Promise<string[]> {
        const text = `import { something } from '${specifier}';\nexport const used = something;\n`;
        const [result] = await eslint.lintText(text, { filePath: join(root, file) });
        return result.messages.filter(message => message.ruleId === 'no-restricted-imports').map(message => message.message);
    }

    const upward: Array<[string, string]> = [
        ['src/language/eventloom-module.ts', '../preview/graph/build-flow-graph.js'],
        ['src/language/lsp/code-actions/structure-fixes.ts', '../../../generator/generate-model.js'],
        ['src/language/validation/x.ts', '../../server/main.js'],
        ['src/language/x.ts', '../semantics/interpreter.js'],
        ['src/semantics/x.ts', '../generator/generate-model.js'],
        ['src/generator/x.ts', '../server/generate-handler.js'],
        ['src/preview/graph/x.ts', '../../extension/main.js'],
        ['src/runtime/x.ts', '../cli/main.js'],
        ['src/protocol/x.ts', '../preview/graph/build-flow-graph.js'],
        ['src/extension/x.ts', '../server/main.js'],
        ['src/preview/webview/x.ts', '../graph/build-flow-graph.js'],
        ['src/preview/webview/x.ts', '../../language/generated/ast.js'],
        ['src/preview/webview/x.ts', 'langium'],
        ['src/preview/drawing/x.ts', '../layout/layout-flow-graph.js']
    ];
    for (const [file, specifier] of upward) {
        it(`refuses ${file} importing ${specifier}`, async () => {
            const errors = await layerErrors(file, specifier);
            assert.equal(errors.length, 1, `expected one layer error, got ${JSON.stringify(errors)}`);
            assert.match(errors[0], /imports? only|may import only/);
        });
    }

    const allowed: Array<[string, string]> = [
        ['src/language/x.ts', '../polyfills/group-by.mjs'],
        ['src/language/lsp/x.ts', '../validation/issue-codes.js'],
        ['src/semantics/x.ts', '../language/generated/ast.js'],
        ['src/generator/x.ts', '../semantics/x.js'],
        ['src/preview/graph/x.ts', '../../protocol/flow-graph.js'],
        ['src/server/x.ts', '../preview/layout/layout-flow-graph.js'],
        ['src/cli/x.ts', '../generator/load-generator.js'],
        ['src/preview/webview/x.ts', '../../protocol/webview-messages.js'],
        ['src/preview/webview/board/x.ts', '../../drawing/draw-flow-diagram.js'],
        ['src/preview/webview/x.ts', './svg-dom.js']
    ];
    for (const [file, specifier] of allowed) {
        it(`allows ${file} importing ${specifier}`, async () => {
            assert.deepEqual(await layerErrors(file, specifier), []);
        });
    }

    it('reports an upward import in the real tree with the layer message', async () => {
        const [result] = await eslint.lintText("import { createEventloomServices } from '../server/main.js';\nexport const x = createEventloomServices;\n",
            { filePath: join(root, 'src/language/model-queries.ts') });
        assert.deepEqual(result.messages.map(message => message.message),
            ["'../server/main.js' import is restricted from being used by a pattern. This layer may import only src/language/, src/polyfills/ (see README, \"Layout\")."]);
    });
});
