/**
 * The `serve` half of the fuzzer: the generated HTTP API (`<out>/http.ts` over the generated app on
 * the memory store, as `server.ts --db memory:` serves it) gets seeded hostile requests — mangled
 * paths and percent-escapes, unknown methods, bodies that are not JSON, deeply nested, huge, of the
 * wrong types, with keys like `__proto__` or `toString`, query strings naming Object's own
 * properties. A finding is a 5xx answer (the handler failed on input it should have refused), an
 * answer that is not JSON, no answer in time (a hang), or the process failing (an exception that
 * escaped a request).
 */
import { request as httpRequest, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type * as HttpRuntimeModule from '../../src/runtime/http-runtime.js';
import { ANN, bankApp, generateBankApp, importBank, SAVINGS, type ModelEventStore } from '../runtime/bank-app.js';
import type { Finding } from './findings.js';
import { Random } from './random.js';

export interface HttpCase {
    index: number;
    method: string;
    path: string;
    /** The body as sent (may be anything but JSON). */
    body?: string;
    what: string[];
}

const COMMANDS: Array<[path: string, body: unknown]> = [
    ['/banking/bank-account/{id}/open-account', { customerId: ANN, currency: 'EUR' }],
    ['/banking/bank-account/{id}/deposit-money', { amount: { amount: '20.00', currency: 'EUR' } }],
    ['/banking/bank-account/{id}/withdraw-money', { amount: { amount: 5, currency: 'EUR' } }],
    ['/banking/bank-account/{id}/freeze-account', { reason: 'why' }],
    ['/banking/bank-account/{id}/close-account', {}],
    ['/risk/alert/{id}/raise-alert', { accountId: ANN, reason: 'x' }]
];
const QUERIES = ['/banking/queries/get-account-balance?accountId={id}', '/banking/queries/list-accounts-of-customer?customerId={id}', '/risk/queries/list-alerts-of-account?accountId={id}'];
/** Names every plain object inherits: a lookup by name must not find them. */
const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const ODD_SEGMENTS = ['%', '%E0%A4%A', '%ZZ', '..', '.', '%2F', '%00', 'x'.repeat(100_000), 'ü', '%F0%9F%92%A9', ...INHERITED];
const ODD_VALUES: unknown[] = [null, true, 0, -1, 1e308, 1.5, '', 'EUR', 'x'.repeat(1000), [], {}, [1, 2], { amount: '1' }, '1e5', '-0', '00000000-0000-0000-0000-000000000000'];

function pathOf(random: Random, template: string): string {
    const id = random.chance(0.7) ? SAVINGS : random.pick(ODD_SEGMENTS);
    let path = template.replace('{id}', id);
    if (random.chance(0.3)) {
        const segments = path.split('/');
        segments[random.int(1, segments.length - 1)] = random.pick(ODD_SEGMENTS);
        path = segments.join('/');
    }
    if (random.chance(0.1)) path = random.pick(['/', '//', '///x', '/banking//bank-account', '/a/b/c/d/e', `/${'a/'.repeat(5000)}`, '/?%', '/banking/queries/?']);
    if (random.chance(0.15)) path += `${path.includes('?') ? '&' : '?'}${random.pick(INHERITED)}=${random.pick(['1', '%', '[', '{}', 'x'])}`;
    return path;
}

function nested(depth: number): string {
    return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** The body: a valid one with a field changed, removed or added, or something that is not that at all. */
function bodyOf(random: Random, valid: unknown, what: string[]): string {
    const roll = random.next();
    if (roll < 0.15) { what.push('a valid body'); return JSON.stringify(valid); }
    if (roll < 0.45) {
        const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
        const target = random.chance(0.5) && typeof copy.amount === 'object' ? copy.amount as Record<string, unknown> : copy;
        const keys = Object.keys(target);
        const key = keys.length > 0 && random.chance(0.6) ? random.pick(keys) : random.pick([...INHERITED, 'extra']);
        if (random.chance(0.2)) delete target[key];
        else target[key] = random.pick(ODD_VALUES);
        what.push(`field ${key} changed`);
        // JSON.stringify drops a "__proto__" own key made by assignment; write it by hand.
        return key === '__proto__' ? JSON.stringify(copy).replace(/^\{/, '{"__proto__":{"polluted":1},') : JSON.stringify(copy);
    }
    const odd: Array<[string, () => string]> = [
        ['not JSON', () => '{"amount": '],
        ['a JSON string', () => '"text"'],
        ['a JSON list', () => '[1,2,3]'],
        ['null', () => 'null'],
        ['deeply nested lists', () => nested(random.pick([1000, 100_000]))],
        ['deeply nested objects', () => `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`],
        ['a huge string', () => JSON.stringify({ reason: 'x'.repeat(random.pick([100_000, 5_000_000])) })],
        ['lone surrogates', () => '{"reason":"\udc00\ud800"}'],
        ['a BOM', () => `\ufeff${JSON.stringify(valid)}`],
        ['many keys', () => JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])))],
        ['white space only', () => ' \n\t ']
    ];
    const [name, make] = random.pick(odd);
    what.push(name);
    return make();
}

/** Request `index` of run `seed`, the same on every machine. */
export function httpCase(seed: number, index: number): HttpCase {
    const random = Random.forCase(seed ^ 0x4774, index);
    const what: string[] = [];
    if (random.chance(0.25)) {
        const method = random.chance(0.8) ? 'GET' : random.pick(['POST', 'DELETE', 'PUT']);
        return { index, method, path: pathOf(random, random.pick(QUERIES)), what: [`${method} a query`] };
    }
    const [template, valid] = random.pick(COMMANDS);
    const method = random.chance(0.9) ? 'POST' : random.pick(['GET', 'PUT', 'PATCH', 'OPTIONS', 'DELETE']);
    const path = pathOf(random, template);
    return { index, method, path, body: bodyOf(random, valid, what), what: [`${method} ${template.split('/').pop()}`, ...what] };
}

/** The generated bank app on the memory store, served on a free port of 127.0.0.1. */
export class ServedApp {
    private constructor(readonly server: Server, readonly port: number, private readonly eventStore: ModelEventStore) {}

    static async start(): Promise<ServedApp> {
        const app = await generateBankApp();
        const bank = await importBank(app);
        const { serveHttp } = await import(pathToFileURL(join(app, 'http.ts')).href) as typeof HttpRuntimeModule;
        const eventStore = await bank.openEventStore('memory:');
        const server = await serveHttp(bank.httpApi(bankApp(bank, eventStore)), 0);
        const address = server.address();
        return new ServedApp(server, typeof address === 'object' && address ? address.port : 0, eventStore);
    }

    async stop(): Promise<void> {
        await new Promise(resolve => this.server.close(resolve));
        await this.eventStore.close();
    }
}

interface Answer { status: number; text: string }

function send(port: number, testCase: HttpCase, timeoutMs: number): Promise<Answer | 'timeout' | Error> {
    return new Promise(resolve => {
        const request = httpRequest({ host: '127.0.0.1', port, agent: false, method: testCase.method, path: testCase.path, headers: {
            'content-type': 'application/json',
            // Framed as a real client frames it (Node sends a DELETE's body unframed otherwise, which its own server reads as a broken next request).
            ...(testCase.body === undefined ? {} : { 'content-length': Buffer.byteLength(testCase.body) })
        } }, response => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => { clearTimeout(timer); resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }); });
        });
        const timer = setTimeout(() => { request.destroy(); resolve('timeout'); }, timeoutMs);
        request.on('error', error => { clearTimeout(timer); resolve(error); });
        request.end(testCase.body);
    });
}

/** What is wrong with the answer to a case, if anything. */
export async function checkHttpCase(served: ServedApp, testCase: HttpCase, timeoutMs: number, statuses?: Record<number, number>): Promise<Finding | undefined> {
    const where = `${testCase.method} ${testCase.path.slice(0, 200)} (${testCase.what.join('; ')})`;
    const answer = await send(served.port, testCase, timeoutMs);
    if (statuses && typeof answer === 'object' && 'status' in answer) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer === 'timeout') return { kind: 'hang', signature: `no answer within ${timeoutMs / 1000} s`, detail: where };
    if (answer instanceof Error) return { kind: 'crash', signature: `the connection failed: ${answer.message}`, detail: where };
    // Node's own HTTP parser refuses some requests (431 for a 100k path) with an empty body, before the API sees them.
    if (answer.status >= 400 && answer.status < 500 && answer.text === '') return undefined;
    let body: { error?: unknown } | undefined;
    try {
        body = JSON.parse(answer.text) as { error?: unknown };
    } catch {
        return { kind: 'crash', signature: `status ${answer.status} with a body that is not JSON`, detail: `${where}\n${answer.text.slice(0, 500)}` };
    }
    if (answer.status >= 500) {
        const message = String(body?.error ?? answer.text);
        return { kind: 'crash', signature: `status ${answer.status}: ${message.replace(/"[^"]*"/g, '"…"').slice(0, 160)}`, detail: `${where}\n${answer.text.slice(0, 1000)}` };
    }
    return undefined;
}

export interface HttpRunSummary {
    requests: number;
    /** How many answers had each status: a run that never reaches a command (no 200) proves little. */
    statuses: Record<number, number>;
    counts: Record<Finding['kind'], number>;
    bugs: Array<{ finding: Finding; cases: HttpCase[] }>;
}

/** Serves the app once, sends the requests one after another; the process failing is a crash of the run. */
export async function runHttpRequests(options: {
    seed: number; count: number; first?: number; timeoutMs: number;
    onNewBug?: (finding: Finding, testCase: HttpCase) => void;
}): Promise<HttpRunSummary> {
    const summary: HttpRunSummary = { requests: 0, statuses: {}, counts: { crash: 0, hang: 0, 'write-outside': 0 }, bugs: [] };
    const escaped: unknown[] = [];
    const onEscaped = (error: unknown) => escaped.push(error);
    process.on('uncaughtException', onEscaped);
    process.on('unhandledRejection', onEscaped);
    const served = await ServedApp.start();
    try {
        const first = options.first ?? 0;
        for (let index = first; index < first + options.count; index++) {
            const testCase = httpCase(options.seed, index);
            let finding = await checkHttpCase(served, testCase, options.timeoutMs, summary.statuses);
            if (!finding && escaped.length > 0) {
                const error = escaped.splice(0)[0];
                finding = { kind: 'crash', signature: `escaped the handler: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200), detail: error instanceof Error ? error.stack ?? error.message : String(error) };
            }
            summary.requests++;
            if (!finding) continue;
            summary.counts[finding.kind]++;
            const known = summary.bugs.find(bug => bug.finding.kind === finding.kind && bug.finding.signature === finding.signature);
            if (known) known.cases.push(testCase);
            else {
                summary.bugs.push({ finding, cases: [testCase] });
                options.onNewBug?.(finding, testCase);
            }
        }
    } finally {
        await served.stop();
        process.off('uncaughtException', onEscaped);
        process.off('unhandledRejection', onEscaped);
    }
    return summary;
}
