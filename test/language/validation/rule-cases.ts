/**
 * One or more models per validation rule: `bad` triggers the rule exactly once, with the expected
 * range marked `<|…|>` in the text; `good` is the nearest model that must be entirely clean.
 * The table is checked to cover every issue code (see validation-rules.test.ts).
 */
import { AstUtils, type AstNode } from 'langium';
import { isCommand, isPolicy, isState, type Aggregate, type Enum, type Model, type ReadModel, type Scenario, type ValueType } from '../../../src/language/generated/ast.js';
import { IssueCodes, type IssueCode } from '../../../src/language/validation/issue-codes.js';
import { find, valueOf } from '../language-test-kit.js';
import { BEHAVIOUR_CASES } from './behaviour-rule-cases.js';

export interface Location {
    node: AstNode;
    property?: string | { name: string; index?: number };
}

export interface RuleCase {
    code: IssueCode;
    severity: 'error' | 'warning';
    title: string;
    /** One file, or several (by name); exactly one holds the `<|…|>` marker. */
    bad: string | Record<string, string>;
    message: string | RegExp;
    /** The node and property the diagnostic must sit on, in the marked file. */
    at: (model: Model) => Location;
    good?: string | Record<string, string>;
    /** How many diagnostics of this code the bad model gets in all (a clash is reported on both names). */
    fires?: number;
}

/** A clean context every case extends. */
export const BANK = `context Banking
enum Currency { EUR, USD }
enum Status { Open, Closed }
type Money { amount: decimal, currency: Currency }
aggregate Account {
  id accountId: uuid
  command OpenAccount { owner: string, currency: Currency, emits Opened }
  command Withdraw { amount: decimal, emits Withdrawn, rejects Insufficient }
  event Opened { owner: string, currency: Currency }
  event Withdrawn { amount: decimal }
  error Insufficient
}
`;

/** BANK with extra members inside the aggregate. */
function bankWith(members: string, after = ''): string {
    return BANK.replace('  error Insufficient\n', `  error Insufficient\n${members}\n`) + after;
}

/** A second aggregate in the same context. */
const CARD = `aggregate Card {
  id cardId: uuid
  command IssueCard { emits CardIssued }
  command BlockCard { emits CardBlocked, rejects CardExpired }
  event CardIssued {}
  event CardBlocked {}
  error CardExpired
}
`;

const name = (type: string, n: string) => (model: Model): Location => ({ node: find(model, type, n), property: 'name' });
const reference = (type: string, n: string, property: string, index = 0) => (model: Model): Location => clauseLocation(find(model, type, n), property, index);

/** The names of `emits` and `issues` live in clauses: the n-th name's clause. */
function clauseLocation(node: AstNode, property: string, index: number): Location {
    if (isCommand(node) && property === 'emits') return { node: node.emits[index], property: 'event' };
    if (isPolicy(node) && property === 'issues') return { node: node.issues[index], property: 'command' };
    return { node, property: { name: property, index } };
}
const value = (field: string, index = 0) => (model: Model): Location => ({ node: valueOf(model, field, index) });

/** A scenario's first given/then entry, or its `when`. */
const scenarioPart = (part: 'given' | 'then' | 'when', index = 0) => (model: Model): Location => {
    const scenario = find(model, 'Scenario') as Scenario;
    if (part === 'when') return { node: scenario.when!, property: 'command' };
    return { node: scenario[part][index], property: 'event' };
};

/** Wrong literals: the field's type, a wrong value, a right value, and a distinctive part of the message. */
const LITERALS: Array<[type: string, wrong: string, right: string, says: string]> = [
    ['string', '42', '"Ann"', 'a string in quotes'],
    ['string', 'true', '""', 'a string in quotes'],
    ['int', '1.5', '-42', 'a whole number'],
    ['int', '"3"', '3', 'a whole number'],
    ['float', 'true', '-0.5', 'a number'],
    ['float', '"1.5"', '1e3', 'a number'],
    ['decimal', '"12.50"', '12.50', 'a number, such as 150 or 12.50'],
    ['boolean', '"yes"', 'false', 'true or false'],
    ['boolean', '1', 'true', 'true or false'],
    ['timestamp', '"2026-01-31"', '"2026-01-31T09:30:00Z"', 'an ISO-8601 timestamp'],
    ['timestamp', '"2026-01-31T25:00:00Z"', '"2026-01-31T09:30:00.123+01:00"', 'an ISO-8601 timestamp'],
    ['timestamp', '1769848200', '"2026-01-31T09:30Z"', 'an ISO-8601 timestamp'],
    ['date', '"2026-02-30"', '"2024-02-29"', 'an ISO-8601 date'],
    ['date', '"31.01.2026"', '"2026-12-31"', 'an ISO-8601 date'],
    ['date', '"2026-01-31T09:30:00Z"', '"2026-01-01"', 'an ISO-8601 date'],
    ['uuid', '"not-a-uuid"', '"4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f"', 'a UUID in quotes'],
    ['uuid', '42', '"4F9C1D2E-8A7B-4C3D-9E1F-0A2B3C4D5E6F"', 'a UUID in quotes'],
    ['Currency', '"EUR"', 'EUR', 'a member of enum Currency (EUR, USD)'],
    ['Currency', '1', 'USD', 'a member of enum Currency (EUR, USD)'],
    ['Money', '5', '{ amount: 5, currency: EUR }', 'a Money object: write { amount: …, currency: … }'],
    ['string[]', '"a"', '["a", "b"]', 'is a list of string: write the value in brackets'],
    ['int[]', '[1, <|"2"|>]', '[1, -2, 3,]', 'a whole number'],
    ['Currency[]', 'EUR', '[EUR, USD]', 'is a list of Currency'],
    ['Money[]', '[{ amount: 1, currency: EUR }, <|2|>]', '[{ amount: 1, currency: EUR }, { amount: 2.5, currency: USD }]', 'a Money object'],
    ['string', '["a"]', '"a"', 'is a single string, not a list: remove the brackets'],
    ['Money', '{ amount: <|"x"|>, currency: EUR }', '{ currency: USD, amount: 0 }', 'a number']
];

function marks(text: string): string {
    return text.includes('<|') ? text : `<|${text}|>`;
}

const STRUCTURE_AND_DATA_CASES: RuleCase[] = [
    // --- Structure --------------------------------------------------------------------------
    {
        code: IssueCodes.MissingContext, severity: 'error', title: 'a file without `context`',
        bad: 'enum <|Currency|> { EUR }',
        message: 'This file has no bounded context: start it with `context Name`',
        at: name('Enum', 'Currency'),
        good: 'context Banking\nenum Currency { EUR }'
    },
    {
        code: IssueCodes.MisplacedContext, severity: 'error', title: '`context` after other declarations',
        bad: 'enum Currency { EUR }\ncontext <|Banking|>',
        message: '`context` must be the first declaration of the file: move it to the top.',
        at: name('ContextDeclaration', 'Banking'),
        good: 'context Banking\nenum Currency { EUR }'
    },
    {
        code: IssueCodes.MisplacedContext, severity: 'error', title: 'a second `context` in one file',
        bad: 'context Banking\nenum Currency { EUR }\ncontext <|Cards|>\nenum Brand { Visa }',
        message: 'This file already belongs to context Banking: a file has exactly one `context` line.',
        at: name('ContextDeclaration', 'Cards')
    },
    {
        code: IssueCodes.MissingStreamId, severity: 'error', title: 'an aggregate without id',
        bad: 'context Banking\naggregate <|BankAccount|> {\n  command Open { emits Opened }\n  event Opened {}\n}',
        message: 'Aggregate BankAccount has no stream id: add one line `id bankAccountId: uuid` to it.',
        at: name('Aggregate', 'BankAccount'),
        good: 'context Banking\naggregate BankAccount {\n  id bankAccountId: uuid\n  command Open { emits Opened }\n  event Opened {}\n}'
    },
    {
        code: IssueCodes.ExtraStreamId, severity: 'error', title: 'an aggregate with two ids',
        bad: bankWith('  id <|number|>: int'),
        message: "Aggregate Account already has the stream id 'accountId': an aggregate has exactly one.",
        at: name('StreamId', 'number'),
        good: BANK
    },
    {
        code: IssueCodes.InvalidIdType, severity: 'error', title: 'a stream id that is no uuid, string or int',
        bad: BANK.replace('id accountId: uuid', 'id accountId: <|decimal|>'),
        message: "A stream id must be a uuid, string or int (it names the event stream); 'accountId' is not.",
        at: model => ({ node: find(model, 'StreamId'), property: 'type' }),
        good: BANK.replace('id accountId: uuid', 'id accountId: string')
    },
    {
        code: IssueCodes.InvalidIdType, severity: 'error', title: 'a stream id that is a list',
        bad: BANK.replace('id accountId: uuid', 'id accountId: <|uuid[]|>'),
        message: 'A stream id must be a uuid, string or int',
        at: model => ({ node: find(model, 'StreamId'), property: 'type' }),
        good: BANK.replace('id accountId: uuid', 'id accountId: int')
    },
    {
        code: IssueCodes.InvalidIdType, severity: 'error', title: 'a read-model key of a value type',
        bad: `${BANK}readmodel Summary { key accountId: <|Money|>, on Opened }`,
        message: "A read-model key must be a uuid, string or int (it identifies the document); 'accountId' is not.",
        at: model => ({ node: find(model, 'ReadModelKey'), property: 'type' })
    },
    {
        code: IssueCodes.MissingEmits, severity: 'error', title: 'a command without emits',
        bad: bankWith('  command <|Close|> { reason: string, rejects Insufficient }'),
        message: 'Command Close emits nothing: add `emits EventName` with the event(s) it records.',
        at: name('Command', 'Close'),
        good: bankWith('  command Close { reason: string, rejects Insufficient, emits Withdrawn }')
    },
    {
        code: IssueCodes.EmitsForeignEvent, severity: 'error', title: "a command emitting another aggregate's event",
        bad: BANK + CARD.replace('command IssueCard { emits CardIssued }', 'command IssueCard { emits CardIssued, <|Opened|> }'),
        message: 'Opened is an event of aggregate Account; command IssueCard can only emit events of its own aggregate Card.',
        at: reference('Command', 'IssueCard', 'emits', 1),
        good: BANK + CARD
    },
    {
        code: IssueCodes.RejectsForeignError, severity: 'error', title: "a command rejecting with another aggregate's error",
        bad: BANK + CARD.replace('rejects CardExpired', 'rejects CardExpired, <|Insufficient|>'),
        message: 'Insufficient is an error of aggregate Account; command BlockCard can only reject with errors of its own aggregate Card.',
        at: reference('Command', 'BlockCard', 'rejects', 1),
        good: BANK + CARD
    },
    ...['0', '1.5', '-1', '02'].map((version): RuleCase => ({
        code: IssueCodes.InvalidVersion, severity: 'error', title: `event version ${version}`,
        bad: BANK.replace('event Withdrawn {', `event Withdrawn version <|${version}|> {`),
        message: `An event version is a whole number from 1 up; '${version}' is not.`,
        at: model => ({ node: find(model, 'Event', 'Withdrawn'), property: 'version' }),
        good: BANK.replace('event Withdrawn { amount: decimal }', 'event Withdrawn version 2 { amount: decimal }\n  upcast Withdrawn from 1 { amount: decimal } {}')
    })),
    {
        code: IssueCodes.ExtraReadModelKey, severity: 'error', title: 'a read model with two keys',
        bad: `${BANK}readmodel Summary {\n  key accountId: uuid\n  key <|owner|>: string\n  on Opened\n}`,
        message: "Read model Summary already has the key 'accountId': a read model has at most one key. Make this a plain field.",
        at: name('ReadModelKey', 'owner'),
        good: `${BANK}readmodel Summary {\n  key accountId: uuid\n  owner: string\n  on Opened, Withdrawn\n}`
    },
    {
        code: IssueCodes.KeyNotSupplied, severity: 'error', title: 'a read-model key an event cannot supply',
        bad: `${BANK}readmodel ByOwner { key owner: string, on Opened, <|Withdrawn|> }`,
        message: "Event Withdrawn cannot supply the key 'owner' of read model ByOwner: add a field `owner: string` to the event, or handle it in a read model keyed by its aggregate's id 'accountId'.",
        at: reference('ReadModel', 'ByOwner', 'handles', 1),
        good: `${BANK}readmodel ByOwner { key owner: string, on Opened }\nreadmodel ById { key accountId: uuid, on Opened, Withdrawn }`
    },
    {
        code: IssueCodes.KeyNotSupplied, severity: 'error', title: 'a read-model key of another type than the event field',
        bad: `${BANK}readmodel ByAmount { key amount: int, on <|Withdrawn|> }`,
        message: "Event Withdrawn has 'amount' as decimal, but read model ByAmount keys on 'amount: int': make the types match.",
        at: reference('ReadModel', 'ByAmount', 'handles', 0)
    },
    {
        code: IssueCodes.KeyNotSupplied, severity: 'error', title: 'a read-model key of another type than the stream id',
        bad: `${BANK}readmodel ById { key accountId: string, on <|Opened|> }`,
        message: "Event Opened has 'accountId' as uuid, but read model ById keys on 'accountId: string'",
        at: reference('ReadModel', 'ById', 'handles', 0)
    },
    {
        code: IssueCodes.PolicyWithoutTrigger, severity: 'error', title: 'a policy without `on`',
        bad: `${BANK}policy <|Again|> { issues Withdraw }`,
        message: 'Policy Again reacts to nothing: add `on EventName` with the event(s) that trigger it.',
        at: name('Policy', 'Again'),
        good: `${BANK}policy Again { on Withdrawn, Opened issues Withdraw }`
    },
    {
        code: IssueCodes.PolicyWithoutCommand, severity: 'error', title: 'a policy without `issues`',
        bad: `${BANK}policy <|Again|> { on Withdrawn }`,
        message: 'Policy Again issues no command: add `issues CommandName` with the command(s) it sends.',
        at: name('Policy', 'Again'),
        good: `${BANK}policy Again { on Withdrawn, Opened issues Withdraw }`
    },

    // --- References across contexts -----------------------------------------------------------
    {
        code: IssueCodes.CrossContextReference, severity: 'error', title: "a policy issuing another context's command",
        bad: { 'banking.loom': BANK, 'sales.loom': 'context Sales\npolicy Upsell { on Banking.Opened issues <|Banking.Withdraw|> }' },
        message: "'Banking.Withdraw' is a command of context Banking: another context may only consume its events.",
        at: reference('Policy', 'Upsell', 'issues', 0),
        good: {
            'banking.loom': BANK,
            'sales.loom': 'context Sales\naggregate Lead { id leadId: uuid\n  command CreateLead { emits LeadCreated }\n  event LeadCreated {} }\npolicy Upsell { on Banking.Opened issues CreateLead }\nreadmodel Customers { key accountId: uuid, owner: string, on Banking.Opened, Banking.Withdrawn }'
        }
    },
    {
        code: IssueCodes.HandledEventNameClash, severity: 'error', title: 'a read model handling two same-named events of different contexts',
        bad: { 'banking.loom': BANK, 'sales.loom': 'context Sales\naggregate Lead { id accountId: uuid\n  command OpenLead { emits Opened }\n  event Opened { owner: string } }\nreadmodel Customers { key accountId: uuid, on Opened, <|Banking.Opened|> }' },
        message: "Read model Customers handles two events named Opened ('Opened' and 'Banking.Opened'); their generated handlers would clash. Handle one of them in another read model.",
        at: reference('ReadModel', 'Customers', 'handles', 1),
        good: { 'banking.loom': BANK, 'sales.loom': 'context Sales\naggregate Lead { id accountId: uuid\n  command OpenLead { emits LeadOpened }\n  event LeadOpened { owner: string } }\nreadmodel Customers { key accountId: uuid, on LeadOpened, Banking.Opened, Banking.Withdrawn }' }
    },
    {
        code: IssueCodes.CrossContextReference, severity: 'error', title: "a command rejecting with another context's error, second in its list",
        bad: { 'banking.loom': BANK, 'sales.loom': 'context Sales\naggregate Lead { id leadId: uuid\n  command CreateLead { emits LeadCreated, rejects Taken, <|Banking.Insufficient|> }\n  event LeadCreated {}\n  error Taken }' },
        message: "'Banking.Insufficient' is an error of context Banking: another context may only consume its events.",
        at: reference('Command', 'CreateLead', 'rejects', 1)
    },
    {
        code: IssueCodes.CrossContextReference, severity: 'error', title: "a field typed with another context's type",
        bad: { 'banking.loom': BANK, 'sales.loom': 'context Sales\ntype Offer { price: <|Banking.Money|> }' },
        message: "'Banking.Money' is a type of context Banking: another context may only consume its events.",
        at: model => ({ node: find(model, 'TypeReference'), property: 'dataType' })
    },
    {
        code: IssueCodes.CrossContextReference, severity: 'error', title: "a query returning another context's read model",
        bad: { 'banking.loom': `${BANK}readmodel Summary { key accountId: uuid, on Opened }`, 'sales.loom': 'context Sales\nquery Peek { accountId: uuid } returns <|Banking.Summary|>' },
        message: "'Banking.Summary' is a read model of context Banking",
        at: model => ({ node: find(model, 'Query', 'Peek'), property: 'returns' })
    },
    {
        code: IssueCodes.CrossContextReference, severity: 'error', title: "a scenario running another context's command",
        bad: { 'banking.loom': BANK, 'sales.loom': 'context Sales\nscenario "foreign" { when <|Banking.Withdraw|> { amount: 1 } then Banking.Withdrawn }' },
        message: "'Banking.Withdraw' is a command of context Banking",
        at: scenarioPart('when')
    },

    // --- Names ------------------------------------------------------------------------------------
    {
        code: IssueCodes.DuplicateName, severity: 'error', title: 'the same enum declared in two files of one context', fires: 2,
        bad: { 'a.loom': 'context Banking\nenum Currency { EUR }', 'b.loom': 'context Banking\n\nenum <|Currency|> { USD }' },
        message: "Duplicate enum 'Currency' in context Banking: another is declared in a.loom, line 2. Rename or remove one.",
        at: name('Enum', 'Currency'),
        good: { 'a.loom': 'context Banking\nenum Currency { EUR }', 'b.loom': 'context Cards\nenum Currency { USD }' }
    },
    {
        code: IssueCodes.DuplicateName, severity: 'error', title: 'the same enum twice in one file', fires: 2,
        bad: 'context Banking\nenum Currency { EUR }\nenum <|Currency|> { USD }',
        message: "Duplicate enum 'Currency' in context Banking: another is declared on line 2 of this file. Rename or remove one.",
        at: model => ({ node: model.elements[1], property: 'name' })
    },
    {
        code: IssueCodes.DuplicateName, severity: 'error', title: 'the same command in two aggregates of one context', fires: 2,
        bad: { 'a.loom': BANK, 'b.loom': `context Banking\n${CARD.replace('command IssueCard { emits CardIssued }', 'command IssueCard { emits CardIssued }\n  command <|Withdraw|> { emits CardIssued }')}` },
        message: "Duplicate command 'Withdraw' in context Banking: another is declared in a.loom, line 8.",
        at: name('Command', 'Withdraw'),
        good: { 'a.loom': BANK, 'b.loom': `context Banking\n${CARD}` }
    },
    {
        code: IssueCodes.DuplicateName, severity: 'error', title: 'two scenarios with one description',
        bad: `${BANK}scenario "withdraws" { when Withdraw { amount: 1 } then Withdrawn }\nscenario <|"withdraws"|> { when Withdraw { amount: 2 } then Withdrawn }`,
        message: 'Another scenario in this file is already called "withdraws": give each scenario its own description.',
        at: model => ({ node: model.elements.filter(e => e.$type === 'Scenario')[1], property: 'name' }),
        good: `${BANK}scenario "withdraws" { when Withdraw { amount: 1 } then Withdrawn }\nscenario "withdraws twice" { when Withdraw { amount: 2 } then Withdrawn }`
    },
    {
        code: IssueCodes.DuplicateField, severity: 'error', title: 'two fields of one name',
        bad: BANK.replace('type Money { amount: decimal, currency: Currency }', 'type Money { amount: decimal, currency: Currency, <|amount|>: int }'),
        message: "The type Money already has a field 'amount': rename or remove this one.",
        at: model => ({ node: (find(model, 'ValueType', 'Money') as ValueType).fields[2], property: 'name' })
    },
    {
        code: IssueCodes.DuplicateField, severity: 'error', title: 'a read-model field named like its key',
        bad: `${BANK}readmodel Summary { key accountId: uuid, <|accountId|>: uuid, on Opened }`,
        message: "The read model Summary already has a field 'accountId'",
        at: model => ({ node: (find(model, 'ReadModel', 'Summary') as ReadModel).fields[0], property: 'name' })
    },
    {
        code: IssueCodes.DuplicateField, severity: 'error', title: 'the same state field in two state blocks',
        bad: bankWith('  state { status: Status = Open }\n  state { <|status|>: Status = Closed }'),
        message: "The state of aggregate Account already has a field 'status'",
        at: model => ({ node: (find(model, 'Aggregate', 'Account') as Aggregate).members.filter(isState)[1].fields[0], property: 'name' }),
        good: bankWith('  state { status: Status = Open }\n  state { balance: decimal = 0 }')
    },
    {
        code: IssueCodes.DuplicateField, severity: 'error', title: 'one field given twice in scenario data',
        bad: `${BANK}scenario "twice" { when Withdraw { amount: 1, <|amount|>: 2 } then Withdrawn }`,
        message: "'amount' is given twice: keep one value.",
        at: model => ({ node: (find(model, 'Scenario') as Scenario).when!.data!.entries[1], property: 'field' })
    },
    {
        code: IssueCodes.DuplicateEnumMember, severity: 'error', title: 'an enum member listed twice',
        bad: BANK.replace('enum Currency { EUR, USD }', 'enum Currency { EUR, USD, <|EUR|> }'),
        message: "Enum Currency already has the member 'EUR': remove the duplicate.",
        at: model => ({ node: (find(model, 'Enum', 'Currency') as Enum).members[2], property: 'name' }),
        good: BANK
    },
    {
        code: IssueCodes.DuplicateReference, severity: 'warning', title: 'an event listed twice in `emits`',
        bad: BANK.replace('emits Withdrawn,', 'emits Withdrawn, <|Withdrawn|>,'),
        message: "'Withdrawn' is listed twice: remove the repetition.",
        at: reference('Command', 'Withdraw', 'emits', 1)
    },
    {
        code: IssueCodes.DuplicateReference, severity: 'warning', title: 'an event listed twice in a read model',
        bad: `${BANK}readmodel Summary { key accountId: uuid\n  on Opened, Withdrawn\n  on <|Opened|> }`,
        message: "'Opened' is listed twice",
        at: reference('ReadModel', 'Summary', 'handles', 2)
    },
    {
        code: IssueCodes.TypeScriptNameClash, severity: 'error', title: 'an error named like an event', fires: 2,
        bad: bankWith('  error <|Withdrawn|>'),
        message: "'Withdrawn' is already an event in context Banking (on line 10 of this file); an error of the same name would clash in the generated TypeScript. Rename one.",
        at: name('DomainError', 'Withdrawn'),
        good: bankWith('  error WithdrawalFailed')
    },
    {
        code: IssueCodes.TypeScriptNameClash, severity: 'error', title: "an event named like the aggregate's generated union",
        bad: bankWith('  event <|AccountEvent|> {}\n  command Log { emits AccountEvent }'),
        message: "'AccountEvent' clashes with the type generated for aggregate Account (AccountEvent): rename this event.",
        at: name('Event', 'AccountEvent'),
        good: bankWith('  event AccountLogged {}\n  command Log { emits AccountLogged }')
    },
    {
        code: IssueCodes.TypeScriptNameClash, severity: 'error', title: "a type named like a query's generated result",
        bad: `${BANK}readmodel Summary { key accountId: uuid, on Opened }\nquery GetSummary { accountId: uuid } returns Summary\ntype <|GetSummaryResult|> { x: int }`,
        message: "'GetSummaryResult' clashes with the type generated for query GetSummary (GetSummaryResult): rename this type.",
        at: name('ValueType', 'GetSummaryResult')
    },
    ...['class', 'function', 'var', 'number', 'any', 'interface'].map((word): RuleCase => ({
        code: IssueCodes.ReservedName, severity: 'error', title: `'${word}' as a type name`,
        bad: `context Banking\ntype <|${word}|> { ${word}: string }`,
        message: `'${word}' is a reserved word in TypeScript and cannot name a type: rename it`,
        at: name('ValueType', word),
        good: `context Banking\ntype Thing { ${word}: string, enum: int, type?: boolean }`
    })),
    // `{ __proto__: … }` keeps no field in JavaScript: the generated code rejected what the interpreter accepted (hostile-input review, issue 9 item 5).
    {
        code: IssueCodes.ReservedName, severity: 'error', title: "'__proto__' as a field name",
        bad: BANK.replace('event Withdrawn { amount: decimal }', 'event Withdrawn { amount: decimal, <|__proto__|>: int }'),
        message: "'__proto__' cannot name a field: in the generated JavaScript, `{ __proto__: … }` sets an object's prototype instead of keeping a value. Rename it (for example 'proto').",
        at: name('Field', '__proto__'),
        good: BANK.replace('event Withdrawn { amount: decimal }', 'event Withdrawn { amount: decimal, proto: int, constructor: int, toString: int }')
    },
    {
        code: IssueCodes.ReservedName, severity: 'error', title: "'__proto__' as a stream id",
        bad: BANK.replace('id accountId: uuid', 'id <|__proto__|>: uuid'),
        message: "'__proto__' cannot name a field: in the generated JavaScript, `{ __proto__: … }` sets an object's prototype instead of keeping a value. Rename it (for example 'proto').",
        at: name('StreamId', '__proto__')
    },
    {
        code: IssueCodes.ReservedName, severity: 'error', title: "'__proto__' as a read model key",
        bad: `${BANK}readmodel Accounts { key <|__proto__|>: uuid, on Opened }`,
        message: "'__proto__' cannot name a field: in the generated JavaScript, `{ __proto__: … }` sets an object's prototype instead of keeping a value. Rename it (for example 'proto').",
        at: name('ReadModelKey', '__proto__')
    },
    {
        code: IssueCodes.ReservedName, severity: 'error', title: "'__proto__' as an enum member",
        bad: BANK.replace('enum Status { Open, Closed }', 'enum Status { Open, Closed, <|__proto__|> }'),
        message: "'__proto__' cannot name an enum member: in the generated JavaScript, `{ __proto__: … }` sets an object's prototype instead of keeping a value. Rename it (for example 'proto').",
        at: model => ({ node: (find(model, 'Enum', 'Status') as Enum).members[2], property: 'name' })
    },
    {
        code: IssueCodes.ReservedName, severity: 'error', title: "'__proto__' as an event name",
        bad: bankWith('  event <|__proto__|> {}\n  command Log { emits __proto__ }'),
        message: "'__proto__' cannot name an event: in the generated JavaScript, `{ __proto__: … }` sets an object's prototype instead of keeping a value. Rename it (for example 'proto').",
        at: name('Event', '__proto__')
    },
    {
        code: IssueCodes.ReservedName, severity: 'error', title: 'a reserved word as a context name',
        bad: 'context <|package|>\nenum Currency { EUR }',
        message: "'package' is a reserved word in TypeScript and cannot name a context: rename it (for example 'PackageContext').",
        at: name('ContextDeclaration', 'package')
    },
    {
        code: IssueCodes.ReservedName, severity: 'error', title: 'a reserved word as an event name',
        bad: bankWith('  event <|class|> {}\n  command Remove { emits class }'),
        message: "'class' is a reserved word in TypeScript and cannot name an event",
        at: name('Event', 'class')
    },
    {
        code: IssueCodes.ReservedName, severity: 'error', title: 'a TypeScript built-in as an enum name',
        bad: 'context Banking\nenum <|Promise|> { Kept, Broken }',
        message: "'Promise' is a TypeScript built-in the generated code relies on; an enum of that name would shadow it. Rename it (for example 'DomainPromise').",
        at: name('Enum', 'Promise'),
        good: 'context Banking\nenum Pledge { Kept, Broken }'
    },
    {
        code: IssueCodes.FileNameClash, severity: 'error', title: 'two read models mapping to one file', fires: 2,
        bad: `${BANK}readmodel AccountView { on Opened }\nreadmodel <|Account_View|> { on Opened }`,
        message: "'Account_View' and 'AccountView' would both be generated into 'account-view.projection.ts': rename one so their kebab-case file names differ.",
        at: name('ReadModel', 'Account_View'),
        good: `${BANK}readmodel AccountView { on Opened, Withdrawn }\nreadmodel AccountList { on Opened, Withdrawn }`
    },
    {
        // The CLI fuzz (seed 20261201, cases 4643 and 4725): generate failed with ENAMETOOLONG.
        code: IssueCodes.FileNameClash, severity: 'error', title: 'a name too long for the file generated from it',
        bad: `${BANK}readmodel <|${'Long'.repeat(63)}|> { on Opened }`,
        message: `The read model name '${'Long'.repeat(10)}…' is too long for the file generated from it: '${'long-'.repeat(8)}…' would have ${63 * 5 - 1 + '.projection.ts'.length} characters, and file systems allow 255. Shorten the name.`,
        at: name('ReadModel', 'Long'.repeat(63)),
        good: `${BANK}readmodel ${'Long'.repeat(12)} { on Opened, Withdrawn }`
    },
    {
        code: IssueCodes.FileNameClash, severity: 'error', title: 'two aggregates mapping to one file, across files', fires: 2,
        bad: { 'a.loom': BANK, 'b.loom': 'context Banking\naggregate <|ACCOUNT|> { id x: uuid\n  command Touch { emits Touched }\n  event Touched {} }' },
        message: "'ACCOUNT' and 'Account' would both be generated into 'account.ts'",
        at: name('Aggregate', 'ACCOUNT')
    },
    {
        code: IssueCodes.FileNameClash, severity: 'error', title: "an aggregate mapping onto the context's index file",
        bad: 'context Banking\naggregate <|Index|> { id indexId: uuid\n  command Touch { emits Touched }\n  event Touched {} }',
        message: "The aggregate 'Index' would be generated into 'index.ts', a file Eventloom writes for every context: rename it.",
        at: name('Aggregate', 'Index'),
        good: 'context Banking\naggregate Catalogue { id catalogueId: uuid\n  command Touch { emits Touched }\n  event Touched {} }'
    },
    {
        code: IssueCodes.FileNameClash, severity: 'error', title: 'two contexts mapping to one folder', fires: 2,
        bad: { 'a.loom': 'context HTTPServer\nenum Verb { Get }', 'b.loom': 'context <|HttpServer|>\nenum Code { Ok }' },
        message: "Contexts 'HttpServer' and 'HTTPServer' would both generate into the folder 'http-server/'",
        at: name('ContextDeclaration', 'HttpServer'),
        good: { 'a.loom': 'context HttpServer\nenum Verb { Get }', 'b.loom': 'context HttpServer\nenum Code { Ok }' }
    },
    {
        code: IssueCodes.NotPascalCase, severity: 'warning', title: 'a command in camelCase',
        bad: BANK.replace(/OpenAccount/g, '<|openAccount|>'),
        message: "Command names are PascalCase: rename 'openAccount' to 'OpenAccount'.",
        at: name('Command', 'openAccount'),
        good: BANK
    },
    {
        code: IssueCodes.NotPascalCase, severity: 'warning', title: 'a read model in snake_case',
        bad: `${BANK}readmodel <|account_summary|> { on Opened }`,
        message: "Read model names are PascalCase: rename 'account_summary' to 'AccountSummary'.",
        at: name('ReadModel', 'account_summary')
    },

    // --- Literals ---------------------------------------------------------------------------
    ...LITERALS.map(([type, wrong, right, says]): RuleCase => ({
        code: IssueCodes.WrongLiteralType, severity: 'error', title: `default ${wrong.replace(/<\||\|>/g, '')} for a ${type}`,
        bad: `${BANK}readmodel Sample { on Opened\n  value: ${type} = ${marks(wrong)} }`,
        message: says,
        at: model => {
            const place = valueOf(model, 'value');
            const inner = /<\|/.test(wrong) ? innermostMarked(place, wrong) : place;
            return { node: inner };
        },
        good: `${BANK}readmodel Sample { on Opened, Withdrawn\n  value: ${type} = ${right} }`
    })),
    {
        code: IssueCodes.WrongLiteralType, severity: 'error', title: 'a string where scenario data needs a decimal',
        bad: `${BANK}scenario "s" { when Withdraw { amount: <|"lots"|> } then Withdrawn }`,
        message: "'amount' expects a number, such as 150 or 12.50.",
        at: value('amount'),
        good: `${BANK}scenario "s" { when Withdraw { amount: -150.25 } then Withdrawn }`
    },
    {
        code: IssueCodes.WrongLiteralType, severity: 'error', title: 'a wrong nested value in `given` data',
        bad: bankWith('  command Deposit { money: Money, emits Deposited }\n  event Deposited { money: Money }',
            'scenario "s" {\n  given Deposited { money: { amount: 1, currency: <|"EUR"|> } }\n  when Withdraw { amount: 1 }\n  then Withdrawn\n}'),
        message: "'currency' expects a member of enum Currency (EUR, USD).",
        at: value('currency'),
        good: bankWith('  command Deposit { money: Money, emits Deposited }\n  event Deposited { money: Money }',
            'scenario "s" {\n  given Deposited { money: { amount: 1, currency: EUR } }\n  when Withdraw { amount: 1 }\n  then Withdrawn\n}')
    },

    // --- Scenarios -------------------------------------------------------------------------
    {
        code: IssueCodes.MissingRequiredField, severity: 'error', title: 'a `given` event without a required field',
        bad: `${BANK}scenario "s" {\n  given <|Opened|> { owner: "Ann" }\n  when Withdraw { amount: 1 }\n  then Withdrawn\n}`,
        message: 'Opened is missing the required field currency: a `given` event must carry every field that is neither optional (`?`) nor has a default.',
        at: scenarioPart('given'),
        good: `${BANK}scenario "s" {\n  given Opened { owner: "Ann", currency: EUR }\n  when Withdraw { amount: 1 }\n  then Withdrawn\n}`
    },
    {
        code: IssueCodes.MissingRequiredField, severity: 'error', title: 'a `when` command without its data',
        bad: `${BANK}scenario "s" { when <|OpenAccount|> then Opened }`,
        message: 'OpenAccount is missing the required fields owner, currency: the `when` command must carry every field',
        at: scenarioPart('when'),
        good: `${BANK}scenario "s" { when OpenAccount { currency: USD, owner: "Bo" } then Opened }`
    },
    {
        code: IssueCodes.MissingRequiredField, severity: 'error', title: 'an incomplete value object in a default',
        bad: `${BANK}readmodel Sample { on Opened\n  limit: Money = <|{ amount: 100 }|> }`,
        message: 'This Money is missing the required field currency: add it to the object.',
        at: value('limit'),
        good: `${BANK}readmodel Sample { on Opened, Withdrawn\n  limit: Money = { amount: 100, currency: EUR } }`
    },
    {
        code: IssueCodes.GivenEventOfOtherAggregate, severity: 'error', title: "a `given` event of another aggregate",
        bad: `${BANK}${CARD}scenario "s" {\n  given Opened { owner: "Ann", currency: EUR }, <|CardIssued|>\n  when Withdraw { amount: 1 }\n  then Withdrawn\n}`,
        message: 'CardIssued is an event of aggregate Card, but Withdraw is handled by Account: the `given` history must be events of Account.',
        at: scenarioPart('given', 1),
        good: `${BANK}${CARD}scenario "s" {\n  given CardIssued\n  when BlockCard\n  then CardBlocked\n}`
    },
    {
        code: IssueCodes.ThenEventNotEmitted, severity: 'error', title: 'a `then` event the command does not emit',
        bad: `${BANK}scenario "s" { when Withdraw { amount: 1 } then Withdrawn, <|Opened|> }`,
        message: 'Withdraw does not emit Opened (it emits Withdrawn): expect one of those, or add Opened to its `emits`.',
        at: scenarioPart('then', 1)
    },
    {
        code: IssueCodes.RejectionNotDeclared, severity: 'error', title: 'a rejection of a command that rejects nothing',
        bad: `${BANK}scenario "s" { when OpenAccount { owner: "Ann", currency: EUR } then rejected <|Insufficient|> }`,
        message: 'OpenAccount declares no rejections: add `rejects Insufficient` to the command.',
        at: model => ({ node: find(model, 'Scenario'), property: 'rejection' }),
        good: `${BANK}scenario "s" { when Withdraw { amount: 1 } then rejected Insufficient }`
    },
    {
        code: IssueCodes.RejectionNotDeclared, severity: 'error', title: 'a rejection the command does not declare',
        bad: `${bankWith('  error Frozen')}scenario "s" { when Withdraw { amount: 1 } then rejected <|Frozen|> }`,
        message: 'Withdraw does not reject with Frozen (it rejects Insufficient): expect one of those, or add Frozen to its `rejects`.',
        at: model => ({ node: find(model, 'Scenario'), property: 'rejection' })
    },

    // --- Warnings about the flow ------------------------------------------------------------
    {
        code: IssueCodes.EventNeverEmitted, severity: 'warning', title: 'an event no command emits',
        bad: bankWith('  event <|Closed|> {}'),
        message: 'No command emits Closed: add it to the `emits` of a command of Account, or remove the event.',
        at: name('Event', 'Closed'),
        good: bankWith('  event Closed {}\n  command Close { emits Closed }')
    },
    {
        code: IssueCodes.ReadModelWithoutEvents, severity: 'warning', title: 'a read model fed by no event',
        bad: `${BANK}readmodel <|Summary|> { key accountId: uuid, owner: string }`,
        message: 'Read model Summary handles no events, so it stays empty: add `on EventName` with the events that fill it.',
        at: name('ReadModel', 'Summary'),
        good: `${BANK}readmodel Summary { key accountId: uuid, owner: string, on Opened, Withdrawn }`
    },
    {
        code: IssueCodes.EventWithoutEffect, severity: 'warning', title: 'an event the read side skips, on an aggregate without state',
        bad: `${BANK.replace('event Withdrawn', 'event <|Withdrawn|>')}readmodel Summary { key accountId: uuid, owner: string, on Opened }`,
        message: 'Nothing reads Withdrawn: no read model or policy handles it (unlike Opened) and aggregate Account keeps no state. '
            + 'Handle it (`on Withdrawn` in a read model or policy) or give Account state that it changes.',
        at: name('Event', 'Withdrawn'),
        good: `${BANK}readmodel Summary { key accountId: uuid, owner: string, on Opened }\npolicy Refill { on Withdrawn issues Withdraw }`
    },
    {
        code: IssueCodes.EventWithoutEffect, severity: 'warning', title: 'an event the read side skips, corrected by state that it changes',
        bad: `${BANK.replace('event Withdrawn', 'event <|Withdrawn|>')}readmodel Summary { key accountId: uuid, owner: string, on Opened }`,
        message: /^Nothing reads Withdrawn: .* Handle it \(`on Withdrawn` in a read model or policy\) or give Account state that it changes\.$/,
        at: name('Event', 'Withdrawn'),
        good: `${bankWith('  state { balance: decimal = 0 }')}readmodel Summary { key accountId: uuid, owner: string, on Opened }`
    },
    {
        code: IssueCodes.EventWithoutEffect, severity: 'warning', title: "an event skipped by another context's read side, which may handle it as `Other.Event`",
        bad: {
            'banking.loom': BANK.replace('event Withdrawn', 'event <|Withdrawn|>'),
            'sales.loom': 'context Sales\nreadmodel Customers { key accountId: uuid, owner: string, on Banking.Opened }'
        },
        message: 'Nothing reads Withdrawn: no read model or policy handles it (unlike Opened) and aggregate Account keeps no state. '
            + 'Handle it (`on Withdrawn` in a read model or policy) or give Account state that it changes.',
        at: name('Event', 'Withdrawn'),
        good: {
            'banking.loom': BANK,
            'sales.loom': 'context Sales\nreadmodel Customers { key accountId: uuid, owner: string, on Banking.Opened }\nreadmodel Withdrawals { key accountId: uuid, amount: decimal, on Banking.Withdrawn }'
        }
    }
];

/** For literals whose marked part is nested (a list item, an object entry): the marked node inside. */
function innermostMarked(place: AstNode, wrong: string): AstNode {
    const markedText = /<\|(.*?)\|>/.exec(wrong)![1];
    const found = [...streamAll(place)].find(node => node.$cstNode?.text === markedText && node.$type.endsWith('Literal'));
    if (!found) throw new Error(`No literal ${markedText}`);
    return found;
}

function* streamAll(node: AstNode): Generator<AstNode> {
    yield node;
    for (const value of Object.values(node)) {
        const children = Array.isArray(value) ? value : [value];
        for (const child of children) {
            if (child && typeof child === 'object' && '$type' in child && child.$container === node) yield* streamAll(child as AstNode);
        }
    }
}

/** The `index`-th node of a type, in document order. */
function nth(model: Model, type: string, index: number): AstNode {
    return AstUtils.streamAst(model).filter(node => node.$type === type).toArray()[index];
}

/** Event versions and upcasts (DESIGN §2d); test/language/validation/evolution.test.ts has the wording in full. */
const VERSIONED = (members: string) => BANK.replace('  event Withdrawn { amount: decimal }\n', `  event Withdrawn version 2 { amount: decimal, note: string }\n${members}\n`);
const EVOLUTION_CASES: RuleCase[] = [
    {
        code: IssueCodes.MissingUpcast, severity: 'error', title: 'a version without the upcast from the one before',
        bad: BANK.replace('event Withdrawn {', 'event Withdrawn version <|2|> {'),
        message: 'Withdrawn is version 2, but nothing turns its stored version 1 into 2',
        at: model => ({ node: find(model, 'Event', 'Withdrawn'), property: 'version' }),
        good: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }')
    },
    {
        code: IssueCodes.UpcastWithoutVersion, severity: 'error', title: 'an upcast of an event without a version',
        bad: bankWith('  upcast <|Opened|> from 1 { owner: string } {}'),
        message: 'Event Opened has no version, so there is nothing to upcast to',
        at: model => ({ node: find(model, 'Upcast'), property: 'event' }),
        good: BANK
    },
    {
        code: IssueCodes.UpcastFromInvalidVersion, severity: 'error', title: 'an upcast from the current version',
        bad: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }\n  upcast Withdrawn from <|2|> { amount: decimal } {}'),
        message: 'Withdrawn is version 2: an upcast starts from an older version, 1 to 1, not 2.',
        at: model => ({ node: nth(model, 'Upcast', 1), property: 'fromVersion' }),
        good: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }')
    },
    {
        code: IssueCodes.DuplicateUpcast, severity: 'error', title: 'two upcasts from one version',
        bad: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }\n  upcast Withdrawn from <|1|> { amount: decimal } { note: "x" }'),
        message: 'Withdrawn already has an upcast from version 1: keep one.',
        at: model => ({ node: nth(model, 'Upcast', 1), property: 'fromVersion' }),
        good: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }')
    },
    {
        code: IssueCodes.UpcastIncomplete, severity: 'error', title: 'an upcast leaving a required field of the next version without a value',
        bad: VERSIONED('  upcast <|Withdrawn|> from 1 { amount: decimal } {}'),
        message: 'This upcast does not produce version 2 of Withdrawn: note (the old shape lacks it).',
        at: model => ({ node: find(model, 'Upcast'), property: 'event' }),
        good: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }')
    },
    {
        code: IssueCodes.UpcastNotDeterministic, severity: 'error', title: 'an upcast using now',
        bad: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: <|now|> }'),
        message: 'An upcast must give the same result every time it reads a stored event: `now` differs on every read.',
        at: model => ({ node: find(model, 'NowExpression') }),
        good: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }')
    },
    {
        code: IssueCodes.UpcastMapsUnknownField, severity: 'error', title: 'an upcast mapping a field the next version lacks',
        bad: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "", <|Opened|>: "x" }'),
        message: /./,
        at: model => ({ node: nth(model, 'MappingEntry', 1), property: 'field' }),
        good: VERSIONED('  upcast Withdrawn from 1 { amount: decimal } { note: "" }')
    }
];

export const RULE_CASES: RuleCase[] = [...STRUCTURE_AND_DATA_CASES, ...BEHAVIOUR_CASES, ...EVOLUTION_CASES];
