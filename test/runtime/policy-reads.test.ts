/**
 * A policy that `reads R` gets R's document for the triggering event's key in the generated app
 * (DESIGN §2b), on every store: the Treasury model (test/runtime/models/reads) flags an account
 * whose deposits passed its limit (Limits, keyed by the triggering stream; two decimals compared)
 * or whose customer made more than two (CustomerTotals, keyed by the event's customerId). Generated whole: no
 * hand-written line. With a fresh document instead, nothing would ever be flagged.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApp, importApp, postgresUrl, stopPostgres } from './runtime-test-kit.js';

interface TreasuryStore {
    readStream(streamName: string): Promise<{ events: ReadonlyArray<{ type: string; data: unknown }> }>;
    close(): Promise<void>;
}

interface TreasuryModule {
    openEventStore(url: string): Promise<TreasuryStore>;
    createApp(options: { eventStore: TreasuryStore }): {
        treasury: { account: { deposit(id: string, data: { customerId: string; amount: string }): Promise<ReadonlyArray<{ type: string }>> } };
    };
}

const CUSTOMER_1 = '4f9c1d2e-8a7b-4c3d-9e1f-000000000001';
const CUSTOMER_2 = '4f9c1d2e-8a7b-4c3d-9e1f-000000000002';
/** Accounts of their own per store (the PostgreSQL server outlives a test). */
const account = (n: number, store: string) => `7d2a9c3b-0000-4000-8000-00000${store.length}00000${n}`;

describe('the generated app gives a policy that reads a read model its document', function () {
    this.timeout(120_000);
    let treasury: TreasuryModule;
    let sqliteFolder: string;

    before(async () => {
        treasury = await importApp<TreasuryModule>(await generateApp('test/runtime/models/reads', {}));
        sqliteFolder = mkdtempSync(join(tmpdir(), 'eventloom-reads-'));
    });
    after(async () => {
        await stopPostgres();
        rmSync(sqliteFolder, { recursive: true, force: true });
    });

    const stores: Array<{ kind: string; url: (context: Mocha.Context) => Promise<string> }> = [
        { kind: 'memory', url: async () => 'memory:' },
        { kind: 'sqlite', url: async () => `sqlite:${join(sqliteFolder, 'treasury.sqlite')}` },
        { kind: 'postgresql', url: context => postgresUrl(context) }
    ];
    for (const store of stores) {
        it(`${store.kind}: by the triggering stream's id and by the event's field, as committed with the triggering event`, async function () {
            const eventStore = await treasury.openEventStore(await store.url(this));
            try {
                const { deposit } = treasury.createApp({ eventStore }).treasury.account;
                const [a, b, d, e] = [1, 2, 3, 4].map(n => account(n, store.kind));
                const stream = async (id: string) => (await eventStore.readStream(`Account-${id}`)).events.map(event => event.type);
                await deposit(a, { customerId: CUSTOMER_1, amount: '60' });
                await deposit(b, { customerId: CUSTOMER_2, amount: '9.50' });
                await deposit(d, { customerId: CUSTOMER_2, amount: '9.50' });
                // 60 against a limit of 100 compares as decimals (as text, '60' > '100').
                assert.deepEqual([await stream(a), await stream(b), await stream(d)], [['Deposited'], ['Deposited'], ['Deposited']], 'no limit passed yet');

                // Customer 2's third deposit, on a new account: only CustomerTotals (keyed by the event's customerId) says so.
                await deposit(e, { customerId: CUSTOMER_2, amount: '9.50' });
                assert.deepEqual(await stream(e), ['Deposited', 'Flagged']);

                // Account a's deposits reach 110.25 with this one: only Limits (keyed by the stream) says so, counting this deposit.
                await deposit(a, { customerId: CUSTOMER_1, amount: '50.25' });
                assert.deepEqual(await stream(a), ['Deposited', 'Deposited', 'Flagged']);
                assert.deepEqual([await stream(b), await stream(d)], [['Deposited'], ['Deposited']]);
            } finally {
                await eventStore.close();
            }
        });
    }
});
