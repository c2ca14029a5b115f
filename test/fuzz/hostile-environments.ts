/**
 * Attacks on a command's surroundings rather than its model text: special files where models are
 * read, symbolic links where output is written, arguments that name nothing sensible. Each one
 * prepares the scratch workspace and may rewrite the argument list; the expected outcome is a clear
 * refusal (exit 2) or a normal run, never a crash, a hang, or a write outside the allowed paths.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliWorkspace } from './cli-commands.js';
import type { Random } from './random.js';

export interface HostileEnvironment {
    name: string;
    /** Prepares the workspace; returns the argument list to run instead of `argv`. */
    prepare(workspace: CliWorkspace, argv: string[], random: Random): string[];
    /** Paths the run of `command` may also write (where the attack makes writing there legitimate). */
    alsoWrites?(workspace: CliWorkspace, command: string): string[];
}

/** A folder outside the model and output, holding a file that must never change. */
export function elsewhere(workspace: CliWorkspace): string {
    return join(workspace.root, 'elsewhere');
}

function replaceOut(argv: string[], value: string): string[] {
    const at = argv.indexOf('--out');
    return at >= 0 ? [...argv.slice(0, at + 1), value, ...argv.slice(at + 2)] : argv;
}

function replaceModels(argv: string[], workspace: CliWorkspace, value: string): string[] {
    return argv.map(arg => (arg === workspace.models ? value : arg));
}

export const HOSTILE_ENVIRONMENTS: readonly HostileEnvironment[] = [
    {
        name: 'a FIFO named like a model',
        prepare: (w, argv) => { execFileSync('mkfifo', [join(w.models, 'fuzz-pipe.loom')]); return argv; }
    },
    {
        name: 'a FIFO named on the command line',
        prepare: (w, argv) => { execFileSync('mkfifo', [join(w.models, 'fuzz-pipe.loom')]); return replaceModels(argv, w, join(w.models, 'fuzz-pipe.loom')); }
    },
    {
        name: 'a link to /dev/zero named like a model',
        prepare: (w, argv) => { symlinkSync('/dev/zero', join(w.models, 'fuzz-zero.loom')); return argv; }
    },
    {
        name: 'a link to /dev/zero on the command line',
        prepare: (w, argv) => { symlinkSync('/dev/zero', join(w.models, 'fuzz-zero.loom')); return replaceModels(argv, w, join(w.models, 'fuzz-zero.loom')); }
    },
    {
        name: 'a broken link and a link loop among the models',
        prepare: (w, argv) => {
            symlinkSync(join(w.root, 'nowhere.loom'), join(w.models, 'fuzz-broken-link.loom'));
            symlinkSync(w.models, join(w.models, 'fuzz-link-loop'));
            return argv;
        }
    },
    {
        name: 'a model file over the size limit',
        prepare: (w, argv) => { writeFileSync(join(w.models, 'fuzz-huge.loom'), `context Huge\n${'// padding\n'.repeat(1_000_000)}`); return argv; }
    },
    {
        name: 'an empty path',
        prepare: (w, argv) => replaceModels(argv, w, '')
    },
    {
        name: 'an empty --out',
        prepare: (_w, argv) => replaceOut(argv, '')
    },
    {
        name: '--out under a file',
        prepare: (w, argv) => replaceOut(argv, join(elsewhere(w), 'keep.txt', 'sub'))
    },
    {
        name: '--out is an existing file',
        prepare: (w, argv) => replaceOut(argv, join(elsewhere(w), 'keep.txt')),
        // `export` writes the file the user named, as any exporter does; `generate` must refuse it.
        alsoWrites: (w, command) => (command.startsWith('export') ? [join(elsewhere(w), 'keep.txt')] : [])
    },
    {
        name: '--out is an existing folder',
        prepare: (w, argv) => replaceOut(argv, elsewhere(w)),
        // `generate --force` may write there (the user chose it); the user's files in it must stay.
        alsoWrites: w => [elsewhere(w)]
    },
    {
        name: 'a link inside the output folder to a folder elsewhere',
        prepare: (w, argv, random) => {
            mkdirSync(w.out, { recursive: true });
            // A file of the user's makes --force necessary, as in the attack.
            if (random.chance(0.5)) writeFileSync(join(w.out, 'README.md'), 'mine\n');
            const folder = kebab(w.context);
            symlinkSync(elsewhere(w), join(w.out, folder));
            return argv;
        }
    },
    {
        name: 'a link inside the output folder to a file elsewhere',
        prepare: (w, argv) => {
            mkdirSync(join(w.out, kebab(w.context)), { recursive: true });
            writeFileSync(join(w.out, 'README.md'), 'mine\n');
            symlinkSync(join(elsewhere(w), 'keep.txt'), join(w.out, kebab(w.context), 'index.ts'));
            return argv;
        }
    },
    {
        name: '--out is a link to a folder',
        prepare: (w, argv) => {
            mkdirSync(join(w.root, 'chosen'));
            symlinkSync(join(w.root, 'chosen'), join(w.root, 'out-link'));
            return replaceOut(argv, join(w.root, 'out-link'));
        },
        alsoWrites: w => [join(w.root, 'chosen')]
    },
    {
        name: 'staging folders of a killed run',
        prepare: (w, argv) => {
            mkdirSync(join(w.root, '.out.eventloom-Ab12Cd'), { recursive: true });
            writeFileSync(join(w.root, '.out.eventloom-Ab12Cd', 'new-0'), 'half');
            return argv;
        },
        alsoWrites: w => [join(w.root, '.out.eventloom-Ab12Cd')]
    }
];

/** The context's output folder name, as the generator spells it (kept simple: the attack needs only a likely hit). */
function kebab(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
