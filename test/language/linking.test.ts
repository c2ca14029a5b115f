/**
 * Linking across files and contexts: every file of a workspace sees the others, a simple name
 * resolves in its own context, `Context.Event` reaches another context's events, field names in
 * data link to the declared fields and enum members to their enum. Unresolved names get a message
 * that says what was looked for and what to do, on exactly that name.
 */
import * as assert from 'node:assert/strict';
import {
    isAggregate, isCommand, isEnumLiteral, isEvent, isPolicy, isReadModel, isScenario, isValueType,
    type Aggregate, type Model
} from '../../src/language/generated/ast.js';
import { contextNameOf } from '../../src/language/model-queries.js';
import { AstUtils, DocumentState, TextDocument, type URI } from 'langium';
import {
    clearWorkspace, expectClean, find, listDiagnostics, marked, messageOf, resultOf, services, validate, validateFiles, valueOf
} from './language-test-kit.js';
import type { ValidationResult } from 'langium/test';

const BANKING = `context Banking
enum Currency { EUR, USD }
type Money { amount: decimal, currency: Currency }
aggregate Account {
  id accountId: uuid
  state { balance: decimal = 0 }
  command OpenAccount { owner: string, currency: Currency, emits Opened }
  command Withdraw { amount: decimal, emits Withdrawn, rejects Insufficient }
  event Opened { owner: string, currency: Currency }
  event Withdrawn { amount: decimal }
  error Insufficient
}
`;

/** Asserts one linking error whose range is exactly the marked text and whose message matches. */
async function expectUnresolved(files: Record<string, string>, message: string | RegExp): Promise<void> {
    const stripped: Record<string, string> = {};
    let target: { file: string; start: number; end: number } | undefined;
    for (const [file, text] of Object.entries(files)) {
        const mark = marked(text);
        stripped[file] = mark.text;
        if (mark.start >= 0) target = { file, ...mark };
    }
    const results = await validateFiles(stripped);
    const result = results[target!.file];
    const linking = result.diagnostics.filter(d => (d.data as { code?: string } | undefined)?.code === 'linking-error');
    assert.equal(linking.length, 1, `expected one unresolved name, found:\n${listDiagnostics(result.diagnostics)}`);
    const [diagnostic] = linking;
    assert.equal(diagnostic.severity, 1);
    const document = result.document.textDocument;
    assert.equal(document.getText(diagnostic.range), stripped[target!.file].slice(target!.start, target!.end), 'the error sits on the unresolved name');
    assert.equal(document.offsetAt(diagnostic.range.start), target!.start);
    const text = messageOf(diagnostic);
    if (typeof message === 'string') assert.equal(text, message);
    else assert.match(text, message);
}

describe('linking', () => {
    afterEach(clearWorkspace);

    describe('across the files of one context', () => {
        it('resolves every kind of reference to a declaration in another file', async () => {
            const results = await validateFiles({
                'types.loom': 'context Banking\nenum Currency { EUR, USD }\ntype Money { amount: decimal, currency: Currency }',
                'account.loom': `context Banking
aggregate Account {
  id accountId: uuid
  state { frozen: boolean = false }
  command OpenAccount { owner: string, limit: Money, emits Opened }
  event Opened { owner: string, limit: Money }
  error Frozen
  command Freeze { emits Frozen2, rejects Frozen }
  event Frozen2 {}
}`,
                'views.loom': `context Banking
readmodel Owners { key accountId: uuid, owner: string, currency: Currency = EUR, on Opened }
query ListOwners { currency: Currency } returns Owners[]
policy FreezeNew { on Opened issues Freeze }
scenario "opens" {
  when OpenAccount { owner: "Ann", limit: { amount: 5, currency: USD } }
  then Opened { limit: { currency: USD } }
}
scenario "freezes" { given Opened { owner: "Ann", limit: { amount: 1, currency: EUR } } when Freeze then rejected Frozen }`
            });
            for (const result of Object.values(results)) expectClean(result);
            const views = results['views.loom'].document.parseResult.value;
            const owners = views.elements.find(isReadModel)!;
            const opened = owners.handles[0].ref!;
            assert.ok(isEvent(opened));
            assert.equal(AstUtils.getDocument(opened).uri.path, results['account.loom'].document.uri.path);
            assert.equal(AstUtils.getDocument(owners.fields[1].type.dataType!.ref!).uri.path, results['types.loom'].document.uri.path);
            const policy = views.elements.find(isPolicy)!;
            assert.ok(isCommand(policy.issues[0].command.ref));
            const currency = valueOf(views, 'currency');
            assert.ok(isEnumLiteral(currency) && currency.member.ref?.$container.name === 'Currency');
        });

        it('keeps contexts apart: a simple name never resolves in another context', async () => {
            await expectUnresolved({
                'banking.loom': BANKING,
                'sales.loom': 'context Sales\nreadmodel Leads { on <|Opened|> }'
            }, "Unknown event 'Opened' in context Sales: it is an event of context Banking. Write 'Banking.Opened' to consume it here.");
        });

        it('names one context, the one a scan of the workspace finds first, when several declare the name', async () => {
            const ledger = 'context Ledger\naggregate Book {\n  id bookId: uuid\n  command Open { bookId: uuid, emits Opened }\n  event Opened { bookId: uuid }\n}\n';
            await expectUnresolved({
                'banking.loom': BANKING,
                'ledger.loom': ledger,
                'sales.loom': 'context Sales\nreadmodel Leads { on <|Opened|> }'
            }, "Unknown event 'Opened' in context Sales: it is an event of context Banking. Write 'Banking.Opened' to consume it here.");
        });

        it('does not name another context whose declaration of that name has another type', async () => {
            await expectUnresolved({
                'banking.loom': BANKING,
                'sales.loom': 'context Sales\ntype Offer { price: <|Opened|> }'
            }, /^Unknown type 'Opened' in context Sales: declare `type Opened/);
        });

        it('says where a non-event of another context lives when it is named without its context', async () => {
            await expectUnresolved({
                'banking.loom': BANKING,
                'sales.loom': 'context Sales\ntype Offer { price: <|Money|> }'
            }, /^Unknown type 'Money' in context Sales: the type of that name belongs to context Banking, and another context may only consume its events\. Declare `type Money/);
        });

        it('re-links when a file changes: removing a declaration leaves an error where it was used', async () => {
            const results = await validateFiles({
                'a.loom': 'context Banking\nenum Currency { EUR }',
                'b.loom': 'context Banking\ntype Money { currency: Currency }'
            });
            expectClean(results['b.loom']);
            // As the language server does on an edit: the new text comes from the open document.
            const changedUri = results['a.loom'].document.uri;
            services.shared.workspace.TextDocuments?.set(TextDocument.create(changedUri.toString(), 'eventloom', 2, 'context Banking\nenum Kurrency { EUR }'));
            await services.shared.workspace.DocumentBuilder.update([changedUri], []);
            services.shared.workspace.TextDocuments?.delete(changedUri);
            const b = services.shared.workspace.LangiumDocuments.getDocument(results['b.loom'].document.uri)!;
            const after = resultOf(b as never) as ValidationResult<Model>;
            assert.equal(after.diagnostics.length, 1, listDiagnostics(after.diagnostics));
            assert.match(messageOf(after.diagnostics[0]), /Unknown type 'Currency' in context Banking.*Did you mean 'Kurrency'\?/);
        });
    });

    describe('after an edit in another file', () => {
        /** What the language server does when a file is edited: rebuild it and what depends on it. */
        async function edit(uri: URI, text: string): Promise<void> {
            services.shared.workspace.TextDocuments?.set(TextDocument.create(uri.toString(), 'eventloom', 2, text));
            await services.shared.workspace.DocumentBuilder.update([uri], []);
            services.shared.workspace.TextDocuments?.delete(uri);
        }

        function diagnosticsOf(uri: URI): string[] {
            return (services.shared.workspace.LangiumDocuments.getDocument(uri)?.diagnostics ?? []).map(messageOf);
        }

        it('a duplicate across files disappears from both when one is renamed', async () => {
            const results = await validateFiles({
                'a.loom': 'context Banking\nenum Currency { EUR }',
                'b.loom': 'context Banking\nenum Currency { USD }'
            });
            assert.equal(results['b.loom'].diagnostics.length, 1);
            await edit(results['a.loom'].document.uri, 'context Banking\nenum Kurrency { EUR }');
            assert.deepEqual(diagnosticsOf(results['a.loom'].document.uri), []);
            assert.deepEqual(diagnosticsOf(results['b.loom'].document.uri), []);
        });

        it('a duplicate appears in the other file when a file starts declaring the same name', async () => {
            const results = await validateFiles({
                'a.loom': 'context Banking\nenum Kurrency { EUR }',
                'b.loom': 'context Banking\nenum Currency { USD }'
            });
            expectClean(results['b.loom']);
            await edit(results['a.loom'].document.uri, 'context Banking\nenum Currency { EUR }');
            assert.deepEqual(diagnosticsOf(results['b.loom'].document.uri), ["Duplicate enum 'Currency' in context Banking: another is declared in a.loom, line 2. Rename or remove one."]);
        });

        it('a file moved into a context by its `context` line clashes with that context at once', async () => {
            const results = await validateFiles({
                'a.loom': '// cards\ncontext Cards\nenum Currency { EUR }',
                'b.loom': 'context Banking\nenum Currency { USD }'
            });
            expectClean(results['b.loom']);
            await edit(results['a.loom'].document.uri, '/* now banking */ context Banking\nenum Currency { EUR }');
            assert.deepEqual(diagnosticsOf(results['b.loom'].document.uri), ["Duplicate enum 'Currency' in context Banking: another is declared in a.loom, line 2. Rename or remove one."]);
        });

        it('re-validates only the files of the edited context (and of files that refer to it)', async () => {
            const results = await validateFiles({
                'a.loom': 'context Banking\nenum Currency { EUR }',
                'b.loom': 'context Banking\nenum Status { Open }',
                'c.loom': 'context Sales\nenum Stage { New }'
            });
            const validated: string[] = [];
            const listening = services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
                validated.push(document.uri.path.split('/').pop()!);
            });
            try {
                await edit(results['a.loom'].document.uri, 'context Banking\nenum Money { EUR }');
            } finally {
                listening.dispose();
            }
            assert.deepEqual(validated.sort(), ['a.loom', 'b.loom']);
        });

        it('re-validates only the edited file when its declared names stay the same (most keystrokes)', async () => {
            const results = await validateFiles({
                'a.loom': 'context Banking\nenum Currency { EUR }',
                'b.loom': 'context Banking\nenum Status { Open }'
            });
            const validated: string[] = [];
            const listening = services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
                validated.push(document.uri.path.split('/').pop()!);
            });
            try {
                await edit(results['a.loom'].document.uri, 'context Banking\nenum Currency { EUR, USD }');
            } finally {
                listening.dispose();
            }
            assert.deepEqual(validated, ['a.loom']);
        });

        it('two contexts sharing a folder stop clashing when one is renamed', async () => {
            const results = await validateFiles({
                'a.loom': 'context HTTPServer\nenum Verb { Get }',
                'b.loom': 'context HttpServer\nenum Code { Ok }'
            });
            assert.equal(results['b.loom'].diagnostics.length, 1);
            await edit(results['a.loom'].document.uri, 'context WebServer\nenum Verb { Get }');
            assert.deepEqual(diagnosticsOf(results['b.loom'].document.uri), []);
        });
    });

    describe('across contexts', () => {
        it("resolves `Other.Event` in a read model's `on`, a policy's `on` and scenario data", async () => {
            const results = await validateFiles({
                'banking.loom': BANKING,
                'sales.loom': `context Sales
aggregate Lead {
  id leadId: uuid
  command CreateLead { owner: string, emits LeadCreated }
  event LeadCreated { owner: string }
}
readmodel Customers { owner: string, on Banking.Opened, LeadCreated }
policy Welcome { on Banking.Opened, Banking.Withdrawn issues CreateLead }`
            });
            expectClean(results['sales.loom']);
            const sales = results['sales.loom'].document.parseResult.value;
            const customers = sales.elements.find(isReadModel)!;
            const opened = customers.handles[0].ref!;
            assert.equal(opened.name, 'Opened');
            assert.equal(contextNameOf(opened), 'Banking');
            assert.equal(sales.elements.find(isPolicy)!.triggers[1].ref?.name, 'Withdrawn');
        });

        it('lets two contexts use the same names without clashing', async () => {
            const results = await validateFiles({
                'banking.loom': BANKING,
                'cards.loom': BANKING.replace('context Banking', 'context Cards')
            });
            for (const result of Object.values(results)) expectClean(result);
            const cards = results['cards.loom'].document.parseResult.value;
            const opened = (cards.elements.find(isAggregate) as Aggregate).members.find(isCommand)!.emits[0].event.ref!;
            assert.equal(contextNameOf(opened), 'Cards');
        });

        it('names the context that does not exist, with the closest one', async () => {
            await expectUnresolved({
                'banking.loom': BANKING,
                'sales.loom': 'context Sales\nreadmodel Leads { on <|Bankng.Opened|> }'
            }, "There is no context 'Bankng' in the model. Did you mean 'Banking'?");
        });

        it('names the missing event of an existing context, with the closest one', async () => {
            await expectUnresolved({
                'banking.loom': BANKING,
                'sales.loom': 'context Sales\nreadmodel Leads { on <|Banking.Openned|> }'
            }, "Context 'Banking' has no event 'Openned'. Check the context and the name; only events can be used from another context. Did you mean 'Banking.Opened'?");
        });
    });

    describe('unresolved names in one context', () => {
        const cases: Array<[what: string, model: string, message: string | RegExp]> = [
            ['an emitted event', BANKING.replace('emits Withdrawn', 'emits <|Withdrawen|>'),
                "Unknown event 'Withdrawen' in context Banking: declare `event Withdrawen { … }` in the aggregate that records it, or fix the name. Did you mean 'Withdrawn'?"],
            ['a rejection', BANKING.replace('rejects Insufficient', 'rejects <|Overdrawn|>'),
                "Unknown error 'Overdrawn' in context Banking: declare `error Overdrawn` in the aggregate, or fix the name."],
            ['a field type', BANKING.replace('amount: decimal, currency: Currency }', 'amount: decimal, currency: <|Curency|> }'),
                /^Unknown type 'Curency' in context Banking: declare `type Curency \{ … \}` or `enum Curency \{ … \}`, or use a built-in type \(string, int, float, decimal, boolean, timestamp, date, uuid\), or fix the name\. Did you mean 'Currency'\?$/],
            ['a lower-case built-in misspelt', BANKING.replace('amount: decimal, currency', 'amount: <|Decimal|>, currency'),
                /^Unknown type 'Decimal' in context Banking: .*use a built-in type/],
            ['a handled event', `${BANKING}readmodel R { on <|Closed|> }`,
                /^Unknown event 'Closed' in context Banking/],
            ['a returned read model', `${BANKING}query Q {} returns <|Summary|>`,
                "Unknown read model 'Summary' in context Banking: declare `readmodel Summary { … }`, or fix the name."],
            ['an issued command', `${BANKING}policy P { on Opened issues <|Witdraw|> }`,
                /^Unknown command 'Witdraw' in context Banking: declare `command Witdraw \{ … emits … \}` in an aggregate, or fix the name\. Did you mean 'Withdraw'\?$/],
            ['a scenario command', `${BANKING}scenario "s" { when <|Deposit|> then Withdrawn }`,
                /^Unknown command 'Deposit'/],
            ['a misspelt field in `when` data', `${BANKING}scenario "s" { when Withdraw { <|amout|>: 5, amount: 5 } then Withdrawn }`,
                "Unknown field 'amout'. Its fields: amount. Did you mean 'amount'?"],
            ['a misspelt field in `given` data', `${BANKING}scenario "s" { given Opened { owner: "A", currency: EUR, <|ownr|>: "B" } when Withdraw { amount: 1 } then Withdrawn }`,
                "Unknown field 'ownr'. Its fields: owner, currency. Did you mean 'owner'?"],
            ['a misspelt field in `then` data', `${BANKING}scenario "s" { when Withdraw { amount: 1 } then Withdrawn { <|sum|>: 1 } }`,
                "Unknown field 'sum'. Its fields: amount."],
            ['a field of an event without fields', BANKING.replace('event Withdrawn { amount: decimal }', 'event Withdrawn {}') + 'scenario "s" { when Withdraw { amount: 1 } then Withdrawn { <|amount|>: 1 } }',
                "Unknown field 'amount'. It has no fields."],
            ['a misspelt field in a nested object', `${BANKING}readmodel R { on Opened\n  limit: Money = { amount: 1, <|curency|>: EUR, currency: USD } }`,
                "Unknown field 'curency'. Its fields: amount, currency. Did you mean 'currency'?"],
            ['an enum member of the expected enum', `${BANKING}readmodel R { on Opened\n  currency: Currency = <|GBP|> }`,
                "'GBP' is not a member of enum Currency (EUR, USD)."],
            ['an enum member in a list', `${BANKING}readmodel R { on Opened\n  currencies: Currency[] = [EUR, <|UDS|>] }`,
                "'UDS' is not a member of enum Currency (EUR, USD)."],
            ['an enum member in scenario data', `${BANKING}scenario "s" { when OpenAccount { owner: "A", currency: <|Eur|> } then Opened }`,
                "'Eur' is not a member of enum Currency (EUR, USD). Did you mean 'EUR'?"],
            ['a bare word where a string is expected', `${BANKING}readmodel R { on Opened\n  owner: string = <|Ann|> }`,
                'A string is written in double quotes: "Ann".'],
            ['a bare word where a number is expected', `${BANKING}scenario "s" { when Withdraw { amount: <|lots|> } then Withdrawn }`,
                "Unknown value 'lots': it is not an enum member of this context. Use a string in double quotes, a number, true/false or an enum member."],
            ['a bare word in data of a misspelt field', `${BANKING}scenario "s" { when Withdraw { amount: 1, <|note|>: EUR } then Withdrawn }`,
                "Unknown field 'note'. Its fields: amount."]
        ];
        for (const [what, model, message] of cases) {
            it(`reports ${what} on its name`, async () => {
                await expectUnresolved({ 'model.loom': model }, message);
            });
        }
    });

    it('resolves enum members in defaults, lists, nested objects and scenario data', async () => {
        const result = await validate(`${BANKING}
type Wallet { main: Currency, others: Currency[] = [USD] }
readmodel R { key accountId: uuid, currency: Currency = USD, wallet: Wallet = { main: EUR, others: [EUR, USD] }, on Opened }
scenario "s" { when OpenAccount { owner: "Ann", currency: USD } then Opened { currency: USD } }`);
        expectClean(result);
        const model = result.document.parseResult.value;
        const literals = [valueOf(model, 'currency'), valueOf(model, 'main'), valueOf(model, 'currency', 1), valueOf(model, 'currency', 2)];
        assert.deepEqual(literals.map(l => isEnumLiteral(l) && l.member.ref?.name), ['USD', 'EUR', 'USD', 'USD']);
        const wallet = find(model, 'ValueType', 'Wallet');
        assert.ok(isValueType(wallet));
        assert.ok(model.elements.some(isScenario));
    });
});
