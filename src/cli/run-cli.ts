/**
 * The command-line interface, callable in-process: parses arguments with commander, runs the
 * command, and turns every outcome into an exit code (0 ok, 1 problems found, 2 unusable
 * arguments). Never calls process.exit; main.ts does.
 */
import { Command, CommanderError } from 'commander';
import type { CliOutput } from './cli-output.js';
import { evolutionCommand, type EvolutionOptions } from './evolution-command.js';
import { exportCommand, type ExportOptions } from './export-command.js';
import { generateCommand, type GenerateOptions } from './generate-command.js';
import { testCommand, type TestOptions } from './test-command.js';
import { UsageError } from './usage-error.js';
import { validateCommand } from './validate-command.js';
import { VERSION } from './version.js';


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

    program.command('generate')
        .description('Generate TypeScript (Emmett-shaped deciders, projections, queries, policies) into a folder, one sub-folder per context. Keeps your hand-written code.')
        .argument('<paths...>', '.loom files or folders (searched recursively)')
        .option('-o, --out <dir>', 'the output folder')
        .option('--check', 'write nothing; exit 1 and list the files that would change (for CI)')
        .option('--force', 'generate into a folder that holds files Eventloom did not write (they are left alone)')
        .option('--runtime <runtime>', 'emmett: also write app.ts (the application on Emmett: memory, SQLite or PostgreSQL), runtime.ts, http.ts and server.ts (the HTTP API); none (default)')
        .addHelpText('after', '\nExit codes: 0 generated (or up to date with --check), 1 the model has errors (nothing written) or --check found changes, 2 unusable arguments or output folder.')
        .action(async (paths: string[], options: GenerateOptions) => {
            exitCode = await generateCommand(paths, options, output);
        });

    program.command('test')
        .description('Run every scenario against the generated code with your hand-written bodies; print each failure at its scenario, then "N passed, M failed".')
        .argument('<paths...>', '.loom files or folders (searched recursively)')
        .option('-o, --out <dir>', 'the generated code with your bodies (brought up to date first); without it, the code is generated in memory')
        .addHelpText('after', '\nExit codes: 0 every scenario passed, 1 a scenario failed or the model has errors, 2 unusable arguments or output folder.')
        .action(async (paths: string[], options: TestOptions) => {
            exitCode = await testCommand(paths, options, output);
        });

    program.command('export')
        .description('Draw the event flow (SVG or Mermaid flowchart) or the Event Modeling board (Mermaid eventmodeling or SVG), for READMEs and pull requests.')
        .argument('<paths...>', '.loom files or folders (searched recursively)')
        .option('-f, --format <format>', 'svg, mermaid (the flow), eventmodeling (the board as Mermaid, 11.15+) or board-svg (default: from the --out extension: .svg, .mmd, .md)')
        .option('-o, --out <file>', 'the file to write')
        .option('--context <name>', 'only this bounded context (and the other contexts\' events it consumes)')
        .option('--aggregate <name>', 'only this aggregate\'s neighbourhood (Name or Context.Name)')
        .addHelpText('after', '\nExit codes: 0 written, 1 the model has errors (nothing written), 2 unusable arguments.')
        .action(async (paths: string[], options: ExportOptions) => {
            exitCode = await exportCommand(paths, options, output);
        });

    program.command('evolution')
        .description('Compare every event\'s stored shape with the model at an earlier git commit and report each change that breaks stored events without a new version and upcast.')
        .argument('<paths...>', '.loom files or folders (searched recursively)')
        .option('--against <git-ref>', 'the commit to compare with: a branch, tag or commit (for example main)')
        .addHelpText('after', '\nExit codes: 0 no breaking change (warnings allowed), 1 a breaking change, 2 unusable arguments (no such ref, not a git repository).')
        .action(async (paths: string[], options: EvolutionOptions) => {
            exitCode = await evolutionCommand(paths, options, output);
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
