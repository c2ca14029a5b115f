/** Percentiles (nearest rank) and a monotonic clock in milliseconds. */
import { random } from '../../kit/random-edits.js';

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

/**
 * The geometric mean of ratios (with / without of interleaved pairs) and its 95% confidence
 * interval, from the mean and spread of their logarithms (Student's t): a run's machine speed
 * multiplies both sides of a pair, so the pairs' ratios, not their differences, are the samples.
 * Undefined for fewer than two ratios.
 */
export function geometricMeanInterval(ratios: readonly number[]): { mean: number; low: number; high: number } | undefined {
    const logs = ratios.filter(ratio => ratio > 0 && Number.isFinite(ratio)).map(Math.log);
    if (logs.length < 2) return undefined;
    const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
    const variance = logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1);
    const half = studentT975(logs.length - 1) * Math.sqrt(variance / logs.length);
    return { mean: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half) };
}

/** The 97.5% quantile of Student's t with `df` degrees of freedom (Cornish-Fisher expansion; within 0.5% from df 3). */
function studentT975(df: number): number {
    const z = 1.959964;
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
}

/**
 * A statistic's ratio over paired samples (edit i on the server with the check, edit i on the one
 * without), with a 95% percentile-bootstrap interval: the pairs are drawn again with replacement,
 * `resamples` times, and the ratio taken of each draw. For a statistic like the p95 of 100 edits,
 * which rests on the few slowest, the interval says how much one run's figure can be trusted.
 * Seeded, so a report is reproducible from its samples. Undefined for fewer than two pairs.
 */
export function pairedRatioInterval(
    on: readonly number[], off: readonly number[], statistic: (samples: readonly number[]) => number, resamples = 2000, seed = 1
): { ratio: number; low: number; high: number } | undefined {
    const n = Math.min(on.length, off.length);
    if (n < 2) return undefined;
    const next = random(seed);
    const ratios: number[] = [];
    const drawnOn = new Array<number>(n);
    const drawnOff = new Array<number>(n);
    for (let r = 0; r < resamples; r++) {
        for (let i = 0; i < n; i++) {
            const pick = Math.floor(next() * n);
            drawnOn[i] = on[pick];
            drawnOff[i] = off[pick];
        }
        ratios.push(statistic(drawnOn) / statistic(drawnOff));
    }
    return { ratio: statistic(on.slice(0, n)) / statistic(off.slice(0, n)), low: percentile(ratios, 2.5), high: percentile(ratios, 97.5) };
}

/**
 * The mean of paired differences (edit i with the check minus edit i without) with its 95%
 * confidence interval (Student's t). Where the check costs about the same on every edit, this is
 * what it adds to a slow edit as well as to a typical one, pinned down far more tightly than the
 * ratio of two p95s, which rest on each side's few slowest edits. Undefined for fewer than two pairs.
 */
export function pairedDifferenceInterval(on: readonly number[], off: readonly number[]): { mean: number; low: number; high: number } | undefined {
    const n = Math.min(on.length, off.length);
    const differences = Array.from({ length: n }, (_, i) => on[i] - off[i]).filter(Number.isFinite);
    if (differences.length < 2) return undefined;
    const mean = differences.reduce((sum, value) => sum + value, 0) / differences.length;
    const variance = differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (differences.length - 1);
    const half = studentT975(differences.length - 1) * Math.sqrt(variance / differences.length);
    return { mean, low: mean - half, high: mean + half };
}
