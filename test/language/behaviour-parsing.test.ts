/**
 * The behaviour syntax of DESIGN §2b-2d parses into the AST the type checker, the interpreter and
 * the generator read: guards, mappings, `on` blocks, policies' conditions, expressions with their
 * precedence, scenarios with `expect`, event versions and upcasts. Parsing only: names inside
 * expressions are checked by the behaviour validation tests.
 */
import * as assert from 'node:assert/strict';
import {
    isAggregate, isBinaryExpression, isBooleanExpression, isCommand, isCountExpression, isDeleteDocument, isEventHandler,
    isFieldAssignment, isInExpression, isListExpression, isMapping, isMemberAccess, isNameExpression, isNegationExpression,
    isNewIdExpression, isNotExpression, isNowExpression, isNumberExpression, isPolicy, isReadModel, isScenario,
    isStringExpression, isUpcast,
    type Aggregate, type EventHandler, type Expression, type FieldAssignment, type Model, type Policy,
    type ReadModel, type Scenario
} from '../../src/language/generated/ast.js';
import { BANK } from './behaviour-models.js';
import { services } from './language-test-kit.js';

/** Parses without linking; fails on any lexer or parser error, listing them. */
function parse(text: string): Model {
    const result = services.Eventloom.parser.LangiumParser.parse<Model>(text);
    const errors = [...result.lexerErrors.map(e => e.message), ...result.parserErrors.map(e => `${e.message} (at '${e.token.image}', line ${e.token.startLine})`)];
    assert.deepEqual(errors, [], 'the model parses without errors');
    return result.value;
}

/** Expects at least one parser error. */
function parseFails(text: string): void {
    const result = services.Eventloom.parser.LangiumParser.parse<Model>(text);
    assert.ok(result.parserErrors.length > 0, 'expected a parser error');
}

/** An expression written back with every operation in parentheses, to see how it was grouped. */
function show(expression: Expression | undefined): string {
    if (!expression) return '<missing>';
    if (isBinaryExpression(expression)) return `(${show(expression.left)} ${expression.operator} ${show(expression.right)})`;
    if (isNotExpression(expression)) return `(not ${show(expression.operand)})`;
    if (isNegationExpression(expression)) return `(-${show(expression.operand)})`;
    if (isInExpression(expression)) return `(${show(expression.value)} in [${expression.candidates.map(show).join(', ')}])`;
    if (isMemberAccess(expression)) return `${show(expression.receiver)}.${expression.member.$refText}`;
    if (isNameExpression(expression)) return `${expression.qualifier ? `${expression.qualifier}:` : ''}${expression.target.$refText}`;
    if (isNumberExpression(expression)) return expression.value;
    if (isStringExpression(expression)) return JSON.stringify(expression.value);
    if (isBooleanExpression(expression)) return String(expression.value);
    if (isNowExpression(expression)) return 'NOW';
    if (isNewIdExpression(expression)) return 'NEWID';
    if (isCountExpression(expression)) return `COUNT(${show(expression.list)})`;
    if (isListExpression(expression)) return `[${expression.items.map(show).join(', ')}]`;
    if (isMapping(expression)) return `{${expression.entries.map(e => `${e.field.$refText}: ${show(e.value)}`).join(', ')}}`;
    return `<${(expression as { $type: string }).$type}>`;
}

/** The condition of `requires <expression> else E` in a minimal model. */
function condition(expression: string): string {
    const model = parse(`context C
aggregate A {
  id id: uuid
  command Go { requires ${expression} else Nope, emits Went }
  event Went {}
  error Nope
}`);
    const command = (model.elements[0] as Aggregate).members.find(isCommand)!;
    return show(command.requirements[0].condition);
}


describe('parsing behaviour (DESIGN §2b-2d)', () => {

    describe('the bank of DESIGN §2b', () => {
        const model = parse(BANK);
        const account = model.elements.find(isAggregate)!;
        const command = (name: string) => account.members.filter(isCommand).find(c => c.name === name)!;

        it('reads `requires … else E` and `requires … else E { … }` in order', () => {
            const withdraw = command('WithdrawMoney');
            assert.deepEqual(withdraw.requirements.map(r => r.error.$refText), ['AccountNotOpen', 'InsufficientFunds']);
            assert.equal(show(withdraw.requirements[0].condition), '(status == Open)');
            assert.equal(show(withdraw.requirements[1].condition), '(amount.amount <= (balance + overdraftLimit))');
            assert.equal(withdraw.requirements[0].mapping, undefined);
            assert.equal(show(withdraw.requirements[1].mapping), '{requested: amount.amount, available: (balance + overdraftLimit)}');
        });

        it('reads `emits E { field: expr }` with `??`, `now` and `newId`', () => {
            const open = command('OpenAccount');
            assert.equal(open.emits[0].event.$refText, 'AccountOpened');
            assert.equal(show(open.emits[0].mapping), '{overdraftLimit: (overdraftLimit ?? 0), openedAt: NOW}');
            assert.equal(show(command('WithdrawMoney').emits[0].mapping), '{transactionId: NEWID, bookedAt: NOW}');
            assert.equal(command('CloseAccount').emits[0].mapping, undefined);
        });

        it('reads an aggregate\'s `on` blocks with `=`, bare copies, `-=` and `+=`', () => {
            const handlers = account.members.filter(isEventHandler);
            assert.deepEqual(handlers.map(h => h.events.map(e => e.$refText)), [['AccountOpened'], ['MoneyWithdrawn']]);
            assert.deepEqual(handlers[0].assignments.map(describeAssignment), ['status = Open', 'currency', 'overdraftLimit']);
            assert.deepEqual(handlers[1].assignments.map(describeAssignment), ['balance -= amount.amount', 'transactions += transactionId']);
        });

        it('reads a read model\'s `on` blocks, `delete` included', () => {
            const balance = model.elements.find(isReadModel)!;
            assert.deepEqual(balance.handles, []);
            assert.deepEqual(balance.handlers[0].assignments.map(describeAssignment), ['balance -= amount.amount', 'lastBookedAt = bookedAt']);
            assert.ok(isDeleteDocument(balance.handlers[1].assignments[0]));
        });

        it('reads a policy\'s `issues C { … } if <condition>`', () => {
            const policy = model.elements.find(isPolicy)!;
            assert.equal(policy.issues[0].command.$refText, 'FreezeAccount');
            assert.equal(show(policy.issues[0].mapping), '{reason: "large withdrawal"}');
            assert.equal(show(policy.issues[0].condition), '(amount.amount > 10000)');
        });
    });

    describe('expressions', () => {
        it('binds `or` < `and` < `not` < comparisons', () => {
            assert.equal(condition('a or b and not c == d'), '(a or (b and (not (c == d))))');
            assert.equal(condition('not a and b'), '((not a) and b)');
            assert.equal(condition('a and b or c and d'), '((a and b) or (c and d))');
        });

        it('binds comparisons < `??` < `+ -` < `*` < unary minus', () => {
            assert.equal(condition('a + b * c > d - e'), '((a + (b * c)) > (d - e))');
            assert.equal(condition('limit ?? 0 > 5'), '((limit ?? 0) > 5)');
            assert.equal(condition('a ?? b + c == d'), '((a ?? (b + c)) == d)');
            assert.equal(condition('-a * b < c'), '(((-a) * b) < c)');
            assert.equal(condition('a < -1'), '(a < (-1))');
        });

        it('groups `+ - *` to the left, `??` to the right', () => {
            assert.equal(condition('a - b - c == d'), '(((a - b) - c) == d)');
            assert.equal(condition('a * b * c == d'), '(((a * b) * c) == d)');
            assert.equal(condition('a ?? b ?? c'), '(a ?? (b ?? c))');
        });

        it('reads a minus without spaces as subtraction (numbers are unsigned tokens)', () => {
            assert.equal(condition('balance-1 >= 0'), '((balance - 1) >= 0)');
            assert.equal(condition('balance -1 >= 0'), '((balance - 1) >= 0)');
        });

        it('reads every comparison operator, `in [ … ]` and `contains`', () => {
            for (const operator of ['==', '!=', '<', '<=', '>', '>=']) {
                assert.equal(condition(`a ${operator} b`), `(a ${operator} b)`);
            }
            assert.equal(condition('status in [Open, Frozen]'), '(status in [Open, Frozen])');
            assert.equal(condition('status in []'), '(status in [])');
            assert.equal(condition('transactions contains id and ok'), '((transactions contains id) and ok)');
            assert.equal(condition('not status in [Closed]'), '(not (status in [Closed]))');
        });

        it('does not chain comparisons: `a < b < c` is a syntax error', () => {
            parseFails(`context C
aggregate A { id id: uuid
  command Go { requires a < b < c else E, emits Went } event Went {} error E }`);
        });

        it('reads parentheses, literals, `count(…)`, lists and objects', () => {
            assert.equal(condition('(a or b) and c'), '((a or b) and c)');
            assert.equal(condition('a * (b + c) == 2.50'), '((a * (b + c)) == 2.50)');
            assert.equal(condition('name + " " + other == "x"'), '(((name + " ") + other) == "x")');
            assert.equal(condition('flag == true or flag == false'), '((flag == true) or (flag == false))');
            assert.equal(condition('count(lines) < 10'), '(COUNT(lines) < 10)');
            assert.equal(condition('count(lines) + count([1, 2]) == 3'), '((COUNT(lines) + COUNT([1, 2])) == 3)');
            assert.equal(condition('price == { amount: 1, currency: EUR }'), '(price == {amount: 1, currency: EUR})');
        });

        it('reads field paths and the `command.` / `state.` / `event.` qualifiers', () => {
            assert.equal(condition('amount.currency == EUR'), '(amount.currency == EUR)');
            assert.equal(condition('command.amount.amount <= state.balance'), '(command:amount.amount <= state:balance)');
            assert.equal(condition('event.total > 0'), '(event:total > 0)');
            assert.equal(condition('Limits.max > 0'), '(Limits.max > 0)');
        });

        it('reads a keyword that names a field as a name wherever it cannot be the keyword', () => {
            assert.equal(condition('count > 1'), '(count > 1)');
            assert.equal(condition('command.state == Open'), '(command:state == Open)');
            assert.equal(condition('from < to and type == "x"'), '((from < to) and (type == "x"))');
            assert.equal(condition('event.now > command.newId'), '(event:now > command:newId)');
            assert.equal(condition('in in [a] and contains contains x'), '((in in [a]) and (contains contains x))');
        });
    });

    describe('`on` blocks and `delete`', () => {
        function handlers(body: string): EventHandler[] {
            const model = parse(`context C
readmodel R {
  key id: uuid
  ${body}
}`);
            return (model.elements[0] as ReadModel).handlers;
        }

        it('separates assignments by commas or newlines', () => {
            const [byComma] = handlers('on E { a = 1, b += 2, c -= 3, d }');
            const [byLine] = handlers('on E {\n    a = 1\n    b += 2\n    c -= 3\n    d\n  }');
            assert.deepEqual(byComma.assignments.map(describeAssignment), ['a = 1', 'b += 2', 'c -= 3', 'd']);
            assert.deepEqual(byLine.assignments.map(describeAssignment), byComma.assignments.map(describeAssignment));
        });

        it('takes several events and an empty block', () => {
            const [both, empty] = handlers('on E, F { seen += 1 }\n  on G {}');
            assert.deepEqual(both.events.map(e => e.$refText), ['E', 'F']);
            assert.deepEqual(empty.assignments, []);
        });

        it('reads `delete` alone as removing the document; a field named delete is read, not assigned', () => {
            const [handler] = handlers('on E { delete }');
            assert.ok(isDeleteDocument(handler.assignments[0]));
            const [reading] = handlers('on E { gone = delete }');
            assert.equal(describeAssignment(reading.assignments[0]), 'gone = delete');
            parseFails('context C\nreadmodel R { on E { delete = true } }');
        });

        it('assigns fields named like the expression keywords, and reads them with a qualifier', () => {
            const [handler] = handlers('on E { now = event.now, state = event.state, count += 1 }');
            assert.deepEqual(handler.assignments.map(describeAssignment), ['now = event:now', 'state = event:state', 'count += 1']);
        });

        it('keeps a read model\'s `on A, B` without a block, next to blocks and comma-separated fields', () => {
            const model = parse(`context C
readmodel R { on A, owner: string, key id: uuid, on B, C
  total: int = 0
  on D { total += 1 } }`);
            const readModel = model.elements[0] as ReadModel;
            assert.deepEqual(readModel.handles.map(e => e.$refText), ['A', 'B', 'C']);
            assert.deepEqual(readModel.fields.map(f => f.name), ['owner', 'total']);
            assert.deepEqual(readModel.handlers.map(h => h.events.map(e => e.$refText)), [['D']]);
        });

        it('reads an assignment of a multi-line expression', () => {
            const [handler] = handlers('on E {\n    total = price *\n      quantity + fee\n    seen\n  }');
            assert.deepEqual(handler.assignments.map(describeAssignment), ['total = ((price * quantity) + fee)', 'seen']);
        });
    });

    describe('policies', () => {
        function policy(body: string): Policy {
            return parse(`context C\npolicy P {\n  ${body}\n}`).elements[0] as Policy;
        }

        it('reads `reads R`, several `issues` with mappings and conditions', () => {
            const p = policy('on Paid\n  reads Orders, Limits\n  issues Ship { orderId: orderId } if Orders.total > 0, Notify\n  issues Refund if not paid');
            assert.deepEqual(p.reads.map(r => r.$refText), ['Orders', 'Limits']);
            assert.deepEqual(p.issues.map(i => i.command.$refText), ['Ship', 'Notify', 'Refund']);
            assert.equal(show(p.issues[0].condition), '(Orders.total > 0)');
            assert.equal(p.issues[1].mapping, undefined);
            assert.equal(p.issues[1].condition, undefined);
            assert.equal(show(p.issues[2].condition), '(not paid)');
        });

        it('keeps `issues A, B` without mappings', () => {
            assert.deepEqual(policy('on E issues A, B').issues.map(i => i.command.$refText), ['A', 'B']);
        });
    });

    describe('scenarios (DESIGN §2c)', () => {
        function scenario(body: string): Scenario {
            return parse(`context C\nscenario "s" {\n  ${body}\n}`).elements.find(isScenario)!;
        }

        it('reads `expect R { … }`, `expect no R` and several expects after `then`', () => {
            const s = scenario('given Opened { limit: 50 }\n  when Withdraw { amount: 150 }\n  then Withdrawn { amount: 150 }\n  expect Balance { balance: -50 }\n  expect no Closed\n  expect Ledger');
            assert.deepEqual(s.expectations.map(e => [e.readModel.$refText, e.absent, e.data?.entries.map(x => x.field.$refText)]), [
                ['Balance', false, ['balance']], ['Closed', true, undefined], ['Ledger', false, undefined]
            ]);
        });

        it('reads a projection scenario: `given` and `expect`, no `when` or `then`', () => {
            const s = scenario('given Deposited { amount: 100.10 }  Withdrawn { amount: 0.20 }\n  expect Balance { balance: 99.90 }');
            assert.equal(s.when, undefined);
            assert.deepEqual(s.then, []);
            assert.equal(s.given.length, 2);
            assert.equal(s.expectations[0].readModel.$refText, 'Balance');
        });

        it('reads a `when` with an `expect` and no `then`, and `expect` from another context', () => {
            const s = scenario('when Open { owner: "Ann" }\n  expect Other.Summary { owner: "Ann" }');
            assert.equal(s.when?.command.$refText, 'Open');
            assert.equal(s.expectations[0].readModel.$refText, 'Other.Summary');
        });

        it('reads `then rejected E { … }` with the fields to match', () => {
            const s = scenario('when Withdraw { amount: 150 }\n  then rejected InsufficientFunds { requested: 150 }');
            assert.equal(s.rejected, true);
            assert.deepEqual(s.rejectionData?.entries.map(e => e.field.$refText), ['requested']);
        });

        it('keeps the scenarios of today, negative numbers in data included', () => {
            const s = scenario('given Opened { balance: -5, items: [-1, 2] } when Go then Went');
            assert.equal(s.when?.command.$refText, 'Go');
            assert.equal(s.then[0].event.$refText, 'Went');
        });
    });

    describe('event evolution (DESIGN §2d)', () => {
        it('reads `upcast E from N { old fields } { mapping }` and `given E v1 { … }`', () => {
            const model = parse(`context Banking
aggregate BankAccount {
  id accountId: uuid
  command Open { customerId: uuid, emits AccountOpened }
  event AccountOpened version 2 { customerId: uuid, overdraftLimit: decimal, openedAt: timestamp }
  upcast AccountOpened from 1 { customerId: uuid, openedAt: timestamp } { overdraftLimit: 0 }
  upcast Other from 3 { a: int }
}
scenario "old events still count" {
  given AccountOpened v1 { customerId: "c", openedAt: "2026-01-01T00:00:00Z" }
    AccountOpened { customerId: "c", overdraftLimit: 5, openedAt: "2026-01-01T00:00:00Z" }
  when Open { customerId: "c" }
  then AccountOpened
}`);
            const aggregate = model.elements.find(isAggregate)!;
            const [upcast, other] = aggregate.members.filter(isUpcast);
            assert.equal(upcast.event.$refText, 'AccountOpened');
            assert.equal(upcast.fromVersion, '1');
            assert.deepEqual(upcast.fields.map(f => f.name), ['customerId', 'openedAt']);
            assert.equal(show(upcast.mapping), '{overdraftLimit: 0}');
            assert.equal(other.mapping, undefined);
            const scenario = model.elements.find(isScenario)!;
            assert.deepEqual(scenario.given.map(g => g.version), ['v1', undefined]);
        });
    });
});

function describeAssignment(assignment: EventHandler['assignments'][number]): string {
    if (isDeleteDocument(assignment)) return 'delete';
    const field: FieldAssignment = assignment;
    assert.ok(isFieldAssignment(field));
    return field.operator ? `${field.field.$refText} ${field.operator} ${show(field.value)}` : field.field.$refText;
}
