/**
 * The CLI half of the fuzzer: case `i` of seed `s` is a mutated seed model, one command of the
 * table (cli-commands.ts), and sometimes a hostile environment; it runs in-process in a child
 * (case-process.ts) under a deadline. A finding is a crash (an exception escaped, a stack trace or
 * an internal-error message in the output, a strange exit code), a hang (the deadline passed), or a
 * write outside the paths the command may write.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaseProcess } from './case-process.js';
import type { CliCaseReply, CliCaseRequest } from './cli-case-process.js';
import { CLI_FUZZ_COMMANDS, type CliWorkspace } from './cli-commands.js';
import { crashEvidence, type Finding } from './findings.js';
import { elsewhere, HOSTILE_ENVIRONMENTS } from './hostile-environments.js';
import { mutate, type MutationLimits } from './mutations.js';
import { Random } from './random.js';
import { seedModels } from './seed-corpus.js';
import { differences, snapshot } from './workspace-snapshot.js';

export interface CliCase {
    kind: 'cli';
    seed: number;
    index: number;
    seedName: string;
    files: Record<string, string>;
    /** The seed's files before mutation (for commands that compare with history). */
    original: Record<string, string>;
    mutations: string[];
    command: string;
    hostile?: string;
    context: string;
}

/** Case `index` of run `seed`, the same on every machine. */
export function cliCase(seed: number, index: number, limits: MutationLimits, commands: readonly string[] = []): CliCase {
    const random = Random.forCase(seed, index);
    const model = random.pick(seedModels());
    const names = Object.keys(model.files);
    const target = random.pick(names);
    const { text, applied } = mutate(model.files[target], random, limits);
    // A run restricted to some commands picks among those only (the rerun names them again).
    const candidates = commands.length > 0 ? CLI_FUZZ_COMMANDS.filter(c => commands.includes(c.name)) : CLI_FUZZ_COMMANDS;
    if (candidates.length === 0) throw new Error(`no such fuzz command: ${commands.join(', ')}; use one of: ${CLI_FUZZ_COMMANDS.map(c => c.name).join(', ')}`);
    const command = random.pick(candidates).name;
    const hostile = random.chance(0.2) ? random.pick(HOSTILE_ENVIRONMENTS).name : undefined;
    const context = /^\s*context\s+(\w+)/m.exec(Object.values(model.files).join('\n'))?.[1] ?? 'Banking';
    return {
        kind: 'cli', seed, index, seedName: model.name, files: { ...model.files, [target]: text }, original: model.files,
        mutations: applied.map(name => `${name} in ${target}`), command, ...(hostile ? { hostile } : {}), context
    };
}

/** Files of the user's outside the model and the output: no command may change them. */
const SENTINELS = [['keep.txt', 'must never change\n'], ['index.ts', '// must never change\n']] as const;

const CASE_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'cli-case-process.ts');

export class CliCaseRunner {
    private readonly process = new CaseProcess<CliCaseRequest, CliCaseReply>(CASE_SCRIPT);

    constructor(private readonly timeoutMs: number) {}

    /** Runs one case in a fresh scratch folder; the finding, if any, and how long it took. */
    async run(testCase: CliCase): Promise<{ finding?: Finding; milliseconds: number }> {
        const root = mkdtempSync(join(tmpdir(), 'eventloom-fuzz-'));
        try {
            return await this.runIn(root, testCase);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    }

    dispose(): void {
        this.process.kill();
    }

    private async runIn(root: string, testCase: CliCase): Promise<{ finding?: Finding; milliseconds: number }> {
        const workspace: CliWorkspace = { root, models: join(root, 'model'), out: join(root, 'out'), context: testCase.context };
        const command = CLI_FUZZ_COMMANDS.find(c => c.name === testCase.command)!;
        command.prepare?.(workspace, testCase.original);
        for (const [name, text] of Object.entries(testCase.files)) {
            const file = join(workspace.models, ...name.split('/'));
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, text);
        }
        mkdirSync(elsewhere(workspace));
        for (const [file, text] of SENTINELS) writeFileSync(join(elsewhere(workspace), file), text);

        let argv = command.argv(workspace);
        const allowed = command.writes(workspace);
        if (testCase.hostile) {
            const hostile = HOSTILE_ENVIRONMENTS.find(h => h.name === testCase.hostile)!;
            argv = hostile.prepare(workspace, argv, Random.forCase(testCase.seed, testCase.index));
            allowed.push(...(hostile.alsoWrites?.(workspace, command.name) ?? []));
        }
        const before = snapshot(root, allowed);
        const started = performance.now();
        const reply = await this.process.run({ argv, cwd: root }, this.timeoutMs);
        const milliseconds = Math.round(performance.now() - started);
        const where = `eventloom ${argv.map(arg => JSON.stringify(arg.replace(root, '<ws>'))).join(' ')}`;
        if (typeof reply === 'object' && 'hung' in reply) return { milliseconds, finding: { kind: 'hang', signature: reply.hung, detail: where } };
        if (reply === 'died') return { milliseconds, finding: { kind: 'crash', signature: 'the process died', detail: where } };
        const crash = crashOf(reply);
        if (crash) return { milliseconds, finding: { kind: 'crash', signature: crash.signature, detail: `${where}\n${crash.detail}` } };
        const changed = differences(before, snapshot(root, allowed));
        for (const [file, text] of SENTINELS) {
            const sentinel = join(elsewhere(workspace), file);
            if (!allowed.includes(sentinel) && textOf(sentinel) !== text) changed.push(`changed elsewhere/${file}`);
        }
        if (changed.length > 0) return { milliseconds, finding: { kind: 'write-outside', signature: changed[0].replace(/eventloom-\w+/, 'eventloom-*'), detail: `${where}\n${changed.join('\n')}` } };
        return { milliseconds };
    }
}

function crashOf(reply: CliCaseReply): { signature: string; detail: string } | undefined {
    if (reply.thrown) return { signature: reply.thrown.split('\n')[0], detail: reply.thrown };
    if (reply.exitCode !== 0 && reply.exitCode !== 1 && reply.exitCode !== 2) {
        return { signature: `exit code ${reply.exitCode}`, detail: [...reply.stdout, ...reply.stderr].join('\n') };
    }
    const output = [...reply.stdout, ...reply.stderr, ...reply.logged];
    return crashEvidence(output);
}

function textOf(file: string): string | undefined {
    try {
        return readFileSync(file, 'utf8');
    } catch {
        return undefined;
    }
}
