/**
 * The command-line interface, callable in-process: parses arguments with commander, runs the
 * command, and turns every outcome into an exit code (0 ok, 1 problems found, 2 unusable
 * arguments). Never calls process.exit; main.ts does.
 */
import { Command, CommanderError } from 'commander';
import type { CliOutput } from './cli-output.js';
import { exportCommand, type ExportOptions } from './export-command.js';
import { UsageError } from './usage-error.js';
import { validateCommand } from './validate-command.js';

export const VERSION = '0.1.0';

export async function runCli(argv: readonly string[], output: CliOutput): Promise<number> {
    let exitCode = 0;
    const program = new Command('eventloom')
        .description('Model CQRS / Event Sourcing domains: validate .loom models and generate TypeScript from them.')
        .version(VERSION)
        .exitOverride()
        .showHelpAfterError('(run with --help for usage)')
        .configureOutput({
            writeOut: text => output.out(text.replace(/\n$/, '')),
            writeErr: text => output.err(text.replace(/\n$/, ''))
        });

    program.command('validate')
        .description('Check models and print each problem as path:line:column: severity: message.')
        .argument('<paths...>', '.loom files or folders (searched recursively)')
        .addHelpText('after', '\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 unusable arguments.')
        .action(async (paths: string[]) => {
            exitCode = await validateCommand(paths, output);
        });

    program.command('export')
        .description('Draw the event flow as a standalone SVG or a Mermaid flowchart (for READMEs and pull requests).')
        .argument('<paths...>', '.loom files or folders (searched recursively)')
        .option('-f, --format <format>', 'svg or mermaid (default: from the --out extension: .svg, .mmd, .md)')
        .option('-o, --out <file>', 'the file to write')
        .option('--context <name>', 'only this bounded context (and the other contexts\' events it consumes)')
        .option('--aggregate <name>', 'only this aggregate\'s neighbourhood (Name or Context.Name)')
        .addHelpText('after', '\nExit codes: 0 written, 1 the model has errors (nothing written), 2 unusable arguments.')
        .action(async (paths: string[], options: ExportOptions) => {
            exitCode = await exportCommand(paths, options, output);
        });

    try {
        await program.parseAsync([...argv], { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            // --help and --version end through here with exit code 0.
            return error.exitCode === 0 ? 0 : 2;
        }
        if (error instanceof UsageError) {
            output.err(`eventloom: ${error.message}`);
            return 2;
        }
        throw error;
    }
}
