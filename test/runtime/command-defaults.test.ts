/**
 * A command field with a default in the model (`method: PaymentMethod = Card` in the online shop's
 * RequestPayment) may be left out, in the app's typed function and over HTTP alike, and then
 * takes its default; a field without one is still required, and a wrong value still a 400.
 */
import * as assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as HttpRuntimeModule from '../../src/runtime/http-runtime.js';
import { generateApp, importApp } from './runtime-test-kit.js';

type Appended = ReadonlyArray<{ type: string; data: unknown }>;

interface ShopStore {
    close(): Promise<void>;
}

interface ShopModule {
    openEventStore(url: string): Promise<ShopStore>;
    createApp(options: { eventStore: ShopStore }): {
        payments: { payment: { requestPayment(id: string, data: { orderId: string; amount: string; method?: string }): Promise<Appended> } };
    };
    httpApi(app: unknown): HttpRuntimeModule.HttpApi;
}

const ORDER = '5a0c7e57-0000-4000-8000-000000000001';
const payment = (n: number) => `9b1e4c2a-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('a command field with a default may be left out', function () {
    this.timeout(120_000);
    let shop: ShopModule;
    let eventStore: ShopStore;
    let server: Server;
    let base: string;

    before(async () => {
        const folder = await generateApp('templates/online-shop', {});
        shop = await importApp<ShopModule>(folder);
        const http = await import(pathToFileURL(join(folder, 'http.ts')).href) as typeof HttpRuntimeModule;
        eventStore = await shop.openEventStore('memory:');
        server = await http.serveHttp(shop.httpApi(shop.createApp({ eventStore })), 0);
        const address = server.address();
        base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
        await new Promise(resolve => server?.close(resolve));
        await eventStore?.close();
    });

    const post = async (id: string, body: string) => {
        const response = await fetch(`${base}/payments/payment/${id}/request-payment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        return { status: response.status, body: await response.json() as unknown };
    };
    const requested = (method: string) => ({ events: [{ type: 'PaymentRequested', data: { orderId: ORDER, amount: '25.00', method } }] });

    it('in the app\'s typed function: left out, it takes the default; given, it is kept', async () => {
        const { requestPayment } = shop.createApp({ eventStore }).payments.payment;
        assert.deepEqual((await requestPayment(payment(1), { orderId: ORDER, amount: '25.00' })).map(event => event.data), [{ orderId: ORDER, amount: '25.00', method: 'Card' }]);
        assert.deepEqual((await requestPayment(payment(2), { orderId: ORDER, amount: '25.00', method: 'Wallet' })).map(event => event.data), [{ orderId: ORDER, amount: '25.00', method: 'Wallet' }]);
    });

    it('over HTTP: left out or null, it takes the default; given, it is checked and kept', async () => {
        assert.deepEqual(await post(payment(3), `{"orderId":"${ORDER}","amount":"25.00"}`), { status: 200, body: requested('Card') });
        assert.deepEqual(await post(payment(4), `{"orderId":"${ORDER}","amount":"25.00","method":null}`), { status: 200, body: requested('Card') });
        assert.deepEqual(await post(payment(5), `{"orderId":"${ORDER}","amount":"25.00","method":"BankTransfer"}`), { status: 200, body: requested('BankTransfer') });
        assert.deepEqual(await post(payment(6), `{"orderId":"${ORDER}","amount":"25.00","method":"Cash"}`),
            { status: 400, body: { error: 'RequestPayment.method must be one of Card, BankTransfer, Wallet, got "Cash".' } });
        assert.deepEqual(await post(payment(6), `{"orderId":"${ORDER}"}`), { status: 400, body: { error: 'RequestPayment needs the field "amount" (decimal).' } });
    });
});
