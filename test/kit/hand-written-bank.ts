/**
 * A small bank whose rules are written by hand (no `requires`, no `on` blocks), for the tests of
 * running scenarios against the generated code: its decide bodies are stubs (which emit the command's events as
 * the fill rule builds them), so "an account opens" passes and "cannot overdraw" fails until
 * `writeWithdrawRule` writes the rule into the generated file.
 */
import * as assert from 'node:assert/strict';

export const HAND_WRITTEN_BANK = `context Banking

aggregate BankAccount {
  id accountId: uuid
  state { balance: decimal = 0 }
  command OpenAccount { owner: string, emits AccountOpened }
  command Withdraw { amount: decimal, emits MoneyWithdrawn, rejects InsufficientFunds }
  event AccountOpened { owner: string }
  event MoneyWithdrawn { amount: decimal }
  error InsufficientFunds { requested: decimal }
}

readmodel Balance {
  key accountId: uuid
  balance: decimal = 0
  on MoneyWithdrawn
}

scenario "an account opens" {
  when OpenAccount { owner: "Ann" }
  then AccountOpened { owner: "Ann" }
}

scenario "cannot overdraw" {
  given AccountOpened { owner: "Ann" }
  when Withdraw { amount: 150 }
  then rejected InsufficientFunds { requested: 150 }
}
`;

/**
 * A projection scenario (no `when`) for the bank, for the tests of listing: how it runs depends on
 * what the generator makes of projection scenarios, which the run tests stay out of.
 */
export const PROJECTION_SCENARIO = `
scenario "withdrawals lower the balance" {
  given MoneyWithdrawn { amount: 20 }
  expect Balance { balance: -20 }
}
`;

/** The rule of Withdraw, written by hand into the generated aggregate file. */
export function writeWithdrawRule(text: string): string {
    const start = text.indexOf('export function decideWithdraw(');
    assert.ok(start >= 0, 'the generated file has the decideWithdraw stub');
    return text.slice(0, start) + text.slice(start).replace(/\{\n[^]*?\n\}/, [
        '{',
        "    if (Number(command.data.amount) > Number(state.balance)) return { kind: 'Rejection', type: 'InsufficientFunds', data: { requested: command.data.amount } };",
        "    return [{ type: 'MoneyWithdrawn', data: { amount: command.data.amount } }];",
        '}'
    ].join('\n'));
}
