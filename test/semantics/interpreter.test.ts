import assert from 'node:assert/strict';
import { decide } from '../../src/semantics/decide.js';
import { evaluate, type Scope } from '../../src/semantics/evaluate.js';
import { evolve, initialState } from '../../src/semantics/evolve.js';
import type { ExprForm } from '../../src/semantics/form.js';
import { documentKey, project, type Documents } from '../../src/semantics/project.js';
import { react } from '../../src/semantics/react.js';
import { scenarioRunContext, scenarioStreamId } from '../../src/semantics/scenario-clock.js';
import { ABSENT, formatValue, type RecordValue, type Value } from '../../src/semantics/values.js';
import {
    aggregate, bin, bool, cmd, command, contains, count, del, doc, dot, e, emits, ev, field, inList, list, listOf, lit, mapped,
    member, minus, n, neg, newId, not, now, num, on, plus, policy, read, readModel, record, requires, s, set, st, str, streamId, T
} from './form-kit.js';

const scope: Scope = {
    command: record({ amount: num('150'), note: str('rent'), tags: list(str('a'), str('b')), limit: ABSENT,
        money: record({ amount: num('12.50'), currency: member('EUR', 'Test.Currency') }) }),
    state: record({ balance: num('100.10'), status: member('Open'), owners: list(str('ann'), str('bob')) }),
    streamId: 'stream-1',
    run: { now: '2026-01-01T00:00:00.000Z', newId: () => 'id-1' }
};

function value(expr: ExprForm, inScope: Scope = scope): string {
    const outcome = evaluate(expr, inScope);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.failure.message);
    return formatValue(outcome.value);
}

describe('interpreter: expressions', () => {
    const cases: [string, ExprForm, string][] = [
        ['a decimal literal keeps its digits', n('99.90'), '99.90'],
        ['a command field', cmd('amount'), '150'],
        ['a state field', st('balance'), '100.10'],
        ['a field of a value', dot(cmd('money'), 'amount'), '12.50'],
        ['the stream id', streamId('accountId'), '"stream-1"'],
        ['now', now, '"2026-01-01T00:00:00.000Z"'],
        ['newId', newId, '"id-1"'],
        ['100.10 - 0.20', bin('-', n('100.10'), n('0.20')), '99.90'],
        ['+ on decimals', bin('+', st('balance'), n('0.2')), '100.30'],
        ['* on decimals', bin('*', n('1.5'), n('2.25')), '3.375'],
        ['+ joins strings', bin('+', s('rent '), cmd('note')), '"rent rent"'],
        ['+ joins a string and a number', bin('+', s('#'), n('7.50')), '"#7.50"'],
        ['== on numbers compares values', bin('==', n('1.0'), n('1')), 'true'],
        ['!= on enum members', bin('!=', st('status'), e('Closed')), 'true'],
        ['== on enum members', bin('==', st('status'), e('Open')), 'true'],
        ['<', bin('<', n('0.09'), n('0.1')), 'true'],
        ['<= when equal', bin('<=', n('150.00'), cmd('amount')), 'true'],
        ['>', bin('>', cmd('amount'), st('balance')), 'true'],
        ['>= when less', bin('>=', n('2'), n('2.01')), 'false'],
        ['< on text', bin('<', s('2026-01-01'), s('2026-02-01')), 'true'],
        ['and', bin('and', lit(bool(true)), lit(bool(false))), 'false'],
        ['or', bin('or', lit(bool(false)), lit(bool(true))), 'true'],
        ['not', not(lit(bool(false))), 'true'],
        ['unary minus keeps the scale', neg(n('0.50')), '-0.50'],
        ['unary minus of a negative', neg(bin('-', n('1'), n('3.5'))), '2.5'],
        ['and short-circuits (the right side would fail)', bin('and', lit(bool(false)), bin('>', cmd('limit'), n('1'))), 'false'],
        ['or short-circuits', bin('or', lit(bool(true)), bin('>', cmd('limit'), n('1'))), 'true'],
        ['?? takes the right side for an absent optional', bin('??', cmd('limit'), n('0')), '0'],
        ['?? keeps a present value', bin('??', cmd('amount'), n('0')), '150'],
        ['== between absent values', bin('==', cmd('limit'), st('nothing')), 'true'],
        ['== between absent and a value', bin('==', cmd('limit'), n('0')), 'false'],
        ['a field of nothing is nothing', dot(cmd('limit'), 'amount'), 'nothing'],
        ['in a list', inList(st('status'), e('Open'), e('Frozen')), 'true'],
        ['not in a list', inList(st('status'), e('Pending'), e('Closed')), 'false'],
        ['contains', contains(st('owners'), s('bob')), 'true'],
        ['does not contain', contains(cmd('tags'), s('c')), 'false'],
        ['count', count(st('owners')), '2'],
        ['count of an empty list', count(listOf()), '0'],
        ['a list', listOf(n('1'), s('x')), '[1, "x"]'],
        ['precedence is the tree: a + b * c', bin('+', n('1'), bin('*', n('2'), n('0.5'))), '2.0']
    ];
    for (const [title, expr, expected] of cases) it(title, () => assert.equal(value(expr), expected));

    const failures: [string, ExprForm, RegExp][] = [
        ['an absent optional in arithmetic', bin('+', cmd('limit'), n('1')), /no value .* `\?\?`/],
        ['comparing text with a number', bin('<', s('a'), n('1')), /'<' cannot combine "a" and 1/],
        ['`not` of a number', not(n('1')), /expected true or false, got 1/],
        ['count of a number', count(n('1')), /expected a list, got 1/],
        ['a field of a number', dot(cmd('amount'), 'x'), /150 has no field 'x'/]
    ];
    for (const [title, expr, message] of failures) {
        it(`fails, as a value, on ${title}`, () => {
            const outcome = evaluate(expr, scope);
            assert.ok(!outcome.ok);
            assert.match(outcome.failure.message, message);
        });
    }

    it('reports the failing node as the failure source', () => {
        const source = { $type: 'Marker' } as never;
        const outcome = evaluate(bin('+', { ...cmd('limit'), source }, n('1')), scope);
        assert.ok(!outcome.ok);
        assert.equal(outcome.failure.source, source);
    });

    it('does not know now or newId outside a decision', () => {
        const outcome = evaluate(now, { state: record({}) });
        assert.ok(!outcome.ok);
        assert.match(outcome.failure.message, /only known when deciding/);
    });
});

describe('interpreter: decide', () => {
    const withdraw = command('Test.WithdrawMoney', {
        fields: [field('amount', T.decimal)],
        requires: [
            requires(bin('==', st('status'), e('Open')), 'Test.AccountNotOpen'),
            requires(bin('<=', cmd('amount'), bin('+', st('balance'), st('overdraftLimit'))), 'Test.InsufficientFunds', [
                mapped('requested', cmd('amount')),
                mapped('available', bin('+', st('balance'), st('overdraftLimit')))
            ])
        ],
        emits: [emits('Test.MoneyWithdrawn', [
            mapped('accountId', streamId('accountId'), 'streamId'),
            mapped('amount', cmd('amount'), 'commandField'),
            mapped('transactionId', newId),
            mapped('bookedAt', now)
        ])]
    });
    const open = record({ status: member('Open'), balance: num('100.10'), overdraftLimit: num('50') });

    it('emits the event with every field filled, ids and time from the context', () => {
        const decision = decide(withdraw, record({ amount: num('150.10') }), open, scenarioRunContext('s'));
        assert.equal(decision.kind, 'accepted');
        assert.ok(decision.kind === 'accepted');
        assert.deepEqual(decision.events.map(event => [event.type, formatValue(event.data)]), [[
            'Test.MoneyWithdrawn',
            `{ accountId: "${scenarioStreamId('s')}", amount: 150.10, transactionId: "${scenarioStreamId('s').replace(/0{12}$/, '000000000001')}", bookedAt: "2026-01-01T00:00:00.000Z" }`
        ]]);
    });

    it('rejects with the first requires that fails, its error fields computed exactly', () => {
        const decision = decide(withdraw, record({ amount: num('150.11') }), open, scenarioRunContext('s'));
        assert.ok(decision.kind === 'rejected');
        assert.equal(decision.rejection.type, 'Test.InsufficientFunds');
        assert.equal(formatValue(decision.rejection.data), '{ requested: 150.11, available: 150.10 }');
        assert.equal(decision.decidedBy, withdraw.requires[1]);
    });

    it('checks the requires in order', () => {
        const closed = record({ status: member('Closed'), balance: num('0'), overdraftLimit: num('0') });
        const decision = decide(withdraw, record({ amount: num('1') }), closed, scenarioRunContext('s'));
        assert.ok(decision.kind === 'rejected');
        assert.equal(decision.rejection.type, 'Test.AccountNotOpen');
        assert.equal(decision.decidedBy, withdraw.requires[0]);
    });

    it('emits every emits clause in order, each newId a fresh one', () => {
        const twice = command('Test.Split', { emits: [emits('Test.A', [mapped('id', newId)]), emits('Test.B', [mapped('id', newId)])] });
        const decision = decide(twice, record({}), record({}), scenarioRunContext('x'));
        assert.ok(decision.kind === 'accepted');
        assert.deepEqual(decision.events.map(event => formatValue(event.data).slice(-15, -3)), ['000000000001', '000000000002']);
    });

    it('does not decide a command whose rules are hand-written', () => {
        const handWritten = command('Test.Close', { rejects: ['Test.HasBalance'], handWrittenBecause: ['HasBalance is rejected by hand-written code'] });
        assert.deepEqual(decide(handWritten, record({}), record({}), scenarioRunContext('s')),
            { kind: 'handWritten', reasons: ['HasBalance is rejected by hand-written code'] });
    });

    it('fails, as a value, when a requires reads an absent optional', () => {
        const guard = command('Test.G', { requires: [requires(bin('>', cmd('limit'), n('0')), 'Test.E')] });
        const decision = decide(guard, record({}), record({}), scenarioRunContext('s'));
        assert.ok(decision.kind === 'failed');
        assert.match(decision.failure.message, /absent optional/);
    });

    it('fills optional mapped values with ??', () => {
        const openAccount = command('Test.Open', {
            emits: [emits('Test.Opened', [mapped('overdraftLimit', bin('??', cmd('overdraftLimit'), n('0')))])]
        });
        const decision = decide(openAccount, record({}), record({}), scenarioRunContext('s'));
        assert.ok(decision.kind === 'accepted');
        assert.equal(formatValue(decision.events[0].data), '{ overdraftLimit: 0 }');
    });
});

describe('interpreter: evolve', () => {
    const account = aggregate({
        state: [
            field('status', T.unknown, { default: member('Pending') }), field('balance', T.decimal, { default: num('0') }),
            field('transactions', { kind: 'list', item: T.uuid }, { default: list() }), field('owner', T.string, { optional: true })
        ],
        evolve: [
            { events: ['Test.Opened'], assignments: [set('status', e('Open')), set('owner', ev('owner'))] },
            { events: ['Test.Deposited', 'Test.Withdrawn'], assignments: [plus('transactions', ev('transactionId'))] },
            { events: ['Test.Deposited'], assignments: [plus('balance', ev('amount'))] },
            { events: ['Test.Withdrawn'], assignments: [minus('balance', ev('amount'))] },
            { events: ['Test.Reversed'], assignments: [minus('transactions', ev('transactionId')), set('balance', bin('*', st('balance'), n('2')))] }
        ]
    });
    const apply = (state: RecordValue, type: string, data: Record<string, Value>) => {
        const outcome = evolve(account, state, { type, data: record(data) }, 'stream-1');
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.failure.message);
        return outcome.value;
    };

    it('starts from the defaults, fields without one absent', () => {
        assert.equal(formatValue(initialState(account)), '{ status: Pending, balance: 0, transactions: [] }');
    });

    it('folds events through every block that names them, in order', () => {
        let state = initialState(account);
        state = apply(state, 'Test.Opened', { owner: str('Ann') }).state;
        state = apply(state, 'Test.Deposited', { amount: num('100.10'), transactionId: str('t1') }).state;
        state = apply(state, 'Test.Withdrawn', { amount: num('0.20'), transactionId: str('t2') }).state;
        assert.equal(formatValue(state), '{ status: Open, balance: 99.90, transactions: ["t1", "t2"], owner: "Ann" }');
        const reversed = apply(state, 'Test.Reversed', { transactionId: str('t1') });
        assert.equal(formatValue(reversed.state), '{ status: Open, balance: 199.80, transactions: ["t2"], owner: "Ann" }');
        assert.deepEqual(reversed.appliedBy, [account.evolve[4]]);
    });

    it('leaves the state unchanged for an event without an on block', () => {
        const state = initialState(account);
        const result = apply(state, 'Test.Frozen', {});
        assert.equal(result.state, state);
        assert.deepEqual(result.appliedBy, []);
    });

    it('gives each assignment of a block the state its earlier ones left, and leaves the state it started from as it was', () => {
        const counter = aggregate({
            state: [field('count', T.int, { default: num('1') }), field('double', T.int, { optional: true })],
            evolve: [{ events: ['Test.X'], assignments: [plus('count', n('1')), set('double', bin('*', st('count'), n('2'))), minus('count', n('1'))] }]
        });
        const step = (state: RecordValue) => {
            const outcome = evolve(counter, state, { type: 'Test.X', data: record({}) }, 's');
            assert.ok(outcome.ok, outcome.ok ? '' : outcome.failure.message);
            return outcome.value.state;
        };
        const start = initialState(counter);
        const once = step(start);
        const twice = step(once);
        assert.equal(formatValue(once), '{ count: 1, double: 4 }');
        assert.equal(formatValue(twice), '{ count: 1, double: 4 }');
        assert.notEqual(twice, once);
        assert.equal(formatValue(start), '{ count: 1 }');
    });

    it('copies an absent optional as absent', () => {
        assert.equal(formatValue(apply(initialState(account), 'Test.Opened', {}).state), '{ status: Open, balance: 0, transactions: [] }');
    });

    it('fails, as a value, on += to a field without a value', () => {
        const noDefault = aggregate({ state: [field('total', T.decimal, { optional: true })], evolve: [{ events: ['Test.X'], assignments: [plus('total', n('1'))] }] });
        const outcome = evolve(noDefault, initialState(noDefault), { type: 'Test.X', data: record({}) }, 's');
        assert.ok(!outcome.ok);
        assert.match(outcome.failure.message, /'total' has no value yet for '\+='/);
    });
});

describe('interpreter: projection', () => {
    const balances = readModel('Test.AccountBalance', {
        keys: ['accountId'],
        fields: [field('balance', T.decimal, { default: num('0') }), field('lastBookedAt', T.string, { optional: true }), field('owners', { kind: 'list', item: T.string }, { default: list() })],
        handlers: [
            on(['Test.Deposited'], [plus('balance', ev('amount')), set('lastBookedAt', ev('bookedAt'))]),
            on(['Test.Withdrawn'], [minus('balance', ev('amount')), set('lastBookedAt', ev('bookedAt'))]),
            on(['Test.OwnerAdded'], [plus('owners', ev('owner')), set('balance', bin('+', doc('balance'), n('1')))]),
            on(['Test.Closed'], [del])
        ]
    });
    const run = (events: [string, Record<string, Value>, string?][]): Documents => {
        let documents: Documents = new Map();
        for (const [type, data, stream = 'acc-1'] of events) {
            const outcome = project(balances, documents, { type, data: record(data) }, stream);
            assert.ok(outcome.ok, outcome.ok ? '' : outcome.failure.message);
            documents = outcome.value.documents;
        }
        return documents;
    };
    const text = (documents: Documents) => [...documents].map(([key, document]) => `${key}: ${formatValue(document)}`);

    it('creates the document from the defaults and the key, then updates it exactly', () => {
        assert.deepEqual(text(run([
            ['Test.Deposited', { amount: num('100.10'), bookedAt: str('t1') }],
            ['Test.Withdrawn', { amount: num('0.20'), bookedAt: str('t2') }]
        ])), ['"acc-1": { accountId: "acc-1", balance: 99.90, owners: [], lastBookedAt: "t2" }']);
    });

    it('keeps one document per key', () => {
        assert.deepEqual(text(run([
            ['Test.Deposited', { amount: num('1'), bookedAt: str('t1') }, 'a'],
            ['Test.Deposited', { amount: num('2'), bookedAt: str('t2') }, 'b']
        ])).length, 2);
    });

    it('reads the document as the previous assignment left it', () => {
        assert.deepEqual(text(run([['Test.OwnerAdded', { owner: str('ann') }]])),
            ['"acc-1": { accountId: "acc-1", balance: 1, owners: ["ann"] }']);
    });

    it('removes the document on delete, and a later event creates it afresh', () => {
        assert.deepEqual(text(run([['Test.Deposited', { amount: num('5'), bookedAt: str('t1') }], ['Test.Closed', {}]])), []);
        assert.deepEqual(text(run([
            ['Test.Deposited', { amount: num('5'), bookedAt: str('t1') }], ['Test.Closed', {}], ['Test.Withdrawn', { amount: num('1'), bookedAt: str('t3') }]
        ])), ['"acc-1": { accountId: "acc-1", balance: -1, owners: [], lastBookedAt: "t3" }']);
    });

    it('ignores events it has no block for', () => {
        const outcome = project(balances, new Map(), { type: 'Test.Other', data: record({}) }, 'acc-1');
        assert.ok(outcome.ok);
        assert.equal(outcome.value.documents.size, 0);
        assert.deepEqual(outcome.value.appliedBy, []);
    });

    it('takes a key from the same-named event field', () => {
        const byOwner = readModel('Test.ByOwner', { keys: ['owner'], fields: [field('count', T.int, { default: num('0') })],
            handlers: [on(['Test.Opened'], [plus('count', n('1'))], { owner: 'eventField' })] });
        let documents: Documents = new Map();
        for (const owner of ['ann', 'bob', 'ann']) {
            const outcome = project(byOwner, documents, { type: 'Test.Opened', data: record({ owner: str(owner) }) }, `s-${owner}`);
            assert.ok(outcome.ok);
            documents = outcome.value.documents;
        }
        assert.deepEqual(text(documents), ['"ann": { owner: "ann", count: 2 }', '"bob": { owner: "bob", count: 1 }']);
        assert.equal(documentKey(byOwner, record({ owner: str('ann') })), '"ann"');
    });
});

describe('interpreter: policies', () => {
    const counter = readModel('Test.Withdrawals', { keys: ['accountId'], fields: [field('count', T.int, { default: num('0') })], handlers: [] });
    const freeze = policy('Test.FreezeOnLargeWithdrawal', {
        trigger: 'Test.MoneyWithdrawn', command: 'Test.FreezeAccount',
        fields: [mapped('reason', bin('+', s('large withdrawal #'), read('Test.Withdrawals', 'count')))],
        targetStreamId: mapped('accountId', streamId('accountId'), 'streamId'),
        condition: bin('and', bin('>', dot(ev('amount'), 'amount'), n('10000')), bin('<', read('Test.Withdrawals', 'count'), n('3'))),
        reads: [{ readModel: 'Test.Withdrawals', keys: [{ key: 'accountId', from: 'streamId' }] }]
    });
    const withdrawn = (amount: string) => ({ type: 'Test.MoneyWithdrawn', data: record({ amount: record({ amount: num(amount) }) }) });
    const inputs = (count?: string) => ({
        streamId: 'acc-1',
        readModel: (name: string) => name === counter.name ? counter : undefined,
        document: () => count === undefined ? undefined : record({ accountId: str('acc-1'), count: num(count) })
    });
    const issued = (amount: string, count?: string) => {
        const outcome = react(freeze, withdrawn(amount), inputs(count));
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.failure.message);
        return outcome.value.map(command => `${command.type} -> ${command.streamId}: ${formatValue(command.data)}`);
    };

    it('issues the command when the condition holds, target stream and data filled', () => {
        assert.deepEqual(issued('10000.01', '2'), ['Test.FreezeAccount -> acc-1: { reason: "large withdrawal #2" }']);
    });

    it('issues nothing when the condition fails', () => {
        assert.deepEqual(issued('10000.00', '2'), []);
        assert.deepEqual(issued('20000', '3'), []);
    });

    it('reads a fresh document (its defaults) before any event created one', () => {
        assert.deepEqual(issued('20000'), ['Test.FreezeAccount -> acc-1: { reason: "large withdrawal #0" }']);
    });

    it('reacts only to its trigger', () => {
        const outcome = react(freeze, { type: 'Test.Other', data: record({}) }, inputs());
        assert.ok(outcome.ok);
        assert.deepEqual(outcome.value, []);
    });

    it('issues unconditionally without an if', () => {
        const always = policy('Test.Always', { trigger: 'Test.MoneyWithdrawn', command: 'Test.Notify', fields: [mapped('amount', ev('amount'), 'eventField')] });
        const outcome = react(always, withdrawn('1.50'), inputs());
        assert.ok(outcome.ok);
        assert.deepEqual(outcome.value.map(command => [command.streamId, formatValue(command.data)]), [[undefined, '{ amount: { amount: 1.50 } }']]);
    });

    it('routes to a target id mapped from a number as its digits (a stream id is text)', () => {
        const byNumber = policy('Test.ByNumber', {
            trigger: 'Test.MoneyWithdrawn', command: 'Test.Notify', fields: [],
            targetStreamId: mapped('ledgerNo', dot(ev('amount'), 'amount'), 'mapped')
        });
        const outcome = react(byNumber, withdrawn('42'), inputs());
        assert.ok(outcome.ok);
        assert.deepEqual(outcome.value.map(command => command.streamId), ['42']);
    });
});

describe('scenario clock', () => {
    it('gives the same stream id and ids in every run, different per scenario', () => {
        const a = scenarioRunContext('the overdraft may be used');
        const b = scenarioRunContext('the overdraft may be used');
        assert.equal(a.streamId, b.streamId);
        assert.match(a.streamId, /^[0-9a-f]{8}-0000-4000-8000-000000000000$/);
        assert.deepEqual([a.newId(), a.newId()], [b.newId(), b.newId()]);
        assert.notEqual(scenarioStreamId('x'), scenarioStreamId('y'));
        assert.equal(a.now, '2026-01-01T00:00:00.000Z');
    });
});
