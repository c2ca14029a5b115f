/**
 * Regression tests for the HTTP fuzzer's findings (test/fuzz/http-fuzz.ts) in the generated API:
 * hostile requests get a 4xx with a message saying what is wrong, never a 500 with a JavaScript
 * error's words, and never a dropped connection.
 */
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { ServedApp } from '../fuzz/http-fuzz.js';
import { SAVINGS } from './bank-app.js';

describe('the generated HTTP API on hostile requests', function () {
    this.timeout(120_000);
    let served: ServedApp;
    before(async () => { served = await ServedApp.start(); });
    after(async () => { await served?.stop(); });

    function send(method: string, path: string, body?: string): Promise<{ status: number; body: unknown }> {
        return new Promise((resolve, reject) => {
            const request = httpRequest({ host: '127.0.0.1', port: served.port, method, path, agent: false, headers: body === undefined ? {} : { 'content-length': Buffer.byteLength(body) } }, response => {
                const chunks: Buffer[] = [];
                response.on('data', (chunk: Buffer) => chunks.push(chunk));
                response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
            });
            request.on('error', reject);
            request.end(body);
        });
    }

    it('answers 400 to a broken percent escape in the path (500 "URI malformed" before)', async () => {
        assert.deepEqual(await send('POST', `/banking/bank-account/${SAVINGS}/%ZZ`, '{}'),
            { status: 400, body: { error: 'The path segment "%ZZ" is not valid percent-encoding (write % as %25).' } });
    });

    it('takes a query parameter named like an inherited property as an unknown field (500 "Cannot use \'in\' operator" before)', async () => {
        assert.deepEqual(await send('GET', `/banking/queries/get-account-balance?accountId=${SAVINGS}&toString=x`),
            { status: 400, body: { error: 'GetAccountBalance has no field "toString"; its fields are accountId.' } });
        assert.deepEqual(await send('POST', `/banking/bank-account/${SAVINGS}/freeze-account`, '{"constructor":"x"}'),
            { status: 400, body: { error: 'FreezeAccount has no field "constructor"; its fields are reason.' } });
    });

    it('reads // as a path, not as a host (500 "Invalid URL" before)', async () => {
        assert.deepEqual(await send('GET', '//'),
            { status: 404, body: { error: 'Use POST /<context>/<aggregate>/<id>/<command> or GET /<context>/queries/<query>?….' } });
    });

    it('refuses a body over 1 MB with 413, naming the limit, and the client gets that answer', async () => {
        assert.deepEqual(await send('POST', `/banking/bank-account/${SAVINGS}/freeze-account`, JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024) })),
            { status: 413, body: { error: 'The body is 2.0 MB, over the 1 MB limit for a command\'s data: send only the command\'s fields.' } });
    });

    it('reads a big body sent to no route to its end, then answers the 404', async () => {
        assert.deepEqual(await send('POST', '/banking/bank-account/x/no-such-command', 'x'.repeat(900_000)), {
            status: 404,
            body: { error: 'No command no-such-command of bank-account in banking. Commands: banking/bank-account/open-account, banking/bank-account/deposit-money, banking/bank-account/withdraw-money, banking/bank-account/freeze-account, banking/bank-account/close-account, risk/alert/raise-alert.' }
        });
    });
});
