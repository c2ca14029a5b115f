/**
 * The quick fixes for behaviour (DESIGN §2b): map the emitted fields that get no value, add a
 * `requires … else E` for an error only `rejects` names, declare the field an `on` block assigns.
 * Each on a real model: the exact text after the fix and what the fixed model then says.
 */
import * as assert from 'node:assert/strict';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import { BANK } from '../behaviour-models.js';
import { actionTitlesAt, applyActionAt, applyFix, fixTitles } from './fix-test-kit.js';
import { clearWorkspace } from './lsp-test-kit.js';

const FULL_WITHDRAWAL = 'emits MoneyWithdrawn { transactionId: newId, bookedAt: now }';

describe('quick fixes for behaviour', () => {
    afterEach(clearWorkspace);

    describe('map the emitted fields that get no value', () => {
        it('adds the missing field after the mapping\'s entries: `bookedAt: now` for a timestamp', async () => {
            const model = BANK.replace(FULL_WITHDRAWAL, 'emits MoneyWithdrawn { transactionId: newId }');
            const result = await applyFix({ 'bank.loom': model }, 'bank.loom', IssueCodes.EmittedFieldWithoutValue, 'MoneyWithdrawn');
            assert.deepEqual(result.titles, ['Map \'bookedAt\' in `emits MoneyWithdrawn { … }`']);
            assert.equal(result.texts['bank.loom'], BANK);
            assert.deepEqual(result.after, []);
        });

        it('writes the mapping when there is none: `newId` for a uuid, `now` for a timestamp', async () => {
            const model = BANK.replace(FULL_WITHDRAWAL, 'emits MoneyWithdrawn');
            const result = await applyFix({ 'bank.loom': model }, 'bank.loom', IssueCodes.EmittedFieldWithoutValue, 'MoneyWithdrawn');
            assert.deepEqual(result.titles, ['Map \'transactionId\', \'bookedAt\' in `emits MoneyWithdrawn { … }`']);
            assert.equal(result.texts['bank.loom'], BANK);
            assert.deepEqual(result.after, []);
        });

        it('fills an empty mapping with the plainest values of the other types, a value type field by field', async () => {
            const model = BANK
                .replace('command CloseAccount { emits AccountClosed }', 'command CloseAccount {\n    requires status == Open else AccountNotOpen\n    emits AccountClosed {}\n  }')
                .replace('event AccountClosed {}', 'event AccountClosed { fee: Money, closedBy: string, note?: string, final: boolean, count: int }');
            const result = await applyFix({ 'bank.loom': model }, 'bank.loom', IssueCodes.EmittedFieldWithoutValue, 'AccountClosed');
            assert.equal(result.texts['bank.loom'], model.replace('emits AccountClosed {}', 'emits AccountClosed { fee: { amount: 0, currency: EUR }, closedBy: "", final: false, count: 0 }'));
            assert.deepEqual(result.after, []);
        });
    });

    describe('declare the field an `on` block assigns', () => {
        const LINKING = 'linking-error';

        it('`transactions += transactionId` (a uuid) declares a list of uuids starting empty, on the state\'s last line', async () => {
            const model = BANK.replace(', transactions: uuid[] = [] }', ' }');
            const result = await applyFix({ 'bank.loom': model }, 'bank.loom', LINKING, 'transactions');
            assert.deepEqual(result.titles, ['Declare `transactions: uuid[] = []` in the state of BankAccount']);
            assert.equal(result.texts['bank.loom'], BANK);
            assert.deepEqual(result.after, []);
        });

        it('a bare copy declares the event\'s field with its type', async () => {
            const model = BANK.replace('currency: Currency = EUR, ', '');
            const result = await applyFix({ 'bank.loom': model }, 'bank.loom', LINKING, 'currency');
            assert.deepEqual(result.titles, ['Declare `currency: Currency` in the state of BankAccount']);
            assert.equal(result.texts['bank.loom'], model.replace('transactions: uuid[] = [] }', 'transactions: uuid[] = [], currency: Currency }'));
            assert.deepEqual(result.after, []);
        });

        it('`balance -= …` in a read model declares a number starting at 0 after the document\'s fields', async () => {
            const model = BANK.replace('  balance: decimal = 0\n  lastBookedAt', '  lastBookedAt');
            const result = await applyFix({ 'bank.loom': model }, 'bank.loom', LINKING, 'balance');
            assert.deepEqual(result.titles, ['Declare `balance: decimal = 0` in read model AccountBalance']);
            assert.equal(result.texts['bank.loom'], model.replace('  lastBookedAt?: timestamp\n', '  lastBookedAt?: timestamp\n  balance: decimal = 0\n'));
            assert.deepEqual(result.after, []);
        });

        it('`lastBookedAt = bookedAt` declares a field of the value\'s type', async () => {
            const model = BANK.replace('  lastBookedAt?: timestamp\n', '');
            const result = await applyFix({ 'bank.loom': model }, 'bank.loom', LINKING, 'lastBookedAt');
            assert.deepEqual(result.titles, ['Declare `lastBookedAt: timestamp` in read model AccountBalance']);
            assert.equal(result.texts['bank.loom'], model.replace('  balance: decimal = 0\n', '  balance: decimal = 0\n  lastBookedAt: timestamp\n'));
            assert.deepEqual(result.after, []);
        });

        it('an aggregate without a state gets one, after its stream id', async () => {
            const model = 'context Books\naggregate Ledger {\n  id ledgerId: uuid\n  command Book { amount: decimal, emits Booked }\n  event Booked { amount: decimal }\n  on Booked { total += amount }\n}\n';
            const result = await applyFix({ 'ledger.loom': model }, 'ledger.loom', LINKING, 'total');
            assert.equal(result.texts['ledger.loom'], model.replace('  id ledgerId: uuid\n', '  id ledgerId: uuid\n  state { total: decimal = 0 }\n'));
            assert.deepEqual(result.after, []);
        });

        it('offers nothing when the value\'s type cannot be told', async () => {
            const model = 'context Books\naggregate Ledger {\n  id ledgerId: uuid\n  command Book { amount: decimal, emits Booked }\n  event Booked { amount: decimal }\n  on Booked { total = []  }\n}\n';
            assert.deepEqual(await fixTitles({ 'ledger.loom': model }, 'ledger.loom', LINKING, 'total'), []);
        });
    });

    describe('model a `rejects E` with `requires … else E`', () => {
        const GUARD = '    requires amount.amount <= balance + overdraftLimit\n      else InsufficientFunds { requested: amount.amount, available: balance + overdraftLimit }\n';
        const HAND_WRITTEN = BANK.replace(GUARD, '').replace(FULL_WITHDRAWAL, `${FULL_WITHDRAWAL}\n    rejects InsufficientFunds`);

        it('adds the guard after the command\'s last `requires`, mapping the error\'s fields nothing same-named fills', async () => {
            const result = await applyActionAt({ 'bank.loom': HAND_WRITTEN }, 'bank.loom', 'InsufficientFunds\n', /requires/);
            assert.deepEqual(result.titles, ['Add `requires true else InsufficientFunds` (then write when it rejects)']);
            assert.equal(result.texts['bank.loom'], HAND_WRITTEN.replace(
                '    requires status == Open else AccountNotOpen\n    emits MoneyWithdrawn',
                '    requires status == Open else AccountNotOpen\n    requires true else InsufficientFunds { requested: 0, available: 0 }\n    emits MoneyWithdrawn'));
            assert.deepEqual(result.after, []);
        });

        it('writes it inline in a one-line command, before the clauses', async () => {
            const model = BANK.replace('command FreezeAccount { reason: string, emits AccountFrozen }', 'command FreezeAccount { reason: string, emits AccountFrozen, rejects AccountNotOpen }');
            const result = await applyActionAt({ 'bank.loom': model }, 'bank.loom', 'AccountNotOpen }', /requires/);
            assert.equal(result.texts['bank.loom'], model.replace('{ reason: string, emits AccountFrozen, rejects', '{ reason: string, requires true else AccountNotOpen, emits AccountFrozen, rejects'));
            assert.deepEqual(result.after, []);
        });

        it('is first in a command without fields or guards; offered with the cursor at the end of the name too', async () => {
            const model = BANK.replace('command CloseAccount { emits AccountClosed }', 'command CloseAccount {\n    emits AccountClosed\n    rejects AccountNotOpen\n  }');
            const result = await applyActionAt({ 'bank.loom': model }, 'bank.loom', '\n  }\n\n  event AccountOpened', /requires/);
            assert.equal(result.texts['bank.loom'], model.replace('command CloseAccount {\n', 'command CloseAccount {\n    requires true else AccountNotOpen\n'));
            assert.deepEqual(result.after, []);
        });

        it('is not offered for an error a `requires` already rejects with, nor elsewhere in the command', async () => {
            const model = BANK.replace(FULL_WITHDRAWAL, `${FULL_WITHDRAWAL}\n    rejects AccountNotOpen`);
            assert.deepEqual(await actionTitlesAt({ 'bank.loom': model }, 'bank.loom', 'AccountNotOpen\n  }'), []);
            assert.deepEqual(await actionTitlesAt({ 'bank.loom': HAND_WRITTEN }, 'bank.loom', 'emits MoneyWithdrawn'), []);
        });
    });
});
