/** A model whose rules need no names: fields filled by the fill rule, guards on literals. */
export const LEDGER = `context Ledger

aggregate Entry {
  id entryId: uuid
  command Book {
    amount: decimal
    note?: string
    emits Booked
  }
  command Refuse {
    amount: decimal
    requires 1 > 2 else Refused
    emits Booked
  }
  command Guess {
    amount: decimal
    emits Booked
    rejects Refused
  }
  event Booked { amount: decimal, note?: string, entryId: uuid }
  error Refused
}

scenario "booking keeps the exact amount" {
  when Book { amount: 100.10 }
  then Booked { amount: 100.1 }
}

scenario "booking the wrong amount" {
  when Book { amount: 100.10, note: "rent" }
  then Booked { amount: 99.90 }
}

scenario "a refusal" {
  when Refuse { amount: 1 }
  then Booked
}

scenario "a hand-written rule" {
  when Guess { amount: 1 }
  then rejected Refused
}
`;
