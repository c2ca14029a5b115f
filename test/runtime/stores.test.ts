/**
 * The generated app (`--runtime emmett`) on real stores: Emmett's in-memory store, SQLite in a
 * file and PostgreSQL (a server the tests start). The story runs on the modelled bank of DESIGN
 * §2b (the template, no hand-written line) and gives the same events and documents on all three;
 * concurrent commands are all kept; a failing projection (a hand-written one, in the runtime
 * tests' own bank) leaves no event; a reopened SQLite file has everything that was committed; a
 * policy loop is stopped.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bankApp, generateBankApp, importBank, SAVINGS, ANN, type BankModule, type ModelEventStore } from './bank-app.js';
import { generateModelledBank, importModelledBank, modelledBankApp, runModelledBankStory, snapshot, type ModelledBankModule, type Snapshot } from './modelled-bank.js';
import { generateApp, importApp, postgresUrl, stopPostgres } from './runtime-test-kit.js';

describe('the generated app on Emmett stores', function () {
    this.timeout(120_000);
    let bank: BankModule;
    let modelled: ModelledBankModule;
    let sqliteFolder: string;
    const snapshots: Record<string, Snapshot> = {};
    const stores: Array<{ kind: string; url: (context: Mocha.Context) => Promise<string> }> = [
        { kind: 'memory', url: async () => 'memory:' },
        { kind: 'sqlite', url: async () => `sqlite:${join(sqliteFolder, `bank-${Math.random().toString(36).slice(2)}.sqlite`)}` },
        { kind: 'postgresql', url: context => postgresUrl(context) }
    ];

    before(async () => {
        bank = await importBank(await generateBankApp());
        modelled = await importModelledBank(await generateModelledBank());
        sqliteFolder = mkdtempSync(join(tmpdir(), 'eventloom-sqlite-'));
    });
    after(async () => {
        await stopPostgres();
        rmSync(sqliteFolder, { recursive: true, force: true });
    });

    for (const store of stores) {
        describe(store.kind, () => {
            let eventStore: ModelEventStore;
            beforeEach(async function () {
                eventStore = await modelled.openEventStore(await store.url(this));
            });
            afterEach(async () => eventStore?.close());

            it('runs the modelled bank\'s story: commands, rejections, policies across contexts, queries, a deletion', async () => {
                snapshots[store.kind] = await runModelledBankStory(modelledBankApp(modelled, eventStore), eventStore);
            });

            it('keeps every one of 10 concurrent deposits to one account (optimistic concurrency, retried)', async () => {
                const app = modelledBankApp(modelled, eventStore);
                const account = `${SAVINGS.slice(0, -2)}c${store.kind.length}`;
                await app.banking.bankAccount.openAccount(account, { customerId: ANN, currency: 'EUR' });
                await Promise.all(Array.from({ length: 10 }, (_, i) =>
                    app.banking.bankAccount.depositMoney(account, { amount: { amount: `${i + 1}.10`, currency: 'EUR' } })));
                assert.equal((await eventStore.readStream(`BankAccount-${account}`)).events.length, 11);
                const summary = await app.banking.queries.getAccountSummary({ accountId: account });
                assert.deepEqual([summary?.balance, summary?.deposits], ['56.00', 10]);
            });

            it('opens a new account once when 10 commands open it concurrently: the others see it open and are rejected', async () => {
                const app = modelledBankApp(modelled, eventStore);
                const account = `${SAVINGS.slice(0, -2)}d${store.kind.length}`;
                const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () =>
                    app.banking.bankAccount.openAccount(account, { customerId: ANN, currency: 'EUR' })));
                const rejections = outcomes.map(outcome => (outcome.status === 'rejected' ? (outcome.reason as { rejection?: { type: string } }).rejection?.type ?? String(outcome.reason) : 'opened'));
                assert.deepEqual(rejections.sort(), [...Array.from({ length: 9 }, () => 'AccountAlreadyOpen'), 'opened']);
                assert.deepEqual((await eventStore.readStream(`BankAccount-${account}`)).events.map(event => event.type), ['AccountOpened']);
            });

            it('stores an optional field left out as absent, as JSON, and hands the event out the same way (the runtime tests\' bank: FreezeAccount\'s reason is optional)', async function () {
                const plain = await bank.openEventStore(await store.url(this));
                try {
                    const app = bankApp(bank, plain);
                    const account = `${SAVINGS.slice(0, -2)}e${store.kind.length}`;
                    await app.banking.bankAccount.openAccount(account, { customerId: ANN, currency: 'EUR' });
                    const frozen = await app.banking.bankAccount.freezeAccount(account, {}); // reason?: string, decided as reason: undefined
                    assert.deepEqual(frozen.map(event => event.data), [{}]);
                    assert.deepEqual((await plain.readStream(`BankAccount-${account}`)).events.map(event => event.data).slice(-1), [{}]);
                } finally {
                    await plain.close();
                }
            });

            it('appends nothing when a projection fails half-way through the command (the runtime tests\' bank, whose projection a hand-written line fails)', async function () {
                const failing = await bank.openEventStore(await store.url(this));
                try {
                    const app = bankApp(bank, failing);
                    const account = `${SAVINGS.slice(0, -2)}f${store.kind.length}`;
                    await app.banking.bankAccount.openAccount(account, { customerId: ANN, currency: 'EUR' });
                    await app.banking.bankAccount.depositMoney(account, { amount: { amount: '5', currency: 'EUR' } });
                    await assert.rejects(app.banking.bankAccount.depositMoney(account, { amount: { amount: '13.13', currency: 'EUR' } }), /the projection failed/);
                    assert.deepEqual((await failing.readStream(`BankAccount-${account}`)).events.map(event => event.type), ['AccountOpened', 'MoneyDeposited']);
                    assert.equal((await app.banking.queries.getAccountBalance({ accountId: account }))?.balance, '5');
                    await app.banking.bankAccount.depositMoney(account, { amount: { amount: '1', currency: 'EUR' } });
                    assert.equal((await app.banking.queries.getAccountBalance({ accountId: account }))?.balance, '6', 'the stream goes on after the failure');
                } finally {
                    await failing.close();
                }
            });
        });
    }

    // A nested suite runs after the stores' suites above: their snapshots are there by then.
    describe('across the stores', () => it('the same story gives the same events and documents on all three', function () {
        if (!snapshots.postgresql && process.env.CI !== 'true') this.skip(); // PostgreSQL skipped above, saying why
        assert.deepEqual(Object.keys(snapshots).sort(), ['memory', 'postgresql', 'sqlite']);
        assert.deepEqual(snapshots.sqlite, snapshots.memory);
        assert.deepEqual(snapshots.postgresql, snapshots.memory);
    }));

    it('a reopened SQLite file has everything that was committed', async () => {
        const url = `sqlite:${join(sqliteFolder, 'reopened.sqlite')}`;
        const first = await modelled.openEventStore(url);
        const written = await runModelledBankStory(modelledBankApp(modelled, first), first);
        await first.close();
        const again = await modelled.openEventStore(url);
        try {
            assert.deepEqual(await snapshot(modelledBankApp(modelled, again), again), written);
        } finally {
            await again.close();
        }
    });

    it('stops a policy loop (a policy issuing the command that triggers it) with a PolicyLoopError', async () => {
        const folder = await generateApp('test/runtime/models/loop', {
            'loop/counter.ts': { decideTick: 'return [{ type: \'Ticked\', data: {} }];' },
            'loop/policies.ts': { tickAgain: 'return [{ type: \'Tick\', data: {} }];' }
        });
        const loop = await importApp<{
            openEventStore(url: string): Promise<ModelEventStore>;
            createApp(options: { eventStore: ModelEventStore; maxPolicyDepth?: number }): { loop: { counter: { tick(id: string): Promise<unknown> } } };
        }>(folder);
        const eventStore = await loop.openEventStore('memory:');
        const app = loop.createApp({ eventStore, maxPolicyDepth: 5 });
        await assert.rejects(app.loop.counter.tick('c0ffee00-0000-4000-8000-000000000000'), (error: Error) => {
            assert.equal(error.name, 'PolicyLoopError');
            assert.match(error.message, /6 levels deep .*TickAgain\(Tick\)/);
            return true;
        });
        assert.equal((await eventStore.readStream('Counter-c0ffee00-0000-4000-8000-000000000000')).events.length, 6, 'the events appended before the guard stay');
    });
});
