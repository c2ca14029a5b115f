/** Percentiles (nearest rank) and a monotonic clock in milliseconds. */
export function percentile(samples: readonly number[], p: number): number {
    if (samples.length === 0) return Number.NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function now(): number {
    return performance.now();
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
    const start = now();
    const result = await work();
    return { ms: now() - start, result };
}
