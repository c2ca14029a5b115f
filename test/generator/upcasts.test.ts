/**
 * Generated upcasters (DESIGN §2d, §5): a type per old shape, a function per step, the context's
 * `upcast` that Emmett's `schema.versioning.upcast` accepts and `withSchemaVersion` for appending.
 * The output type-checks in both module modes, and run on a stream of versions 1, 2 and 3 it
 * gives the interpreter's data for each — the newest shape, the same whatever version was stored.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateModel } from '../../src/generator/generate-model.js';
import { buildModelForm } from '../../src/semantics/build-form.js';
import { decimal, decimalToString } from '../../src/semantics/decimal.js';
import { upcastData } from '../../src/semantics/upcast.js';
import { numberValue, recordValue, stringValue, type Value } from '../../src/semantics/values.js';
import { loadModels, scratchPackage, typeCheck } from './generator-test-kit.js';

const MODEL = `context Banking
enum Currency { EUR, USD }
type Money { amount: decimal, currency: Currency }
aggregate BankAccount {
  id accountId: uuid
  command OpenAccount { owner: string, limit: Money, tier: string, emits AccountOpened }
  event AccountOpened version 3 { owner: string, limit: Money, tier: string }
  upcast AccountOpened from 1 { owner: string, limitInCents: int } { limit: { amount: 50, currency: EUR } }
  upcast AccountOpened from 2 { owner: string, limit: Money } { tier: "basic" }
}
`;

const STORED = [
    { type: 'AccountOpened', data: { owner: 'Ann', limitInCents: 5000 } },
    { type: 'AccountOpened', data: { owner: 'Ann', limit: { amount: '50', currency: 'EUR' } }, metadata: { schemaVersion: 2 } },
    { type: 'AccountOpened', data: { owner: 'Ann', limit: { amount: '50', currency: 'EUR' }, tier: 'basic' }, metadata: { schemaVersion: 3 } }
];

/** An interpreter value as the generated code's JSON: decimals as their text, enum members as strings. */
function asJson(value: Value): unknown {
    switch (value.kind) {
        case 'number': return decimalToString(value.value);
        case 'enum': return value.member;
        case 'record': return Object.fromEntries([...value.fields].filter(([, field]) => field.kind !== 'absent').map(([name, field]) => [name, asJson(field)]));
        case 'list': return value.items.map(asJson);
        case 'absent': return undefined;
        default: return value.value;
    }
}

/** A stored event's data as the interpreter's value (decimals exact, the rest as it is). */
function asValue(data: unknown, decimals: ReadonlySet<string>, name = ''): Value {
    if (typeof data === 'string') return decimals.has(name) ? numberValue(decimal(data)) : stringValue(data);
    if (typeof data === 'number') return numberValue(decimal(String(data)));
    return recordValue(Object.entries(data as Record<string, unknown>).map(([key, value]) => [key, asValue(value, decimals, key)] as const));
}

describe('generated upcasters', function () {
    this.timeout(120_000);

    it('type-check as an ESM package and under bundler resolution', async () => {
        const files = generateModel(await loadModels({ 'bank.loom': MODEL }));
        const upcasts = files.find(file => file.path === 'banking/upcasts.ts')!;
        assert.match(upcasts.text, /export type AccountOpenedV1 = \{ readonly type: 'AccountOpened'; readonly data: \{ readonly owner: string; readonly limitInCents: number \};/);
        assert.match(upcasts.text, /export function upcastAccountOpenedFrom2\(event: AccountOpenedV2\): AccountOpened \{/);
        const usage = { 'use.ts': `import { upcastBankingEvent, withBankingSchemaVersion, type AccountOpened, type AccountOpenedV1 } from './generated/banking/index.js';
const old: AccountOpenedV1 = { type: 'AccountOpened', data: { owner: 'Ann', limitInCents: 1 } };
const current: AccountOpened = upcastBankingEvent(old as unknown as AccountOpened);
export const written = withBankingSchemaVersion(current);
` };
        assert.deepEqual(typeCheck(files, 'nodenext', usage), []);
        assert.deepEqual(typeCheck(files, 'bundler', usage), []);
    });

    it('read versions 1, 2 and 3 as the newest shape, as the interpreter does, and record the version when written', async () => {
        const models = await loadModels({ 'bank.loom': MODEL });
        const files = generateModel(models);
        const root = scratchPackage();
        try {
            for (const file of files) {
                mkdirSync(dirname(join(root, file.path)), { recursive: true });
                writeFileSync(join(root, file.path), file.text);
            }
            const bundle = join(root, 'bundle.mjs');
            await build({ entryPoints: [join(root, 'banking/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
            const generated = await import(pathToFileURL(bundle).href);
            const upcasted = STORED.map(event => generated.upcastBankingEvent(event));
            for (const event of upcasted) {
                assert.deepEqual(event.data, { owner: 'Ann', limit: { amount: '50', currency: 'EUR' }, tier: 'basic' });
            }
            // The interpreter gives the same data for each stored version.
            const aggregate = buildModelForm(models).aggregates.get('Banking.BankAccount')!;
            STORED.forEach((event, index) => {
                const version = (event.metadata?.schemaVersion ?? 1);
                const interpreted = upcastData(aggregate.upcasts, 'Banking.AccountOpened', version, 3, asValue(event.data, new Set(['amount'])) as never);
                assert.ok(interpreted.ok);
                assert.deepEqual(asJson(interpreted.value), upcasted[index].data);
            });
            assert.deepEqual(generated.withBankingSchemaVersion(upcasted[0]).metadata, { schemaVersion: 3 });
            assert.equal(generated.upcastBankingEvent(STORED[2]), STORED[2]);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
