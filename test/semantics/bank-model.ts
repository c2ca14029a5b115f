/** The bank of DESIGN §2b, with its rules, as the scenario tests' model. */
export const BANK = `context Banking

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
  command DepositMoney {
    amount: Money
    requires status == Open else AccountNotOpen
    emits MoneyDeposited { transactionId: newId, bookedAt: now }
  }
  command WithdrawMoney {
    amount: Money
    requires status == Open else AccountNotOpen
    requires amount.amount <= balance + overdraftLimit
      else InsufficientFunds { requested: amount.amount, available: balance + overdraftLimit }
    emits MoneyWithdrawn { transactionId: newId, bookedAt: now }
  }
  command CloseAccount {
    requires status == Open else AccountNotOpen
    emits AccountClosed
  }

  event AccountOpened { customerId: uuid, currency: Currency, overdraftLimit: decimal, openedAt: timestamp }
  event MoneyDeposited { accountId: uuid, transactionId: uuid, amount: Money, bookedAt: timestamp }
  event MoneyWithdrawn { accountId: uuid, transactionId: uuid, amount: Money, bookedAt: timestamp }
  event AccountClosed {}

  error AccountAlreadyOpen
  error AccountNotOpen { status: AccountStatus }
  error InsufficientFunds { requested: decimal, available: decimal }

  on AccountOpened { status = Open, currency, overdraftLimit }
  on MoneyDeposited { balance += amount.amount, transactions += transactionId }
  on MoneyWithdrawn { balance -= amount.amount, transactions += transactionId }
  on AccountClosed { status = Closed }
}

readmodel AccountBalance {
  key accountId: uuid
  balance: decimal = 0
  lastBookedAt?: timestamp
  on MoneyDeposited { balance += amount.amount, lastBookedAt = bookedAt }
  on MoneyWithdrawn { balance -= amount.amount, lastBookedAt = bookedAt }
  on AccountClosed { delete }
}
`;
