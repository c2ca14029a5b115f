/**
 * `npm run fuzz -- [--count N] [--seed S] [--timeout MS] [--only cli|lsp|http] [--command NAME]…
 * [--first I] [--out DIR] [--bounded]`, or `npm run fuzz -- --replay <folder>` (a language-server
 * reproducer): the long fuzz run; `--bounded` mutates with `npm test`'s limits, so that the same seed
 * replays the inputs of its bounded run. Prints the counts (inputs, crashes, hangs, writes outside the output) and writes a
 * minimized reproducer folder for every distinct bug found; exits 1 when it found any.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BOUNDED_LIMITS, FULL_LIMITS, type MutationLimits } from './mutations.js';
import { CliCaseRunner, type CliCase } from './cli-fuzz.js';
import type { Finding } from './findings.js';
import { runCliCases } from './fuzz-run.js';
import { minimizeCliCase } from './minimize.js';
import { runHttpRequests } from './http-fuzz.js';
import { runLspEdits, type LspEdit } from './lsp-fuzz.js';
import { LspReplayer, minimizeLspEdit, type LspReproducer } from './lsp-minimize.js';

interface Options {
    count: number; seed: number; timeoutMs: number; only?: 'cli' | 'lsp' | 'http'; out: string; first: number; commands: string[]; replay?: string;
    limits: MutationLimits;
}

function parseOptions(argv: readonly string[]): Options {
    const options: Options = { count: 1000, seed: 1, timeoutMs: 120_000, out: 'fuzz-results', first: 0, commands: [], limits: FULL_LIMITS };
    for (let i = 0; i < argv.length; i++) {
        const value = argv[i + 1];
        switch (argv[i]) {
            case '--count': options.count = Number(value); i++; break;
            case '--seed': options.seed = Number(value); i++; break;
            case '--timeout': options.timeoutMs = Number(value); i++; break;
            case '--first': options.first = Number(value); i++; break;
            case '--only': options.only = value as 'cli' | 'lsp' | 'http'; i++; break;
            case '--out': options.out = value; i++; break;
            case '--command': options.commands.push(value); i++; break;
            case '--replay': options.replay = value; i++; break;
            case '--bounded': options.limits = BOUNDED_LIMITS; break;
            default: throw new Error(`unknown option ${argv[i]}: use --count N --seed S [--timeout MS] [--only cli|lsp|http] [--command NAME]… [--first I] [--out DIR] [--bounded]`);
        }
    }
    return options;
}

const options = parseOptions(process.argv.slice(2));
/** The option a rerun command needs to mutate as this run did. */
const bounded = () => (options.limits === BOUNDED_LIMITS ? ' --bounded' : '');
const started = Date.now();
if (options.replay) await replay(options.replay);
else {
    if (!options.only || options.only === 'cli') await fuzzCli();
    if (!options.only || options.only === 'lsp') await fuzzLsp();
    if (!options.only || options.only === 'http') await fuzzHttp();
}

async function fuzzHttp(): Promise<void> {
    const http = await runHttpRequests({
        seed: options.seed, count: options.count, first: options.first, timeoutMs: options.timeoutMs,
        onNewBug: (finding, testCase) => console.log(`new bug at request ${testCase.index}: ${finding.kind}: ${finding.signature}\n${finding.detail.slice(0, 1500)}`)
    });
    console.log(`HTTP API: ${http.requests} requests, ${http.counts.crash} crashes, ${http.counts.hang} hangs (${http.bugs.length} distinct); answers by status: ${JSON.stringify(http.statuses)}`);
    if (http.bugs.length > 0) process.exitCode = 1;
    for (const bug of http.bugs) {
        const first = bug.cases[0];
        console.log(`- ${bug.finding.kind}: ${bug.finding.signature} (${bug.cases.length} requests: ${bug.cases.slice(0, 8).map(c => c.index).join(', ')})`);
        console.log(`    ${first.method} ${first.path.slice(0, 200)} (${first.what.join('; ')}); rerun: npm run fuzz -- --only http --seed ${options.seed} --first ${first.index} --count 1`);
    }
}

async function fuzzLsp(): Promise<void> {
    const lsp = await runLspEdits({
        seed: options.seed, edits: options.count, first: options.first, limits: options.limits, timeoutMs: options.timeoutMs,
        onNewBug: (finding, edit) => console.log(`new bug at edit ${edit.index} (${edit.seedName}, ${edit.file}: ${edit.mutations.join('; ')}): ${finding.kind}: ${finding.signature}\n${finding.detail.slice(0, 1500)}`),
        onProgress: (done, summary) => {
            if (done % 50 === 0) process.stderr.write(`  ${done}/${options.count} edits, ${summary.bugs.length} distinct bugs, ${Math.round((Date.now() - started) / 1000)} s\n`);
        }
    });
    console.log(`language server: ${lsp.edits} edits, ${lsp.counts.crash} crashes, ${lsp.counts.hang} hangs (${lsp.bugs.length} distinct)`);
    if (lsp.bugs.length > 0) process.exitCode = 1;
    for (const bug of lsp.bugs) {
        console.log(`- ${bug.finding.kind}: ${bug.finding.signature} (${bug.edits.length} edits: ${bug.edits.slice(0, 8).map(e => e.index).join(', ')})`);
        const first = bug.edits[0];
        console.log(`    edit ${first.index} of ${first.file} (${first.seedName}): ${first.mutations.join('; ')}`);
        console.log(bug.finding.detail.split('\n').slice(0, 6).map(line => `    ${line.slice(0, 240)}`).join('\n'));
        await writeLspReproducer(bug.finding, first);
    }
}

/** A folder per bug: the minimized files, and finding.json with what to replay (`npm run fuzz -- --replay <folder>`). */
async function writeLspReproducer(finding: Finding, edit: LspEdit): Promise<void> {
    const replayer = new LspReplayer(options.timeoutMs);
    let minimized;
    try {
        minimized = await minimizeLspEdit(replayer, edit, finding, finding.kind === 'hang' ? 4 : 150);
    } finally {
        replayer.dispose();
    }
    const folder = join(options.out, `lsp-${options.seed}-${edit.index}`);
    rmSync(folder, { recursive: true, force: true });
    for (const [name, text] of Object.entries(minimized.reproducer.files)) {
        mkdirSync(dirname(join(folder, 'files', name)), { recursive: true });
        writeFileSync(join(folder, 'files', name), text);
    }
    writeFileSync(join(folder, 'finding.json'), `${JSON.stringify({
        finding, seedName: edit.seedName, mutations: edit.mutations, ...minimized.reproducer, files: Object.keys(minimized.reproducer.files),
        needsHistory: minimized.needsHistory,
        rerun: minimized.needsHistory
            ? `npm run fuzz -- --only lsp${bounded()} --seed ${options.seed} --count ${edit.index + 1} (the finding needs the edits before it)`
            : `npm run fuzz -- --replay ${folder}`
    }, undefined, 2)}\n`);
    const size = (files: Record<string, string>) => Object.values(files).reduce((n, t) => n + t.length, 0);
    console.log(`    reproducer: ${folder} (${minimized.needsHistory ? 'needs the edit history, not minimized' : `${size(minimized.reproducer.files)} characters, from ${size(edit.files)}`})`);
}

/** Replays a language-server reproducer folder written by a long run. */
async function replay(folder: string): Promise<void> {
    const saved = JSON.parse(readFileSync(join(folder, 'finding.json'), 'utf8')) as Omit<LspReproducer, 'files'> & { files: string[] };
    const files = Object.fromEntries(saved.files.map(name => [name, readFileSync(join(folder, 'files', name), 'utf8')]));
    const replayer = new LspReplayer(options.timeoutMs);
    try {
        const finding = await replayer.replay({ ...saved, files });
        console.log(finding ? `reproduced: ${finding.kind}: ${finding.signature}\n${finding.detail}` : 'does not reproduce: no finding');
        if (finding) process.exitCode = 1;
    } finally {
        replayer.dispose();
    }
}

/** A folder per bug: the minimized model, and case.json saying what ran, what was found, and how to run it again. */
async function writeCliReproducer(finding: Finding, testCase: CliCase): Promise<void> {
    const runner = new CliCaseRunner(options.timeoutMs);
    let minimized: CliCase;
    try {
        // A hang costs the whole timeout per try: only a few tries for those.
        minimized = await minimizeCliCase(runner, testCase, finding, finding.kind === 'hang' ? 4 : 150);
    } finally {
        runner.dispose();
    }
    const folder = join(options.out, `cli-${options.seed}-${testCase.index}`);
    rmSync(folder, { recursive: true, force: true });
    for (const [name, text] of Object.entries(minimized.files)) {
        const file = join(folder, 'model', ...name.split('/'));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
    }
    writeFileSync(join(folder, 'case.json'), `${JSON.stringify({
        ...minimized, files: Object.keys(minimized.files), original: undefined, finding,
        rerun: `npm run fuzz -- --only cli${bounded()} --seed ${options.seed} --first ${testCase.index} --count 1${options.commands.map(name => ` --command '${name}'`).join('')}`
    }, undefined, 2)}\n`);
    console.log(`    reproducer: ${folder} (${Object.values(minimized.files).reduce((n, t) => n + t.length, 0)} characters, from ${Object.values(testCase.files).reduce((n, t) => n + t.length, 0)})`);
}

async function fuzzCli(): Promise<void> {
const cli = await runCliCases({
    seed: options.seed, count: options.count, first: options.first, limits: options.limits, timeoutMs: options.timeoutMs, commands: options.commands,
    onNewBug: (finding, testCase) => console.log(`new bug at case ${testCase.index} (${testCase.command}${testCase.hostile ? ` [${testCase.hostile}]` : ''}; ${testCase.seedName}: ${testCase.mutations.join('; ')}): ${finding.kind}: ${finding.signature}\n${finding.detail.slice(0, 1500)}`),
    onProgress: (done, summary) => {
        if (done % 50 === 0) process.stderr.write(`  ${done}/${options.count} cases, ${summary.bugs.length} distinct bugs, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
});
console.log(`CLI: ${cli.inputs} inputs, ${cli.counts.crash} crashes, ${cli.counts.hang} hangs, ${cli.counts['write-outside']} writes outside (${cli.bugs.length} distinct)`);
if (cli.bugs.length > 0) process.exitCode = 1;
for (const bug of cli.bugs) {
    console.log(`- ${bug.finding.kind}: ${bug.finding.signature} (${bug.cases.length} cases: ${bug.cases.slice(0, 8).map(c => c.index).join(', ')})`);
    const first = bug.cases[0];
    console.log(`    case ${first.index}: ${first.command}${first.hostile ? ` [${first.hostile}]` : ''} on ${first.seedName}: ${first.mutations.join('; ')}`);
    console.log(bug.finding.detail.split('\n').slice(0, 6).map(line => `    ${line.slice(0, 240)}`).join('\n'));
    await writeCliReproducer(bug.finding, first);
}
console.log(`slowest: ${cli.slowest.map(s => `#${s.index} ${s.milliseconds} ms (${s.command}; ${s.mutations.join('; ')})`).join('\n         ')}`);
}
