/**
 * A piece of the model the form cannot be built from yet — an unresolved name while the user
 * types, a missing part. Thrown inside the builder and caught at the construct it belongs to,
 * which then says in `handWrittenBecause` why the model does not determine it; never escapes.
 */
export class Unbuildable extends Error {}

export function unbuildable(reason: string): never {
    throw new Unbuildable(reason);
}

/** Runs `build`; an `Unbuildable` becomes its reason (`reasons` collects it), the value undefined. */
export function tryBuild<T>(reasons: string[], build: () => T): T | undefined {
    try {
        return build();
    } catch (error) {
        if (error instanceof Unbuildable) {
            reasons.push(error.message);
            return undefined;
        }
        throw error;
    }
}
