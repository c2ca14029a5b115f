/**
 * The README's curl session works as printed: the online shop generated with `--runtime emmett`,
 * served by its generated HTTP API on a fresh SQLite file, answers each `$ curl …` line of the
 * session with exactly the lines printed below it, the status included (curl itself runs the
 * requests); the 409 of a modelled rule appends nothing.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as HttpRuntimeModule from '../../src/runtime/http-runtime.js';
import { REPO_ROOT } from '../kit/paths.js';
import { generateApp, importApp } from './runtime-test-kit.js';

interface ShopStore {
    readStream(streamName: string): Promise<{ events: ReadonlyArray<{ type: string }> }>;
    close(): Promise<void>;
}

interface ShopModule {
    openEventStore(url: string): Promise<ShopStore>;
    createApp(options: { eventStore: unknown }): unknown;
    httpApi(app: unknown): HttpRuntimeModule.HttpApi;
}

function curlSession(): Array<{ command: string; output: string }> {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /<!-- curl-session -->\n```console\n([\s\S]*?)```\n<!-- \/curl-session -->/.exec(readme)?.[1];
    assert.ok(block, 'the README has a curl session between <!-- curl-session --> markers');
    const steps: Array<{ command: string; output: string }> = [];
    for (const line of block.trimEnd().split('\n')) {
        if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: '' });
        else steps[steps.length - 1].output += `${steps[steps.length - 1].output ? '\n' : ''}${line}`;
    }
    return steps;
}

describe('the README\'s curl session against the served shop', function () {
    this.timeout(120_000);
    let server: Server;
    let eventStore: ShopStore;
    let folder: string;

    before(async () => {
        const app = await generateApp('templates/online-shop', {});
        const shop = await importApp<ShopModule>(app);
        const http = await import(pathToFileURL(join(app, 'http.ts')).href) as typeof HttpRuntimeModule;
        folder = mkdtempSync(join(tmpdir(), 'eventloom-curl-'));
        eventStore = await shop.openEventStore(`sqlite:${join(folder, 'shop.sqlite')}`);
        server = await http.serveHttp(shop.httpApi(shop.createApp({ eventStore })), 0);
    });
    after(async () => {
        await new Promise(resolve => server?.close(resolve));
        await eventStore?.close();
        rmSync(folder, { recursive: true, force: true });
    });

    it('answers every command as printed', async () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        const steps = curlSession();
        assert.ok(steps.length >= 5);
        for (const step of steps) {
            assert.match(step.command, /^curl -s /, 'every step is a curl call');
            // Asynchronously: the server answering curl runs in this very process.
            const { stdout: actual } = await promisify(execFile)('bash', ['-c', step.command.replaceAll('localhost:3000', `127.0.0.1:${port}`)], { encoding: 'utf8' });
            assert.equal(actual.trimEnd(), step.output, step.command);
        }
        // The session shows a rejection by a modelled rule (the status is printed after the body), which appended nothing.
        const rejected = steps.filter(step => /^\{"type":"\w+","data":\{.*\}\}\n409$/.test(step.output));
        assert.equal(rejected.length, 1, 'one 409 with the rejection\'s type and data');
        const payment = /payments\/payment\/([0-9a-f-]+)\//.exec(rejected[0].command)?.[1];
        assert.deepEqual((await eventStore.readStream(`Payment-${payment}`)).events.map(event => event.type), ['PaymentRequested', 'PaymentAuthorized']);
    });

    const customerId = '4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f';
    function baseUrl(): string {
        const address = server.address();
        return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }
    /** The order's command URL prefix, the order started. */
    async function startedOrder(orderId: string): Promise<string> {
        const order = `${baseUrl()}/ordering/order/${orderId}`;
        assert.equal((await fetch(`${order}/start-order`, { method: 'POST', body: JSON.stringify({ customerId }) })).status, 200);
        return order;
    }
    async function answer(response: Response): Promise<{ status: number; body: unknown }> {
        return { status: response.status, body: await response.json() };
    }

    it('counts the items added to an order in the order history (its projection is modelled)', async () => {
        const orderId = '5a0c7e57-0000-4000-8000-0000000000fe';
        const order = await startedOrder(orderId);
        for (const [sku, quantity] of [['BOOK-1', 2], ['PEN-1', 3]] as const) {
            const line = { sku, quantity, unitPrice: { amount: '1.00', currency: 'EUR' } };
            assert.equal((await fetch(`${order}/add-item`, { method: 'POST', body: JSON.stringify({ line }) })).status, 200);
        }
        assert.deepEqual(await answer(await fetch(`${baseUrl()}/ordering/queries/get-order?orderId=${orderId}`)),
            { status: 200, body: { orderId, status: 'Draft', itemCount: 5, customerId } });
    });

    it('refuses, with 400, an int beyond 2^53 − 1, which JSON would have rounded', async () => {
        const order = await startedOrder('5a0c7e57-0000-4000-8000-0000000000fd');
        const body = '{"line":{"sku":"BOOK-1","quantity":9007199254740993,"unitPrice":{"amount":"1.00","currency":"EUR"}}}';
        assert.deepEqual(await answer(await fetch(`${order}/add-item`, { method: 'POST', body })), {
            status: 400,
            body: { error: 'AddItem.line.quantity must be an integer from -9007199254740991 to 9007199254740991 (what an int holds exactly), got a number beyond that (9007199254740992 once rounded).' }
        });
    });

    it('answers a command that reaches a hand-written stub with 501, naming the function and its file', async () => {
        const order = await startedOrder('5a0c7e57-0000-4000-8000-0000000000ff');
        assert.deepEqual(await answer(await fetch(`${order}/place-order`, { method: 'POST', body: '{"shippingAddress":"1 Main St"}' })), {
            status: 501,
            body: { error: 'Order: decidePlaceOrder is not written yet: write its body in ordering/order.ts, or model the rules of PlaceOrder in the Ordering context.' }
        });
    });
});
