/**
 * Conformance: every scenario of every template and test model runs in the interpreter
 * (`src/semantics/run-scenario.ts`) and in the generated code (`eventloom test`'s in-process
 * runner). Where the interpreter runs it and the generated code decides it too (not a hand-written
 * stub), both must reach the same verdict, the same decision (the same events with the same data,
 * or the same rejection) and the same documents for every `expect`. Every generated policy handler
 * must issue what the interpreter's `react` issues, to the same streams, for every event of every
 * scenario, with the read models it reads as projected with that event (the app commits a
 * command's documents with its events before the policies run; DESIGN §2b: an automation reads its
 * to-do list with the new item on it).
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateModel, type GeneratedFile } from '../../src/generator/generate-model.js';
import { loadGeneratedModules, runGeneratedScenarios } from '../../src/generator/scenario-run/run-generated-scenarios.js';
import { buildModelForm } from '../../src/semantics/build-form.js';
import type { Message } from '../../src/semantics/decide.js';
import { decimalToString } from '../../src/semantics/decimal.js';
import type { ModelForm, ReadModelForm, ScenarioForm, TypeForm } from '../../src/semantics/form.js';
import { documentKey, keyValues, project, type Documents } from '../../src/semantics/project.js';
import { react } from '../../src/semantics/react.js';
import { runScenario, shortName } from '../../src/semantics/run-scenario.js';
import { scenarioRunContext } from '../../src/semantics/scenario-clock.js';
import { fieldOf, recordValue, stringValue, type RecordValue, type Value } from '../../src/semantics/values.js';
import { contextFolder } from '../../src/language/typescript-names.js';
import { REPO_ROOT, loadModels, readModelFiles } from './generator-test-kit.js';

const models = [
    ...readdirSync(join(REPO_ROOT, 'templates')).map(name => `templates/${name}`),
    'test/generator/models/ledger-modelled.loom',
    'test/generator/models/policies-modelled.loom',
    'test/generator/models/routing'
];

/** The interpreter's value as the generated code holds it: numbers as decimal text, enums as their member. */
function plain(value: Value): unknown {
    switch (value.kind) {
        case 'number': return decimalToString(value.value);
        case 'enum': return value.member;
        case 'list': return value.items.map(plain);
        case 'record': return Object.fromEntries([...value.fields].filter(([, field]) => field.kind !== 'absent').map(([name, field]) => [name, plain(field)]));
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

/** The interpreter's value as input for the generated code: `int` and `float` as numbers, decimals as text. */
function input(value: Value, type: TypeForm | undefined, model: ModelForm): unknown {
    const inner = type?.kind === 'optional' ? type.value : type;
    switch (value.kind) {
        case 'number': return inner?.kind === 'primitive' && inner.name !== 'decimal' ? Number(decimalToString(value.value)) : decimalToString(value.value);
        case 'list': return value.items.map(item => input(item, inner?.kind === 'list' ? inner.item : undefined, model));
        case 'record': {
            const fields = inner?.kind === 'value' ? model.valueTypes.get(inner.valueType)?.fields ?? [] : [];
            return recordInput(value, fields, model);
        }
        default: return plain(value);
    }
}

function recordInput(record: RecordValue, fields: readonly { name: string; type: TypeForm }[], model: ModelForm): Record<string, unknown> {
    return Object.fromEntries([...record.fields].filter(([, field]) => field.kind !== 'absent')
        .map(([name, field]) => [name, input(field, fields.find(candidate => candidate.name === name)?.type, model)]));
}

/** Whether the generated file declares `name` as a generated function (not a hand-written stub). */
function generatedFunction(files: readonly GeneratedFile[], name: string): boolean {
    return files.some(file => new RegExp(`\\*/\\nexport function ${name}\\(`).test(file.text)
        && !new RegExp(`@handwritten\\n \\*/\\nexport function ${name}\\(`).test(file.text));
}

/** The document an `expect` looks at: its key fields as given, else the scenario's stream id. */
function expectedKey(readModel: ReadModelForm, data: RecordValue, streamId: string): string {
    return documentKey(readModel, recordValue(readModel.keys.map(key => {
        const given = fieldOf(data, key.name);
        return [key.name, given.kind === 'absent' ? stringValue(streamId) : given] as const;
    })));
}

/** The scenario's events in order (given, then what the interpreter's decision emitted), old versions left out. */
function eventsOf(scenario: ScenarioForm, emitted: readonly Message[]): Message[] {
    return [...scenario.given.filter(given => given.version === undefined).map(given => ({ type: given.event, data: given.data })), ...emitted];
}

describe('conformance: the interpreter and the generated code agree on every scenario', function () {
    this.timeout(180_000);
    for (const path of models) {
        it(path, async () => {
            const loaded = await loadModels(readModelFiles(path));
            const form = buildModelForm(loaded);
            const files = generateModel(loaded);
            const generated = runGeneratedScenarios(files, REPO_ROOT);
            assert.deepEqual(generated.problems, []);
            const { modules } = loadGeneratedModules(files, REPO_ROOT);
            let compared = 0;
            let reactions = 0;
            for (const context of form.contexts) {
                for (const scenario of context.scenarios) {
                    const interpreted = runScenario(form, scenario);
                    if (interpreted.kind === 'skipped') continue;
                    const command = scenario.when ? form.commands.get(scenario.when.command) : undefined;
                    // A command the generator leaves to hand (a rule-less aggregate) runs its stub: nothing to compare.
                    if (command && !generatedFunction(files, `decide${shortName(command.name, context.name)}`)) continue;
                    const ours = generated.results.find(result => result.context === context.name && result.name === scenario.name);
                    assert.ok(ours, `the generated code runs "${scenario.name}"`);
                    assert.equal(ours.failure === undefined, interpreted.kind === 'passed', `"${scenario.name}": the same verdict (${ours.failure?.actual ?? 'passed'})`);
                    const when = interpreted.steps.find(step => step.kind === 'when');
                    const emitted: Message[] = [];
                    if (when?.kind === 'when') {
                        const decision = when.decision;
                        if (decision.kind === 'accepted') {
                            emitted.push(...decision.events);
                            assert.deepEqual(normal(ours.outcome?.decision), decision.events.map(event => ({ type: shortName(event.type, context.name), data: plain(event.data) })), `"${scenario.name}": the same events`);
                        } else if (decision.kind === 'rejected') {
                            assert.deepEqual(normal(ours.outcome?.decision), { kind: 'Rejection', type: shortName(decision.rejection.type, context.name), data: plain(decision.rejection.data) }, `"${scenario.name}": the same rejection`);
                        }
                    }
                    const documents = interpreted.steps.filter(step => step.kind === 'documents');
                    const streamId = scenarioRunContext(scenario.name).streamId;
                    scenario.expects.forEach((expectation, index) => {
                        const readModel = form.readModels.get(expectation.readModel)!;
                        const step = documents[index];
                        const document = step?.kind === 'documents' ? step.documents.get(expectedKey(readModel, expectation.data, streamId)) : undefined;
                        assert.deepEqual(normal(ours.outcome?.documents?.[index]), document ? plain(document) : null, `"${scenario.name}": the same ${expectation.readModel} document`);
                    });
                    compared++;

                    // Every generated policy (of any context), on every event of the scenario, issues what the
                    // interpreter's react issues, to the same streams, reading the documents as projected with the event.
                    const projected = new Map<string, Documents>();
                    for (const event of eventsOf(scenario, emitted)) {
                        for (const readModel of form.readModels.values()) {
                            const next = project(readModel, projected.get(readModel.name) ?? new Map(), event, streamId);
                            if (next.ok) projected.set(readModel.name, next.value.documents);
                        }
                        for (const policy of form.policies.values()) {
                            if (!policy.triggers.includes(event.type)) continue;
                            const policyContext = policy.name.slice(0, policy.name.indexOf('.'));
                            const policies = modules.load(`${contextFolder(policyContext)}/policies.ts`) as Record<string, unknown>;
                            const handler = policies[shortName(policy.name, policyContext).replace(/^./, letter => letter.toLowerCase())];
                            if (typeof handler !== 'function' || !generatedFunction(files, handler.name)) continue;
                            const read = (readModel: ReadModelForm, keys: RecordValue) => projected.get(readModel.name)?.get(documentKey(readModel, keys));
                            // The same fresh ids for both, drawn in the same order.
                            const ids = (drawn = 0) => () => `0e0e0e0e-0000-4000-8000-${String(++drawn).padStart(12, '0')}`;
                            const issued = react(policy, event, { streamId, readModel: name => form.readModels.get(name), document: read, newId: ids() });
                            assert.ok(issued.ok, `react ${policy.name}`);
                            const eventForm = form.events.get(event.type)!;
                            const reads = Object.fromEntries(policy.reactions.find(reaction => reaction.trigger === event.type)!.reads.flatMap(entry => {
                                const readModel = form.readModels.get(entry.readModel)!;
                                const document = read(readModel, keyValues(entry.keys, event, streamId));
                                const name = shortName(entry.readModel, policyContext);
                                return document ? [[name.replace(/^./, letter => letter.toLowerCase()), recordInput(document, [...readModel.keys, ...readModel.fields], form)]] : [];
                            }));
                            const ourCommands = (handler as (event: unknown, context: unknown) => unknown)(
                                { type: event.type.slice(event.type.indexOf('.') + 1), data: recordInput(event.data, eventForm.fields, form) }, { streamId, reads, newId: ids() });
                            assert.deepEqual(normal(ourCommands), normal(issued.value.map(command => ({ type: shortName(command.type, policyContext), data: plain(command.data), streamId: command.streamId }))),
                                `${policy.name} on ${event.type} in "${scenario.name}"`);
                            reactions++;
                        }
                    }
                }
            }
            if (path.includes('modelled') || path.includes('banking')) assert.ok(compared >= 3, `modelled scenarios were compared (${compared})`);
            if (path.includes('policies') || path.includes('routing')) assert.ok(reactions >= 4, `policy reactions were compared (${reactions})`);
        });
    }
});
