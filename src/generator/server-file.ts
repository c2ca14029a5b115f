/**
 * `<out>/server.ts` (with `--runtime emmett`): runs the app as the HTTP API of `<out>/http.ts` on
 * a store named by `--db` (a SQLite file by default). Run it with tsx, or compile it:
 * `npx tsx <out>/server.ts --db shop.sqlite --port 3000`.
 */
import type { ContextModel } from './context-model.js';
import { FULLY_GENERATED_HEADER } from './file-layout.js';

export function serverFileText(contexts: readonly ContextModel[]): string {
    return [
        FULLY_GENERATED_HEADER,
        '/**',
        ` * The model (${contexts.map(context => context.name).join(', ')}) as an HTTP API:`,
        ' *     npx tsx server.ts [--db <file> | --db <url>] [--port <port>]',
        ' * `--db`: a SQLite file (the default: eventloom.sqlite), `memory:` or `postgresql://…`;',
        ' * `--port`: default 3000. Stops on Ctrl+C, closing the store.',
        ' * @module',
        ' */',
        'import { createApp, httpApi, openEventStore } from \'./app.js\';',
        'import { serveHttp } from \'./http.js\';',
        '',
        'const args = process.argv.slice(2);',
        'const option = (name: string): string | undefined => {',
        '    const index = args.indexOf(name);',
        '    return index >= 0 ? args[index + 1] : undefined;',
        '};',
        'const db = option(\'--db\') ?? \'eventloom.sqlite\';',
        'const url = /^(memory:?|sqlite:|postgres(ql)?:\\/\\/)/.test(db) ? db : `sqlite:${db}`;',
        'const port = Number(option(\'--port\') ?? 3000);',
        'if (!Number.isInteger(port) || port < 0 || port > 65535) {',
        '    console.error(`--port must be a port number, got ${option(\'--port\')}`);',
        '    process.exit(2);',
        '}',
        '',
        'const eventStore = await openEventStore(url);',
        'const api = httpApi(createApp({ eventStore }));',
        'const server = await serveHttp(api, port);',
        'const address = server.address();',
        'const shown = typeof address === \'object\' && address ? `http://127.0.0.1:${address.port}` : String(address);',
        'console.log(`Serving on ${shown} (events in ${url}). Ctrl+C stops.`);',
        'for (const command of api.commands) console.log(`  POST ${shown}/${command.path[0]}/${command.path[1]}/<id>/${command.path[2]}`);',
        'for (const query of api.queries) console.log(`  GET  ${shown}/${query.path[0]}/queries/${query.path[1]}?…`);',
        '',
        'const stop = () => {',
        '    server.close();',
        '    void eventStore.close().then(() => process.exit(0));',
        '};',
        'process.on(\'SIGINT\', stop);',
        'process.on(\'SIGTERM\', stop);',
        ''
    ].join('\n');
}
