/** The bench's statistics: the interval the scenario-cost report gives for validate's pair ratios. */
import assert from 'node:assert/strict';
import { geometricMeanInterval, pairedDifferenceInterval, pairedRatioInterval, percentile } from './measure/stats.js';

describe('bench statistics', () => {
    it('gives the geometric mean of ratios and a 95% interval around it from their logarithms', () => {
        // logs 0 and ln 1.21: mean ln 1.1; two pairs say little (t at df 1 is large), so the interval is wide.
        const interval = geometricMeanInterval([1, 1.21])!;
        assert.equal(interval.mean.toFixed(6), '1.100000');
        assert.ok(interval.low < 0.5 && interval.high > 2, JSON.stringify(interval));
        // 30 pairs, half 1.0 and half 1.2: mean sqrt 1.2, sd of the logs ln 1.2 / 2 * sqrt(30 / 29), t(29) = 2.045.
        const many = geometricMeanInterval(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 1.2 : 1.0)))!;
        const half = 2.045 * (Math.log(1.2) / 2) * Math.sqrt(30 / 29) / Math.sqrt(30);
        assert.equal(many.mean.toFixed(6), Math.sqrt(1.2).toFixed(6));
        assert.equal(many.high.toFixed(3), Math.exp(Math.log(1.2) / 2 + half).toFixed(3));
        // Twenty pairs alike: no spread, the interval is the mean itself.
        const same = geometricMeanInterval(Array.from({ length: 20 }, () => 1.05))!;
        assert.deepEqual([same.low, same.mean, same.high].map(value => value.toFixed(6)), ['1.050000', '1.050000', '1.050000']);
    });

    it('narrows with more pairs of the same spread, as 1 / sqrt(n) times t', () => {
        const spread = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1.2 : 1.0));
        const width = (n: number) => { const { low, high } = geometricMeanInterval(spread(n))!; return Math.log(high) - Math.log(low); };
        // t(9) = 2.262, t(39) = 2.023; the sd of the logs is almost the same at n = 10 and 40.
        const expected = (2.023 / Math.sqrt(40)) / (2.262 / Math.sqrt(10)) * Math.sqrt((40 / 39) / (10 / 9));
        assert.ok(Math.abs(width(40) / width(10) - expected) < 0.01, `${width(40) / width(10)} vs ${expected}`);
    });

    it('has no interval for fewer than two usable ratios', () => {
        assert.equal(geometricMeanInterval([1.1]), undefined);
        assert.equal(geometricMeanInterval([Number.NaN, 1.1]), undefined);
    });

    it('gives a paired ratio of a statistic with a bootstrap interval: exact where every pair has the same ratio', () => {
        const p95 = (samples: readonly number[]) => percentile(samples, 95);
        const off = Array.from({ length: 100 }, (_, i) => 30 + ((i * 37) % 41));
        // Each pair 10% slower: every redrawn pair set gives exactly 1.1, whatever it draws.
        const slower = pairedRatioInterval(off.map(value => value * 1.1), off, p95)!;
        assert.deepEqual([slower.low, slower.ratio, slower.high].map(value => value.toFixed(9)), ['1.100000000', '1.100000000', '1.100000000']);
        // Pairs with noise: the interval holds the run's own ratio, and the same seed gives the same interval.
        const noisy = off.map((value, i) => value * (1 + ((i * 13) % 7) / 20));
        const first = pairedRatioInterval(noisy, off, p95)!;
        assert.ok(first.low < first.ratio && first.ratio < first.high, JSON.stringify(first));
        assert.deepEqual(pairedRatioInterval(noisy, off, p95), first);
        assert.equal(first.ratio, p95(noisy) / p95(off));
        assert.equal(pairedRatioInterval([1], [1], p95), undefined);
    });

    it('gives the mean of paired differences with a t interval', () => {
        // Every pair 3 ms apart: no spread.
        const off = Array.from({ length: 50 }, (_, i) => 20 + (i % 9));
        const constant = pairedDifferenceInterval(off.map(value => value + 3), off)!;
        assert.deepEqual([constant.low, constant.mean, constant.high].map(value => value.toFixed(9)), ['3.000000000', '3.000000000', '3.000000000']);
        // 40 pairs, differences alternating 1 and 5: mean 3, sd 2 * sqrt(40 / 39), t(39) = 2.023.
        const on = Array.from({ length: 40 }, (_, i) => 20 + (i % 2 === 0 ? 1 : 5));
        const spread = pairedDifferenceInterval(on, Array.from({ length: 40 }, () => 20))!;
        const half = 2.023 * 2 * Math.sqrt(40 / 39) / Math.sqrt(40);
        assert.equal(spread.mean, 3);
        assert.equal(spread.high.toFixed(2), (3 + half).toFixed(2));
        assert.equal(spread.low.toFixed(2), (3 - half).toFixed(2));
        // A pair without a reading (NaN) is left out; one pair says nothing.
        assert.equal(pairedDifferenceInterval([21, Number.NaN, 23], [20, 20, 20])!.mean, 2);
        assert.equal(pairedDifferenceInterval([1], [1]), undefined);
    });
});
