/**
 * Completion inside behaviour (DESIGN §2b) on the bank: the names in scope once each, in the order
 * they resolve, what fits the expected type first, enum members only where an enum is expected,
 * a mapping's fields not mapped yet, qualifiers only where they select something. Exact lists, in
 * the order the editor shows them; `@@` marks the cursor.
 */
import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver';
import { BANK } from '../behaviour-models.js';
import { clearWorkspace, lsp, openWorkspace, textDocumentPosition } from './lsp-test-kit.js';

async function itemsAt(textWithCursor: string): Promise<CompletionItem[]> {
    const offset = textWithCursor.indexOf('@@');
    assert.ok(offset >= 0, 'the text marks the cursor with @@');
    const { 'bank.loom': document } = await openWorkspace({ 'bank.loom': textWithCursor.replace('@@', '') });
    const list = await lsp.lsp.CompletionProvider!.getCompletion(document, textDocumentPosition(document, document.textDocument.positionAt(offset)));
    return (list?.items ?? []).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label));
}

async function labelsAt(textWithCursor: string): Promise<string[]> {
    return (await itemsAt(textWithCursor)).map(item => item.label);
}

/** The bank with `from` replaced by `to` (which holds the cursor); fails if `from` is not there. */
function bank(from: string, to: string, model = BANK): string {
    assert.ok(model.includes(from), `'${from}' is in the model`);
    return model.replace(from, to);
}

const OPEN_GUARD = 'requires status == Pending else AccountAlreadyOpen';
const POLICY_IF = 'if amount.amount > 10000';
const READS = (text: string) => text.replace('  on MoneyWithdrawn\n  issues', '  on MoneyWithdrawn\n  reads AccountBalance\n  issues');

describe('completion inside behaviour', () => {
    afterEach(clearWorkspace);

    it('a condition offers the command\'s fields, the state\'s not shadowed by them, the stream id, and the qualifiers of a command', async () => {
        const items = await itemsAt(bank(OPEN_GUARD, 'requires @@'));
        assert.deepEqual(items.map(item => item.label), [
            'customerId', 'currency', 'overdraftLimit', 'status', 'balance', 'transactions', 'accountId',
            'command', 'count', 'false', 'newId', 'not', 'now', 'state', 'true'
        ]);
        const details = Object.fromEntries(items.filter(item => item.detail !== 'Keyword').map(item => [item.label, item.detail]));
        assert.deepEqual(details, {
            customerId: 'uuid — field of command OpenAccount', currency: 'Currency — field of command OpenAccount',
            overdraftLimit: 'optional decimal — field of command OpenAccount', status: 'AccountStatus — state of BankAccount',
            balance: 'decimal — state of BankAccount', transactions: 'uuid[] — state of BankAccount', accountId: 'uuid — stream id of BankAccount'
        });
    });

    it('`command.` and `state.` offer exactly that record\'s fields, in declaration order', async () => {
        assert.deepEqual(await labelsAt(bank(OPEN_GUARD, 'requires command.@@ else AccountAlreadyOpen')), ['customerId', 'currency', 'overdraftLimit']);
        assert.deepEqual(await labelsAt(bank(OPEN_GUARD, 'requires state.@@ else AccountAlreadyOpen')), ['status', 'currency', 'balance', 'overdraftLimit', 'transactions']);
    });

    it('after `==` with an enum on the left: that enum\'s members first, then what has its type, other enums\' members not at all', async () => {
        assert.deepEqual(await labelsAt(bank(OPEN_GUARD, 'requires status == @@ else AccountAlreadyOpen')), [
            'Pending', 'Open', 'Frozen', 'Closed', 'status', 'customerId', 'currency', 'overdraftLimit', 'balance', 'transactions', 'accountId',
            'command', 'count', 'false', 'newId', 'now', 'state', 'true'
        ]);
        assert.deepEqual((await labelsAt(bank(OPEN_GUARD, 'requires status in [@@] else AccountAlreadyOpen'))).slice(0, 4), ['Pending', 'Open', 'Frozen', 'Closed']);
        assert.deepEqual(await labelsAt(bank(OPEN_GUARD, 'requires status == AccountStatus.@@ else AccountAlreadyOpen')), ['Pending', 'Open', 'Frozen', 'Closed']);
    });

    it('a value type\'s fields after `.`', async () => {
        assert.deepEqual(await labelsAt(bank('requires amount.amount <=', 'requires amount.@@ <=')), ['amount', 'currency']);
    });

    it('after `else`, the command\'s own aggregate\'s errors', async () => {
        assert.deepEqual(await labelsAt(bank(OPEN_GUARD, 'requires status == Pending else @@')), ['AccountAlreadyOpen', 'AccountNotOpen', 'InsufficientFunds']);
    });

    it('a mapping\'s keys are the event\'s or error\'s fields not mapped yet, in declaration order', async () => {
        assert.deepEqual(await labelsAt(bank('openedAt: now }', 'openedAt: now, @@ }')), ['customerId', 'currency']);
        assert.deepEqual(await labelsAt(bank('emits AccountOpened { overdraftLimit: overdraftLimit ?? 0, openedAt: now }', 'emits AccountOpened { @@ }')),
            ['customerId', 'currency', 'overdraftLimit', 'openedAt']);
        assert.deepEqual(await labelsAt(bank('else InsufficientFunds { requested', 'else InsufficientFunds { @@requested')), ['requested']);
        const key = (await itemsAt(bank('openedAt: now }', 'openedAt: now, @@ }')))[0];
        assert.equal(key.detail, 'uuid — field of event AccountOpened');
    });

    it('an `on` block of an aggregate assigns the state\'s fields, and cannot `delete`', async () => {
        assert.deepEqual(await labelsAt(bank('on AccountOpened { status = Open', 'on AccountOpened { @@status = Open')),
            ['status', 'currency', 'balance', 'overdraftLimit', 'transactions']);
    });

    it('an assigned value: the event\'s fields, the state\'s, the stream id; the field\'s enum members first', async () => {
        assert.deepEqual(await labelsAt(bank('on AccountOpened { status = Open', 'on AccountOpened { status = @@')), [
            'Pending', 'Open', 'Frozen', 'Closed', 'status', 'customerId', 'currency', 'overdraftLimit', 'openedAt', 'balance', 'transactions', 'accountId',
            'count', 'event', 'false', 'newId', 'not', 'now', 'state', 'true'
        ]);
        assert.deepEqual(await labelsAt(bank('balance -= amount.amount, transactions', 'balance -= event.@@')), ['amount', 'transactionId', 'bookedAt']);
    });

    it('a read model\'s `on` block: what fits the field first; the key shadows the same-named stream id', async () => {
        assert.deepEqual(await labelsAt(bank('lastBookedAt = bookedAt', 'lastBookedAt = @@')), [
            'bookedAt', 'lastBookedAt', 'amount', 'transactionId', 'accountId', 'balance',
            'count', 'event', 'false', 'newId', 'not', 'now', 'state', 'true'
        ]);
        assert.deepEqual(await labelsAt(bank('on AccountClosed { delete }', 'on AccountClosed { @@ }')), ['balance', 'lastBookedAt', 'delete']);
    });

    it('a policy: the event\'s fields, the stream id, the read models it reads and their fields after `R.`; only the `event.` qualifier', async () => {
        assert.deepEqual(await labelsAt(bank(POLICY_IF, 'if @@', READS(BANK))), [
            'amount', 'transactionId', 'bookedAt', 'accountId', 'AccountBalance', 'count', 'event', 'false', 'newId', 'not', 'now', 'true'
        ]);
        assert.deepEqual(await labelsAt(bank(POLICY_IF, 'if AccountBalance.@@', READS(BANK))), ['accountId', 'balance', 'lastBookedAt']);
        assert.deepEqual(await labelsAt(bank('issues FreezeAccount { reason: "large withdrawal" }', 'issues FreezeAccount { @@ }')), ['reason', 'accountId']);
    });

    it('an upcast\'s mapping reads the old fields and offers neither `now` nor `newId`', async () => {
        const versioned = bank('event AccountFrozen { reason: string }', 'event AccountFrozen version 2 { reason: string, note: string }\n  upcast AccountFrozen from 1 { reason: string } { note: @@ }');
        assert.deepEqual(await labelsAt(versioned), ['reason', 'count', 'false', 'not', 'true']);
    });
});
