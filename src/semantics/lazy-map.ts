/**
 * A read-only map whose keys are known up front and whose values are made on first read, once.
 * Its entries come in segments, each with the function that makes a value from an entry's source:
 * the sources of a context's declarations are kept from one form of it to the next, and a segment
 * names the form that builds from them, so indexing a form allocates nothing per entry.
 * Entries given with an existing key replace its value and keep its place, as in `new Map(entries)`.
 */
export interface LazySegment<K, S, V> {
    readonly entries: readonly (readonly [K, S])[];
    readonly make: (source: S) => V;
}

export class LazyMap<K, V, S = unknown> implements ReadonlyMap<K, V> {
    /** Key -> the index of its source and maker. */
    private readonly at = new Map<K, number>();
    private readonly sources: S[] = [];
    private readonly makers: Array<(source: S) => V> = [];
    private readonly made = new Map<K, V>();

    constructor(segments: Iterable<LazySegment<K, S, V>>) {
        for (const { entries, make } of segments) {
            for (const [key, source] of entries) {
                this.at.set(key, this.sources.length);
                this.sources.push(source);
                this.makers.push(make);
            }
        }
    }

    get size(): number {
        return this.at.size;
    }

    has(key: K): boolean {
        return this.at.has(key);
    }

    get(key: K): V | undefined {
        // One lookup for a value made (forms are objects): a qualified name hashed once, not twice.
        const value = this.made.get(key);
        if (value !== undefined || this.made.has(key)) return value;
        const index = this.at.get(key);
        if (index === undefined) return undefined;
        const made = this.makers[index](this.sources[index]);
        this.made.set(key, made);
        return made;
    }

    *entries(): MapIterator<[K, V]> {
        for (const key of this.at.keys()) yield [key, this.get(key)!];
    }

    keys(): MapIterator<K> {
        return this.at.keys();
    }

    *values(): MapIterator<V> {
        for (const key of this.at.keys()) yield this.get(key)!;
    }

    [Symbol.iterator](): MapIterator<[K, V]> {
        return this.entries();
    }

    forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
        for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
    }
}
