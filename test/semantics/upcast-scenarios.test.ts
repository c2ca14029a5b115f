/**
 * Old versions in a scenario's `given` (DESIGN §2d): the interpreter upcasts them before evolve,
 * so a stream of versions 1, 2 and 3 decides as one written with version 3 only; a rule that the
 * upcast gets wrong fails the scenario at its `then`.
 */
import * as assert from 'node:assert/strict';
import { buildModelForm } from '../../src/semantics/build-form.js';
import { evolve, initialState } from '../../src/semantics/evolve.js';
import { upcastData } from '../../src/semantics/upcast.js';
import { formatValue, recordValue, stringValue } from '../../src/semantics/values.js';
import { numberValue } from '../../src/semantics/values.js';
import { decimal } from '../../src/semantics/decimal.js';
import { buildWorkspace, scenarioErrors } from './scenario-test-kit.js';

const ACCOUNT = `context Banking
enum AccountStatus { Pending, Open }
aggregate BankAccount {
  id accountId: uuid
  state { status: AccountStatus = Pending, overdraftLimit: decimal = 0, balance: decimal = 0, tier: string = "none" }
  command Withdraw {
    amount: decimal
    requires amount <= balance + overdraftLimit else InsufficientFunds
    emits MoneyWithdrawn
  }
  event AccountOpened version 3 { owner: string, overdraftLimit: decimal, tier: string }
  upcast AccountOpened from 1 { owner: string } { overdraftLimit: 50 }
  upcast AccountOpened from 2 { owner: string, overdraftLimit: decimal } { tier: "basic" }
  event MoneyWithdrawn { amount: decimal }
  error InsufficientFunds
  on AccountOpened { status = Open, overdraftLimit, tier }
  on MoneyWithdrawn { balance -= amount }
}
`;

const SCENARIOS = `
scenario "a version-1 account keeps the overdraft its upcast gives it" {
  given AccountOpened v1 { owner: "Ann" }
  when Withdraw { amount: 50 }
  then MoneyWithdrawn { amount: 50 }
}
scenario "a version-2 account keeps its own limit" {
  given AccountOpened v2 { owner: "Bo", overdraftLimit: 10 }
  when Withdraw { amount: 20 }
  then rejected InsufficientFunds
}
scenario "wrong on purpose: version 1 had no overdraft of 60" {
  given AccountOpened v1 { owner: "Cy" }
  when Withdraw { amount: 60 }
  then MoneyWithdrawn { amount: 60 }
}
`;

describe('scenarios with old versions in given', () => {
    it('upcasts v1 and v2 events before deciding, and fails the scenario the upcast contradicts, at its then', async () => {
        const { 'bank.loom': document } = await buildWorkspace({ 'bank.loom': ACCOUNT + SCENARIOS });
        const errors = scenarioErrors(document);
        const thenLine = (ACCOUNT + SCENARIOS).split('\n').findIndex(line => line.includes('then MoneyWithdrawn { amount: 60 }')) + 1;
        assert.deepEqual(errors.map(error => error.line), [thenLine]);
        assert.match(errors[0].message, /rejected InsufficientFunds/);
    });

    it('replays a stream of versions 1, 2 and 3 to the state a stream of version 3 gives', async () => {
        const { 'bank.loom': document } = await buildWorkspace({ 'bank.loom': ACCOUNT });
        const model = buildModelForm([document.parseResult.value]);
        const aggregate = model.aggregates.get('Banking.BankAccount')!;
        const event = 'Banking.AccountOpened';
        const stored = [
            { version: 1, data: recordValue([['owner', stringValue('Ann')]]) },
            { version: 2, data: recordValue([['owner', stringValue('Ann')], ['overdraftLimit', numberValue(decimal('50'))]]) },
            { version: 3, data: recordValue([['owner', stringValue('Ann')], ['overdraftLimit', numberValue(decimal('50'))], ['tier', stringValue('basic')]]) }
        ];
        const states = stored.map(({ version, data }) => {
            const current = upcastData(aggregate.upcasts, event, version, 3, data);
            assert.ok(current.ok);
            const evolved = evolve(aggregate, initialState(aggregate), { type: event, data: current.value }, 'stream-1');
            assert.ok(evolved.ok);
            return formatValue(evolved.value.state);
        });
        assert.equal(states[0], states[2]);
        assert.equal(states[1], states[2]);
        assert.match(states[2], /overdraftLimit: 50/);
        assert.match(states[2], /tier: "basic"/);
    });
});
