/** Every construct of the surface syntax (DESIGN §2) parses into the AST the rest of the tool reads. */
import * as assert from 'node:assert/strict';
import {
    isAggregate, isBooleanLiteral, isCommand, isDomainError, isEnum, isEnumLiteral, isEvent, isListLiteral,
    isNumberLiteral, isObjectLiteral, isPolicy, isQuery, isReadModel, isScenario, isState, isStreamId,
    isStringLiteral, isValueType, type Aggregate, type Literal, type Model, type Scenario
} from '../../src/language/generated/ast.js';
import { clearWorkspace, expectClean, expectParsed, services, validate } from './language-test-kit.js';

function only<T>(items: readonly unknown[], guard: (item: unknown) => item is T): T {
    const found = items.filter(guard);
    assert.equal(found.length, 1, `expected exactly one match, found ${found.length}`);
    return found[0];
}

async function parseClean(text: string): Promise<Model> {
    const result = await validate(text);
    expectClean(result);
    return result.document.parseResult.value;
}

/** A minimal aggregate that makes scenario tests self-contained. */
const ACCOUNT = `
context Banking
enum Currency { EUR, USD }
type Money { amount: decimal, currency: Currency }
type Address { street: string, lines: string[] }
aggregate Account {
  id accountId: uuid
  state { balance: decimal = 0 }
  command Open { owner: string, currency: Currency, limit?: Money, emits Opened }
  command Withdraw { amount: decimal, emits Withdrawn, rejects Insufficient, Closed }
  event Opened { owner: string, currency: Currency, limit?: Money }
  event Withdrawn { amount: decimal }
  error Insufficient { requested: decimal }
  error Closed
}
`;

describe('parsing', () => {
    afterEach(clearWorkspace);

    it('reads the context declaration', async () => {
        const model = await parseClean('context Banking');
        assert.equal(model.context?.name, 'Banking');
        assert.equal(model.elements.length, 0);
    });

    it('reads enums, with or without a trailing comma', async () => {
        const model = await parseClean('context C\nenum Currency { EUR, USD, GBP }\nenum Status { Open, Closed, }\nenum Empty {}');
        const [currency, status, empty] = model.elements.filter(isEnum);
        assert.deepEqual(currency.members.map(m => m.name), ['EUR', 'USD', 'GBP']);
        assert.deepEqual(status.members.map(m => m.name), ['Open', 'Closed']);
        assert.deepEqual(empty.members, []);
    });

    it('reads value types with fields separated by newlines or commas, optional, list and default', async () => {
        const model = await parseClean(`context C
enum Currency { EUR }
type Money {
  amount: decimal = 0
  currency: Currency, note?: string
  tags: string[] = [], history: Currency[]
}`);
        const money = only(model.elements, isValueType);
        assert.deepEqual(money.fields.map(f => f.name), ['amount', 'currency', 'note', 'tags', 'history']);
        const [amount, currency, note, tags, history] = money.fields;
        assert.equal(amount.type.primitive, 'decimal');
        assert.ok(isNumberLiteral(amount.default) && amount.default.value === '0');
        assert.equal(currency.type.dataType?.ref?.name, 'Currency');
        assert.equal(note.optional, true);
        assert.equal(currency.optional, false);
        assert.equal(tags.type.list, true);
        assert.ok(isListLiteral(tags.default) && tags.default.items.length === 0);
        assert.equal(history.type.list, true);
        assert.equal(history.type.dataType?.$refText, 'Currency');
    });

    it('knows every built-in type', async () => {
        const primitives = ['string', 'int', 'float', 'decimal', 'boolean', 'timestamp', 'date', 'uuid'];
        const model = await parseClean(`context C\ntype All { ${primitives.map(p => `a${p}: ${p}`).join(', ')} }`);
        assert.deepEqual(only(model.elements, isValueType).fields.map(f => f.type.primitive), primitives);
    });

    it('reads an aggregate with its id, state, commands, events and errors', async () => {
        const model = await parseClean(`context C
enum Status { Open, Closed }
aggregate Account {
  id accountId: uuid
  state {
    status: Status = Open
    balance: decimal = 0
  }
  command Open { owner: string, emits Opened }
  command Close { emits Closed rejects AlreadyClosed }
  event Opened { owner: string }
  event Closed {}
  error AlreadyClosed
}`);
        const account = only(model.elements, isAggregate);
        const id = only(account.members, isStreamId);
        assert.equal(id.name, 'accountId');
        assert.equal(id.type.primitive, 'uuid');
        assert.deepEqual(only(account.members, isState).fields.map(f => f.name), ['status', 'balance']);
        assert.deepEqual(account.members.filter(isCommand).map(c => c.name), ['Open', 'Close']);
        assert.deepEqual(account.members.filter(isEvent).map(e => e.name), ['Opened', 'Closed']);
        assert.deepEqual(account.members.filter(isDomainError).map(e => e.name), ['AlreadyClosed']);
        const close = account.members.filter(isCommand)[1];
        assert.equal(close.emits[0].event.ref?.name, 'Closed');
        assert.equal(close.rejects[0].ref?.name, 'AlreadyClosed');
    });

    for (const [layout, body] of [
        ['fields, emits, rejects on separate lines', 'amount: decimal\n    emits Withdrawn, Flagged\n    rejects Insufficient, Closed'],
        ['emits first, then fields, then rejects', 'emits Withdrawn, Flagged\n    amount: decimal\n    rejects Insufficient, Closed'],
        ['rejects first and everything separated by commas', 'rejects Insufficient, Closed, amount: decimal, emits Withdrawn, Flagged'],
        ['everything on one line without commas', 'rejects Insufficient, Closed emits Withdrawn, Flagged amount: decimal'],
        ['emits and rejects split over several clauses', 'emits Withdrawn\n    rejects Insufficient\n    amount: decimal\n    emits Flagged\n    rejects Closed']
    ] as const) {
        it(`reads a command's parts in any order: ${layout}`, async () => {
            const model = await parseClean(`context C
aggregate Account {
  id accountId: uuid
  command Withdraw {
    ${body}
  }
  event Withdrawn { amount: decimal }
  event Flagged {}
  error Insufficient
  error Closed
}`);
            const command = only(only(model.elements, isAggregate).members, isCommand);
            assert.deepEqual(command.fields.map(f => f.name), ['amount']);
            assert.deepEqual(command.emits.map(e => e.event.ref?.name), ['Withdrawn', 'Flagged']);
            assert.deepEqual(command.rejects.map(e => e.ref?.name), ['Insufficient', 'Closed']);
        });
    }

    it('reads event versions and errors with and without fields', async () => {
        const model = await parseClean(`context C
aggregate A {
  id aId: uuid
  command Do { emits Done, Redone rejects Plain, WithFields }
  event Done version 2 { at: timestamp }
  upcast Done from 1 { at: timestamp } {}
  event Redone {}
  error Plain
  error WithFields { limit: decimal, reason?: string }
}`);
        const aggregate = only(model.elements, isAggregate);
        const [done, redone] = aggregate.members.filter(isEvent);
        assert.equal(done.version, '2');
        assert.equal(redone.version, undefined);
        const [plain, withFields] = aggregate.members.filter(isDomainError);
        assert.deepEqual(plain.fields, []);
        assert.deepEqual(withFields.fields.map(f => [f.name, f.optional]), [['limit', false], ['reason', true]]);
    });

    it('reads a read model: key, fields with defaults, optional fields, lists and the events it handles', async () => {
        const model = await parseClean(`${ACCOUNT}
readmodel AccountSummary {
  key accountId: uuid
  owner: string
  balance: decimal = 0
  lastActivity?: timestamp
  history: decimal[] = [1, 2.5]
  on Opened, Withdrawn
}`);
        const summary = only(model.elements, isReadModel);
        assert.equal(summary.keys.length, 1);
        assert.equal(summary.keys[0].name, 'accountId');
        assert.equal(summary.keys[0].type.primitive, 'uuid');
        assert.deepEqual(summary.fields.map(f => f.name), ['owner', 'balance', 'lastActivity', 'history']);
        assert.equal(summary.fields[2].optional, true);
        assert.equal(summary.fields[3].type.list, true);
        assert.deepEqual(summary.handles.map(h => h.ref?.name), ['Opened', 'Withdrawn']);
    });

    it('reads a read model whose `on` comes first and whose parts are comma-separated', async () => {
        const model = await parseClean(`${ACCOUNT}
readmodel Owners { on Opened, owner: string, key accountId: uuid }`);
        const owners = only(model.elements, isReadModel);
        assert.equal(owners.keys[0].name, 'accountId');
        assert.deepEqual(owners.fields.map(f => f.name), ['owner']);
        assert.deepEqual(owners.handles.map(h => h.$refText), ['Opened']);
    });

    it('reads queries returning one read model or a list of them', async () => {
        const model = await parseClean(`${ACCOUNT}
readmodel Summary { key accountId: uuid, owner: string, on Opened }
query GetSummary { accountId: uuid } returns Summary
query ListByOwner { owner: string, limit?: int } returns Summary[]
query All {} returns Summary[]`);
        const [get, list, all] = model.elements.filter(isQuery);
        assert.equal(get.returns.ref?.name, 'Summary');
        assert.equal(get.list, false);
        assert.equal(list.list, true);
        assert.deepEqual(list.fields.map(f => f.name), ['owner', 'limit']);
        assert.deepEqual(all.fields, []);
        assert.equal(all.list, true);
    });

    it('reads policies with several triggers and commands, in any order', async () => {
        const model = await parseClean(`${ACCOUNT}
policy OnOpen {
  on Opened
  issues Withdraw
}
policy Both { issues Withdraw, Open on Opened, Withdrawn }`);
        const [onOpen, both] = model.elements.filter(isPolicy);
        assert.deepEqual(onOpen.triggers.map(t => t.ref?.name), ['Opened']);
        assert.deepEqual(onOpen.issues.map(t => t.command.ref?.name), ['Withdraw']);
        assert.deepEqual(both.triggers.map(t => t.ref?.name), ['Opened', 'Withdrawn']);
        assert.deepEqual(both.issues.map(t => t.command.ref?.name), ['Withdraw', 'Open']);
    });

    describe('scenarios', () => {
        async function scenario(text: string): Promise<Scenario> {
            return only((await parseClean(`${ACCOUNT}\n${text}`)).elements, isScenario);
        }

        it('reads given / when / then events', async () => {
            const s = await scenario(`scenario "withdraws" {
  given Opened { owner: "Ann", currency: EUR }
  when Withdraw { amount: 10 }
  then Withdrawn { amount: 10 }
}`);
            assert.equal(s.name, 'withdraws');
            assert.equal(s.given[0].event.ref?.name, 'Opened');
            assert.equal(s.when?.command.ref?.name, 'Withdraw');
            assert.equal(s.then[0].event.ref?.name, 'Withdrawn');
            assert.equal(s.rejected, false);
        });

        it('reads a scenario without `given` that ends in a rejection', async () => {
            const s = await scenario('scenario "rejects" { when Withdraw { amount: 10 } then rejected Insufficient }');
            assert.deepEqual(s.given, []);
            assert.equal(s.rejected, true);
            assert.equal(s.rejection?.ref?.name, 'Insufficient');
            assert.deepEqual(s.then, []);
        });

        it('reads several given and then events, separated by newlines or commas, with and without data', async () => {
            const s = await scenario(`scenario "many" {
  given Opened { owner: "Ann", currency: EUR }, Withdrawn { amount: 1 }
        Withdrawn { amount: 2 }
  when Withdraw { amount: 3 }
  then Withdrawn, Withdrawn { amount: 3 } Withdrawn
}`);
            assert.deepEqual(s.given.map(g => g.event.$refText), ['Opened', 'Withdrawn', 'Withdrawn']);
            assert.deepEqual(s.then.map(t => t.data === undefined), [true, false, true]);
        });

        it('reads a command without data', async () => {
            const model = await parseClean(`context C
aggregate A { id aId: uuid command Ping { emits Pinged } event Pinged {} }
scenario "ping" { when Ping then Pinged }`);
            const s = only(model.elements, isScenario);
            assert.equal(s.when?.data, undefined);
        });

        it('reads every kind of data literal', async () => {
            const model = await parseClean(`context C
enum Level { Low, High }
type Point { x: float, y: float, label?: string }
aggregate Probe {
  id probeId: uuid
  command Log {
    text: string
    count: int
    delta: int
    ratio: float
    price: decimal
    small: float
    on: boolean
    off: boolean
    level: Level
    levels: Level[]
    numbers: int[]
    empty: string[]
    point: Point
    points: Point[]
    emits Logged
  }
  event Logged {}
}
scenario "literals" {
  when Log {
    text: "say \\"hi\\"", count: 42, delta: -7, ratio: 0.5, price: -12.50, small: 1e-3
    on: true, off: false, level: High, levels: [Low, High,], numbers: [1, -2, 3]
    empty: []
    point: { x: 1.5, y: -2 }
    points: [{ x: 0, y: 0, label: "origin" }, { x: 1, y: 1 }]
  }
  then Logged
}`);
            const entries = only(model.elements, isScenario).when!.data!.entries;
            const value = (name: string): Literal => entries.find(e => e.field.$refText === name)!.value;
            const text = value('text');
            assert.ok(isStringLiteral(text) && text.value === 'say "hi"', 'escaped quotes are unescaped');
            for (const [name, source] of [['count', '42'], ['delta', '-7'], ['ratio', '0.5'], ['price', '-12.50'], ['small', '1e-3']]) {
                const number = value(name);
                assert.ok(isNumberLiteral(number) && number.value === source, `${name} keeps its source text ${source}`);
            }
            const on = value('on');
            const off = value('off');
            assert.ok(isBooleanLiteral(on) && on.value === true);
            assert.ok(isBooleanLiteral(off) && off.value === false);
            const level = value('level');
            assert.ok(isEnumLiteral(level) && level.member.ref?.name === 'High');
            const levels = value('levels');
            assert.ok(isListLiteral(levels));
            assert.deepEqual(levels.items.map(i => isEnumLiteral(i) && i.member.ref?.name), ['Low', 'High']);
            const point = value('point');
            assert.ok(isObjectLiteral(point));
            assert.deepEqual(point.entries.map(e => [e.field.ref?.name, isNumberLiteral(e.value) && e.value.value]), [['x', '1.5'], ['y', '-2']]);
            const points = value('points');
            assert.ok(isListLiteral(points) && points.items.every(isObjectLiteral));
            assert.equal(points.items.length, 2);
        });
    });

    describe('comments', () => {
        it('ignores line and block comments anywhere', async () => {
            const model = await parseClean(`// leading line comment
/* a block
   comment */ context /* inline */ Banking // trailing
enum Currency { EUR, /* between members */ USD // after a member
}
aggregate A { // after a brace
  id aId: uuid /* after a field */
  command Do { emits /* between keyword and name */ Done }
  event Done {}
}`);
            assert.equal(model.context?.name, 'Banking');
            assert.deepEqual(only(model.elements, isEnum).members.map(m => m.name), ['EUR', 'USD']);
        });

        it('keeps doc comments on the declaration that follows', async () => {
            const result = await validate(`/** The bank. */
context Banking
/** Money kinds. */
enum Currency { EUR }
/** An account. */
aggregate Account {
  id accountId: uuid
  /** Opens it. */
  command Open { emits Opened }
  /** It was opened. */
  event Opened {}
}`);
            expectClean(result);
            const docs = services.Eventloom.documentation.DocumentationProvider;
            const model = result.document.parseResult.value;
            const account = only(model.elements, isAggregate) as Aggregate;
            assert.equal(docs.getDocumentation(model.context!)?.trim(), 'The bank.');
            assert.equal(docs.getDocumentation(only(model.elements, isEnum))?.trim(), 'Money kinds.');
            assert.equal(docs.getDocumentation(account)?.trim(), 'An account.');
            assert.equal(docs.getDocumentation(only(account.members, isCommand))?.trim(), 'Opens it.');
            assert.equal(docs.getDocumentation(only(account.members, isEvent))?.trim(), 'It was opened.');
        });
    });

    it('reports a lexer error for an unterminated string and a parser error for a misplaced token', async () => {
        const unterminated = await validate('context C\ntype T { a: string = "oops }');
        assert.ok(unterminated.document.parseResult.lexerErrors.length > 0);
        const misplaced = await validate('context C\nenum E { A B }');
        assert.ok(misplaced.document.parseResult.parserErrors.length > 0);
    });

    it('parses the design document\'s example model without a problem', async () => {
        const result = await validate(DESIGN_EXAMPLE);
        expectParsed(result);
        expectClean(result);
    });
});

/** DESIGN.md §2, verbatim. */
const DESIGN_EXAMPLE = `/** Accounts and the money in them. */      // doc comments attach to the next declaration
context Banking                              // first declaration of every file: its bounded context

enum Currency { EUR, USD, GBP }
enum AccountStatus { Pending, Open, Frozen, Closed }

type Money {                                 // a value object, usable as a field type
  amount: decimal
  currency: Currency
}

aggregate BankAccount {
  id accountId: uuid                         // the stream id; exactly one per aggregate

  state {                                    // decision state, rebuilt by replaying events
    status: AccountStatus = Pending
    balance: decimal = 0
  }

  command OpenAccount {
    owner: string
    currency: Currency
    emits AccountOpened
  }

  command Withdraw {
    amount: decimal
    emits MoneyWithdrawn
    rejects InsufficientFunds, AccountClosed
  }

  command FreezeAccount { emits AccountFrozen }

  event AccountOpened { owner: string, currency: Currency }
  event MoneyWithdrawn { amount: decimal }
  event AccountFrozen {}

  error InsufficientFunds { requested: decimal }
  error AccountClosed
}

readmodel AccountSummary {
  key accountId: uuid                        // filled from the aggregate id or a same-named event field
  owner: string
  balance: decimal = 0
  lastActivity?: timestamp
  on AccountOpened, MoneyWithdrawn           // the events its projector handles
}

query GetAccountSummary { accountId: uuid } returns AccountSummary
query ListAccountsByOwner { owner: string } returns AccountSummary[]

policy FreezeOnOverdraft {                   // reacts to events by issuing commands
  on MoneyWithdrawn
  issues FreezeAccount
}

scenario "cannot overdraw" {                 // Given / When / Then, as in Event Modeling
  given AccountOpened { owner: "Ann", currency: EUR }
  when Withdraw { amount: 150 }
  then rejected InsufficientFunds
}
`;
