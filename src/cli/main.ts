/** The `eventloom` executable: the only place that exits the process. */
import '../polyfills/group-by.mjs';
import { BUG_NOTICE } from '../language/safety-net/internal-error.js';
import { processOutput } from './cli-output.js';
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), processOutput()).then(
    code => { process.exitCode = code; },
    (error: unknown) => {
        // The safety net's last line: one sentence for the user; the stack only when asked for.
        const message = error instanceof Error ? error.message : String(error);
        const stack = process.env.EVENTLOOM_DEBUG && error instanceof Error ? `\n${error.stack}` : ' (run with EVENTLOOM_DEBUG=1 to include the stack trace in the report)';
        process.stderr.write(`eventloom: internal error: ${message}. ${BUG_NOTICE.replace('this file', 'the model that caused it')}${stack}\n`);
        process.exitCode = 3;
    }
);
