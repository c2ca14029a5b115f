/**
 * A policy's command goes to the stream the model names for it (DESIGN §2b: the target command's
 * stream id is its aggregate's id, mapped or same-named), in the generated app on every store, as
 * the interpreter routes it: the routing model (test/generator/models/routing) moves a transfer's
 * money with `issues Debit { accountId: from }` and `issues Credit { accountId: to }` from another
 * context, where accountId is no field of the commands or of the event, nor the triggering
 * stream's id name, so only the mapping says which account. The bookings are noted on their
 * transfer by the event's same-named field (transferId, across contexts back), and an account
 * overdrawn past 1000 goes on hold by the triggering stream's id (reading its balance as projected
 * with the debit). Generated whole: no hand-written line.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedNow, generateApp, importApp, postgresUrl, stopPostgres } from './runtime-test-kit.js';

interface RoutingStore {
    readStream(streamName: string): Promise<{ events: ReadonlyArray<{ type: string; data: unknown }> }>;
    close(): Promise<void>;
}

interface RoutingModule {
    openEventStore(url: string): Promise<RoutingStore>;
    createApp(options: { eventStore: RoutingStore; now?: () => Date; newId?: () => string }): {
        transfers: { transfer: { startTransfer(id: string, data: { from: string; to: string; amount: string }): Promise<ReadonlyArray<{ type: string }>> } };
        ledger: { queries: { getBalance(query: { accountId: string }): Promise<{ accountId: string; balance: string } | null> } };
    };
}

/** Ids of their own per store (the PostgreSQL server outlives a test); uuids, so they hold `-`. */
const id = (kind: string, store: string, n: number) => `${kind}-0000-4000-8000-${String(store.length).padStart(6, '0')}${String(n).padStart(6, '0')}`;

describe('the generated app routes a policy\'s command to the stream the model names', function () {
    this.timeout(120_000);
    let routing: RoutingModule;
    let sqliteFolder: string;

    before(async () => {
        routing = await importApp<RoutingModule>(await generateApp('test/generator/models/routing', {}));
        sqliteFolder = mkdtempSync(join(tmpdir(), 'eventloom-routing-'));
    });
    after(async () => {
        await stopPostgres();
        rmSync(sqliteFolder, { recursive: true, force: true });
    });

    const stores: Array<{ kind: string; url: (context: Mocha.Context) => Promise<string> }> = [
        { kind: 'memory', url: async () => 'memory:' },
        { kind: 'sqlite', url: async () => `sqlite:${join(sqliteFolder, 'routing.sqlite')}` },
        { kind: 'postgresql', url: context => postgresUrl(context) }
    ];
    for (const store of stores) {
        it(`${store.kind}: by a mapped id, by the event's same-named field and by the triggering stream's id, across contexts`, async function () {
            const eventStore = await routing.openEventStore(await store.url(this));
            try {
                // Fresh ids drawn by the app would name streams of their own: none may be drawn.
                const app = routing.createApp({ eventStore, now: fixedNow, newId: () => id('0e0e0e0e', store.kind, 99) });
                const [from, to] = [1, 2].map(n => id('7d2a9c3b', store.kind, n));
                const [small, large] = [1, 2].map(n => id('5b1e7c3a', store.kind, n));
                const stream = async (name: string) => (await eventStore.readStream(name)).events.map(event => ({ type: event.type, data: event.data }));

                await app.transfers.transfer.startTransfer(small, { from, to, amount: '25' });
                assert.deepEqual(await stream(`Account-${from}`), [{ type: 'Debited', data: { transferId: small, amount: '25' } }], 'the debit goes to the account mapped from `from`');
                assert.deepEqual(await stream(`Account-${to}`), [{ type: 'Credited', data: { transferId: small, amount: '25' } }], 'the credit goes to the account mapped from `to`');
                assert.deepEqual((await stream(`Transfer-${small}`)).map(event => event.type), ['TransferStarted', 'DebitNoted', 'CreditNoted'],
                    'each booking is noted on the transfer its event names');

                await app.transfers.transfer.startTransfer(large, { from, to, amount: '1500' });
                assert.deepEqual((await stream(`Account-${from}`)).map(event => event.type), ['Debited', 'Debited', 'Held'], 'the debit that overdraws the account past 1000 holds it (its balance read with that debit)');
                assert.deepEqual((await stream(`Account-${to}`)).map(event => event.type), ['Credited', 'Credited']);
                assert.deepEqual((await stream(`Transfer-${large}`)).map(event => event.type), ['TransferStarted', 'DebitNoted', 'CreditNoted']);
                assert.deepEqual(await stream(`Account-${id('0e0e0e0e', store.kind, 99)}`), [], 'no command went to a fresh stream');

                assert.deepEqual(await app.ledger.queries.getBalance({ accountId: from }), { accountId: from, balance: '-1525' });
                assert.deepEqual(await app.ledger.queries.getBalance({ accountId: to }), { accountId: to, balance: '1525' });
            } finally {
                await eventStore.close();
            }
        });
    }
});
