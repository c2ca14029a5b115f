/**
 * The `default:` of a switch on a message's `type`, which makes it exhaustive. A union narrows to
 * `never` there; a single message type does not narrow (only its `type` does), so that case
 * checks the `type` instead. Either way a new, unhandled message fails to compile right here.
 */
export function exhaustive(variable: string, memberCount: number): string {
    return memberCount === 1 ? `assertNever(${variable}.type)` : `assertNever(${variable})`;
}
