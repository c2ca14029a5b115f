/**
 * The validator's walk (src/language/ast-walk.ts) visits the nodes in exactly the order of
 * Langium's `streamAst` / `streamContents`: the diagnostics' order depends on it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, EmptyFileSystem } from 'langium';
import { childNodes, collectNodes } from '../../src/language/ast-walk.js';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Model } from '../../src/language/generated/ast.js';
import { generateBenchModel } from '../bench/model/bench-model.js';
import { REPO_ROOT } from '../kit/paths.js';

const parser = createEventloomServices(EmptyFileSystem).Eventloom.parser.LangiumParser;

describe('the AST walk of the validator', () => {
    const texts = [
        readFileSync(join(REPO_ROOT, 'templates/banking.loom'), 'utf8'),
        ...['ordering', 'payments', 'shipping'].map(name => readFileSync(join(REPO_ROOT, `templates/online-shop/${name}.loom`), 'utf8')),
        generateBenchModel({ contexts: 1, aggregates: 6, commands: 18, events: 18, readModels: 6, layout: 'single', hubUses: 2, behaviour: true }).files[0].text,
        // A syntax error leaves partial nodes behind: the walk must still match.
        'context C\naggregate A {\n  id aId: uuid\n  command Open { x: \n}\nenum E { A, B }\n'
    ];

    it('visits every node in streamAst order, and each node\'s children in streamContents order', () => {
        for (const text of texts) {
            const root = parser.parse<Model>(text).value;
            const expected = AstUtils.streamAst(root).toArray();
            assert.ok(expected.length > 3, `${expected.length} nodes`);
            const walked = collectNodes(root);
            assert.equal(walked.length, expected.length);
            walked.forEach((node, i) => assert.equal(node, expected[i], `node ${i} (${node.$type})`));
            for (const node of expected) {
                assert.deepEqual(childNodes(node), AstUtils.streamContents(node).toArray());
            }
        }
    });
});
