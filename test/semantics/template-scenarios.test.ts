/**
 * The templates state their rules (issue 11, item 6): every command of the banking starter is
 * modelled and every one of its scenarios runs and passes in the interpreter; the online shop mixes
 * modelled aggregates with a hand-written one, whose scenarios are left to the generated tests.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModel } from '../../src/cli/check-model.js';
import { buildModelForm } from '../../src/semantics/build-form.js';
import { runScenario } from '../../src/semantics/run-scenario.js';

async function outcomes(path: string) {
    const checked = await checkModel([path], process.cwd());
    assert.deepEqual(checked.problems.map(problem => `${problem.line}: ${problem.message}`), [], `${path} validates cleanly`);
    const form = buildModelForm(checked.documents.map(document => document.parseResult.value));
    return {
        form,
        scenarios: form.contexts.flatMap(context => context.scenarios.map(scenario => ({ name: `${context.name}: ${scenario.name}`, result: runScenario(form, scenario) })))
    };
}

describe('template scenarios', () => {
    it('banking: every command is modelled and every scenario runs and passes', async () => {
        const { form, scenarios } = await outcomes('templates/banking.loom');
        assert.deepEqual([...form.commands.values()].filter(command => !command.modelled).map(command => command.name), []);
        assert.ok(scenarios.length >= 5);
        assert.deepEqual(scenarios.filter(({ result }) => result.kind !== 'passed').map(({ name, result }) => `${name}: ${JSON.stringify(result)}`), []);
    });

    it('banking: the scenario given a version 1 event decides through the upcast, so a wrong upcast mapping fails it at its then line', async () => {
        const template = readFileSync('templates/banking.loom', 'utf8');
        const upcast = '{ overdraftLimit: 0 }\n';
        assert.ok(template.includes(upcast));
        const folder = mkdtempSync(join(tmpdir(), 'eventloom-upcast-'));
        try {
            writeFileSync(join(folder, 'banking.loom'), template.replace(upcast, '{ overdraftLimit: 5 }\n'));
            const checked = await checkModel([folder], process.cwd());
            const thenLine = template.split('\n').findIndex(line => line.includes('then rejected InsufficientFunds { requested: 0.01, available: 0 }')) + 1;
            assert.deepEqual(checked.problems.map(problem => `${problem.line}: ${problem.message.slice(0, 113)}`),
                [`${thenLine}: Scenario fails: expected rejected InsufficientFunds { requested: 0.01, available: 0 }, but the model gives MoneyW`]);
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    it('a run without its steps (the scenario check\'s) gives the same verdict and failures, the steps left out', async () => {
        const template = readFileSync('templates/banking.loom', 'utf8');
        const folder = mkdtempSync(join(tmpdir(), 'eventloom-steps-'));
        try {
            // One scenario failing, so that failures are compared too.
            writeFileSync(join(folder, 'banking.loom'), template.replace('{ overdraftLimit: 0 }\n', '{ overdraftLimit: 5 }\n'));
            for (const path of [folder, 'templates/online-shop']) {
                const checked = await checkModel([path], process.cwd());
                const form = buildModelForm(checked.documents.map(document => document.parseResult.value));
                const scenarios = form.contexts.flatMap(context => context.scenarios);
                const kinds = new Set<string>();
                for (const scenario of scenarios) {
                    const full = runScenario(form, scenario);
                    const verdict = runScenario(form, scenario, { steps: false });
                    kinds.add(full.kind);
                    assert.deepEqual(verdict, full.kind === 'skipped' ? full : { ...full, steps: [] }, scenario.name);
                }
                assert.deepEqual([...kinds].sort(), path === folder ? ['failed', 'passed'] : ['passed', 'skipped']);
            }
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    it('online shop: the modelled scenarios pass, the hand-written command\'s are skipped saying why', async () => {
        const { form, scenarios } = await outcomes('templates/online-shop');
        assert.ok([...form.commands.values()].some(command => command.modelled));
        assert.deepEqual([...form.commands.values()].filter(command => !command.modelled).map(command => command.name.split('.')[0]),
            ['Ordering', 'Ordering', 'Ordering', 'Ordering'], 'only Ordering keeps hand-written decisions');
        assert.deepEqual(scenarios.filter(({ result }) => result.kind === 'failed').map(({ name }) => name), []);
        const skipped = scenarios.filter(({ result }) => result.kind === 'skipped');
        assert.deepEqual(skipped.map(({ name }) => name), [
            'Ordering: an empty cart cannot be placed', 'Ordering: placing an order records its total', 'Ordering: a quantity must be positive'
        ]);
        for (const { result } of skipped) assert.match(result.kind === 'skipped' ? result.reason : '', /is hand-written \(.+\): the generated tests run this scenario/);
        assert.ok(scenarios.filter(({ result }) => result.kind === 'passed').length >= 9);
        // CustomerOrders is modelled: the support desk's counts change as orders start and are placed.
        assert.equal(scenarios.find(({ name }) => name === 'Ordering: the support desk sees a customer\'s orders')?.result.kind, 'passed');
    });
});
