/**
 * An `int` is a JavaScript number in the generated code, exact only within ±(2^53 − 1): a larger
 * literal would be rounded there (9007199254740993 becomes …992) while the interpreter, whose
 * numbers are exact, keeps it, so `validate` and `eventloom test` would disagree on the scenario.
 * Such a literal is an error where it is written instead.
 */
export const INT_RANGE = `from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER} (2^53 − 1, what an int holds exactly in the generated TypeScript)`;

/** Whether an integer's text (`-?\d+`) is within ±(2^53 − 1), compared exactly, never through a float. */
export function isSafeIntegerText(text: string): boolean {
    const value = BigInt(text);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER);
}
