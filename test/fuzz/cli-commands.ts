/**
 * THE table of command lines the fuzzer drives. A new CLI command joins the fuzz suite with one
 * line here: how to call it on the case's scratch workspace, and which paths it may write (the
 * fuzzer checks that nothing else in the workspace changes).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A case's scratch folder: the (mutated) model, an output folder, and files that must stay as they are. */
export interface CliWorkspace {
    root: string;
    /** The model folder (its `.loom` files are the case's input). */
    models: string;
    /** The folder `generate` writes into. */
    out: string;
    /** Some context name of the seed (before mutation), for commands that filter by context. */
    context: string;
}

export interface CliFuzzCommand {
    name: string;
    argv(workspace: CliWorkspace): string[];
    /** Paths the command may create or change (files or folders, with everything below them). */
    writes(workspace: CliWorkspace): string[];
    /** Sets up what the command needs besides the mutated model, given the seed before mutation. */
    prepare?(workspace: CliWorkspace, original: Readonly<Record<string, string>>): void;
}

/** The unmutated seed committed in a git repository at the workspace root: the history `evolution` compares with. */
function commitOriginal(workspace: CliWorkspace, original: Readonly<Record<string, string>>): void {
    for (const [name, text] of Object.entries(original)) {
        const file = join(workspace.models, ...name.split('/'));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
    }
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=fuzz@example.com', '-c', 'user.name=fuzz', ...args], { cwd: workspace.root, stdio: 'ignore' });
    git('init', '-q');
    git('add', 'model');
    git('commit', '-qm', 'the seed');
}

export const CLI_FUZZ_COMMANDS: readonly CliFuzzCommand[] = [
    { name: 'validate', argv: w => ['validate', w.models], writes: () => [] },
    { name: 'generate', argv: w => ['generate', w.models, '--out', w.out], writes: w => [w.out] },
    { name: 'generate --force', argv: w => ['generate', w.models, '--out', w.out, '--force'], writes: w => [w.out] },
    { name: 'generate --check', argv: w => ['generate', w.models, '--out', w.out, '--check'], writes: () => [] },
    { name: 'export svg', argv: w => ['export', w.models, '--out', join(w.root, 'flow.svg')], writes: w => [join(w.root, 'flow.svg')] },
    {
        name: 'evolution --against HEAD', argv: w => ['evolution', '--against', 'HEAD', w.models],
        writes: w => [join(w.root, '.git')], prepare: commitOriginal
    },
    { name: 'generate --runtime emmett', argv: w => ['generate', w.models, '--out', w.out, '--runtime', 'emmett'], writes: w => [w.out] },
    // The scenarios run through the interpreter while checking, then through the generated code.
    { name: 'test', argv: w => ['test', w.models], writes: () => [] },
    { name: 'test --out', argv: w => ['test', w.models, '--out', w.out], writes: w => [w.out] },
    { name: 'export mermaid --context', argv: w => ['export', w.models, '--format', 'mermaid', '--out', join(w.root, 'flow.md'), '--context', w.context], writes: w => [join(w.root, 'flow.md')] }
];
