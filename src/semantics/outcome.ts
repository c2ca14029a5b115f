/**
 * Failures of evaluation as values: an interpreter function returns what it computed or the
 * failure, with the form node (and so the AST node) that caused it, so that a diagnostic lands
 * there. A failure means the model asked for something it cannot give — reading an absent optional
 * without `??`, adding to a field that has no value yet — which the type checker reports statically
 * where it can; the interpreter never throws for it.
 */
import type { AstNode } from 'langium';

export interface EvaluationFailure {
    readonly message: string;
    readonly source?: AstNode;
}

export type Outcome<T> =
    | { readonly ok: true; readonly value: T }
    | { readonly ok: false; readonly failure: EvaluationFailure };

export function succeeded<T>(value: T): Outcome<T> {
    return { ok: true, value };
}

export function failed<T>(failure: EvaluationFailure): Outcome<T> {
    return { ok: false, failure };
}

/**
 * Thrown inside one interpreter call to unwind nested evaluation, and caught at its public
 * boundary (`attempt`), which turns it into a failure value. Never escapes this folder.
 */
export class EvaluationStop extends Error {
    constructor(readonly failure: EvaluationFailure) {
        super(failure.message);
    }
}

export function stop(message: string, source?: AstNode): never {
    throw new EvaluationStop({ message, source });
}

/** Runs `compute`, turning an `EvaluationStop` into a failure value. */
export function attempt<T>(compute: () => T): Outcome<T> {
    try {
        return succeeded(compute());
    } catch (error) {
        if (error instanceof EvaluationStop) return failed(error.failure);
        throw error;
    }
}
