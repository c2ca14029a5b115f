/** Models with behaviour (DESIGN §2b) shared by the parsing, linking and validation tests. */

/** The bank of DESIGN §2b, as written there. */
export const BANK = `context Banking
enum AccountStatus { Pending, Open, Frozen, Closed }
enum Currency { EUR, USD }
type Money { amount: decimal, currency: Currency }
aggregate BankAccount {
  id accountId: uuid
  state { status: AccountStatus = Pending, currency: Currency = EUR, balance: decimal = 0,
          overdraftLimit: decimal = 0, transactions: uuid[] = [] }

  command OpenAccount {
    customerId: uuid
    currency: Currency
    overdraftLimit?: decimal
    requires status == Pending else AccountAlreadyOpen
    emits AccountOpened { overdraftLimit: overdraftLimit ?? 0, openedAt: now }
  }
  command WithdrawMoney {
    amount: Money
    requires status == Open else AccountNotOpen
    requires amount.amount <= balance + overdraftLimit
      else InsufficientFunds { requested: amount.amount, available: balance + overdraftLimit }
    emits MoneyWithdrawn { transactionId: newId, bookedAt: now }
  }
  command FreezeAccount { reason: string, emits AccountFrozen }
  command CloseAccount { emits AccountClosed }

  event AccountOpened { customerId: uuid, currency: Currency, overdraftLimit: decimal, openedAt: timestamp }
  event MoneyWithdrawn { amount: Money, transactionId: uuid, bookedAt: timestamp }
  event AccountFrozen { reason: string }
  event AccountClosed {}
  error AccountAlreadyOpen
  error AccountNotOpen
  error InsufficientFunds { requested: decimal, available: decimal }

  on AccountOpened { status = Open, currency, overdraftLimit }
  on MoneyWithdrawn { balance -= amount.amount, transactions += transactionId }
}
readmodel AccountBalance {
  key accountId: uuid
  balance: decimal = 0
  lastBookedAt?: timestamp
  on MoneyWithdrawn { balance -= amount.amount, lastBookedAt = bookedAt }
  on AccountClosed { delete }
}
policy FreezeOnLargeWithdrawal {
  on MoneyWithdrawn
  issues FreezeAccount { reason: "large withdrawal" } if amount.amount > 10000
}
`;
