/**
 * The generated HTTP API (`<out>/http.ts`) on SQLite, through the story of the modelled bank
 * (DESIGN §2b, no hand-written line) with a real HTTP client (Node's fetch): commands POSTed as
 * JSON, queries with GET, 409 for a rejection with its type and data, 400 for bad JSON or a wrong
 * field, and nothing appended on an error.
 */
import * as assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as HttpRuntimeModule from '../../src/runtime/http-runtime.js';
import { ANN, CHECKING, generateModelledBank, importModelledBank, modelledBankApp, NOW, SAVINGS, SAVINGS_AFTER, storyId, type ModelEventStore } from './modelled-bank.js';

type HttpRuntime = typeof HttpRuntimeModule;

describe('the generated HTTP API', function () {
    this.timeout(120_000);
    let folder: string;
    let server: Server;
    let eventStore: ModelEventStore;
    let base: string;

    before(async () => {
        const app = await generateModelledBank();
        const bank = await importModelledBank(app);
        const { serveHttp } = await import(pathToFileURL(join(app, 'http.ts')).href) as HttpRuntime;
        folder = mkdtempSync(join(tmpdir(), 'eventloom-http-'));
        eventStore = await bank.openEventStore(`sqlite:${join(folder, 'bank.sqlite')}`);
        server = await serveHttp(bank.httpApi(modelledBankApp(bank, eventStore)), 0);
        const address = server.address();
        base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
        await new Promise(resolve => server?.close(resolve));
        await eventStore?.close();
        rmSync(folder, { recursive: true, force: true });
    });

    const post = async (path: string, body: unknown) => {
        const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
        return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    const get = async (path: string) => {
        const response = await fetch(`${base}${path}`);
        return { status: response.status, body: await response.json() as unknown };
    };
    const savingsEvents = async () => (await eventStore.readStream(`BankAccount-${SAVINGS}`)).events.length;

    it('runs the modelled bank\'s story over HTTP', async () => {
        assert.deepEqual(await post(`/banking/bank-account/${SAVINGS}/open-account`, { customerId: ANN, currency: 'EUR' }),
            { status: 200, body: { events: [{ type: 'AccountOpened', data: { customerId: ANN, currency: 'EUR', overdraftLimit: '0', openedAt: NOW } }] } });
        assert.equal((await post(`/banking/bank-account/${CHECKING}/open-account`, { customerId: ANN, currency: 'EUR' })).status, 200);
        assert.equal((await post(`/banking/bank-account/${SAVINGS}/deposit-money`, { amount: { amount: '20000.00', currency: 'EUR' } })).status, 200);
        // A decimal sent as a JSON number is taken as its text.
        assert.deepEqual((await post(`/banking/bank-account/${SAVINGS}/withdraw-money`, { amount: { amount: 50.25, currency: 'EUR' } })).body,
            { events: [{ type: 'MoneyWithdrawn', data: { transactionId: storyId(2), amount: { amount: '50.25', currency: 'EUR' }, bookedAt: NOW } }] });

        assert.deepEqual(await post(`/banking/bank-account/${SAVINGS}/withdraw-money`, { amount: { amount: '1000000', currency: 'EUR' } }),
            { status: 409, body: { type: 'InsufficientFunds', data: { requested: '1000000', available: '19949.75' } } });
        assert.deepEqual(await post(`/banking/bank-account/${SAVINGS}/deposit-money`, { amount: { amount: '10', currency: 'USD' } }),
            { status: 409, body: { type: 'WrongCurrency', data: { currency: 'EUR', given: 'USD' } } });

        assert.equal((await post(`/banking/bank-account/${SAVINGS}/withdraw-money`, { amount: { amount: '15000', currency: 'EUR' } })).status, 200);
        assert.deepEqual(await post(`/banking/bank-account/${SAVINGS}/deposit-money`, { amount: { amount: '1', currency: 'EUR' } }),
            { status: 409, body: { type: 'AccountNotOpen', data: { status: 'Frozen' } } }, 'the policy froze the account');
        assert.deepEqual(await get(`/banking/queries/get-account-summary?accountId=${SAVINGS}`), { status: 200, body: SAVINGS_AFTER });
        assert.deepEqual(await get(`/risk/queries/list-alerts-of-account?accountId=${SAVINGS}`),
            { status: 200, body: [{ alertId: storyId(4), accountId: SAVINGS, reason: 'large withdrawal', raisedAt: NOW }] });

        assert.deepEqual(await post(`/banking/bank-account/${SAVINGS}/close-account`, ''),
            { status: 409, body: { type: 'BalanceNotZero', data: { balance: '4949.75' } } });
        assert.equal((await post(`/banking/bank-account/${CHECKING}/close-account`, '')).status, 200);
        assert.deepEqual(await get(`/banking/queries/get-account-summary?accountId=${CHECKING}`),
            { status: 404, body: { error: 'GetAccountSummary: no document matches.' } });
        assert.deepEqual(await get(`/banking/queries/list-accounts-by-customer?customerId=${ANN}`), { status: 200, body: [SAVINGS_AFTER] });
    });

    it('answers 400 with what is wrong for bad JSON, a missing, unknown or mistyped field; nothing is appended', async () => {
        const before = await savingsEvents();
        const path = `/banking/bank-account/${SAVINGS}/deposit-money`;
        assert.deepEqual((await post(path, '{"amount": ')).status, 400);
        assert.match(String((await post(path, '{"amount": ')).body.error), /^The body is not JSON/);
        assert.deepEqual(await post(path, {}), { status: 400, body: { error: 'DepositMoney needs the field "amount" (object with amount, currency).' } });
        assert.deepEqual(await post(path, { amount: { amount: '1', currency: 'EUR' }, note: 'x' }),
            { status: 400, body: { error: 'DepositMoney has no field "note"; its fields are amount, reference.' } });
        assert.deepEqual(await post(path, { amount: { amount: 'ten', currency: 'EUR' } }),
            { status: 400, body: { error: 'DepositMoney.amount.amount must be a decimal, got "ten".' } });
        assert.deepEqual(await post(path, { amount: { amount: '1', currency: 'YEN' } }),
            { status: 400, body: { error: 'DepositMoney.amount.currency must be one of EUR, USD, GBP, got "YEN".' } });
        assert.deepEqual(await get('/banking/queries/get-account-summary?accountId=not-a-uuid'),
            { status: 400, body: { error: 'GetAccountSummary.accountId must be a uuid, got "not-a-uuid".' } });
        assert.equal(await savingsEvents(), before, 'no event was appended by any of them');
    });

    it('answers 404 naming the commands for an unknown one', async () => {
        const { status, body } = await post(`/banking/bank-account/${SAVINGS}/rob-bank`, {});
        assert.equal(status, 404);
        assert.match(String(body.error), /No command rob-bank of bank-account in banking\. Commands: banking\/bank-account\/open-account, /);
    });
});
