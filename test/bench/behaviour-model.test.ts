/** The bench's modelled model (issue 11) is valid and every one of its 5 scenarios per aggregate runs and passes. */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkModel } from '../../src/cli/check-model.js';
import { buildModelForm } from '../../src/semantics/build-form.js';
import { runScenario } from '../../src/semantics/run-scenario.js';
import { generateBenchModel } from './model/bench-model.js';

describe('bench model with behaviour', () => {
    it('validates cleanly and passes its 5 scenarios per aggregate in the interpreter', async () => {
        const model = generateBenchModel({ contexts: 3, aggregates: 9, commands: 40, events: 30, readModels: 12, layout: 'per-context', hubUses: 8, behaviour: true });
        const folder = mkdtempSync(join(tmpdir(), 'eventloom-bench-behaviour-'));
        try {
            for (const file of model.files) {
                mkdirSync(dirname(join(folder, file.path)), { recursive: true });
                writeFileSync(join(folder, file.path), file.text);
            }
            const checked = await checkModel([folder], folder);
            assert.deepEqual(checked.problems.filter(problem => problem.severity === 'error').map(problem => `${problem.line}: ${problem.message}`), []);
            const form = buildModelForm(checked.documents.map(document => document.parseResult.value));
            const results = form.contexts.flatMap(context => context.scenarios.map(scenario => runScenario(form, scenario).kind));
            assert.equal(results.length, 9 * 5);
            assert.deepEqual([...new Set(results)], ['passed']);
            assert.ok([...form.commands.values()].every(command => command.modelled));
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
