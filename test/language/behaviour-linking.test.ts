/**
 * Names inside behaviour link as DESIGN §2b says — command field, then state field, then stream
 * id; in `on` blocks the event's fields, then the state's or document's; in policies the event's
 * fields, its stream id, then `R.` of a read model it reads; qualifiers force one scope — so that
 * go-to-definition, hover, references and rename work on them like on any name.
 */
import * as assert from 'node:assert/strict';
import { AstUtils, type AstNode } from 'langium';
import { isMemberAccess, isNameExpression, type MemberAccess, type NameExpression } from '../../src/language/generated/ast.js';
import { BANK } from './behaviour-models.js';
import { clearWorkspace, expectClean, listDiagnostics, textAt, validate } from './language-test-kit.js';

/** "Kind Owner.name" of what each name written `text` links to, in document order. */
function targets(root: AstNode, text: string): string[] {
    return AstUtils.streamAst(root)
        .filter((n): n is NameExpression | MemberAccess => (isNameExpression(n) && n.target.$refText === text) || (isMemberAccess(n) && n.member.$refText === text))
        .map(n => describeTarget(isNameExpression(n) ? n.target.ref : n.member.ref))
        .toArray();
}

function describeTarget(node: AstNode | undefined): string {
    if (!node) return 'unresolved';
    const owner = node.$container as (AstNode & { name?: string }) | undefined;
    const ownerName = owner?.name ?? (owner?.$type === 'State' ? `${(owner.$container as unknown as { name: string }).name}.state` : owner?.$type);
    return `${node.$type} ${ownerName}.${(node as { name?: string }).name}`;
}

describe('linking names in behaviour', () => {
    afterEach(clearWorkspace);

    it('links every name of the bank of DESIGN §2b, which validates clean', async () => {
        const result = await validate(BANK);
        expectClean(result);
        const model = result.document.parseResult.value;
        // `status == Pending`: a state field, then an enum member.
        assert.deepEqual(targets(model, 'status'), ['Field BankAccount.state.status', 'Field BankAccount.state.status']);
        assert.deepEqual(targets(model, 'Pending'), ['EnumMember AccountStatus.Pending']);
        // `overdraftLimit ?? 0` in OpenAccount: the command's field shadows the state's; in
        // WithdrawMoney (no such command field) the state's.
        assert.deepEqual(targets(model, 'overdraftLimit'), [
            'Field OpenAccount.overdraftLimit', 'Field BankAccount.state.overdraftLimit', 'Field BankAccount.state.overdraftLimit'
        ]);
        // `amount.amount` (the member, then its receiver): the value type's member of the
        // command's field, or of the event's.
        assert.deepEqual(targets(model, 'amount'), [
            'Field Money.amount', 'Field WithdrawMoney.amount', 'Field Money.amount', 'Field WithdrawMoney.amount',
            'Field Money.amount', 'Field MoneyWithdrawn.amount', 'Field Money.amount', 'Field MoneyWithdrawn.amount',
            'Field Money.amount', 'Field MoneyWithdrawn.amount'
        ]);
        assert.deepEqual(targets(model, 'transactionId'), ['Field MoneyWithdrawn.transactionId']);
        assert.deepEqual(targets(model, 'bookedAt'), ['Field MoneyWithdrawn.bookedAt']);
    });

    it('resolves the stream id after command and state fields, and qualifiers to one scope', async () => {
        const result = await validate(`context C
aggregate A {
  id accountId: uuid
  state { total: int = 0, note?: string }
  command Go {
    total: int
    requires command.total > state.total and total > 0 else Nope { other: accountId }
    emits Went { value: state.total }
  }
  event Went { value: int, total: int }
  error Nope { other: uuid }
  on Went { total = event.total + state.total + value }
}`);
        expectClean(result);
        const model = result.document.parseResult.value;
        assert.deepEqual(targets(model, 'total'), [
            'Field Go.total', 'Field A.state.total', 'Field Go.total', 'Field A.state.total', 'Field Went.total', 'Field A.state.total'
        ]);
        assert.deepEqual(targets(model, 'accountId'), ['StreamId A.accountId']);
        assert.deepEqual(targets(model, 'value'), ['Field Went.value']);
    });

    it('resolves a policy\'s names to the event, its stream id and `R.` of a read model it reads', async () => {
        const result = await validate(`context C
enum Level { Low, High }
aggregate A {
  id accountId: uuid
  state { level: Level = Low }
  command Flag { accountId: uuid, level: Level, emits Flagged }
  command Withdraw { amount: decimal, emits Withdrawn }
  event Flagged { level: Level }
  event Withdrawn { amount: decimal }
}
readmodel Limits { key accountId: uuid, max: decimal = 100, on Withdrawn }
policy Watch {
  on Withdrawn
  reads Limits
  issues Flag { accountId: accountId, level: Level.High } if amount > Limits.max ?? 0
}`);
        expectClean(result);
        const model = result.document.parseResult.value;
        assert.deepEqual(targets(model, 'accountId'), ['StreamId A.accountId']);
        assert.deepEqual(targets(model, 'Limits'), ['ReadModel Model.Limits']);
        assert.deepEqual(targets(model, 'max'), ['Field Limits.max']);
        assert.deepEqual(targets(model, 'High'), ['EnumMember Level.High']);
    });

    it('prefers the members of the enum a comparison expects', async () => {
        const result = await validate(`context C
enum Light { Red, Green }
enum Card { Red, Yellow }
aggregate A {
  id id: uuid
  state { card: Card = Yellow }
  command Go { light: Light, requires light == Red and card != Red else E, emits Went }
  event Went {}
  error E
}`);
        expectClean(result);
        assert.deepEqual(targets(result.document.parseResult.value, 'Red'), ['EnumMember Light.Red', 'EnumMember Card.Red']);
    });

    // The members are looked up by name per context (ContextEnums), not listed for every name: the
    // CLI fuzz's one-context 5 MB model with 2,000 enums took minutes. The order must not change.
    it('without an expected enum, takes the first declared enum\'s member, and a field before any member', async () => {
        const result = await validate(`context C
enum Card { Red, Yellow }
enum Light { Red, Green }
enum Status { Open, Closed }
aggregate A {
  id id: uuid
  state { Closed: boolean = false }
  command Go { requires count([Red]) > 0 and not Closed and Green != Red else E, emits Went }
  event Went {}
  error E
}`);
        assert.deepEqual(targets(result.document.parseResult.value, 'Red'), ['EnumMember Card.Red', 'EnumMember Light.Red']);
        assert.deepEqual(targets(result.document.parseResult.value, 'Closed'), ['Field A.state.Closed']);
        assert.deepEqual(targets(result.document.parseResult.value, 'Green'), ['EnumMember Light.Green']);
    });

    it('says where an unknown name was looked for, with what is there and the closest name', async () => {
        const result = await validate(`context C
aggregate A {
  id id: uuid
  state { balance: decimal = 0 }
  command Go { amount: decimal, requires amuont <= balance else E, emits Went }
  event Went { amount: decimal }
  error E
  on Went { balanse += amount }
}`);
        const messages = result.diagnostics.map(d => String(d.message));
        // On the name itself, as every diagnostic.
        assert.deepEqual(result.diagnostics.map(d => textAt(result, d)).sort(), ['amuont', 'balanse'], listDiagnostics(result.diagnostics));
        assert.ok(messages.includes("Unknown name 'amuont': it is not a field of command Go, of the state of A or its stream id, nor an enum member of this context. Names here: amount, balance, id. Did you mean 'amount'?"), listDiagnostics(result.diagnostics));
        assert.ok(messages.includes("'balanse' is not a field of the state of aggregate A: an `on` block assigns only those; declare it in `state { balanse: Type }`. Its fields: balance. Did you mean 'balance'?"), listDiagnostics(result.diagnostics));
    });

    it('does not let a command read `event.`, nor an `on` block `command.`', async () => {
        const result = await validate(`context C
aggregate A {
  id id: uuid
  state { n: int = 0 }
  command Go { n: int, requires event.n > 0 else E, emits Went }
  event Went { n: int }
  error E
  on Went { n = command.n }
}`);
        const messages = result.diagnostics.map(d => String(d.message));
        assert.ok(messages.some(m => m.startsWith("Unknown name 'n': it is not available: a command has no event yet")), listDiagnostics(result.diagnostics));
        assert.ok(messages.some(m => m.startsWith("Unknown name 'n': it is not available: an `on` block sees the event, not a command")), listDiagnostics(result.diagnostics));
    });

    it('says which fields a mapping and a value may name', async () => {
        const result = await validate(`context C
type Money { amount: decimal }
aggregate A {
  id id: uuid
  command Go { price: Money, requires price.amuont > 0 else E { reason: "x" }, emits Went { valeu: 1 } }
  event Went { value: int }
  error E { why: string }
}`);
        const messages = result.diagnostics.map(d => String(d.message));
        const errors = result.diagnostics.filter(d => d.severity === 1);
        assert.deepEqual(errors.map(d => textAt(result, d)).sort(), ['amuont', 'reason', 'valeu'], listDiagnostics(result.diagnostics));
        assert.ok(messages.includes("Money has no field 'amuont'. Its fields: amount. Did you mean 'amount'?"), listDiagnostics(result.diagnostics));
        assert.ok(messages.some(m => m.startsWith("Event Went has no field 'valeu': map only its fields, or add `valeu: Type` to it. Its fields: value.")), listDiagnostics(result.diagnostics));
        assert.ok(messages.includes("Error E has no field 'reason': map only its fields, or add `reason: Type` to it. Its fields: why."), listDiagnostics(result.diagnostics));
    });

    it('validates half-written behaviour without failing: every broken model still gets its diagnostics', async () => {
        const broken = [
            'requires else E', 'requires amount > else E', 'requires (amount > 0 else E', 'emits Went { value: }',
            'emits Went { value: now. }', 'requires amount in [ else E', 'requires count() > 0 else E', 'requires state. > 0 else E',
            'requires amount.amount.x > 0 else E'
        ];
        for (const body of broken) {
            const result = await validate(`context C
aggregate A {
  id id: uuid
  state { total: int = 0 }
  command Go { amount: decimal, ${body}, emits Went }
  event Went { value: int }
  error E
  on Went { total += , value = }
  on { total = 1 }
}
readmodel R { key id: uuid, on Went { delete, x += } }
policy P { on Went issues Go { amount: } if }`);
            assert.ok(result.diagnostics.length > 0, `'${body}' is reported`);
        }
    });
});
