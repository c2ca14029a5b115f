/**
 * The scenario check builds the rules forms piece by piece, only what a run reads
 * (`lazy-context-form.ts`). Every scenario must run on those exactly as on context forms built
 * whole (`buildContextForm`), indexed for the same contexts (what the check did before): same
 * outcome, same steps, same failures with the same sources, same reason to skip. On the templates,
 * every fixture, the modelled bench model, and along random edit chains of the latter two, which
 * make scenarios fail, skip and half-resolve.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AstUtils, EmptyFileSystem, type AstNode } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { isScenario, type Model, type Scenario } from '../../src/language/generated/ast.js';
import { contextNameOf } from '../../src/language/model-queries.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { buildContextForm, modelsByContext } from '../../src/semantics/build-form.js';
import { indexContexts, type ContextForm, type ModelForm, type ScenarioForm } from '../../src/semantics/form.js';
import { runScenario, whyNotRunnable, type ScenarioResult, type ScenarioStep } from '../../src/semantics/run-scenario.js';
import { ScenarioForms } from '../../src/semantics/scenario-forms.js';
import { formatValue } from '../../src/semantics/values.js';
import { generateBenchModel } from '../bench/model/bench-model.js';
import { random } from '../kit/random-edits.js';
import { scenarioEdit } from './scenario-cache-kit.js';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Each scenario's run on the check's forms and on whole forms, as comparable text; both must be equal. */
async function runsBothWays(files: Record<string, string>): Promise<{ lazy: string[]; whole: string[] }> {
    // In path order: the documents' order is then the order `modelsByContext` gives the whole forms.
    const sources = Object.entries(files).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([path, text]) => ({ path, text }));
    const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
    const documents = await buildDocuments(shared, sources);
    const scenarios = documents.flatMap(document => (document.parseResult.value as Model).elements.filter(isScenario));
    const forms = new ScenarioForms(Eventloom);
    const whole = new Map([...modelsByContext(documents.map(document => document.parseResult.value as Model))]
        .map(([name, models]) => [name, buildContextForm(name, models)] as const));
    return {
        lazy: scenarios.map(node => described(node, forms.of(node))),
        whole: scenarios.map(node => described(node, wholeFormsOf(node, whole)))
    };
}

/** What the check read before its forms were lazy: whole context forms of the scenario's own context and the contexts it names. */
function wholeFormsOf(node: Scenario, contexts: ReadonlyMap<string, ContextForm>): { model: ModelForm; scenario: ScenarioForm } | undefined {
    const home = contexts.get(contextNameOf(node));
    const scenario = home?.scenarios.find(candidate => candidate.source === node);
    if (!home || !scenario) return undefined;
    const named = [...scenario.given.map(given => given.event), ...scenario.expects.map(expect => expect.readModel)];
    const others = [...new Set(named.map(name => name.slice(0, name.indexOf('.'))))].filter(name => name !== home.name);
    return { model: indexContexts([home, ...others.flatMap(name => contexts.get(name) ?? [])]), scenario };
}

function described(node: Scenario, found: { model: ModelForm; scenario: ScenarioForm } | undefined): string {
    const title = `${at(node)} ${node.name}`;
    if (!found) return `${title}: no form`;
    return [`${title}: ${whyNotRunnable(found.model, found.scenario) ?? 'runnable'}`, ...outcome(runScenario(found.model, found.scenario))].join('\n  ');
}

function outcome(result: ScenarioResult): string[] {
    if (result.kind === 'skipped') return [`skipped: ${result.reason}`];
    return [
        result.kind,
        ...result.steps.map(step),
        ...(result.kind === 'failed' ? result.failures.map(failure =>
            `failure at ${at(failure.source)}: ${failure.message} | expected ${failure.expected} | actual ${failure.actual} | decided by ${failure.decidedBy.map(at).join(', ')}`) : [])
    ];
}

function step(entry: ScenarioStep): string {
    switch (entry.kind) {
        case 'given':
            return `given ${entry.event.type} ${formatValue(entry.event.data)} -> ${entry.state ? formatValue(entry.state) : '-'} by ${entry.appliedBy.map(block => at(block.source)).join(', ')}`;
        case 'when': {
            const decision = entry.decision;
            const what = decision.kind === 'accepted' ? decision.events.map(event => `${event.type} ${formatValue(event.data)}`).join(', ')
                : decision.kind === 'rejected' ? `${decision.rejection.type} ${formatValue(decision.rejection.data)} by ${at(decision.decidedBy.source)}` : '';
            return `when ${entry.command.type} ${formatValue(entry.command.data)}: ${decision.kind} ${what} -> ${entry.state ? formatValue(entry.state) : '-'}`;
        }
        case 'documents':
            return `documents of ${entry.readModel}: ${[...entry.documents].map(([key, document]) => `${key} ${formatValue(document)}`).join('; ')}`;
    }
}

/** A node as its file, position and type: the same node in both runs reads the same. */
function at(node: AstNode | undefined): string {
    if (!node) return '-';
    const start = node.$cstNode?.range.start;
    return `${AstUtils.getDocument(node).uri.path}:${start ? `${start.line + 1}:${start.character + 1}` : '?'}:${node.$type}`;
}

function loomFiles(folder: string, prefix: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) walk(path);
            else if (name.endsWith('.loom')) files[`${prefix}/${relative(folder, path)}`] = readFileSync(path, 'utf8');
        }
    };
    walk(folder);
    return files;
}

/** The outcomes compared so far (`passed`, `failed`, `skipped`, `no form`): the edit chains must reach all of them. */
const outcomes = new Set<string>();

async function assertSameRuns(files: Record<string, string>, what: string): Promise<number> {
    const { lazy, whole } = await runsBothWays(files);
    assert.deepEqual(lazy, whole, what);
    for (const run of lazy) outcomes.add(/: no form$/.test(run) ? 'no form' : /^ {2}(passed|failed|skipped)/m.exec(run)?.[1] ?? '?');
    return lazy.length;
}

/** Random edits of one file at a time, the runs compared after each. */
async function assertSameRunsAlongEdits(files: Record<string, string>, seed: number, edits: number): Promise<void> {
    const originals = new Map(Object.entries(files));
    const texts = new Map(originals);
    const paths = [...texts.keys()];
    const next = random(seed);
    for (let edit = 0; edit < edits; edit++) {
        const path = paths[Math.floor(next() * paths.length)];
        texts.set(path, scenarioEdit(texts.get(path)!, originals.get(path)!, next));
        await assertSameRuns(Object.fromEntries(texts), `seed ${seed}, edit ${edit + 1} (in ${path})`);
    }
}

const bank = () => ({ '/bank/banking.loom': readFileSync(join(repoRoot, 'templates/banking.loom'), 'utf8') });
const shop = () => loomFiles(join(repoRoot, 'templates/online-shop'), '/shop');
const benchModel = () => {
    const model = generateBenchModel({ contexts: 3, aggregates: 6, commands: 18, events: 12, readModels: 6, layout: 'per-context', hubUses: 4, behaviour: true });
    return Object.fromEntries(model.files.map(file => [`/bench/${file.path}`, file.text]));
};

describe('scenario forms built on demand run every scenario as whole forms do', function () {
    this.timeout(600_000);

    it('on the templates, every fixture and the modelled bench model', async () => {
        let scenarios = await assertSameRuns(bank(), 'banking.loom') + await assertSameRuns(shop(), 'online-shop');
        const fixtures = join(repoRoot, 'test/fixtures');
        for (const name of readdirSync(fixtures)) {
            if (statSync(join(fixtures, name)).isDirectory()) scenarios += await assertSameRuns(loomFiles(join(fixtures, name), `/${name}`), `fixture ${name}`);
        }
        scenarios += await assertSameRuns(benchModel(), 'bench model');
        assert.ok(scenarios > 6 * 5, `scenarios were compared (${scenarios})`);
    });

    it('where a name is declared twice, the last declaration (in file order) is the one that runs', async () => {
        // The first Tally adds, the second subtracts; the first Add emits Added, the second Registered.
        const files = {
            '/dup/a.loom': [
                'context Dup',
                'aggregate Counter {',
                '  id counterId: uuid',
                '  state { total: decimal = 0 }',
                '  command Add { amount: decimal, emits Added }',
                '  event Added { counterId: uuid, amount: decimal }',
                '  on Added { total += amount }',
                '}',
                'readmodel Tally {',
                '  key counterId: uuid',
                '  total: decimal = 0',
                '  on Added { total += amount }',
                '}'
            ].join('\n'),
            '/dup/b.loom': [
                'context Dup',
                'aggregate Register {',
                '  id counterId: uuid',
                '  command Add { amount: decimal, emits Registered }',
                '  event Registered { counterId: uuid, amount: decimal }',
                '}',
                'readmodel Tally {',
                '  key counterId: uuid',
                '  total: decimal = 0',
                '  on Added { total -= amount }',
                '}',
                'scenario "the last Tally projects" {',
                '  given Added { counterId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", amount: 2 }',
                '  expect Tally { counterId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", total: -2 }',
                '}',
                'scenario "the last Add decides" {',
                '  when Add { amount: 2 }',
                '  then Registered { amount: 2 }',
                '}'
            ].join('\n')
        };
        const { lazy, whole } = await runsBothWays(files);
        assert.deepEqual(lazy, whole);
        assert.deepEqual(lazy.map(run => /^ {2}(passed|failed|skipped)/m.exec(run)?.[1]), ['passed', 'passed'], lazy.join('\n'));
    });

    it('along random edit chains of the bench model and the templates (failing, skipped and half-typed scenarios)', async () => {
        await assertSameRunsAlongEdits(benchModel(), 3, 30);
        await assertSameRunsAlongEdits(bank(), 4, 30);
        await assertSameRunsAlongEdits(shop(), 6, 30);
        for (const kind of ['passed', 'failed', 'skipped']) assert.ok(outcomes.has(kind), `some scenario ${kind} (${[...outcomes].join(', ')})`);
    });
});
