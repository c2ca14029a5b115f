import * as assert from 'node:assert/strict';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import { applyFix, errorsIn } from './fix-test-kit.js';
import { BANKING, SHIPPING, clearWorkspace } from './lsp-test-kit.js';

const CONTEXT = 'context Banking\n\n';

describe('quick fixes', () => {
    afterEach(clearWorkspace);

    describe('create what an unresolved name refers to', () => {
        it('`emits X` in a command creates `event X {}` in the command\'s aggregate, after its events', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('emits Withdrawn', 'emits Withdrawn, Overdrawn') }, 'banking.loom', 'linking-error', 'Overdrawn');
            assert.deepEqual(result.titles, ['Create event Overdrawn in aggregate Account']);
            assert.match(result.texts['banking.loom'], /event Withdrawn \{ amount: decimal \}\n {2}event Overdrawn \{\}\n/);
            assert.deepEqual(result.after.map(line => line.split(' ')[2]), [IssueCodes.EventWithoutEffect], 'only: the new event is not handled yet');
        });

        it('`rejects E` creates `error E` after the aggregate\'s errors', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('rejects Insufficient', 'rejects Insufficient, Frozen') }, 'banking.loom', 'linking-error', 'Frozen');
            assert.match(result.texts['banking.loom'], /error Insufficient \{ requested: decimal \}\n {2}error Frozen\n/);
            assert.deepEqual(errorsIn(result.after), []);
        });

        it('`issues C` in a policy creates a command that emits a new past-tense event, in the aggregate chosen', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('issues Block', 'issues Block, FreezeCard') }, 'banking.loom', 'linking-error', 'FreezeCard', /Card$/);
            assert.deepEqual(result.titles, ['Create command FreezeCard and event CardFrozen in aggregate Account', 'Create command FreezeCard and event CardFrozen in aggregate Card']);
            assert.match(result.texts['banking.loom'], /command Block \{ emits Blocked \}\n {2}command FreezeCard \{\n {4}emits CardFrozen\n {2}\}\n {2}event Blocked \{\}\n {2}event CardFrozen \{\}\n/);
            assert.deepEqual(errorsIn(result.after), []);
        });

        it('a read model\'s `on X` offers the event in each aggregate of the file', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('on Opened, Withdrawn', 'on Opened, Withdrawn, Closed') }, 'banking.loom', 'linking-error', 'Closed', /Account$/);
            assert.equal(result.titles.length, 2);
            assert.deepEqual(errorsIn(result.after), []);
            assert.ok(result.after.some(line => line.includes(IssueCodes.EventNeverEmitted)), 'the new event is still to be emitted: a warning says so');
        });

        it('a scenario\'s `then X` creates the event in the `when` command\'s aggregate and adds it to the command\'s emits', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('then rejected Insufficient', 'then Overdrawn { }') }, 'banking.loom', 'linking-error', 'Overdrawn');
            assert.match(result.texts['banking.loom'], /emits Withdrawn, Overdrawn\n/);
            assert.match(result.texts['banking.loom'], /event Overdrawn \{\}/);
            assert.deepEqual(result.after.map(line => line.split(' ')[2]), [IssueCodes.EventWithoutEffect], 'only: the new event is not handled yet');
        });

        it('a scenario\'s `then rejected E` creates the error and adds it to the command\'s rejects', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('then rejected Insufficient', 'then rejected AccountFrozen') }, 'banking.loom', 'linking-error', 'AccountFrozen');
            assert.match(result.texts['banking.loom'], /rejects Insufficient, AccountFrozen\n/);
            assert.deepEqual(errorsIn(result.after), []);
        });

        it('a scenario\'s `when C` creates the command with an event', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('when Withdraw { amount: 150 }\n  then rejected Insufficient', 'when CloseAccount\n  then AccountClosed') }, 'banking.loom', 'linking-error', 'CloseAccount', /Account$/);
            assert.match(result.texts['banking.loom'], /command CloseAccount \{\n {4}emits AccountClosed\n {2}\}/);
            assert.deepEqual(errorsIn(result.after), []);
        });

        it('an unknown field type creates a value type', async () => {
            const result = await applyFix({ 'banking.loom': BANKING.replace('note?: string', 'note?: Money') }, 'banking.loom', 'linking-error', 'Money');
            assert.match(result.texts['banking.loom'], /enum Currency \{ EUR, USD \}\n\ntype Money \{\n\}\n/);
            assert.deepEqual(errorsIn(result.after), []);
        });

        it('`on Other.X` creates the event in an aggregate of the other context, in its file', async () => {
            const result = await applyFix({ 'banking.loom': BANKING, 'shipping.loom': SHIPPING.replace('Banking.Opened', 'Banking.Reopened') }, 'shipping.loom', 'linking-error', 'Banking.Reopened', /Account$/);
            assert.deepEqual(result.titles, ['Create event Reopened in aggregate Banking.Account', 'Create event Reopened in aggregate Banking.Card']);
            assert.match(result.texts['banking.loom'], /event Withdrawn \{ amount: decimal \}\n {2}event Reopened \{\}\n/);
            assert.equal(result.texts['shipping.loom'], SHIPPING.replace('Banking.Opened', 'Banking.Reopened'));
            assert.deepEqual(errorsIn(result.after), []);
        });
    });

    it('renames a name to PascalCase everywhere it is used', async () => {
        const text = BANKING.replace(/\bBlock\b/g, 'block_card');
        const result = await applyFix({ 'banking.loom': text }, 'banking.loom', IssueCodes.NotPascalCase, 'block_card');
        assert.deepEqual(result.titles, ['Rename to \'BlockCard\'']);
        assert.equal(result.texts['banking.loom'], BANKING.replace(/\bBlock\b/g, 'BlockCard'));
        assert.deepEqual(result.after, []);
    });

    it('adds the missing stream id to an aggregate', async () => {
        const result = await applyFix({ 'banking.loom': BANKING.replace('  id cardId: uuid\n', '') }, 'banking.loom', IssueCodes.MissingStreamId, 'Card');
        assert.deepEqual(result.titles, ['Add `id cardId: uuid`']);
        assert.match(result.texts['banking.loom'], /aggregate Card \{\n {2}id cardId: uuid\n {2}command Block/);
        assert.deepEqual(result.after, []);
    });

    it('adds the stream id to an empty aggregate, opening its body', async () => {
        const result = await applyFix({ 'm.loom': `${CONTEXT}aggregate Ledger {}\n` }, 'm.loom', IssueCodes.MissingStreamId, 'Ledger');
        assert.equal(result.texts['m.loom'], `${CONTEXT}aggregate Ledger {\n  id ledgerId: uuid\n}\n`);
        assert.deepEqual(errorsIn(result.after), []);
    });

    it('adds the missing context line, named after the file', async () => {
        const result = await applyFix({ 'shop-orders.loom': '/** Orders. */\naggregate Order {\n  id orderId: uuid\n}\n' }, 'shop-orders.loom', IssueCodes.MissingContext, 'Order');
        assert.deepEqual(result.titles, ['Add `context ShopOrders` at the top']);
        assert.equal(result.texts['shop-orders.loom'], 'context ShopOrders\n\n/** Orders. */\naggregate Order {\n  id orderId: uuid\n}\n');
        assert.deepEqual(result.after, []);
    });

    it('adds a missing `emits` with a new past-tense event', async () => {
        const model = BANKING.replace('command Block { emits Blocked }', 'command FreezeCard { reason: string }').replace('issues Block', 'issues FreezeCard');
        const result = await applyFix({ 'banking.loom': model }, 'banking.loom', IssueCodes.MissingEmits, 'FreezeCard');
        assert.deepEqual(result.titles, ['Add `emits CardFrozen` and declare event CardFrozen']);
        assert.match(result.texts['banking.loom'], /command FreezeCard \{ reason: string\n {4}emits CardFrozen\n {2}\}\n {2}event Blocked \{\}\n {2}event CardFrozen \{\}/);
        assert.deepEqual(errorsIn(result.after), []);
    });

    it('reuses the aggregate\'s event when it already has the past-tense name', async () => {
        const result = await applyFix({ 'banking.loom': BANKING.replace('command Block { emits Blocked }', 'command Block {}') }, 'banking.loom', IssueCodes.MissingEmits, 'Block');
        assert.deepEqual(result.titles, ['Add `emits Blocked`']);
        assert.match(result.texts['banking.loom'], /command Block \{\n {4}emits Blocked\n {2}\}/);
        assert.deepEqual(result.after, []);
    });
});
