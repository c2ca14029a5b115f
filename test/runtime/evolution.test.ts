/**
 * Old events through the generated app (DESIGN §2d, §8) on real stores: a stream whose
 * `MoneyDeposited` events were written raw by older code — version 1 before versions were
 * recorded, then 2, then 3 — gives the same state, the same documents and the same decisions
 * (policy included) as the same history written by today's code, version 3 only; and what today's
 * code writes carries its version, so it is never upcast again.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixedNow, generateApp, idSequence, importApp, postgresUrl, stopPostgres, type HandWritten } from './runtime-test-kit.js';

const notOpen = 'if (state.status !== \'Open\') return { kind: \'Rejection\', type: \'AccountNotOpen\', data: {} };';

/** The bodies a user writes: they know only the newest shape of MoneyDeposited. */
const RULES: HandWritten = {
    'banking/bank-account.ts': {
        decideOpenAccount: 'if (state.status !== \'Pending\') return { kind: \'Rejection\', type: \'AccountAlreadyOpen\', data: {} };\nreturn [{ type: \'AccountOpened\', data: { owner: command.data.owner } }];',
        decideDepositMoney: `${notOpen}\nreturn [{ type: 'MoneyDeposited', data: { ...command.data } }];`,
        decideWithdrawMoney: [
            notOpen,
            'if (!state.channels.includes(\'branch\')) return { kind: \'Rejection\', type: \'IdentityNotChecked\', data: {} };',
            'if (decimal.compare(command.data.amount, state.balance) > 0) return { kind: \'Rejection\', type: \'InsufficientFunds\', data: { requested: command.data.amount, available: state.balance } };',
            'return [{ type: \'MoneyWithdrawn\', data: { amount: command.data.amount } }];'
        ].join('\n'),
        decideFreezeAccount: `${notOpen}\nreturn [{ type: 'AccountFrozen', data: { reason: command.data.reason } }];`,
        evolveAccountOpened: 'return { ...state, status: \'Open\' };',
        evolveMoneyDeposited: 'return { ...state, balance: decimal.add(state.balance, event.data.amount), channels: [...state.channels, event.data.channel] };',
        evolveMoneyWithdrawn: 'return { ...state, balance: decimal.subtract(state.balance, event.data.amount) };',
        evolveAccountFrozen: 'return { ...state, status: \'Frozen\' };'
    },
    'banking/account-summary.projection.ts': {
        accountSummaryOnAccountOpened: 'return { ...document, owner: event.data.owner };',
        accountSummaryOnMoneyDeposited: 'return { ...document, balance: decimal.add(document.balance, event.data.amount), channels: [...document.channels, event.data.channel], currencies: [...document.currencies, event.data.currency] };',
        accountSummaryOnMoneyWithdrawn: 'return { ...document, balance: decimal.subtract(document.balance, event.data.amount) };'
    },
    'banking/policies.ts': {
        freezeOnLargeDeposit: 'return decimal.compare(event.data.amount, \'1000\') > 0 ? [{ type: \'FreezeAccount\', data: { reason: `large deposit via ${event.data.channel}` } }] : [];'
    }
};
const DECIMAL_IMPORT = 'import { decimal } from \'../eventloom.js\';';

type StoredEvent = { type: string; data: unknown; metadata?: Record<string, unknown> };
interface EventStore {
    appendToStream(streamName: string, events: StoredEvent[]): Promise<unknown>;
    readStream(streamName: string): Promise<{ events: StoredEvent[] }>;
    close(): Promise<void>;
}
type Deposit = { amount: string; currency: 'EUR' | 'USD'; channel: string };
interface EvolutionApp {
    banking: {
        bankAccount: {
            openAccount(id: string, data: { owner: string }): Promise<StoredEvent[]>;
            depositMoney(id: string, data: Deposit): Promise<StoredEvent[]>;
            withdrawMoney(id: string, data: { amount: string }): Promise<StoredEvent[]>;
        };
        queries: { getAccountSummary(query: { accountId: string }): Promise<Record<string, unknown> | null> };
    };
}
interface EvolutionModule {
    openEventStore(url: string): Promise<EventStore>;
    createApp(options: { eventStore: EventStore; now?: () => Date; newId?: () => string }): EvolutionApp;
}
interface BankingModule {
    bankAccountDecider: { evolve: (state: unknown, event: unknown) => unknown; initialState: () => unknown };
    upcastBankingEvent: (event: never) => unknown;
}

/** The account whose deposits older code wrote, and the one today's code wrote: per store, so that one PostgreSQL database serves all runs. */
const accountIds = (store: string) => ({ old: `01d00000-0000-4000-8000-0000000000${store.length}0`, current: `c0220000-0000-4000-8000-0000000000${store.length}0` });

/** The same three deposits: as older code stored them, and as today's code decides them. */
const RAW_HISTORY: StoredEvent[] = [
    { type: 'MoneyDeposited', data: { amount: '10' } },
    { type: 'MoneyDeposited', data: { amount: '20', currency: 'USD' }, metadata: { schemaVersion: 2 } },
    { type: 'MoneyDeposited', data: { amount: '30', currency: 'EUR', channel: 'app' }, metadata: { schemaVersion: 3 } }
];
const TODAYS_HISTORY: Deposit[] = [
    { amount: '10', currency: 'EUR', channel: 'branch' },
    { amount: '20', currency: 'USD', channel: 'branch' },
    { amount: '30', currency: 'EUR', channel: 'app' }
];

type Outcome = { events: Array<{ type: string; data: unknown }> } | { rejected: unknown };

async function outcomeOf(command: Promise<StoredEvent[]>): Promise<Outcome> {
    try {
        return { events: (await command).map(event => ({ type: event.type, data: event.data })) };
    } catch (error) {
        const rejection = (error as { rejection?: unknown }).rejection;
        if (!rejection) throw error;
        return { rejected: rejection };
    }
}

describe('old event versions through the generated app', function () {
    this.timeout(180_000);
    let app: EvolutionModule;
    let banking: BankingModule;
    let sqliteFolder: string;
    const results: Record<string, unknown> = {};

    before(async () => {
        const folder = await generateApp('test/runtime/models/evolution', RULES, {
            'banking/bank-account.ts': DECIMAL_IMPORT, 'banking/account-summary.projection.ts': DECIMAL_IMPORT, 'banking/policies.ts': DECIMAL_IMPORT
        });
        app = await importApp<EvolutionModule>(folder);
        banking = await import(pathToFileURL(join(folder, 'banking', 'index.ts')).href) as BankingModule;
        sqliteFolder = mkdtempSync(join(tmpdir(), 'eventloom-evolution-'));
    });
    after(async () => {
        await stopPostgres();
        rmSync(sqliteFolder, { recursive: true, force: true });
    });

    const stores: Array<{ kind: string; url: (context: Mocha.Context) => Promise<string> }> = [
        { kind: 'memory', url: async () => 'memory:' },
        { kind: 'sqlite', url: async () => `sqlite:${join(sqliteFolder, 'evolution.sqlite')}` },
        { kind: 'postgresql', url: context => postgresUrl(context) }
    ];
    for (const store of stores) {
        it(`${store.kind}: a stream of versions 1, 2 and 3 gives the state, documents and decisions of one of version 3`, async function () {
            const eventStore = await app.openEventStore(await store.url(this));
            try {
                const accounts = app.createApp({ eventStore, now: fixedNow, newId: idSequence('e7010000') }).banking;
                const { old, current } = accountIds(store.kind);
                for (const id of [old, current]) await accounts.bankAccount.openAccount(id, { owner: 'Ann' });
                await eventStore.appendToStream(`BankAccount-${old}`, RAW_HISTORY);
                for (const deposit of TODAYS_HISTORY) await accounts.bankAccount.depositMoney(current, deposit);

                const stored = (await eventStore.readStream(`BankAccount-${current}`)).events;
                assert.deepEqual(stored.map(event => [event.type, event.metadata?.schemaVersion]),
                    [['AccountOpened', undefined], ['MoneyDeposited', 3], ['MoneyDeposited', 3], ['MoneyDeposited', 3]],
                    'today\'s code records the version it writes');

                const story = async (id: string) => {
                    const decisions = [
                        await outcomeOf(accounts.bankAccount.withdrawMoney(id, { amount: '55' })),
                        await outcomeOf(accounts.bankAccount.withdrawMoney(id, { amount: '10' })),
                        await outcomeOf(accounts.bankAccount.depositMoney(id, { amount: '2000', currency: 'EUR', channel: 'app' })),
                        await outcomeOf(accounts.bankAccount.withdrawMoney(id, { amount: '1' }))
                    ];
                    // The state as the app rebuilds it: each stored event through the context's upcast, then evolve.
                    const state = (await eventStore.readStream(`BankAccount-${id}`)).events
                        .map(event => banking.upcastBankingEvent(event as never))
                        .reduce(banking.bankAccountDecider.evolve, banking.bankAccountDecider.initialState());
                    const { accountId, ...document } = await accounts.queries.getAccountSummary({ accountId: id }) ?? {};
                    assert.equal(accountId, id);
                    const tail = (await eventStore.readStream(`BankAccount-${id}`)).events.slice(-1).map(event => ({ type: event.type, data: event.data }));
                    return { decisions, state, document, tail };
                };
                const fromOld = await story(old);
                const fromCurrent = await story(current);
                assert.deepEqual(fromOld, fromCurrent);
                assert.deepEqual(fromCurrent, {
                    decisions: [
                        { events: [{ type: 'MoneyWithdrawn', data: { amount: '55' } }] },
                        { rejected: { kind: 'Rejection', type: 'InsufficientFunds', data: { requested: '10', available: '5' } } },
                        { events: [{ type: 'MoneyDeposited', data: { amount: '2000', currency: 'EUR', channel: 'app' } }] },
                        { rejected: { kind: 'Rejection', type: 'AccountNotOpen', data: {} } }
                    ],
                    state: { status: 'Frozen', balance: '2005', channels: ['branch', 'branch', 'app', 'app'] },
                    document: { owner: 'Ann', balance: '2005', channels: ['branch', 'branch', 'app', 'app'], currencies: ['EUR', 'USD', 'EUR', 'EUR'] },
                    tail: [{ type: 'AccountFrozen', data: { reason: 'large deposit via app' } }]
                });
                results[store.kind] = fromOld;
            } finally {
                await eventStore.close();
            }
        });
    }
});
