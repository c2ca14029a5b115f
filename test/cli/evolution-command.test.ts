/**
 * `eventloom evolution --against <ref>` on a git repository made in the test, with a history of
 * a model: each kind of breaking change is flagged at the event's name, harmless changes pass.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { captureOutput, modelFolder, removeFolder } from './cli-test-kit.js';

const MODEL = `context Banking

enum Currency { EUR, USD, GBP }

type Money {
  amount: decimal
  currency: Currency
}

aggregate BankAccount {
  id accountId: uuid
  command OpenAccount { owner: string, currency: Currency, emits AccountOpened }
  command Deposit { amount: Money, emits MoneyDeposited }
  command Close { emits AccountClosed }
  event AccountOpened { owner: string, currency: Currency, note?: string }
  event MoneyDeposited { amount: Money }
  event AccountClosed {}
}
`;

function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A repository whose `main` holds MODEL in `model/banking.loom`. */
function repository(): string {
    const root = modelFolder({ 'model/banking.loom': MODEL });
    git(root, 'init', '-q', '-b', 'main');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'the model');
    return root;
}

async function evolution(root: string, model: string | undefined, ...args: string[]) {
    if (model !== undefined) writeFileSync(path.join(root, 'model/banking.loom'), model);
    const output = captureOutput(root);
    const code = await runCli(['evolution', ...args], output);
    return { code, stdout: output.stdout, stderr: output.stderr };
}

/** `line:column` of a line's first match of `text`, 1-based, in MODEL-like text. */
function at(model: string, line: string, text: string): string {
    const lines = model.split('\n');
    const index = lines.findIndex(candidate => candidate.includes(line));
    assert.ok(index >= 0, `no line with ${line}`);
    return `${index + 1}:${lines[index].indexOf(text) + 1}`;
}

describe('eventloom evolution --against', () => {
    let root: string;
    beforeEach(() => { root = repository(); });
    afterEach(() => removeFolder(root));

    it('passes an unchanged model and harmless changes (an optional field, an enum member, a new event, a required field made optional)', async () => {
        const unchanged = await evolution(root, undefined, '--against', 'main', 'model');
        assert.deepEqual(unchanged, { code: 0, stdout: ['No breaking changes since main (3 stored events compared).'], stderr: [] });
        const harmless = MODEL
            .replace('EUR, USD, GBP', 'EUR, USD, GBP, CHF')
            .replace('event AccountClosed {}', 'event AccountClosed { reason?: string }\n  event AccountReopened {}')
            .replace('owner: string, currency: Currency, note', 'owner?: string, currency: Currency, note');
        const result = await evolution(root, harmless, '--against', 'main', 'model');
        assert.deepEqual(result, { code: 0, stdout: ['No breaking changes since main (3 stored events compared).'], stderr: [] });
    });

    const breaking: Array<[string, (model: string) => string, string, string]> = [
        ['a field removed', model => model.replace(', note?: string }', ' }'), 'AccountOpened {', 'field note was removed'],
        ['a field renamed', model => model.replace('{ owner: string, currency: Currency, note', '{ holder: string, currency: Currency, note'), 'AccountOpened {', 'field owner was renamed to holder'],
        ['a field retyped', model => model.replace('note?: string }', 'note?: int }'), 'AccountOpened {', 'field note changed type from string to int'],
        ['an optional field made required', model => model.replace('note?: string }', 'note: string }'), 'AccountOpened {', 'field note was optional and is now required'],
        ['a required field added', model => model.replace('event AccountClosed {}', 'event AccountClosed { reason: string }'), 'AccountClosed {', 'field reason was added as a required string'],
        ['a nested field retyped in a value type', model => model.replace('  amount: decimal', '  amount: float'), 'MoneyDeposited {', 'field amount.amount changed type from decimal to float'],
        ['an enum member removed', model => model.replace('EUR, USD, GBP', 'EUR, USD'), 'AccountOpened {', 'field currency lost the enum member Currency.GBP']
    ];
    for (const [kind, change, line, words] of breaking) {
        it(`flags ${kind} at the event's name, exit 1`, async () => {
            const changed = change(MODEL);
            const result = await evolution(root, changed, '--against', 'main', 'model');
            const event = line.split(' ')[0];
            const errors = result.stdout.filter(output => output.includes(': error: '));
            assert.ok(errors.length >= 1, result.stdout.join('\n'));
            assert.equal(errors[0].startsWith(`model/banking.loom:${at(changed, `event ${line}`, event)}: error: ${event}: ${words}`), true, errors[0]);
            assert.match(errors[0], new RegExp(`add \`version 2\` to ${event} and an \`upcast ${event} from 1`));
            assert.equal(result.code, 1);
            assert.match(result.stdout.at(-1)!, /^\d+ breaking changes?, 0 warnings since main \(3 stored events compared\)\.$/);
        });
    }

    it('flags a removed event as a breaking change at its aggregate, exit 1', async () => {
        const changed = MODEL.replace('  command Close { emits AccountClosed }\n', '').replace('  event AccountClosed {}\n', '');
        const result = await evolution(root, changed, '--against', 'main', 'model');
        assert.deepEqual(result.stdout, [
            `model/banking.loom:${at(changed, 'aggregate BankAccount', 'BankAccount')}: error: Event AccountClosed of BankAccount was removed since main, which breaks the streams that hold it: they could no longer be read. Keep the event (it may stay unused).`,
            '1 breaking change, 0 warnings since main (3 stored events compared).'
        ]);
        assert.equal(result.code, 1);
    });

    it('flags the versioned event of a deleted file as a breaking change, at its old place, exit 1', async () => {
        const audit = 'context Audit\n\naggregate Trail {\n  id trailId: uuid\n  command Record { note: string, emits Recorded }\n'
            + '  event Recorded version 2 { note: string, at: timestamp }\n  upcast Recorded from 1 { note: string } { at: "2026-01-01T00:00:00Z" }\n}\n';
        writeFileSync(path.join(root, 'model/audit.loom'), audit);
        git(root, 'add', 'model/audit.loom');
        git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'audit');
        git(root, 'rm', '-q', 'model/audit.loom');
        const result = await evolution(root, undefined, '--against', 'HEAD', 'model');
        assert.deepEqual(result.stdout, [
            `model/audit.loom:${at(audit, 'event Recorded', 'Recorded')}: error: Event Recorded of Trail (stored as versions 1 to 2) was removed since HEAD, which breaks the streams that hold it: they could no longer be read. Keep the event (it may stay unused).`,
            '1 breaking change, 0 warnings since HEAD (4 stored events compared).'
        ]);
        assert.equal(result.code, 1);
    });

    it('compares a file or folder named on the command line that was deleted since the ref: its events are breaking changes, exit 1', async () => {
        const audit = 'context Audit\n\naggregate Trail {\n  id trailId: uuid\n  command Record { note: string, emits Recorded }\n  event Recorded { note: string }\n}\n';
        mkdirSync(path.join(root, 'model/audit'), { recursive: true });
        writeFileSync(path.join(root, 'model/audit/trail.loom'), audit);
        git(root, 'add', 'model/audit/trail.loom');
        git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'audit');
        git(root, 'rm', '-q', 'model/audit/trail.loom');
        const removed = `model/audit/trail.loom:${at(audit, 'event Recorded', 'Recorded')}: error: Event Recorded of Trail was removed since HEAD, which breaks the streams that hold it: they could no longer be read. Keep the event (it may stay unused).`;
        // The file with the others, the file alone, and its folder (gone with it): each compares what it held at HEAD.
        for (const [args, compared] of [[['model/banking.loom', 'model/audit/trail.loom'], 4], [['model/audit/trail.loom'], 1], [['model/audit'], 1]] as const) {
            const result = await evolution(root, undefined, '--against', 'HEAD', ...args);
            assert.deepEqual(result, { code: 1, stdout: [removed, `1 breaking change, 0 warnings since HEAD (${compared} stored events compared).`.replace('(1 stored events', '(1 stored event')], stderr: [] }, args.join(' '));
        }
        // A path that is in neither place is refused, saying so.
        assert.deepEqual(await evolution(root, undefined, '--against', 'HEAD', 'model/audit/nope.loom'), {
            code: 2, stdout: [], stderr: [`eventloom: model/audit/nope.loom: no such file or folder, in the working tree or at HEAD. Check the path (it is relative to ${root}).`]
        });
    });

    it('asks for an upcast when a version is bumped without one, and refuses a version going down', async () => {
        const bumped = MODEL.replace('event MoneyDeposited {', 'event MoneyDeposited version 2 {');
        const result = await evolution(root, bumped, '--against', 'main', 'model');
        assert.deepEqual(result.stdout[0], `model/banking.loom:${at(bumped, 'event MoneyDeposited', 'MoneyDeposited')}: error: MoneyDeposited is now version 2, but nothing upcasts its stored version 1: add \`upcast MoneyDeposited from 1 { … } { … }\` beside it.`);
        assert.equal(result.code, 1);

        git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-am', 'version 2');
        const down = await evolution(root, MODEL, '--against', 'HEAD', 'model');
        assert.match(down.stdout[0], /error: MoneyDeposited went from version 2 at HEAD down to version 1: versions only grow/);
        assert.equal(down.code, 1);
    });

    it('compares with any commit, and reads files removed since then', async () => {
        const first = git(root, 'rev-parse', 'HEAD').trim();
        git(root, 'rm', '-q', 'model/banking.loom');
        mkdirSync(path.join(root, 'model'), { recursive: true });
        writeFileSync(path.join(root, 'model/other.loom'), 'context Other\n');
        const result = await evolution(root, undefined, '--against', first.slice(0, 10), 'model');
        // Every event is gone: a breaking change each, at its old place.
        assert.equal(result.stdout.filter(line => line.includes(': error: Event ')).length, 3);
        assert.equal(result.code, 1);
    });

    it('refuses, with exit 2, a missing --against, an unknown ref, a shallow clone without the ref, and a folder outside git', async () => {
        assert.deepEqual(await evolution(root, undefined, 'model'), {
            code: 2, stdout: [], stderr: ['eventloom: name the commit to compare with: --against <git-ref>, for example `eventloom evolution --against main model/`.']
        });
        assert.deepEqual(await evolution(root, undefined, '--against', 'nope', 'model'), {
            code: 2, stdout: [], stderr: ["eventloom: the ref 'nope' is not in this repository: name a branch, tag or commit it has (see `git branch -a`), or fetch it first."]
        });
        assert.equal((await evolution(root, undefined, '--against', '--output=x', 'model')).code, 2);

        git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '--allow-empty', '-m', 'second');
        const shallow = modelFolder({});
        try {
            git(shallow, 'clone', '-q', '--depth', '1', `file://${root}`, 'clone');
            const output = captureOutput(path.join(shallow, 'clone'));
            const code = await runCli(['evolution', '--against', 'HEAD~1', 'model'], output);
            assert.equal(code, 2);
            assert.deepEqual(output.stderr, ["eventloom: the ref 'HEAD~1' is not in this clone, which is shallow: fetch it first (for example `git fetch --depth=1 origin HEAD~1:HEAD~1`, or check out with full history in CI)."]);
        } finally {
            removeFolder(shallow);
        }

        const outside = modelFolder({ 'banking.loom': MODEL });
        try {
            const output = captureOutput(outside);
            assert.equal(await runCli(['evolution', '--against', 'main', 'banking.loom'], output), 2);
            assert.match(output.stderr[0], /is not inside a git repository: `eventloom evolution` compares the model with a commit of its history\.$/);
            // A link in the repository to a file outside it, and one to a device: neither has a history there.
            symlinkSync(path.join(outside, 'banking.loom'), path.join(root, 'model/linked.loom'));
            symlinkSync('/dev/zero', path.join(root, 'model/zero.loom'));
            for (const [link, target] of [['model/linked.loom', realpathSync(path.join(outside, 'banking.loom'))], ['model/zero.loom', '/dev/zero']]) {
                assert.deepEqual(await evolution(root, undefined, '--against', 'main', link), {
                    code: 2, stdout: [], stderr: [`eventloom: ${link}: its real path ${target} is outside the git repository at ${realpathSync(root)}, which has no history of it: name a file or folder inside the repository.`]
                }, link);
            }
        } finally {
            removeFolder(outside);
        }
    });
});

describe('eventloom evolution --against, with upcasts', () => {
    let root: string;
    beforeEach(() => { root = repository(); });
    afterEach(() => removeFolder(root));

    it('passes a version bump whose upcast states the stored shape, and flags one that misstates it at the upcast', async () => {
        const proper = MODEL.replace('  event MoneyDeposited { amount: Money }',
            '  event MoneyDeposited version 2 { amount: Money, reference: string }\n  upcast MoneyDeposited from 1 { amount: Money } { reference: "none" }');
        assert.deepEqual(await evolution(root, proper, '--against', 'main', 'model'), {
            code: 0, stdout: ['No breaking changes since main (3 stored events compared).'], stderr: []
        });
        const misstated = proper.replace('from 1 { amount: Money }', 'from 1 { amount: decimal }');
        const result = await evolution(root, misstated, '--against', 'main', 'model');
        assert.equal(result.stdout[0], `model/banking.loom:${at(misstated, 'upcast MoneyDeposited', 'upcast')}: error: The upcast of MoneyDeposited from 1 does not describe version 1 as stored at main: field amount changed type from Money to decimal. Write the old fields exactly as they were.`);
        assert.equal(result.code, 1);
    });
});
