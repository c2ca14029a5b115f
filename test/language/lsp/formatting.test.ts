import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectFormatting } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clearWorkspace, lsp, openWorkspace, problemsOf } from './lsp-test-kit.js';

const OPTIONS = { insertSpaces: true, tabSize: 2 };
const TEMPLATES = path.resolve('templates');

/** Every `.loom` file under templates/, by path relative to it. */
function templateFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (folder: string) => {
        for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.loom')) files[path.relative(TEMPLATES, full)] = fs.readFileSync(full, 'utf8');
        }
    };
    walk(TEMPLATES);
    return files;
}

/** Formats each file of a workspace built from `files`; returns the formatted texts by name. */
async function formatAll(files: Record<string, string>): Promise<Record<string, string>> {
    const documents = await openWorkspace(files);
    const formatted: Record<string, string> = {};
    for (const [name, document] of Object.entries(documents)) {
        const edits = await lsp.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: OPTIONS });
        formatted[name] = TextDocument.applyEdits(document.textDocument, edits);
    }
    return formatted;
}

/** Comment texts in order, without their indentation: what formatting must keep. */
function comments(text: string): string[] {
    return (text.match(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g) ?? []).map(c => c.split('\n').map(line => line.trim()).join('\n'));
}

describe('formatting', () => {
    afterEach(clearWorkspace);

    it('lays out a messy model in the one house style', async () => {
        await expectFormatting(lsp)({
            options: OPTIONS,
            disposeAfterCheck: true,
            before: [
                '// leading comment',
                'context   Shop',
                'enum Size{S,M ,L}',
                'type Line{sku:string qty : int,size?:Size=M}',
                '',
                '',
                '',
                'aggregate Cart{id cartId:uuid',
                'state{lines:Line[]=[]}',
                '    // adds a line',
                '      command AddLine{line:Line,note?:string emits LineAdded,CartTouched rejects CartFull}',
                '/** the fact */',
                'event LineAdded{line:Line}  event CartTouched {}',
                'error CartFull',
                '}',
                'readmodel CartView{key cartId:uuid',
                'on LineAdded ,CartTouched}',
                'query GetCart{cartId:uuid}returns CartView [ ]',
                'scenario "adds"{given CartTouched{},CartTouched when AddLine{line:{sku:"a",qty:1}} then LineAdded{line:{sku:"a",qty:1}}}'
            ].join('\n'),
            after: [
                '// leading comment',
                'context Shop',
                '',
                'enum Size { S, M, L }',
                '',
                'type Line {',
                '  sku: string',
                '  qty: int',
                '  size?: Size = M',
                '}',
                '',
                'aggregate Cart {',
                '  id cartId: uuid',
                '  state {',
                '    lines: Line[] = []',
                '  }',
                '  // adds a line',
                '  command AddLine {',
                '    line: Line',
                '    note?: string',
                '    emits LineAdded, CartTouched',
                '    rejects CartFull',
                '  }',
                '  /** the fact */',
                '  event LineAdded {',
                '    line: Line',
                '  }',
                '  event CartTouched {}',
                '  error CartFull',
                '}',
                '',
                'readmodel CartView {',
                '  key cartId: uuid',
                '  on LineAdded, CartTouched',
                '}',
                '',
                'query GetCart { cartId: uuid } returns CartView[]',
                '',
                'scenario "adds" {',
                '  given CartTouched {}',
                '    CartTouched',
                '  when AddLine { line: { sku: "a", qty: 1 } }',
                '  then LineAdded { line: { sku: "a", qty: 1 } }',
                '}'
            ].join('\n')
        });
    });

    it('keeps one blank line above a commented declaration, above its comment', async () => {
        await expectFormatting(lsp)({
            options: OPTIONS,
            disposeAfterCheck: true,
            before: 'context C\nenum A { X }\n/** B */\nenum B { Y }\n\n\n\n// about Q\nquery Q {} returns R\nreadmodel R { on E }',
            after: 'context C\n\nenum A { X }\n/** B */\nenum B { Y }\n\n// about Q\nquery Q {} returns R\n\nreadmodel R {\n  on E\n}'
        });
    });

    it('keeps field names that are keywords apart from the keywords, and indents by 2 spaces whatever the tab size', async () => {
        await expectFormatting(lsp)({
            options: { insertSpaces: false, tabSize: 4 },
            disposeAfterCheck: true,
            before: 'context C\ntype T { type: string, id: uuid\nkey:string  version : int }\naggregate A { id id: uuid\n\tcommand Go { type: string emits Gone }\n\tevent Gone { type: string } }\nscenario "s" { when Go { type: "x" } then Gone { type: "x" } }',
            after: [
                'context C', '', 'type T {', '  type: string', '  id: uuid', '  key: string', '  version: int', '}', '',
                'aggregate A {', '  id id: uuid', '  command Go {', '    type: string', '    emits Gone', '  }', '  event Gone {', '    type: string', '  }', '}', '',
                'scenario "s" {', '  when Go { type: "x" }', '  then Gone { type: "x" }', '}'
            ].join('\n')
        });
    });

    it('normalises the event list of an `on` block, on one line or over several', async () => {
        const before = [
            'context Banking',
            '',
            'aggregate Account {',
            '  id accountId: uuid',
            '  state {',
            '    total: decimal = 0',
            '  }',
            '  command Book {',
            '    amount: decimal',
            '    emits Booked, Reversed',
            '  }',
            '  event Booked {',
            '    amount: decimal',
            '  }',
            '  event Reversed {',
            '    amount: decimal',
            '  }',
            '  on Booked ,Reversed   {',
            '    total += amount',
            '  }',
            '  on Booked,Reversed { total -= amount }',
            '}'
        ].join('\n') + '\n';
        const after = before
            .replace('  on Booked ,Reversed   {', '  on Booked, Reversed {')
            .replace('  on Booked,Reversed { total -= amount }', '  on Booked, Reversed { total -= amount }');
        await expectFormatting(lsp)({ options: OPTIONS, disposeAfterCheck: true, before, after });
        await expectFormatting(lsp)({ options: OPTIONS, disposeAfterCheck: true, before: after, after });
    });

    it('lays out the behaviour of DESIGN §2b-2d: operators, mappings, `on` blocks one line or one per line, clauses; idempotent', async () => {
        const before = [
            'context Banking',
            'enum Status { Open, Closed }',
            'type Money { amount: decimal, currency: string }',
            'aggregate Account {',
            '  id accountId: uuid',
            '  state { status: Status = Open, balance: decimal = 0, limit?: decimal, history: decimal[] = [] }',
            '  command Withdraw { amount: Money',
            '    requires   status==Open   else Closed',
            '    requires not(amount.amount<=balance+limit??0)and status in[Open,Closed]',
            '        else Insufficient{requested:amount.amount,   available: -balance}',
            '    emits Withdrawn{amount:amount.amount*2 ,at:now,id:newId,n:count( history )}',
            '  }',
            '  event Withdrawn version 2 { amount: decimal, at: timestamp, id: uuid, n: int }',
            '  upcast Withdrawn from 1 {amount:decimal,at:timestamp}{id:"x",n:0}',
            '  error Insufficient { requested: decimal, available: decimal }',
            '  error Closed',
            '  on Withdrawn {balance-=amount ,history+=amount,   status}',
            '  on Withdrawn { balance -= amount',
            '     history += amount }',
            '}',
            'readmodel Balance { key accountId: uuid, total: decimal = 0, on Withdrawn{total+=amount}   on Withdrawn {delete} }',
            'policy P { on Withdrawn reads Balance issues Withdraw{amount:{amount:Balance.total??0,currency:"EUR"}}if amount>10 }',
            'scenario "s" { given Withdrawn  v1 { amount: 1, at: "x" } expect   Balance { total: 1 } expect no   Balance }'
        ].join('\n') + '\n';
        const after = [
            'context Banking',
            '',
            'enum Status { Open, Closed }',
            '',
            'type Money {',
            '  amount: decimal',
            '  currency: string',
            '}',
            '',
            'aggregate Account {',
            '  id accountId: uuid',
            '  state {',
            '    status: Status = Open',
            '    balance: decimal = 0',
            '    limit?: decimal',
            '    history: decimal[] = []',
            '  }',
            '  command Withdraw {',
            '    amount: Money',
            '    requires status == Open else Closed',
            '    requires not (amount.amount <= balance + limit ?? 0) and status in [Open, Closed]',
            '      else Insufficient { requested: amount.amount, available: -balance }',
            '    emits Withdrawn { amount: amount.amount * 2, at: now, id: newId, n: count(history) }',
            '  }',
            '  event Withdrawn version 2 {',
            '    amount: decimal',
            '    at: timestamp',
            '    id: uuid',
            '    n: int',
            '  }',
            '  upcast Withdrawn from 1 { amount: decimal, at: timestamp } { id: "x", n: 0 }',
            '  error Insufficient {',
            '    requested: decimal',
            '    available: decimal',
            '  }',
            '  error Closed',
            '  on Withdrawn { balance -= amount, history += amount, status }',
            '  on Withdrawn {',
            '    balance -= amount',
            '    history += amount',
            '  }',
            '}',
            '',
            'readmodel Balance {',
            '  key accountId: uuid',
            '  total: decimal = 0',
            '  on Withdrawn { total += amount }',
            '  on Withdrawn { delete }',
            '}',
            '',
            'policy P {',
            '  on Withdrawn',
            '  reads Balance',
            '  issues Withdraw { amount: { amount: Balance.total ?? 0, currency: "EUR" } } if amount > 10',
            '}',
            '',
            'scenario "s" {',
            '  given Withdrawn v1 { amount: 1, at: "x" }',
            '  expect Balance { total: 1 }',
            '  expect no Balance',
            '}'
        ].join('\n') + '\n';
        await expectFormatting(lsp)({ options: OPTIONS, disposeAfterCheck: true, before, after });
        const again = await formatAll({ 'formatted.loom': after });
        assert.equal(again['formatted.loom'], after, 'formatting formatted text changes nothing');
    });

    it('lays out an event without a body as an error without one: on its own line, nothing added', async () => {
        const before = 'context A\naggregate X {\n  id x: uuid\n  command C { emits Frozen }\n    event   Frozen\n  event Thawed   version 2\n  error Closed\n}\n';
        const after = 'context A\n\naggregate X {\n  id x: uuid\n  command C {\n    emits Frozen\n  }\n  event Frozen\n  event Thawed version 2\n  error Closed\n}\n';
        await expectFormatting(lsp)({ options: OPTIONS, disposeAfterCheck: true, before, after });
    });

    it('keeps the templates valid, keeps their comments, and is idempotent', async () => {
        const originals = templateFiles();
        assert.ok(Object.keys(originals).length >= 4, 'the templates are there');
        const once = await formatAll(originals);
        for (const name of Object.keys(originals)) {
            assert.deepEqual(comments(once[name]), comments(originals[name]), `${name} keeps its comments`);
        }
        const reparsed = await openWorkspace(once);
        assert.deepEqual(problemsOf(Object.values(reparsed)), [], 'the formatted templates validate clean');
        const twice = await formatAll(once);
        assert.deepEqual(twice, once, 'formatting formatted text changes nothing');
    });
});
