/**
 * The bank of DESIGN §2b as the template ships it (templates/banking.loom, every rule modelled)
 * plus a modelled Risk context that raises an alert when an account is frozen
 * (test/runtime/models/template-bank-risk): generated with `--runtime emmett` and run with no
 * hand-written line. The story every store and the HTTP API are driven through, and what a store
 * holds after it.
 */
import * as assert from 'node:assert/strict';
import type { HttpApi } from '../../src/runtime/http-runtime.js';
import { fixedNow, generateApp, idSequence, importApp } from './runtime-test-kit.js';

export const MODELLED_BANK = ['templates/banking.loom', 'test/runtime/models/template-bank-risk'];

/** Uuid ids, all holding `-`: a stream name cut at its first `-` would lose most of them. */
export const ANN = '4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f';
export const SAVINGS = '7d2a9c3b-0000-4000-8000-00000000000a';
export const CHECKING = '7d2a9c3b-0000-4000-8000-00000000000b';
/** The ids `newId` hands out in the story, in order (transactions, then the alert). */
export const storyId = (n: number) => `a1e47000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const NOW = fixedNow().toISOString();

type Money = { amount: string; currency: 'EUR' | 'USD' | 'GBP' };
type Appended = ReadonlyArray<{ type: string; data: unknown; metadata: { streamName: string } }>;
export interface AccountSummary { accountId: string; customerId?: string; currency?: string; balance: string; deposits: number; lastActivity?: string }
export interface Alert { alertId: string; accountId?: string; reason?: string; raisedAt?: string }

export interface ModelEventStore {
    readonly kind: string;
    readStream(streamName: string): Promise<{ events: ReadonlyArray<{ type: string; data: unknown }> }>;
    close(): Promise<void>;
}

export interface ModelledBankApp {
    banking: {
        bankAccount: {
            openAccount(id: string, data: { customerId: string; currency: Money['currency']; overdraftLimit?: string }): Promise<Appended>;
            depositMoney(id: string, data: { amount: Money; reference?: string }): Promise<Appended>;
            withdrawMoney(id: string, data: { amount: Money }): Promise<Appended>;
            freezeAccount(id: string, data: { reason: string }): Promise<Appended>;
            closeAccount(id: string, data?: Record<string, never>): Promise<Appended>;
        };
        queries: {
            getAccountSummary(query: { accountId: string }): Promise<AccountSummary | null>;
            listAccountsByCustomer(query: { customerId: string }): Promise<AccountSummary[]>;
        };
    };
    risk: { queries: { listAlertsOfAccount(query: { accountId: string }): Promise<Alert[]> } };
}

export interface ModelledBankModule {
    openEventStore(url: string): Promise<ModelEventStore>;
    createApp(options: { eventStore: ModelEventStore; now?: () => Date; newId?: () => string }): ModelledBankApp;
    httpApi(app: ModelledBankApp): HttpApi;
}

/** Generated with no hand-written bodies at all: what the model determines is all there is. */
export async function generateModelledBank(): Promise<string> {
    return generateApp(MODELLED_BANK, {});
}

export function importModelledBank(folder: string): Promise<ModelledBankModule> {
    return importApp<ModelledBankModule>(folder);
}

/** The app with a fixed clock and the story's id sequence. */
export function modelledBankApp(bank: ModelledBankModule, eventStore: ModelEventStore): ModelledBankApp {
    return bank.createApp({ eventStore, now: fixedNow, newId: idSequence('a1e47000') });
}

const eur = (amount: string): Money => ({ amount, currency: 'EUR' });

/** What a store holds after the story: every stream's events and the documents, read through the app. */
export interface Snapshot {
    streams: Record<string, Array<{ type: string; data: unknown }>>;
    savings: AccountSummary | null;
    checking: AccountSummary | null;
    annsAccounts: AccountSummary[];
    alerts: Alert[];
}

export async function snapshot(app: ModelledBankApp, store: ModelEventStore): Promise<Snapshot> {
    const streams: Snapshot['streams'] = {};
    for (const name of [`BankAccount-${SAVINGS}`, `BankAccount-${CHECKING}`, `Alert-${storyId(4)}`]) {
        streams[name] = (await store.readStream(name)).events.map(event => ({ type: event.type, data: event.data }));
    }
    return {
        streams,
        savings: await app.banking.queries.getAccountSummary({ accountId: SAVINGS }),
        checking: await app.banking.queries.getAccountSummary({ accountId: CHECKING }),
        annsAccounts: await app.banking.queries.listAccountsByCustomer({ customerId: ANN }),
        alerts: await app.risk.queries.listAlertsOfAccount({ accountId: SAVINGS })
    };
}

/** The summary of Ann's savings after the story (frozen, 4,949.75 left). */
export const SAVINGS_AFTER: AccountSummary = { accountId: SAVINGS, customerId: ANN, currency: 'EUR', balance: '4949.75', deposits: 1, lastActivity: NOW };

/**
 * Open, deposit, withdraw, rejections with nothing appended, a large withdrawal that freezes the
 * account through the policy and raises an alert in Risk (another context), queries by key and by
 * field, a closed account's document deleted. Asserts along the way; returns the final snapshot.
 */
export async function runModelledBankStory(app: ModelledBankApp, store: ModelEventStore): Promise<Snapshot> {
    const accounts = app.banking.bankAccount;
    const savingsStream = `BankAccount-${SAVINGS}`;
    const opened = await accounts.openAccount(SAVINGS, { customerId: ANN, currency: 'EUR' });
    assert.deepEqual(opened.map(event => [event.type, event.data, event.metadata.streamName]),
        [['AccountOpened', { customerId: ANN, currency: 'EUR', overdraftLimit: '0', openedAt: NOW }, savingsStream]], 'the model\'s mapping: overdraftLimit ?? 0, openedAt = now');
    await accounts.openAccount(CHECKING, { customerId: ANN, currency: 'EUR' });
    const deposited = await accounts.depositMoney(SAVINGS, { amount: eur('20000.00') });
    assert.deepEqual(deposited.map(event => event.data), [{ transactionId: storyId(1), amount: eur('20000.00'), bookedAt: NOW }]);
    await accounts.withdrawMoney(SAVINGS, { amount: eur('50.25') });
    assert.deepEqual(await app.banking.queries.getAccountSummary({ accountId: SAVINGS }),
        { ...SAVINGS_AFTER, balance: '19949.75' }, 'by key: the document is keyed by the whole uuid');

    const before = (await store.readStream(savingsStream)).events.length;
    await assert.rejects(accounts.withdrawMoney(SAVINGS, { amount: eur('1000000') }), (error: Error & { rejection?: unknown }) => {
        assert.equal(error.name, 'RejectionError');
        assert.deepEqual(error.rejection, { kind: 'Rejection', type: 'InsufficientFunds', data: { requested: '1000000', available: '19949.75' } });
        return true;
    });
    await assert.rejects(accounts.depositMoney(SAVINGS, { amount: { amount: '10', currency: 'USD' } }), (error: Error & { rejection?: unknown }) => {
        assert.deepEqual(error.rejection, { kind: 'Rejection', type: 'WrongCurrency', data: { currency: 'EUR', given: 'USD' } });
        return true;
    });
    assert.equal((await store.readStream(savingsStream)).events.length, before, 'a rejection appends nothing');

    const large = await accounts.withdrawMoney(SAVINGS, { amount: eur('15000') });
    assert.deepEqual(large.map(event => event.type), ['MoneyWithdrawn'], 'the command resolves to its own events');
    const savings = (await store.readStream(savingsStream)).events;
    assert.deepEqual(savings.slice(-2).map(event => [event.type, event.data]), [
        ['MoneyWithdrawn', { transactionId: storyId(3), amount: eur('15000'), bookedAt: NOW }],
        ['AccountFrozen', { reason: 'large withdrawal' }]
    ], 'the policy froze the account (amount.amount > 10000)');
    await assert.rejects(accounts.depositMoney(SAVINGS, { amount: eur('1') }), /Rejected: AccountNotOpen/);
    await assert.rejects(accounts.closeAccount(SAVINGS), (error: Error & { rejection?: unknown }) => {
        assert.deepEqual(error.rejection, { kind: 'Rejection', type: 'BalanceNotZero', data: { balance: '4949.75' } });
        return true;
    });

    await accounts.closeAccount(CHECKING);
    assert.equal(await app.banking.queries.getAccountSummary({ accountId: CHECKING }), null, 'the closed account\'s document is deleted');
    const result = await snapshot(app, store);
    assert.deepEqual(result.savings, SAVINGS_AFTER);
    assert.deepEqual(result.annsAccounts, [SAVINGS_AFTER], 'by field: Ann\'s accounts, the closed one gone');
    assert.deepEqual(result.alerts, [{ alertId: storyId(4), accountId: SAVINGS, reason: 'large withdrawal', raisedAt: NOW }],
        'the cross-context policy raised an alert for the frozen account');
    return result;
}
