/**
 * Conformance: every scenario of every template and test model runs in the interpreter
 * (`src/semantics/run-scenario.ts`) and in the generated code (`eventloom test`'s in-process
 * runner); where the interpreter runs it (a modelled command), both must reach the same verdict
 * and the same decision — the same events with the same data, or the same rejection.
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateModel } from '../../src/generator/generate-model.js';
import { runGeneratedScenarios } from '../../src/generator/scenario-run/run-generated-scenarios.js';
import { buildModelForm } from '../../src/semantics/build-form.js';
import { decimalToString } from '../../src/semantics/decimal.js';
import { runScenario, shortName } from '../../src/semantics/run-scenario.js';
import type { Value } from '../../src/semantics/values.js';
import { REPO_ROOT, loadModels, readModelFiles } from './generator-test-kit.js';

const models = [
    ...readdirSync(join(REPO_ROOT, 'templates')).map(name => `templates/${name}`),
    'test/generator/models/ledger-modelled.loom'
];

/** The interpreter's value as the generated code holds it: numbers as decimal text, enums as their member. */
function plain(value: Value): unknown {
    switch (value.kind) {
        case 'number': return decimalToString(value.value);
        case 'enum': return value.member;
        case 'list': return value.items.map(plain);
        case 'record': return Object.fromEntries([...value.fields].map(([name, field]) => [name, plain(field)]));
        case 'absent': return undefined;
        default: return value.value;
    }
}

/** Numbers of the generated code (`int` fields) as text, undefined fields dropped. */
function normal(value: unknown): unknown {
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map(normal);
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined).map(([name, field]) => [name, normal(field)]));
    }
    return value;
}

describe('conformance: the interpreter and the generated code agree on every scenario', function () {
    this.timeout(120_000);
    for (const path of models) {
        it(path, async () => {
            const loaded = await loadModels(readModelFiles(path));
            const form = buildModelForm(loaded);
            const generated = runGeneratedScenarios(generateModel(loaded), REPO_ROOT);
            assert.deepEqual(generated.problems, []);
            let compared = 0;
            for (const context of form.contexts) {
                for (const scenario of context.scenarios) {
                    const interpreted = runScenario(form, scenario);
                    if (interpreted.kind === 'skipped') continue;
                    // The generator writes a command's decide when the command states behaviour (a requires or a mapping).
                    const command = scenario.when ? form.commands.get(scenario.when.command) : undefined;
                    if (command && !command.statesBehaviour) continue;
                    const ours = generated.results.find(result => result.context === context.name && result.name === scenario.name);
                    assert.ok(ours, `the generated code runs "${scenario.name}"`);
                    assert.equal(ours.failure === undefined, interpreted.kind === 'passed', `"${scenario.name}": the same verdict (${ours.failure?.actual ?? 'passed'})`);
                    const when = interpreted.steps.find(step => step.kind === 'when');
                    if (when?.kind !== 'when') continue;
                    const decision = when.decision;
                    if (decision.kind === 'accepted') {
                        assert.deepEqual(normal(ours.outcome), decision.events.map(event => ({ type: shortName(event.type, context.name), data: plain(event.data) })), `"${scenario.name}": the same events`);
                    } else if (decision.kind === 'rejected') {
                        assert.deepEqual(normal(ours.outcome), { kind: 'Rejection', type: shortName(decision.rejection.type, context.name), data: plain(decision.rejection.data) }, `"${scenario.name}": the same rejection`);
                    }
                    compared++;
                }
            }
            if (path.includes('ledger')) assert.ok(compared >= 1, `modelled scenarios were compared (${compared})`);
        });
    }
});
