/**
 * Regression tests for the fuzzer's and the findings in the language layer: a partial AST
 * (Langium builds one after any parse error) reaches scoping, validation and the flow graph
 * without a crash; long names, long comment runs and a save right after an edit finish.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentState, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { contextNameInText } from '../../../src/language/context-line.js';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { boundedEditDistance, closestName } from '../../../src/language/linking/closest-name.js';
import { kebabCase } from '../../../src/language/typescript-names.js';
import { runSlowChecks } from '../../../src/language/workspace/document-update-handler.js';
import { buildBoard } from '../../../src/preview/board/build-board.js';
import { buildFlowGraph } from '../../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../../src/preview/layout/layout-flow-graph.js';
import { clearWorkspace, listDiagnostics, messageOf, validate } from '../language-test-kit.js';

/** What no user may see: Langium's wrappers around an exception, or a JavaScript error's words. */
const CRASH = /An error occurred|bug in Eventloom|Cannot read propert|TypeError|is not a function/;

function assertNoCrash(diagnostics: ReadonlyArray<{ message: string | { value: string } }>): void {
    const crashes = diagnostics.map(d => (typeof d.message === 'string' ? d.message : d.message.value)).filter(m => CRASH.test(m));
    assert.deepEqual(crashes, [], 'internal errors reached the user');
}

const ACCOUNT = `context Banking
aggregate Account {
  id accountId: uuid
  command OpenAccount { owner: string, emits AccountOpened }
  event AccountOpened { owner: string }
}
`;

describe('partial models (after a parse error)', function () {
    this.timeout(60_000);
    afterEach(clearWorkspace);

    for (const [name, scenario] of [
        ['a `when` that lost its command name (the issue\'s example)', 'scenario "s" {\n  when { owner: "Ann" }\n  then AccountOpened { owner: "Ann" }\n}'],
        ['a `given` that lost its event name', 'scenario "s" {\n  given { owner: "Ann" }\n  when OpenAccount { owner: "Ann" }\n  then AccountOpened\n}'],
        ['a `then` that lost its event name', 'scenario "s" {\n  when OpenAccount { owner: "Ann" }\n  then { owner: "Ann" }\n}'],
        ['a field value that lost its field name', 'scenario "s" {\n  when OpenAccount { : "Ann" }\n  then AccountOpened\n}'],
        ['a scenario cut off after `when`', 'scenario "s" {\n  when'],
        ['a `rejected` without its error', 'scenario "s" {\n  when OpenAccount { owner: "Ann" }\n  then rejected\n}']
    ] as const) {
        it(`validates ${name} with parse errors, not internal errors`, async () => {
            const result = await validate(`${ACCOUNT}${scenario}\n`);
            assert.ok(result.document.parseResult.parserErrors.length > 0, 'the example must not parse');
            assertNoCrash(result.diagnostics);
            assert.ok(result.diagnostics.length > 0, listDiagnostics(result.diagnostics));
        });
    }

    it('draws the flow of declarations whose names did not parse (the preview\'s "reading \'length\'")', async () => {
        const result = await validate('context Banking\naggregate Account {\n  id accountId: uuid\n  command { emits AccountOpened }\n  event AccountOpened { : string }\n}\naggregate {\n  id x: uuid\n}\nreadmodel { on AccountOpened }\nquery Q { } returns\n');
        assert.ok(result.document.parseResult.parserErrors.length > 0);
        assertNoCrash(result.diagnostics);
        const graph = buildFlowGraph([result.document.parseResult.value]);
        assert.ok(graph.nodes.every(node => typeof node.name === 'string' && node.name.length > 0));
        assert.ok(graph.nodes.some(node => node.name === 'Account'), JSON.stringify(graph.nodes.map(n => n.name)));
        const laidOut = await layoutFlowGraph(graph);
        assert.equal(laidOut.nodes.length, graph.nodes.length);
    });
    // The CLI fuzz (seed 20261201, case 564) cut the names after `reads` and `issues` in
    // test/generator/models/policies-modelled.loom: the duplicate-reference check, the policy's form
    // and every scenario beside it crashed on the missing command reference.
    it('checks a modelled policy whose `reads` and `issues` lost their names', async () => {
        const result = await validate(`context Banking
aggregate Account {
  id accountId: uuid
  state { balance: decimal = 0 }
  command Withdraw { amount: decimal, emits Withdrawn }
  command Flag { accountId: uuid, note: string, emits Flagged }
  event Withdrawn { amount: decimal }
  event Flagged { note: string }
  on Withdrawn { balance -= amount }
}
readmodel Limits { key accountId: uuid, max: decimal = 0, on Withdrawn { max = amount } }
policy Watch {
  on Withdrawn
  reads
  issues { note: "over" } if amount > Limits.max
}
scenario "a withdrawal" {
  when Withdraw { amount: 1 }
  then Withdrawn { amount: 1 }
}
`);
        assert.ok(result.document.parseResult.parserErrors.length > 0, 'the example must not parse');
        assertNoCrash(result.diagnostics);
        const note = result.diagnostics.find(d => messageOf(d).includes("'note'"));
        assert.equal(note && messageOf(note), "'note' cannot be checked: name the command before `{`, then map its fields.");
        assert.equal(note?.range.start.line, 14);
        const model = result.document.parseResult.value;
        assert.ok(buildFlowGraph([model]).nodes.some(node => node.name === 'Watch'));
        assert.deepEqual(buildBoard([model]).contexts.map(context => context.name), ["Banking"]);
    });
});

describe('inputs that used to take quadratic time', function () {
    this.timeout(120_000);
    afterEach(clearWorkspace);

    it('kebab-cases as before, in one pass: a run of capitals no longer backtracks', () => {
        for (const [name, kebab] of [['BankAccount', 'bank-account'], ['HTTPServer', 'http-server'], ['order_item2', 'order-item2'],
            ['ABCDeFGh', 'abc-de-f-gh'], ['a1B', 'a1-b'], ['X__Y', 'x-y'], ['URL', 'url'], ['getHTTP2Response', 'get-http2-response']]) {
            assert.equal(kebabCase(name), kebab, name);
        }
        assert.equal(kebabCase('X'.repeat(1_000_000)), 'x'.repeat(1_000_000));
    });

    it('validates a file whose names are 100k capitals (28 s before; a context, an aggregate)', async () => {
        const long = 'X'.repeat(100_000);
        const result = await validate(`context ${long}\naggregate ${long}Y {\n  id a: uuid\n  command C { emits E }\n  event E {}\n}\n`);
        assertNoCrash(result.diagnostics);
        assert.deepEqual(result.document.parseResult.parserErrors, []);
    });

    it('suggests a near name without comparing long names cell by cell', () => {
        const long = 'Ab'.repeat(50_000);
        assert.equal(closestName(`${long}x`, [long, 'Other']), long);
        assert.equal(closestName('AcountOpened', ['AccountOpened', 'AccountClosed']), 'AccountOpened');
        assert.equal(closestName('Zzz', ['AccountOpened']), undefined);
        // The band: at most `limit` edits are counted, anything more is limit + 1.
        assert.equal(boundedEditDistance('kitten', 'sitting', 5), 3);
        assert.equal(boundedEditDistance('kitten', 'sitting', 2), 3);
        assert.equal(boundedEditDistance('a'.repeat(100_000), 'b'.repeat(100_000), 8), 9);
    });

    it('reads the context line past a million blank lines and comments (the server died of a stack overflow)', () => {
        assert.equal(contextNameInText(`${'\n'.repeat(1_000_000)}${'// note\n'.repeat(100_000)}/* a */ context Banking\n`), 'Banking');
        assert.equal(contextNameInText('// only a comment\n  context   Sales // trailing'), 'Sales');
        assert.equal(contextNameInText('/* unterminated context Banking'), undefined);
        assert.equal(contextNameInText('aggregate A {}\ncontext Late'), undefined);
    });

    it('gives a thousand unresolved names plain messages after the first 200 (each suggestion scans the scope)', async () => {
        const events = Array.from({ length: 1000 }, (_, i) => `  event Opened${i} {}`).join('\n');
        const commands = Array.from({ length: 1000 }, (_, i) => `  command Open${i} { emits Opend${i} }`).join('\n');
        const result = await validate(`context Banking\naggregate Account {\n  id accountId: uuid\n${commands}\n${events}\n}\n`);
        const unknown = result.diagnostics.map(messageOf).filter(message => message.startsWith('Unknown event'));
        assert.equal(unknown.length, 1000);
        assert.equal(unknown[0], "Unknown event 'Opend0' in context Banking: declare `event Opend0 { … }` in the aggregate that records it, or fix the name. Did you mean 'Opened0'?");
        assert.equal(unknown[999], "Unknown event 'Opend999': declare `event Opend999 { … }` in the aggregate that records it, or fix the name.");
        assert.equal(unknown.filter(message => message.includes('Did you mean')).length, 200);
    });

    it('parses 300k comment lines in a row (a stack overflow in Langium\'s CST builder before)', async () => {
        const result = await validate(`${ACCOUNT}${'// note\n'.repeat(300_000)}`);
        assert.deepEqual(result.document.parseResult.parserErrors, []);
        assertNoCrash(result.diagnostics);
    });
});

describe('a save right after an edit', function () {
    this.timeout(60_000);

    it('finishes the edit\'s build, which the save cancelled (requests waited for ever)', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'eventloom-save-'));
        after(() => rmSync(folder, { recursive: true, force: true }));
        const file = join(folder, 'account.loom');
        writeFileSync(file, ACCOUNT);
        const { shared } = createEventloomServices(NodeFileSystem);
        const uri = URI.file(file);
        const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(uri);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        // The edit: the text changes and is rebuilt under the write lock, as the editor's didChange does ...
        writeFileSync(file, ACCOUNT.replace('owner: string }', 'owner: string, note?: string }'));
        void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([uri], [], token));
        // ... and the save at once: its write action cancels the edit's build.
        await shared.workspace.WorkspaceLock.write(token => runSlowChecks(shared.workspace.LangiumDocuments, shared.workspace.DocumentBuilder, token));
        const edited = shared.workspace.LangiumDocuments.getDocument(uri)!;
        assert.equal(edited.state, DocumentState.Validated);
        assert.deepEqual((edited.diagnostics ?? []).map(messageOf), []);
    });
});
