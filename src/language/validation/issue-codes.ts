/**
 * One code per validation rule. Diagnostics carry it in `data.code`; quick fixes and tests key on
 * it, so a code never changes meaning once released.
 */
export const IssueCodes = {
    MissingContext: 'eventloom.missing-context',
    MisplacedContext: 'eventloom.misplaced-context',
    MissingStreamId: 'eventloom.missing-stream-id',
    ExtraStreamId: 'eventloom.extra-stream-id',
    InvalidIdType: 'eventloom.invalid-id-type',
    MissingEmits: 'eventloom.missing-emits',
    EmitsForeignEvent: 'eventloom.emits-foreign-event',
    RejectsForeignError: 'eventloom.rejects-foreign-error',
    InvalidVersion: 'eventloom.invalid-version',
    ExtraReadModelKey: 'eventloom.extra-read-model-key',
    KeyNotSupplied: 'eventloom.key-not-supplied',
    PolicyWithoutTrigger: 'eventloom.policy-without-trigger',
    PolicyWithoutCommand: 'eventloom.policy-without-command',
    CrossContextReference: 'eventloom.cross-context-reference',
    DuplicateName: 'eventloom.duplicate-name',
    DuplicateField: 'eventloom.duplicate-field',
    DuplicateEnumMember: 'eventloom.duplicate-enum-member',
    DuplicateReference: 'eventloom.duplicate-reference',
    HandledEventNameClash: 'eventloom.handled-event-name-clash',
    TypeScriptNameClash: 'eventloom.typescript-name-clash',
    ReservedName: 'eventloom.reserved-name',
    FileNameClash: 'eventloom.file-name-clash',
    NotPascalCase: 'eventloom.not-pascal-case',
    WrongLiteralType: 'eventloom.wrong-literal-type',
    MissingRequiredField: 'eventloom.missing-required-field',
    GivenEventOfOtherAggregate: 'eventloom.given-event-of-other-aggregate',
    ThenEventNotEmitted: 'eventloom.then-event-not-emitted',
    RejectionNotDeclared: 'eventloom.rejection-not-declared',
    EventNeverEmitted: 'eventloom.event-never-emitted',
    ReadModelWithoutEvents: 'eventloom.read-model-without-events',
    EventWithoutEffect: 'eventloom.event-without-effect',
    // Behaviour (DESIGN §2b, §3): the type rules of expressions …
    ConditionNotBoolean: 'eventloom.condition-not-boolean',
    OperandNotNumber: 'eventloom.operand-not-number',
    IncomparableValues: 'eventloom.incomparable-values',
    OptionalWithoutDefault: 'eventloom.optional-without-default',
    ValueTypeMismatch: 'eventloom.value-type-mismatch',
    NotAList: 'eventloom.not-a-list',
    NotAValue: 'eventloom.not-a-value',
    // … and of the constructs around them.
    CompoundAssignmentTarget: 'eventloom.compound-assignment-target',
    CopiedFieldMissing: 'eventloom.copied-field-missing',
    EventFieldNotInEveryEvent: 'eventloom.event-field-not-in-every-event',
    DeleteOutsideReadModel: 'eventloom.delete-outside-read-model',
    EmittedFieldWithoutValue: 'eventloom.emitted-field-without-value',
    ScenarioWithoutWhen: 'eventloom.scenario-without-when',
    ScenarioWithoutOutcome: 'eventloom.scenario-without-outcome',
    MissingUpcast: 'eventloom.missing-upcast',
    UpcastWithoutVersion: 'eventloom.upcast-without-version',
    UpcastFromInvalidVersion: 'eventloom.upcast-from-invalid-version',
    DuplicateUpcast: 'eventloom.duplicate-upcast',
    UpcastMapsUnknownField: 'eventloom.upcast-maps-unknown-field',
    UpcastIncomplete: 'eventloom.upcast-incomplete',
    UpcastNotDeterministic: 'eventloom.upcast-not-deterministic'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

/** The `data` every Eventloom diagnostic carries; `name` is the offending name where useful to a fix. */
export interface EventloomDiagnosticData {
    code: IssueCode;
    [detail: string]: unknown;
}

export function issue(code: IssueCode, details: Record<string, unknown> = {}): EventloomDiagnosticData {
    return { code, ...details };
}
