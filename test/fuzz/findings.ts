/** What the fuzzer reports, and how it recognises a crash in output meant for a user. */

export interface Finding {
    kind: 'crash' | 'hang' | 'write-outside';
    /** One line that identifies the bug (cases with the same signature are one bug). */
    signature: string;
    detail: string;
}

/**
 * Lines no user should ever see: stack frames, JavaScript error names, Langium's "An error occurred"
 * wrappers, and Eventloom's own safety-net message (which is a bug report, not a diagnostic).
 */
const CRASH_PATTERNS = [
    /^\s+at \S/,
    /\b(TypeError|ReferenceError|RangeError|SyntaxError|AggregateError|EvalError)\b/,
    /An error occurred (during|while)/,
    /internal error/i,
    /bug in Eventloom/i,
    /Maximum call stack/,
    /\b(undefined|null) is not\b|Cannot read propert|is not a function|is not iterable|is not defined/
];

export function crashEvidence(lines: readonly string[]): { signature: string; detail: string } | undefined {
    const hit = lines.find(line => CRASH_PATTERNS.some(pattern => pattern.test(line)));
    if (!hit) return undefined;
    // The signature without paths, positions and names, so one bug is counted once.
    const signature = hit.replace(/^.*?: (error|warning): /, '').replace(/'[^']*'/g, "'…'").replace(/\(.*\)$/, '').trim().slice(0, 200);
    return { signature, detail: lines.join('\n').slice(0, 4000) };
}
