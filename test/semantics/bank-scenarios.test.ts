/** The bank of DESIGN §2b: its scenarios run against its rules; a wrong rule fails them, exactly. */
import assert from 'node:assert/strict';
import { scenarioStreamId } from '../../src/semantics/scenario-clock.js';
import { BANK } from './bank-model.js';
import { buildWorkspace, otherErrors, scenarioErrors } from './scenario-test-kit.js';

const OPENED = 'AccountOpened { customerId: "7d1f0c4e-2b8a-4f6d-9c3e-5a1b2c3d4e5f", currency: EUR, overdraftLimit: 50, openedAt: "2026-02-01T08:00:00Z" }';
const SCENARIOS = `context Banking

scenario "the overdraft may be used" {
  given ${OPENED}
  when WithdrawMoney { amount: { amount: 50, currency: EUR } }
  then MoneyWithdrawn { amount: { amount: 50, currency: EUR } }
  expect AccountBalance { balance: -50 }
}

scenario "the balance is the sum of the ledger" {
  given
    MoneyDeposited { accountId: "aaaaaaaa-0000-4000-8000-00000000000a", transactionId: "11111111-0000-4000-8000-000000000001", amount: { amount: 100.10, currency: EUR }, bookedAt: "2026-02-02T09:00:00Z" }
    MoneyWithdrawn { accountId: "aaaaaaaa-0000-4000-8000-00000000000a", transactionId: "22222222-0000-4000-8000-000000000002", amount: { amount: 0.20, currency: EUR }, bookedAt: "2026-02-03T09:00:00Z" }
  expect AccountBalance { accountId: "aaaaaaaa-0000-4000-8000-00000000000a", balance: 99.90, lastBookedAt: "2026-02-03T09:00:00Z" }
}

scenario "a closed account has no balance" {
  given ${OPENED}
  when CloseAccount
  then AccountClosed
  expect no AccountBalance
}
`;

async function run(bank: string) {
    const files = await buildWorkspace({ 'bank.loom': bank, 'scenarios.loom': SCENARIOS });
    assert.deepEqual([...otherErrors(files['bank.loom']), ...otherErrors(files['scenarios.loom'])], []);
    return scenarioErrors(files['scenarios.loom']);
}

describe('the bank of DESIGN §2b', () => {
    it('passes its scenarios, decimals exact (100.10 - 0.20 is 99.90)', async () => {
        assert.deepEqual(await run(BANK), []);
    });

    it('fails the overdraft scenario when the rule is wrong, naming the requires and the state', async () => {
        const wrong = BANK.replace('requires amount.amount <= balance + overdraftLimit', 'requires amount.amount < balance + overdraftLimit');
        assert.deepEqual(await run(wrong), [{
            line: 6, text: 'then MoneyWithdrawn { amount: { amount: 50, currency: EUR } }',
            message: 'Scenario fails: expected MoneyWithdrawn { amount: { amount: 50, currency: EUR } }, but the model gives rejected InsufficientFunds { requested: 50, available: 50 }: '
                + '`requires amount.amount < balance + overdraftLimit` (bank.loom:31) rejected WithdrawMoney with the state { status: Open, currency: EUR, balance: 0, overdraftLimit: 50, transactions: [] } '
                + '(after `on AccountOpened { status = Open, currency, overdraftLimit }` (bank.loom:49)).'
        }, {
            // No event emitted: the read model saw only the opening, which it does not handle.
            line: 7, text: 'expect AccountBalance { balance: -50 }',
            message: `Scenario fails: expected AccountBalance { balance: -50 }, but the model gives no AccountBalance document for accountId = "${scenarioStreamId('the overdraft may be used')}": no \`on\` block of AccountBalance handled an event of this scenario for it.`
        }]);
    });

    it('fails a projection that computes the wrong balance, naming its on blocks', async () => {
        const wrong = BANK.replace('on MoneyWithdrawn { balance -= amount.amount, lastBookedAt = bookedAt }', 'on MoneyWithdrawn { balance += amount.amount, lastBookedAt = bookedAt }');
        const errors = await run(wrong);
        assert.deepEqual(errors.map(error => error.line), [7, 14]);
        assert.equal(errors[1].message, 'Scenario fails: expected AccountBalance { accountId: "aaaaaaaa-0000-4000-8000-00000000000a", balance: 99.90, lastBookedAt: "2026-02-03T09:00:00Z" }, but the model gives AccountBalance { accountId: "aaaaaaaa-0000-4000-8000-00000000000a", balance: 100.30, lastBookedAt: "2026-02-03T09:00:00Z" }: '
            + 'projected by `on MoneyDeposited { balance += amount.amount, lastBookedAt = bookedAt }` (bank.loom:59), `on MoneyWithdrawn { balance += amount.amount, lastBookedAt = bookedAt }` (bank.loom:60).');
    });

    it('fails expect no when the document survives', async () => {
        const wrong = BANK.replace('on AccountClosed { delete }', 'on AccountClosed { balance = 0 }');
        const errors = await run(wrong);
        assert.deepEqual(errors.map(error => [error.line, error.text]), [[21, 'expect no AccountBalance']]);
        assert.match(errors[0].message, /^Scenario fails: expected no AccountBalance, but the model gives AccountBalance \{ accountId: "[0-9a-f-]+", balance: 0 \}: written by `on AccountClosed \{ balance = 0 \}` \(bank\.loom:61\)\.$/);
    });
});
