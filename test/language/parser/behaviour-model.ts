/** A model using every behaviour construct of DESIGN §2b-2d (the bank with its rules), for the differential re-parse test. */
export const BEHAVIOUR_MODEL = `/** The bank with its rules (DESIGN §2b-2d): every behaviour construct, for the differential test. */
context Banking

enum Currency { EUR, USD, GBP }
enum AccountStatus { Pending, Open, Frozen, Closed }

type Money {
  amount: decimal
  currency: Currency
}

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
    requires amount.amount <= balance + overdraftLimit and not (status in [Frozen, Closed])
      else InsufficientFunds { requested: amount.amount, available: balance + overdraftLimit }
    emits MoneyWithdrawn { transactionId: newId, bookedAt: now }
  }
  command FreezeAccount { reason: string, emits AccountFrozen }

  event AccountOpened version 2 { customerId: uuid, currency: Currency, overdraftLimit: decimal, openedAt: timestamp }
  upcast AccountOpened from 1 { customerId: uuid, currency: Currency, openedAt: timestamp } { overdraftLimit: 0 }
  event MoneyWithdrawn { amount: Money, transactionId: uuid, bookedAt: timestamp }
  event AccountFrozen { reason: string }

  error AccountAlreadyOpen
  error AccountNotOpen
  error InsufficientFunds { requested: decimal, available: decimal }

  on AccountOpened { status = Open, currency, overdraftLimit }
  on MoneyWithdrawn { balance -= amount.amount, transactions += transactionId }
  on AccountFrozen { status = Frozen }
}

readmodel AccountBalance {
  key accountId: uuid
  balance: decimal = 0
  lastBookedAt?: timestamp
  withdrawals: int = 0
  on MoneyWithdrawn { balance -= amount.amount, lastBookedAt = bookedAt, withdrawals += 1 }
  on AccountFrozen { delete }
}

policy FreezeOnLargeWithdrawal {
  on MoneyWithdrawn
  reads AccountBalance
  issues FreezeAccount { reason: "large withdrawal" } if amount.amount > 10000 or AccountBalance.withdrawals >= 3 * 2
}

scenario "the overdraft may be used" {
  given AccountOpened { customerId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", currency: EUR, overdraftLimit: 50, openedAt: "2026-02-01T08:00:00Z" }
  when WithdrawMoney { amount: { amount: 150, currency: EUR } }
  then MoneyWithdrawn { amount: { amount: 150, currency: EUR } }
  expect AccountBalance { balance: -50 }
}
`;
