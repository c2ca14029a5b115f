/**
 * The generated application as a small HTTP API, on Node's own `http` (no dependency): checks
 * JSON input against the model's field types, then runs the command or the query.
 * - `POST /<context>/<aggregate>/<id>/<command>` with the command's data as a JSON object (a
 *   field with a default in the model may be left out, and takes it):
 *   200 `{ "events": [{ "type", "data" }, …] }`; 409 `{ "type", "data" }` for a rejection;
 *   400 `{ "error" }` for bad JSON or a wrong field; 501 `{ "error" }` when the command reaches a
 *   hand-written stub not written yet (nothing is appended on a 400 or 409).
 * - `GET /<context>/queries/<query>?field=value…`: 200 with the document (404 when there is none)
 *   or the list of documents.
 * Path segments are the model's names in kebab-case: `/banking/bank-account/<id>/withdraw-money`.
 * The generator copies this file verbatim into `<out>/http.ts`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type PrimitiveFieldType = 'string' | 'int' | 'float' | 'decimal' | 'boolean' | 'timestamp' | 'date' | 'uuid';
export type FieldType = PrimitiveFieldType | { readonly enum: readonly string[] } | { readonly fields: ObjectSchema };
export interface FieldSchema {
    readonly type: FieldType;
    readonly optional?: boolean;
    readonly list?: boolean;
    /** The model's default (`method: PaymentMethod = Card`), as the app holds it: what a field left out (or null) takes. */
    readonly default?: unknown;
}
/** The fields of a command, a query or a value type, by name. */
export type ObjectSchema = Readonly<Record<string, FieldSchema>>;

export interface HttpCommand {
    /** The command's name in the model, for messages: `DepositMoney`. */
    readonly name: string;
    readonly path: readonly [context: string, aggregate: string, command: string];
    readonly schema: ObjectSchema;
    readonly run: (id: string, data: never) => Promise<ReadonlyArray<{ readonly type: string; readonly data: unknown }>>;
}

export interface HttpQuery {
    readonly name: string;
    readonly path: readonly [context: string, query: string];
    readonly schema: ObjectSchema;
    readonly run: (params: never) => Promise<unknown>;
}

export interface HttpApi {
    readonly commands: readonly HttpCommand[];
    readonly queries: readonly HttpQuery[];
}

/** Input that does not fit the model: a 400 saying what is wrong and where. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'InputError';
    }
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The value as the model's types want it (a decimal given as a JSON number becomes its text), or an `InputError`. */
export function checkObject(value: unknown, schema: ObjectSchema, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${where} must be a JSON object, got ${describe(value)}.`);
    const input = value as Record<string, unknown>;
    // Own fields only: `toString` or `__proto__` are in every object, not in the model.
    const unknown = Object.keys(input).filter(name => !Object.hasOwn(schema, name));
    if (unknown.length > 0) {
        const expected = Object.keys(schema);
        throw new InputError(`${where} has no field ${unknown.map(name => `"${name}"`).join(', ')}; ${expected.length ? `its fields are ${expected.join(', ')}` : 'it takes no fields'}.`);
    }
    const result: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(schema)) {
        const given = input[name];
        if (given === undefined || given === null) {
            // A copy: the schema's default is shared by every request.
            if (field.default !== undefined) result[name] = structuredClone(field.default);
            else if (!field.optional) throw new InputError(`${where} needs the field "${name}" (${typeName(field)}).`);
            continue;
        }
        result[name] = checkField(given, field, `${where}.${name}`);
    }
    return result;
}

function checkField(value: unknown, field: FieldSchema, where: string): unknown {
    if (!field.list) return checkValue(value, field.type, where);
    if (!Array.isArray(value)) throw new InputError(`${where} must be a list of ${typeName({ type: field.type })}, got ${describe(value)}.`);
    return value.map((item, index) => checkValue(item, field.type, `${where}[${index}]`));
}

function checkValue(value: unknown, type: FieldType, where: string): unknown {
    const fail = (): never => { throw new InputError(`${where} must be ${article(typeName({ type }))}, got ${describe(value)}.`); };
    if (typeof type === 'object') {
        if ('enum' in type) return typeof value === 'string' && type.enum.includes(value) ? value : fail();
        return checkObject(value, type.fields, where);
    }
    switch (type) {
        case 'string': return typeof value === 'string' ? value : fail();
        case 'int':
            if (typeof value !== 'number' || !Number.isInteger(value)) return fail();
            // JSON.parse has already rounded a larger one (…993 to …992): refuse it rather than store another number.
            if (!Number.isSafeInteger(value)) {
                throw new InputError(`${where} must be an integer from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER} (what an int holds exactly), got a number beyond that (${describe(value)} once rounded).`);
            }
            return value;
        case 'float': return typeof value === 'number' && Number.isFinite(value) ? value : fail();
        case 'boolean': return typeof value === 'boolean' ? value : fail();
        case 'decimal':
            if (typeof value === 'number' && Number.isFinite(value)) return String(value);
            return typeof value === 'string' && DECIMAL.test(value) ? value : fail();
        case 'timestamp': return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && value.includes('T') ? value : fail();
        case 'date': return typeof value === 'string' && DATE.test(value) ? value : fail();
        case 'uuid': return typeof value === 'string' && UUID.test(value) ? value : fail();
    }
}

function typeName(field: Pick<FieldSchema, 'type'>): string {
    const { type } = field;
    if (typeof type === 'string') return type === 'int' ? 'integer' : type;
    if ('enum' in type) return `one of ${type.enum.join(', ')}`;
    return `object with ${Object.keys(type.fields).join(', ') || 'no fields'}`;
}

function article(name: string): string {
    return name.startsWith('one of') ? name : `${/^[aei]/.test(name) && name !== 'uuid' ? 'an' : 'a'} ${name}`;
}

function describe(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'a list';
    if (typeof value === 'string') return JSON.stringify(value);
    return typeof value === 'object' ? 'an object' : String(value);
}

/** Query-string values are text: numbers, booleans, lists and objects are read as JSON. */
function queryParams(search: URLSearchParams, schema: ObjectSchema, where: string): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [name, text] of search) {
        const field = Object.hasOwn(schema, name) ? schema[name] : undefined;
        const isText = field && !field.list && (typeof field.type === 'string'
            ? !['int', 'float', 'boolean'].includes(field.type)
            : 'enum' in field.type);
        if (!field || isText) raw[name] = text;
        else {
            try {
                raw[name] = JSON.parse(text);
            } catch {
                throw new InputError(`${where}.${name} must be ${article(typeName(field))}, got "${text}".`);
            }
        }
    }
    return checkObject(raw, schema, where);
}

function send(response: ServerResponse, status: number, body: unknown): void {
    const text = `${JSON.stringify(body)}\n`;
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    response.end(text);
}

/** A command's data is a few fields: a bigger body is refused (413) rather than held in memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    // Read to the end even past the limit (dropping it), so that the client gets the 413 instead of a reset connection.
    for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    }
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`The body is ${(size / 1024 / 1024).toFixed(1)} MB, over the 1 MB limit for a command's data: send only the command's fields.`);
    return Buffer.concat(chunks).toString('utf8');
}

/** The request's path segments, decoded; an `InputError` for a path that is no URL path or holds a broken `%` escape. */
function pathSegments(rawUrl: string): { segments: string[]; search: URLSearchParams } {
    let url: URL;
    try {
        // Relative to the origin, never to a host: `//x` is a path here, not a host name.
        url = new URL(`http://localhost/${rawUrl.replace(/^\/+/, '')}`);
    } catch {
        throw new InputError(`The path ${JSON.stringify(rawUrl.slice(0, 200))} is not a URL path.`);
    }
    const segments = url.pathname.split('/').filter(Boolean).map(segment => {
        try {
            return decodeURIComponent(segment);
        } catch {
            throw new InputError(`The path segment ${JSON.stringify(segment.slice(0, 200))} is not valid percent-encoding (write % as %25).`);
        }
    });
    return { segments, search: url.searchParams };
}

function rejectionOf(error: unknown): { type: string; data: unknown } | undefined {
    const rejection = (error as { rejection?: { type?: unknown; data?: unknown } } | null)?.rejection;
    return rejection && typeof rejection.type === 'string' ? { type: rejection.type, data: rejection.data ?? {} } : undefined;
}

/** A generated stub that is not written yet (its error says so, and where to write it). */
function isStub(error: unknown): error is Error {
    return error instanceof Error && /: decide\w+ is not written yet: /.test(error.message);
}

/** The request handler of the API (use it with `http.createServer`, or `serveHttp`). */
export function httpHandler(api: HttpApi): (request: IncomingMessage, response: ServerResponse) => void {
    const commands = new Map(api.commands.map(command => [command.path.join('/'), command]));
    const queries = new Map(api.queries.map(query => [query.path.join('/'), query]));
    return (request, response) => {
        void handle(request, response).catch(error => {
            if (error instanceof InputError) send(response, 400, { error: error.message });
            else if (error instanceof BodyTooLarge) send(response, 413, { error: error.message });
            else if (rejectionOf(error)) send(response, 409, rejectionOf(error));
            else if (error instanceof Error && error.name === 'ConcurrencyConflictError') send(response, 409, { type: 'ConcurrencyConflict', error: error.message });
            else if (isStub(error)) send(response, 501, { error: `${error.message}.` });
            else {
                // A bug in the application's code: the client gets its message, the console its stack.
                console.error(`${request.method} ${request.url}: 500`, error);
                send(response, 500, { error: error instanceof Error ? error.message : String(error) });
            }
        });
    };

    async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
        // The body first, whatever the route: an answer sent while the client still sends resets its connection.
        const text = await readBody(request);
        const { segments, search } = pathSegments(request.url ?? '/');
        if (request.method === 'POST' && segments.length === 4) {
            const [context, aggregate, id, name] = segments;
            const command = commands.get([context, aggregate, name].join('/'));
            if (!command) return send(response, 404, { error: `No command ${name} of ${aggregate} in ${context}. Commands: ${[...commands.keys()].join(', ')}.` });
            let body: unknown;
            try {
                body = text.trim() === '' ? {} : JSON.parse(text);
            } catch (error) {
                throw new InputError(`The body is not JSON (${(error as Error).message}); send the command's data as a JSON object.`);
            }
            const data = checkObject(body, command.schema, command.name);
            const events = await command.run(id, data as never);
            return send(response, 200, { events: events.map(event => ({ type: event.type, data: event.data })) });
        }
        if (request.method === 'GET' && segments.length === 3 && segments[1] === 'queries') {
            const [context, , name] = segments;
            const query = queries.get([context, name].join('/'));
            if (!query) return send(response, 404, { error: `No query ${name} in ${context}. Queries: ${[...queries.keys()].join(', ')}.` });
            const result = await query.run(queryParams(search, query.schema, query.name) as never);
            if (result === null) return send(response, 404, { error: `${query.name}: no document matches.` });
            return send(response, 200, result);
        }
        send(response, 404, { error: 'Use POST /<context>/<aggregate>/<id>/<command> or GET /<context>/queries/<query>?….' });
    }
}

/** Serves the API on 127.0.0.1 (or `host`); resolves once it listens. */
export function serveHttp(api: HttpApi, port: number, host = '127.0.0.1'): Promise<Server> {
    const server = createServer(httpHandler(api));
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server));
    });
}
