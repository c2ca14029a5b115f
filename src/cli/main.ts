/** The `eventloom` executable: the only place that exits the process. */
import '../polyfills/group-by.mjs';
import { processOutput } from './cli-output.js';
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), processOutput()).then(
    code => { process.exitCode = code; },
    (error: unknown) => {
        process.stderr.write(`eventloom: internal error: ${error instanceof Error ? error.stack : String(error)}\nPlease report this with the model that caused it.\n`);
        process.exitCode = 3;
    }
);
