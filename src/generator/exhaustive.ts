/**
 * The `default:` of a switch on a message's `type`, which makes it exhaustive. A union narrows to
 * `never` there; a single message type does not narrow (only its `type` does), so that case
 * checks the `type` instead. Either way a new, unhandled message fails to compile right here.
 */
export function exhaustive(variable: string, memberCount: number): string {
    return memberCount === 1 ? `assertNever(${variable}.type)` : `assertNever(${variable})`;
}

/**
 * An exhaustive switch on a message's `type`, one `case 'T': return …;` per message (the lines of
 * a function body); with no message at all, the function cannot be called, which it says.
 */
export function switchOnType(variable: string, cases: ReadonlyArray<{ type: string; returns: string }>): string[] {
    if (cases.length === 0) return [`return assertNever(${variable});`];
    return [
        `switch (${variable}.type) {`,
        ...cases.map(({ type, returns }) => `    case '${type}': return ${returns};`),
        `    default: return ${exhaustive(variable, cases.length)};`,
        '}'
    ];
}
