/**
 * The behaviour rules of DESIGN §3 (for what §2b lets a model state), in the format of
 * rule-cases.ts: a model that triggers each rule with the exact range marked, and the corrected
 * model that must be clean.
 */
import { AstUtils, type AstNode } from 'langium';
import type { Model } from '../../../src/language/generated/ast.js';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import type { Location, RuleCase } from './rule-cases.js';

/** A clean account with state, a read model and rules; the parts given replace the defaults. */
function account(parts: { command?: string; members?: string; after?: string; events?: string } = {}): string {
    return `context Banking
enum Status { Open, Closed }
aggregate Account {
  id accountId: uuid
  state { status: Status = Open, balance: decimal = 0, limit?: decimal, history: decimal[] = [] }
  command Withdraw {
    amount: decimal
    ${parts.command ?? 'emits Withdrawn'}
  }
  command Deposit { value: decimal, emits Deposited }
  ${parts.events ?? 'event Withdrawn { amount: decimal }'}
  event Deposited { value: decimal }
  error Insufficient
${parts.members ?? ''}
}
readmodel Balance { key accountId: uuid, total: decimal = 0, on Withdrawn, Deposited }
${parts.after ?? ''}`;
}

/** The smallest node of `type` whose source text is `text` (the `index`-th of them). */
function node(type: string, text: string, property?: string, index = 0) {
    return (model: Model): Location => {
        const found = AstUtils.streamAst(model).filter(n => n.$type === type && n.$cstNode?.text === text).toArray()[index];
        if (!found) throw new Error(`No ${type} '${text}' in the model`);
        return { node: found as AstNode, property };
    };
}

export const BEHAVIOUR_CASES: RuleCase[] = [
    {
        code: IssueCodes.ConditionNotBoolean, severity: 'error', title: 'a `requires` that is not a boolean',
        bad: account({ command: 'requires <|balance|> else Insufficient\n    emits Withdrawn' }),
        message: 'This is a decimal, but a condition must be true or false: compare it (`==`, `<`, `in [ … ]`, …).',
        at: node('NameExpression', 'balance'),
        good: account({ command: 'requires balance >= amount else Insufficient\n    emits Withdrawn' })
    },
    {
        code: IssueCodes.OperandNotNumber, severity: 'error', title: 'arithmetic on what is not a number',
        bad: account({ command: 'requires <|status|> * 2 > amount else Insufficient\n    emits Withdrawn' }),
        message: '`*` takes numbers, but this is a Status.',
        at: node('NameExpression', 'status'),
        good: account({ command: 'requires balance * 2 > amount else Insufficient\n    emits Withdrawn' })
    },
    {
        code: IssueCodes.IncomparableValues, severity: 'error', title: 'a string compared with a number',
        bad: account({ command: 'requires amount <|==|> "ten" else Insufficient\n    emits Withdrawn' }),
        message: 'A decimal cannot be compared with a string: compare values of one type.',
        at: node('BinaryExpression', 'amount == "ten"', 'operator'),
        good: account({ command: 'requires amount == 10 else Insufficient\n    emits Withdrawn' })
    },
    {
        code: IssueCodes.OptionalWithoutDefault, severity: 'error', title: 'an optional used where a value is required, without `??`',
        bad: account({ command: 'requires amount <= <|limit|> else Insufficient\n    emits Withdrawn' }),
        message: "'limit' is optional and may have no value here: give a value for that case with `??` (`limit ?? …`).",
        at: node('NameExpression', 'limit'),
        good: account({ command: 'requires amount <= limit ?? 0 else Insufficient\n    emits Withdrawn' })
    },
    {
        code: IssueCodes.ValueTypeMismatch, severity: 'error', title: 'a mapping value of the wrong type',
        bad: account({ command: 'emits Withdrawn { amount: <|"ten"|> }' }),
        message: 'Expected a decimal here, but this is a string: write a value of type decimal.',
        at: node('StringExpression', '"ten"'),
        good: account({ command: 'emits Withdrawn { amount: amount * 2 }' })
    },
    {
        code: IssueCodes.NotAList, severity: 'error', title: '`count(…)` of what is not a list',
        bad: account({ command: 'requires count(<|balance|>) < 10 else Insufficient\n    emits Withdrawn' }),
        message: '`count(…)` takes a list (a field of type `T[]`), but this is a decimal.',
        at: node('NameExpression', 'balance'),
        good: account({ command: 'requires count(history) < 10 else Insufficient\n    emits Withdrawn' })
    },
    {
        code: IssueCodes.NotAValue, severity: 'error', title: 'an enum\'s name used as a value',
        bad: account({ command: 'requires status == <|Status|> else Insufficient\n    emits Withdrawn' }),
        message: 'enum Status is an enum, not a value: name one of its members (`Status.Member`).',
        at: node('NameExpression', 'Status'),
        good: account({ command: 'requires status == Status.Open else Insufficient\n    emits Withdrawn' })
    },
    {
        code: IssueCodes.CompoundAssignmentTarget, severity: 'error', title: '`+=` on what is neither a number nor a list',
        bad: account({ members: '  on Withdrawn { status <|+=|> Closed }' }),
        message: "'status' is a Status: `+=` works on numbers and lists only; write `status = …`.",
        at: node('FieldAssignment', 'status += Closed', 'operator'),
        good: account({ members: '  on Withdrawn { status = Closed, history += amount, balance -= amount }' })
    },
    {
        code: IssueCodes.CopiedFieldMissing, severity: 'error', title: 'a bare copy of a field the event lacks',
        bad: account({ members: '  on Withdrawn { <|status|> }' }),
        message: "Withdrawn has no field 'status' to copy: write `status = …` with the value to store.",
        at: node('FieldAssignment', 'status', 'field'),
        good: account({ events: 'event Withdrawn { amount: decimal, status: Status }', command: 'emits Withdrawn { status: Closed }', members: '  on Withdrawn { status }' })
    },
    {
        code: IssueCodes.EventFieldNotInEveryEvent, severity: 'error', title: 'a field read in `on E, F` that one of them lacks',
        bad: account({ members: '  on Withdrawn, Deposited { history += <|amount|> }' }),
        message: "'amount' is a field of Withdrawn but not of Deposited, which this block also handles: give that event the field, or handle it in a block of its own.",
        at: node('NameExpression', 'amount', 'target'),
        good: account({ members: '  on Withdrawn { history += amount }\n  on Deposited { history += value }' })
    },
    {
        code: IssueCodes.DeleteOutsideReadModel, severity: 'error', title: '`delete` in an aggregate',
        bad: account({ members: '  on Withdrawn { <|delete|> }' }),
        message: "`delete` removes a read model's document; an aggregate's stream is never deleted: record the end in the state instead (`status = Closed`).",
        at: node('DeleteDocument', 'delete'),
        good: account({ after: 'readmodel Gone { key accountId: uuid, on Withdrawn { delete } }' })
    },
    {
        code: IssueCodes.EmittedFieldWithoutValue, severity: 'warning', title: 'a command with rules that leaves an emitted field without a value',
        bad: account({
            events: 'event Withdrawn { amount: decimal, bookedAt: timestamp, note?: string }',
            command: 'requires amount <= balance else Insufficient\n    emits <|Withdrawn|>'
        }),
        message: "Command Withdraw states its rules, but Withdrawn's field 'bookedAt' gets no value, so its decide stays hand-written: map it (`emits Withdrawn { bookedAt: … }`), or add a same-named field to the command.",
        at: node('Emit', 'Withdrawn', 'event'),
        good: account({
            events: 'event Withdrawn { amount: decimal, bookedAt: timestamp, note?: string }',
            command: 'requires amount <= balance else Insufficient\n    emits Withdrawn { bookedAt: now }'
        })
    },
    {
        code: IssueCodes.ScenarioWithoutWhen, severity: 'error', title: 'a scenario with neither `when` nor `expect`',
        bad: account({ after: 'scenario <|"only history"|> { given Withdrawn { amount: 1 } }' }),
        message: 'This scenario neither runs a command nor expects a read model: add `when Command { … }` and `then …`, or `expect ReadModel { … }` after the `given` events.',
        at: model => ({ node: AstUtils.streamAst(model).find(n => n.$type === 'Scenario')!, property: 'name' }),
        good: account({ after: 'scenario "only history" { given Withdrawn { amount: 1 } expect Balance }' })
    },
    {
        code: IssueCodes.ScenarioWithoutOutcome, severity: 'error', title: 'a scenario with a `when` but no outcome',
        bad: account({ after: 'scenario "withdraws" { when <|Withdraw|> { amount: 1 } }' }),
        message: 'The scenario runs Withdraw but says nothing of the outcome: add `then EventName { … }`, `then rejected ErrorName` or `expect ReadModel { … }`.',
        at: node('CommandData', 'Withdraw { amount: 1 }', 'command'),
        good: account({ after: 'scenario "withdraws" { when Withdraw { amount: 1 } then Withdrawn { amount: 1 } }' })
    },
    {
        code: IssueCodes.RejectsForeignError, severity: 'error', title: "a `requires` rejecting with another aggregate's error",
        bad: account({ command: 'requires amount > 0 else <|CardExpired|>\n    emits Withdrawn', after: 'aggregate Card {\n  id cardId: uuid\n  command Block { emits Blocked }\n  event Blocked {}\n  error CardExpired\n}\nreadmodel Cards { key cardId: uuid, on Blocked }\n' }),
        message: "CardExpired is an error of aggregate Card; a `requires` of command Withdraw can only reject with an error of its own aggregate Account: name one of Account's errors after `else` (Insufficient), or declare a new error in Account.",
        at: node('Requirement', 'requires amount > 0 else CardExpired', 'error'),
        good: account({ command: 'requires amount > 0 else Insufficient\n    emits Withdrawn', after: 'aggregate Card {\n  id cardId: uuid\n  command Block { emits Blocked }\n  event Blocked {}\n  error CardExpired\n}\nreadmodel Cards { key cardId: uuid, on Blocked }\n' })
    }
];
