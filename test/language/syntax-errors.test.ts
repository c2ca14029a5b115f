/**
 * Syntax errors say in words what was expected where the parser stopped ("a field (`name: Type`),
 * `emits`, `rejects` or `}`"), on exactly the token it could not use; and no half-typed model —
 * the normal state of a file in the editor — makes a validator crash.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAggregate } from '../../src/language/generated/ast.js';
import { clearWorkspace, listDiagnostics, marked, messageOf, validate } from './language-test-kit.js';

const CASES: Array<[what: string, model: string, message: string]> = [
    ['a field without a colon', 'context A\ntype T {\n  width <|int|>\n}',
        'Expected `:` between the field name and its type (`name: Type`) here, but found `int`.'],
    ['a command body with a stray word', 'context A\naggregate X {\n  id x: uuid\n  command C {\n    emits E\n    <|!|>\n  }\n  event E {}\n}',
        'Unexpected character `!`: a model is made of names, numbers, strings in double quotes, comments and the signs { } [ ] , : ? = .'],
    ['a stray sign in a command', 'context A\naggregate X {\n  id x: uuid\n  command C { amount: decimal emits E <|]|> }\n  event E {}\n}',
        'Expected a field (`name: Type`), `emits`, `rejects` or `}` to close the command here, but found `]`.'],
    ['`emits` without an event', 'context A\naggregate X { id x: uuid\n  command C { <|emits|> }\n  event E {} }',
        'Expected a name after `emits`, but found `}`.'],
    ['`key` without a name', 'context A\nreadmodel R { <|key|> }',
        'Expected a name after `key`, but found `}`.'],
    ['enum members without a comma', 'context A\nenum Size { S <|M|> }',
        'Expected `,` between enum members, or `}` to close the enum here, but found `M`.'],
    ['a field without a type', 'context A\ntype T { a: <|}|>',
        'Expected a type (string, int, float, decimal, boolean, timestamp, date, uuid, or the name of an enum or type) here, but found `}`.'],
    ['a default without a value', 'context A\ntype T { a: string = <|}|>',
        'Expected a value (a string in quotes, a number, true or false, an enum member, a list `[ … ]` or an object `{ … }`) here, but found `}`.'],
    ['list items without a comma', 'context A\ntype T { a: int[] = [1 <|2|>] }',
        'Expected `,` between list items, or `]` to close the list here, but found `2`.'],
    ['scenario data without a colon', 'context A\naggregate X { id x: uuid command C { n: int, emits E } event E {} }\nscenario "s" { when C { n <|1|> } then E }',
        'Expected `:` between the field name and its value (`name: value`) here, but found `1`.'],
    ['a scenario without a description', 'context A\nscenario <|cannot|> { }',
        'Expected the description of the scenario in quotes (`scenario "cannot overdraw" { … }`) here, but found `cannot`.'],
    ['an unknown declaration keyword', 'context A\n<|entity|> Customer {}',
        'Expected a declaration (`enum`, `type`, `aggregate`, `readmodel`, `query`, `policy`, `scenario`) here, but found `entity`.'],
    ['an unknown aggregate member', 'context A\naggregate X {\n  id x: uuid\n  <|handler|> Foo {}\n}',
        'Expected a member (`id`, `state`, `command`, `event`, `error`) or `}` to close the aggregate here, but found `handler`.'],
    ['a file that ends inside a declaration', 'context A\naggregate X {<||>',
        'Expected a member (`id`, `state`, `command`, `event`, `error`) or `}` to close the aggregate here, but found the end of the file.'],
    ['`context` without a name', 'context\n<|enum|> E { A }',
        'Expected the name of the context (`context Banking`) here, but found `enum`.'],
    ['two `context` lines in a row', 'context A\n<|context|> B',
        'A file has one `context` line, followed by its declarations: remove this one, or put the declarations of that context in a file of their own.'],
    ['an unclosed string', 'context A\ntype T { a: string = <|"|>oops }',
        'This string is not closed: end it with `"` on the same line.'],
    ['a query without `returns`', 'context A\nquery Q { n: int } <|}|>',
        'Expected `returns` and the read model the query answers with here, but found `}`.']
];

describe('syntax errors', () => {
    afterEach(clearWorkspace);

    for (const [what, model, message] of CASES) {
        it(`${what}: says what was expected, on the token`, async () => {
            const { text, start, end } = marked(model);
            const result = await validate(text);
            const syntax = result.diagnostics.filter(d => ['parsing-error', 'lexing-error'].includes((d.data as { code?: string })?.code ?? ''));
            assert.ok(syntax.length > 0, `expected a syntax error, found:\n${listDiagnostics(result.diagnostics)}`);
            const [first] = syntax;
            assert.equal(messageOf(first), message);
            const document = result.document.textDocument;
            assert.deepEqual([document.offsetAt(first.range.start), document.offsetAt(first.range.end)], [start, end === start ? text.length : end],
                `the error covers '${document.getText(first.range)}'`);
        });
    }

    for (const [what, open, close] of [['lists', '[', ']'], ['objects', '{ x: ', ' }']]) {
        it(`${what} nested thousands deep get one error on the first bracket too deep, not a stack overflow`, async () => {
            const depth = 5000;
            const text = `context A\ntype T { a: int = ${open.repeat(depth)}1${close.repeat(depth)} }\ntype U { b: int = "x" }`;
            const result = await validate(text);
            const tooDeep = result.diagnostics.filter(d => messageOf(d).startsWith('Brackets nested more than 64 levels deep'));
            assert.equal(tooDeep.length, 1, listDiagnostics(result.diagnostics));
            // The type's own brace is the first level: the 64th bracket of the value is the 65th level.
            assert.equal(result.document.textDocument.offsetAt(tooDeep[0].range.start), text.indexOf(open) + 63 * open.length);
            // The rest of the file is still checked.
            assert.ok(result.diagnostics.some(d => messageOf(d) === "'b' expects a whole number, such as 42."), listDiagnostics(result.diagnostics));
        });
    }

    // Typing `event Deposited` again, no body yet, beside the declared one: what is wrong is the
    // duplicate name, and that is what the model says, on both names; the member after it stays a
    // member (a required `{` once made the parser read `on` / `command` as a field name, and
    // report that member's words as unknown types).
    const halfWritten = (first: string, second: string) => ['context Banking', 'aggregate Account {', '  id accountId: uuid',
        '  state { balance: decimal = 0 }', '  command Deposit { amount: decimal, emits Deposited }', `  ${first}`, `  ${second}`,
        '  on Deposited { balance += amount }', '}'].join('\n');
    const duplicates = [
        "6:9-18 Deposited: Duplicate event 'Deposited' in context Banking: another is declared on line 7 of this file. Rename or remove one.",
        "7:9-18 Deposited: Duplicate event 'Deposited' in context Banking: another is declared on line 6 of this file. Rename or remove one."
    ];
    const described = async (text: string) => {
        const result = await validate(text);
        const document = result.document.textDocument;
        return result.diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.character + 1} ${document.getText(d.range)}: ${messageOf(d)}`);
    };

    it('a half-written duplicate event after the declared one: only the duplicate name, on both names', async () => {
        assert.deepEqual(await described(halfWritten('event Deposited { amount: decimal }', 'event Deposited')), duplicates);
    });

    it('a half-written duplicate event before the declared one: the duplicate name on both names, and no syntax error', async () => {
        // The `on` block links to the first Deposited, which has no fields yet: its `amount` is unknown.
        assert.deepEqual(await described(halfWritten('event Deposited', 'event Deposited { amount: decimal }')), [
            "8:29-35 amount: Unknown name 'amount': it is not a field of Deposited, of the state of Account or the event's stream id, nor an enum member of this context. Names here: balance, accountId.",
            ...duplicates
        ]);
    });

    it('an event without a body is an event without fields, as an error without one is', async () => {
        const result = await validate('context A\naggregate X {\n  id x: uuid\n  command Freeze { emits Frozen }\n  event Frozen\n  error Closed\n}');
        assert.deepEqual(result.diagnostics.map(messageOf), []);
        const [aggregate] = result.document.parseResult.value.elements;
        assert.ok(isAggregate(aggregate));
        assert.deepEqual(aggregate.members.map(member => `${member.$type} ${'name' in member ? member.name : ''}`),
            ['StreamId x', 'Command Freeze', 'Event Frozen', 'DomainError Closed']);
    });

    describe('half-typed models never crash a validator', () => {
        const templates = fileURLToPath(new URL('../../templates/', import.meta.url));
        const files = readdirSync(templates, { recursive: true }).map(String).filter(file => file.endsWith('.loom')).sort();

        for (const file of files) {
            it(`${file}, cut in every line and with every line removed`, async function () {
                this.timeout(120_000);
                const lines = readFileSync(path.join(templates, file), 'utf8').split('\n');
                // Typing in progress: the file cut in the middle of each line; and each line missing.
                const variants = lines.flatMap((line, i) => [
                    [...lines.slice(0, i), line.slice(0, Math.ceil(line.length / 2))].join('\n'),
                    [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n')
                ]);
                for (const variant of variants) {
                    const result = await validate(variant);
                    const crashes = result.diagnostics.filter(d => messageOf(d).startsWith('An error occurred during'));
                    assert.deepEqual(crashes.map(messageOf), [], `a validator crashed on:\n${variant}`);
                    // Every syntax error is worded by us, never chevrotain's "Expecting token of type …".
                    const raw = result.diagnostics.map(messageOf).filter(message => /Expecting|token of type|->.<-/.test(message));
                    assert.deepEqual(raw, [], `an unworded syntax error on:\n${variant}`);
                    await clearWorkspace();
                }
            });
        }
    });
});
