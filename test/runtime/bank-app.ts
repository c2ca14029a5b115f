/**
 * The runtime tests' bank (test/runtime/models/bank): its hand-written rules, the generated app
 * as the tests see it, and the story every store is driven through.
 */
import * as assert from 'node:assert/strict';
import type { HttpApi } from '../../src/runtime/http-runtime.js';
import { fixedNow, generateApp, idSequence, importApp, type HandWritten } from './runtime-test-kit.js';

const notOpen = 'if (state.status !== \'Open\') return { kind: \'Rejection\', type: \'AccountNotOpen\', data: { status: state.status } };';

/** What a user writes below the "Hand-written" lines of the generated bank. */
export const BANK_RULES: HandWritten = {
    'banking/bank-account.ts': {
        decideOpenAccount: 'return [{ type: \'AccountOpened\', data: { customerId: command.data.customerId, currency: command.data.currency } }];',
        decideDepositMoney: `${notOpen}\nreturn [{ type: 'MoneyDeposited', data: { amount: command.data.amount } }];`,
        decideWithdrawMoney: [
            notOpen,
            'if (decimal.compare(command.data.amount.amount, state.balance) > 0) {',
            '    return { kind: \'Rejection\', type: \'InsufficientFunds\', data: { requested: command.data.amount.amount, available: state.balance } };',
            '}',
            'return [{ type: \'MoneyWithdrawn\', data: { amount: command.data.amount } }];'
        ].join('\n'),
        decideFreezeAccount: `${notOpen}\nreturn [{ type: 'AccountFrozen', data: { reason: command.data.reason } }];`,
        decideCloseAccount: 'if (state.status !== \'Open\' && state.status !== \'Frozen\') return { kind: \'Rejection\', type: \'AccountNotOpen\', data: { status: state.status } };\nreturn [{ type: \'AccountClosed\', data: {} }];',
        evolveAccountOpened: 'return { ...state, status: \'Open\' };',
        evolveMoneyDeposited: 'return { ...state, balance: decimal.add(state.balance, event.data.amount.amount) };',
        evolveMoneyWithdrawn: 'return { ...state, balance: decimal.subtract(state.balance, event.data.amount.amount) };',
        evolveAccountFrozen: 'return { ...state, status: \'Frozen\' };',
        evolveAccountClosed: 'return { ...state, status: \'Closed\' };'
    },
    'banking/account-balance.projection.ts': {
        accountBalanceOnAccountOpened: 'return { ...document, customerId: event.data.customerId, status: \'Open\' };',
        // 13.13 stands for a projection that fails half-way: the whole command must leave no trace.
        accountBalanceOnMoneyDeposited: 'if (event.data.amount.amount === \'13.13\') throw new Error(\'the projection failed\');\nreturn { ...document, balance: decimal.add(document.balance, event.data.amount.amount) };',
        accountBalanceOnMoneyWithdrawn: 'return { ...document, balance: decimal.subtract(document.balance, event.data.amount.amount) };',
        accountBalanceOnAccountFrozen: 'return { ...document, status: \'Frozen\' };',
        accountBalanceOnAccountClosed: 'return null;'
    },
    'banking/policies.ts': {
        freezeOnLargeWithdrawal: 'return decimal.compare(event.data.amount.amount, \'10000\') > 0 ? [{ type: \'FreezeAccount\', data: { reason: \'large withdrawal\' } }] : [];'
    },
    'risk/policies.ts': {
        alertOnFreeze: 'return [{ type: \'RaiseAlert\', data: { accountId: context.streamId, reason: event.data.reason ?? \'frozen\' } }];'
    }
};

const DECIMAL_IMPORT = 'import { decimal } from \'../eventloom.js\';';

export function generateBankApp(): Promise<string> {
    return generateApp('test/runtime/models/bank', BANK_RULES, {
        'banking/bank-account.ts': DECIMAL_IMPORT, 'banking/account-balance.projection.ts': DECIMAL_IMPORT, 'banking/policies.ts': DECIMAL_IMPORT
    });
}

type Money = { amount: string; currency: 'EUR' | 'USD' };
type Appended = ReadonlyArray<{ type: string; data: unknown; metadata: { streamName: string } }>;
export interface AccountBalance { accountId: string; customerId?: string; balance: string; status: string }

export interface ModelEventStore {
    readonly kind: string;
    readStream(streamName: string): Promise<{ events: ReadonlyArray<{ type: string; data: unknown }> }>;
    close(): Promise<void>;
}

export interface BankApp {
    banking: {
        bankAccount: {
            openAccount(id: string, data: { customerId: string; currency: 'EUR' | 'USD' }): Promise<Appended>;
            depositMoney(id: string, data: { amount: Money }): Promise<Appended>;
            withdrawMoney(id: string, data: { amount: Money }): Promise<Appended>;
            freezeAccount(id: string, data?: { reason?: string }): Promise<Appended>;
            closeAccount(id: string, data?: Record<string, never>): Promise<Appended>;
        };
        queries: {
            getAccountBalance(query: { accountId: string }): Promise<AccountBalance | null>;
            listAccountsOfCustomer(query: { customerId: string }): Promise<AccountBalance[]>;
        };
    };
    risk: { queries: { listAlertsOfAccount(query: { accountId: string }): Promise<Array<{ alertId: string; accountId?: string; reason?: string }>> } };
}

export interface BankModule {
    openEventStore(url: string): Promise<ModelEventStore>;
    createApp(options: { eventStore: ModelEventStore; now?: () => Date; newId?: () => string }): BankApp;
    httpApi(app: BankApp): HttpApi;
}

export function importBank(folder: string): Promise<BankModule> {
    return importApp<BankModule>(folder);
}

/** Uuid ids, all holding `-`: a stream name cut at its first `-` would lose most of them. */
export const ANN = '4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f';
export const SAVINGS = '7d2a9c3b-0000-4000-8000-00000000000a';
export const CHECKING = '7d2a9c3b-0000-4000-8000-00000000000b';
const eur = (amount: string): Money => ({ amount, currency: 'EUR' });

export function bankApp(bank: BankModule, eventStore: ModelEventStore): BankApp {
    return bank.createApp({ eventStore, now: fixedNow, newId: idSequence('a1e47000') });
}

/** What a store holds after the story: every stream's events and the documents, read through the app. */
export interface Snapshot {
    streams: Record<string, Array<{ type: string; data: unknown }>>;
    savings: AccountBalance | null;
    checking: AccountBalance | null;
    annsAccounts: AccountBalance[];
    alerts: unknown[];
}

export async function snapshot(app: BankApp, store: ModelEventStore): Promise<Snapshot> {
    const streams: Snapshot['streams'] = {};
    for (const name of [`BankAccount-${SAVINGS}`, `BankAccount-${CHECKING}`, 'Alert-a1e47000-0000-4000-8000-000000000001']) {
        streams[name] = (await store.readStream(name)).events.map(event => ({ type: event.type, data: event.data }));
    }
    return {
        streams,
        savings: await app.banking.queries.getAccountBalance({ accountId: SAVINGS }),
        checking: await app.banking.queries.getAccountBalance({ accountId: CHECKING }),
        annsAccounts: await app.banking.queries.listAccountsOfCustomer({ customerId: ANN }),
        alerts: await app.risk.queries.listAlertsOfAccount({ accountId: SAVINGS })
    };
}

/**
 * Open, deposit, withdraw, a rejection with nothing appended, a large withdrawal that freezes the
 * account through the policy and raises an alert in Risk (another context), queries by key and by
 * field, a closed account's document deleted. Asserts along the way; returns the final snapshot.
 */
export async function runBankStory(app: BankApp, store: ModelEventStore): Promise<Snapshot> {
    const accounts = app.banking.bankAccount;
    const opened = await accounts.openAccount(SAVINGS, { customerId: ANN, currency: 'EUR' });
    assert.deepEqual(opened.map(event => [event.type, event.metadata.streamName]), [['AccountOpened', `BankAccount-${SAVINGS}`]]);
    await accounts.openAccount(CHECKING, { customerId: ANN, currency: 'EUR' });
    await accounts.depositMoney(SAVINGS, { amount: eur('20000.00') });
    await accounts.withdrawMoney(SAVINGS, { amount: eur('50.25') });
    assert.deepEqual(await app.banking.queries.getAccountBalance({ accountId: SAVINGS }),
        { accountId: SAVINGS, customerId: ANN, balance: '19949.75', status: 'Open' }, 'the document is keyed by the whole uuid');

    const before = (await store.readStream(`BankAccount-${SAVINGS}`)).events.length;
    await assert.rejects(accounts.withdrawMoney(SAVINGS, { amount: eur('1000000') }), (error: Error & { rejection?: unknown }) => {
        assert.equal(error.name, 'RejectionError');
        assert.deepEqual(error.rejection, { kind: 'Rejection', type: 'InsufficientFunds', data: { requested: '1000000', available: '19949.75' } });
        return true;
    });
    assert.equal((await store.readStream(`BankAccount-${SAVINGS}`)).events.length, before, 'a rejection appends nothing');

    const large = await accounts.withdrawMoney(SAVINGS, { amount: eur('15000') });
    assert.deepEqual(large.map(event => event.type), ['MoneyWithdrawn'], 'the command resolves to its own events');
    const savings = (await store.readStream(`BankAccount-${SAVINGS}`)).events.map(event => event.type);
    assert.deepEqual(savings.slice(-2), ['MoneyWithdrawn', 'AccountFrozen'], 'the policy froze the account');
    await assert.rejects(accounts.depositMoney(SAVINGS, { amount: eur('1') }), /Rejected: AccountNotOpen/);

    await accounts.closeAccount(CHECKING);
    assert.equal(await app.banking.queries.getAccountBalance({ accountId: CHECKING }), null, 'the closed account\'s document is deleted');
    const result = await snapshot(app, store);
    assert.deepEqual(result.savings, { accountId: SAVINGS, customerId: ANN, balance: '4949.75', status: 'Frozen' });
    assert.deepEqual(result.annsAccounts, [result.savings], 'by field: Ann\'s accounts, the closed one gone');
    assert.deepEqual(result.alerts, [{ alertId: 'a1e47000-0000-4000-8000-000000000001', accountId: SAVINGS, reason: 'large withdrawal' }],
        'the cross-context policy raised an alert for the frozen account');
    return result;
}
