/**
 * A small seeded random source (mulberry32): the same seed gives the same cases on every machine,
 * so a failing case is reproduced from its seed and index alone.
 */
export class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** The generator for case `index` of run `seed`: cases are independent of each other. */
    static forCase(seed: number, index: number): Random {
        return new Random(mix(mix(seed) ^ mix(index + 0x9e3779b9)));
    }

    /** A float in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** An integer in [min, max]. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        if (items.length === 0) throw new Error('pick from an empty list');
        return items[this.int(0, items.length - 1)];
    }

    /** One item, chosen with probability proportional to its weight. */
    weighted<T extends { weight: number }>(items: readonly T[]): T {
        const total = items.reduce((sum, item) => sum + item.weight, 0);
        let roll = this.next() * total;
        for (const item of items) {
            roll -= item.weight;
            if (roll < 0) return item;
        }
        return items[items.length - 1];
    }
}

function mix(value: number): number {
    let h = value >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
}
