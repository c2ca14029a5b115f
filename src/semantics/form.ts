/**
 * The rules form: the model's behaviour (DESIGN §2b, §2c) resolved into small typed records, built
 * once per model from the AST (`build-form.ts`) and read by everything that gives the rules a
 * meaning — the interpreter here, the TypeScript generator (issue 12), the board (issue 15). They all
 * read THIS form, never the AST's expressions, so that they cannot drift apart.
 *
 * What the form guarantees (the builder's job, not its readers'):
 * - every name is resolved: a field read says where it reads from (`FieldExpr.from`), every
 *   reference to a declaration is its qualified name (`"Banking.MoneyWithdrawn"`), looked up in the
 *   `ModelForm`'s maps;
 * - every expression knows its static type (`ExprForm.type`, from the type checker);
 * - every mapping is COMPLETE after DESIGN's fill rules: an `emits`'s `fields` hold one entry per
 *   field of the event that gets a value (mapped, else the same-named command field, else the
 *   same-named state field, else the stream id of that name), in the EVENT's declaration order,
 *   each saying where its value came from (`FilledField.origin`); an error's fields after `else`
 *   likewise; a policy's issued command likewise (mapped, else the triggering event's same-named
 *   field, else the triggering stream's id of that name). Required fields left without a value are
 *   listed in `unfilled`, and make the construct hand-written (`modelled: false`);
 * - `modelled` says whether the model determines a construct completely, so that the interpreter
 *   may run it and the generator may write its body (DESIGN §2b, last bullet); `handWrittenBecause`
 *   says why not, in words fit for a hover.
 *
 * Evaluation order, which the generated code must keep (it shows in which `newId` goes where): a
 * command's `requires` in declaration order, stopping at the first that fails; then each `emits` in
 * declaration order, its fields in the order of `fields`. An `on` block's assignments in order, each
 * seeing the record as the previous ones left it.
 *
 * `source` is the AST node a construct came from, so that a diagnostic lands on it; hand-built
 * forms (tests, other tools) may leave it out. Nothing else in the form points into the AST.
 */
import type { AstNode } from 'langium';
import type { RecordValue, Value } from './values.js';

/** `Context.Name`: how the form names a declaration (qualified, because contexts consume each other's events). */
export type QualifiedName = string;

export function qualifiedName(context: string, name: string): QualifiedName {
    return `${context}.${name}`;
}

// ---------------------------------------------------------------------------------------------
// Types

export type PrimitiveName = 'string' | 'int' | 'float' | 'decimal' | 'boolean' | 'timestamp' | 'date' | 'uuid';

/** The static type of a field or an expression. */
export type TypeForm =
    | { readonly kind: 'primitive'; readonly name: PrimitiveName }
    | { readonly kind: 'enum'; readonly enum: QualifiedName }
    | { readonly kind: 'value'; readonly valueType: QualifiedName }
    | { readonly kind: 'list'; readonly item: TypeForm }
    /** An expression that may have no value: an optional field read, `R.x` of a read model. */
    | { readonly kind: 'optional'; readonly value: TypeForm }
    /** What the checker could not tell, such as the items of an empty list literal `[]`. */
    | { readonly kind: 'unknown' };

export interface FieldForm {
    readonly name: string;
    readonly type: TypeForm;
    readonly optional: boolean;
    /** The declared default (`= literal`), already a value. */
    readonly default?: Value;
    /** Why the declared default is no value (an unresolved enum member while the user types): nothing may run on this field. */
    readonly defaultUnbuildable?: string;
    readonly source?: AstNode;
}

export interface EnumForm {
    readonly name: QualifiedName;
    readonly members: readonly string[];
    readonly source?: AstNode;
}

export interface ValueTypeForm {
    readonly name: QualifiedName;
    readonly fields: readonly FieldForm[];
    readonly source?: AstNode;
}

// ---------------------------------------------------------------------------------------------
// Expressions

/**
 * An expression, with its static type and its source. Field reads say which record they read:
 * - in a command (`requires`, `emits`/`else` mappings): `command`, `state`, the stream id;
 * - in an aggregate's `on` block: `event`, `state`, the stream id;
 * - in a read model's `on` block: `event`, `document`, the stream id (the event's stream);
 * - in a policy: `event` (the triggering event), the triggering stream's id, `read` (`R.x`).
 */
export type ExprForm = (
    | { readonly kind: 'literal'; readonly value: Value }
    | FieldExpr
    | { readonly kind: 'streamId'; readonly name: string }
    | { readonly kind: 'readField'; readonly readModel: QualifiedName; readonly name: string }
    /** `amount.currency`: a field of a value-typed value. Reading a field of nothing gives nothing. */
    | { readonly kind: 'member'; readonly object: ExprForm; readonly name: string }
    /** The command's time, from the injected context. */
    | { readonly kind: 'now' }
    /** A fresh uuid from the injected context: every evaluation draws the next one. */
    | { readonly kind: 'newId' }
    | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: ExprForm; readonly right: ExprForm }
    | { readonly kind: 'not'; readonly operand: ExprForm }
    /** Unary minus of a number (`-amount`); the scale stays. */
    | { readonly kind: 'negate'; readonly operand: ExprForm }
    /** `value in [A, B]`: whether some item of the list equals the value. */
    | { readonly kind: 'in'; readonly value: ExprForm; readonly list: ExprForm }
    /** `list contains value`. */
    | { readonly kind: 'contains'; readonly list: ExprForm; readonly value: ExprForm }
    | { readonly kind: 'count'; readonly list: ExprForm }
    | { readonly kind: 'list'; readonly items: readonly ExprForm[] }
    /** `{ amount: x, currency: EUR }` for a value-typed field. */
    | { readonly kind: 'record'; readonly fields: readonly { readonly name: string; readonly value: ExprForm }[] }
) & { readonly type: TypeForm; readonly source?: AstNode };

export interface FieldExpr {
    readonly kind: 'field';
    readonly from: 'command' | 'state' | 'event' | 'document';
    readonly name: string;
}

/**
 * `== !=` structural equality (numbers by value); `< <= > >=` on numbers (by value) and on text
 * (code-unit order); `and or` on booleans, short-circuiting; `+` adds numbers or, when one side is
 * a string, joins the texts; `- *` on numbers; `??` the right side when the left has no value
 * (evaluated only then).
 */
export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | '+' | '-' | '*' | '??';

// ---------------------------------------------------------------------------------------------
// Mappings and assignments

/** One field of an event, error or issued command, with its value and where the value came from. */
export interface FilledField {
    readonly name: string;
    readonly value: ExprForm;
    /** `mapped`: written in the mapping; `default`: the field's declared default; the others: filled by DESIGN's rule from a same-named field. */
    readonly origin: 'mapped' | 'commandField' | 'stateField' | 'eventField' | 'streamId' | 'default';
}

/**
 * One assignment of an `on` block. `set` (`field = expr`; a bare `field` is `set field = event.field`),
 * `add` (`+=`: numbers add, a string joins, a list appends the value — or every item, when the value is
 * itself a list), `remove` (`-=`: numbers subtract, a list drops every item equal to the value — or to
 * any item of a list value), `delete` (read models only: the document is removed, and the rest of
 * the block is skipped; a later event recreates it from the defaults).
 */
export type AssignmentForm =
    | { readonly kind: 'set' | 'add' | 'remove'; readonly field: string; readonly value: ExprForm; readonly source?: AstNode }
    | { readonly kind: 'delete'; readonly source?: AstNode };

// ---------------------------------------------------------------------------------------------
// Aggregates

export interface EventForm {
    readonly name: QualifiedName;
    readonly aggregate: QualifiedName;
    readonly version?: number;
    readonly fields: readonly FieldForm[];
    readonly source?: AstNode;
}

export interface ErrorForm {
    readonly name: QualifiedName;
    readonly fields: readonly FieldForm[];
    readonly source?: AstNode;
}

/** `requires condition else Error { … }`. */
export interface RequiresForm {
    readonly condition: ExprForm;
    readonly error: QualifiedName;
    readonly errorFields: readonly FilledField[];
    readonly unfilled: readonly string[];
    readonly source?: AstNode;
}

/** `emits Event { … }`. */
export interface EmitForm {
    readonly event: QualifiedName;
    readonly fields: readonly FilledField[];
    readonly unfilled: readonly string[];
    readonly source?: AstNode;
}

export interface CommandForm {
    readonly name: QualifiedName;
    readonly aggregate: QualifiedName;
    readonly fields: readonly FieldForm[];
    readonly requires: readonly RequiresForm[];
    readonly emits: readonly EmitForm[];
    /** The `rejects` list as written (errors a `requires` names are rejections too). */
    readonly rejects: readonly QualifiedName[];
    /** Whether the command states any behaviour (a `requires` or a mapping). */
    readonly statesBehaviour: boolean;
    /** Every `rejects` error comes from a `requires` and every emitted required field has a value. */
    readonly modelled: boolean;
    readonly handWrittenBecause: readonly string[];
    readonly source?: AstNode;
}

/** An `on E, F { … }` block. Every block naming an event applies, in declaration order. */
export interface EvolveHandlerForm {
    readonly events: readonly QualifiedName[];
    readonly assignments: readonly AssignmentForm[];
    readonly source?: AstNode;
}

/** `upcast E from N { oldFields } { mapping }`, its fields complete (mapped or carried over). */
export interface UpcastForm {
    readonly event: QualifiedName;
    readonly fromVersion: number;
    /** The shape of version `fromVersion`, as the upcast states it. */
    readonly oldFields: readonly FieldForm[];
    /** Every field of version `fromVersion + 1` that gets a value, in that version's order (reads are `from: 'event'`: the old event). */
    readonly fields: readonly FilledField[];
    readonly unfilled: readonly string[];
    readonly source?: AstNode;
}

export interface AggregateForm {
    readonly name: QualifiedName;
    readonly streamId: FieldForm;
    readonly state: readonly FieldForm[];
    readonly commands: readonly CommandForm[];
    readonly events: readonly EventForm[];
    readonly errors: readonly ErrorForm[];
    readonly evolve: readonly EvolveHandlerForm[];
    /** How each stored old version of its events becomes the next one (DESIGN §2d). */
    readonly upcasts: readonly UpcastForm[];
    /** The model determines evolve: it has `on` blocks (events without one leave the state as it is), or no state. */
    readonly evolveModelled: boolean;
    readonly evolveHandWrittenBecause: readonly string[];
    readonly source?: AstNode;
}

// ---------------------------------------------------------------------------------------------
// Read models

/** Where a read-model key's value comes from for one event: its same-named field, else its stream's id. */
export type KeySourceForm =
    | { readonly key: string; readonly from: 'eventField' }
    | { readonly key: string; readonly from: 'streamId' };

export interface ProjectionHandlerForm {
    /** Each event the block handles, with how that event supplies the document's keys. */
    readonly events: readonly { readonly event: QualifiedName; readonly keys: readonly KeySourceForm[] }[];
    readonly assignments: readonly AssignmentForm[];
    readonly source?: AstNode;
}

export interface ReadModelForm {
    readonly name: QualifiedName;
    readonly keys: readonly FieldForm[];
    readonly fields: readonly FieldForm[];
    readonly handlers: readonly ProjectionHandlerForm[];
    /** Every handled event has an `on` block (a bare `on E` leaves its mapping to hand-written code). */
    readonly modelled: boolean;
    readonly handWrittenBecause: readonly string[];
    readonly source?: AstNode;
}

// ---------------------------------------------------------------------------------------------
// Policies

/** One `issues C { … } if …` for one triggering event (fills depend on the event's fields). */
export interface PolicyReactionForm {
    readonly trigger: QualifiedName;
    readonly command: QualifiedName;
    /** The issued command's data fields (complete after the fill rule). */
    readonly fields: readonly FilledField[];
    /** The target command's stream id (its aggregate's `id` name), mapped or filled; undefined when unfilled. */
    readonly targetStreamId?: FilledField;
    readonly condition?: ExprForm;
    /** The read models `reads` makes available, with how the trigger supplies each one's keys. */
    readonly reads: readonly { readonly readModel: QualifiedName; readonly keys: readonly KeySourceForm[] }[];
    readonly unfilled: readonly string[];
    readonly source?: AstNode;
}

export interface PolicyForm {
    readonly name: QualifiedName;
    readonly triggers: readonly QualifiedName[];
    readonly reactions: readonly PolicyReactionForm[];
    readonly modelled: boolean;
    readonly handWrittenBecause: readonly string[];
    readonly source?: AstNode;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

export interface EventDataForm {
    readonly event: QualifiedName;
    /** `given E v1 { … }`: the data is of that stored version, upcast before anything applies it. */
    readonly version?: number;
    readonly data: RecordValue;
    readonly source?: AstNode;
}

export interface CommandDataForm {
    readonly command: QualifiedName;
    readonly data: RecordValue;
    readonly source?: AstNode;
}

/** `source` is the scenario: the `then` line is found in its CST. */
export type ThenForm =
    | { readonly kind: 'events'; readonly events: readonly EventDataForm[]; readonly source?: AstNode }
    | { readonly kind: 'rejected'; readonly error: QualifiedName; readonly data: RecordValue; readonly source?: AstNode };

/** `expect R { … }` (the fields to match, key fields selecting the document) or `expect no R`. */
export interface ExpectForm {
    readonly readModel: QualifiedName;
    readonly none: boolean;
    readonly data: RecordValue;
    readonly source?: AstNode;
}

export interface ScenarioForm {
    readonly name: string;
    readonly context: string;
    readonly given: readonly EventDataForm[];
    readonly when?: CommandDataForm;
    readonly then?: ThenForm;
    readonly expects: readonly ExpectForm[];
    /** Why the interpreter cannot run it whatever the rules say (an old event version in `given`). */
    readonly unrunnable?: string;
    /** The scenario; its `then` keyword (and what follows) is found in its CST. */
    readonly source?: AstNode;
}

// ---------------------------------------------------------------------------------------------
// The whole model

export interface ContextForm {
    readonly name: string;
    readonly enums: readonly EnumForm[];
    readonly valueTypes: readonly ValueTypeForm[];
    readonly aggregates: readonly AggregateForm[];
    readonly readModels: readonly ReadModelForm[];
    readonly policies: readonly PolicyForm[];
    readonly scenarios: readonly ScenarioForm[];
}

/** Every context, in name order, with lookups by qualified name. */
export interface ModelForm {
    readonly contexts: readonly ContextForm[];
    readonly aggregates: ReadonlyMap<QualifiedName, AggregateForm>;
    readonly commands: ReadonlyMap<QualifiedName, CommandForm>;
    readonly events: ReadonlyMap<QualifiedName, EventForm>;
    readonly errors: ReadonlyMap<QualifiedName, ErrorForm>;
    readonly readModels: ReadonlyMap<QualifiedName, ReadModelForm>;
    readonly policies: ReadonlyMap<QualifiedName, PolicyForm>;
    readonly valueTypes: ReadonlyMap<QualifiedName, ValueTypeForm>;
    readonly enums: ReadonlyMap<QualifiedName, EnumForm>;
}

/** Items by name; of two with one name, the last. */
export function byName<T extends { name: QualifiedName }>(items: Iterable<T>): Map<QualifiedName, T> {
    return new Map([...items].map(item => [item.name, item] as const));
}

/** The lookups of a `ModelForm`, from its contexts. */
export function indexContexts(contexts: readonly ContextForm[]): ModelForm {
    const aggregates = contexts.flatMap(context => context.aggregates);
    return {
        contexts,
        aggregates: byName(aggregates),
        commands: byName(aggregates.flatMap(aggregate => aggregate.commands)),
        events: byName(aggregates.flatMap(aggregate => aggregate.events)),
        errors: byName(aggregates.flatMap(aggregate => aggregate.errors)),
        readModels: byName(contexts.flatMap(context => context.readModels)),
        policies: byName(contexts.flatMap(context => context.policies)),
        valueTypes: byName(contexts.flatMap(context => context.valueTypes)),
        enums: byName(contexts.flatMap(context => context.enums))
    };
}
