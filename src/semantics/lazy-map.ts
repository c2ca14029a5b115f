/**
 * A read-only map whose keys are known up front and whose values are made on first read, once.
 * Entries given with an existing key replace its value and keep its place, as in `new Map(entries)`.
 */
export class LazyMap<K, V> implements ReadonlyMap<K, V> {
    private readonly makers = new Map<K, () => V>();
    private readonly made = new Map<K, V>();

    constructor(entries: Iterable<readonly [K, () => V]>) {
        for (const entry of entries) this.makers.set(entry[0], entry[1]);
    }

    get size(): number {
        return this.makers.size;
    }

    has(key: K): boolean {
        return this.makers.has(key);
    }

    get(key: K): V | undefined {
        // One lookup for a value made (forms are objects): a qualified name hashed once, not twice.
        const value = this.made.get(key);
        if (value !== undefined || this.made.has(key)) return value;
        const make = this.makers.get(key);
        if (!make) return undefined;
        const made = make();
        this.made.set(key, made);
        return made;
    }

    *entries(): MapIterator<[K, V]> {
        for (const key of this.makers.keys()) yield [key, this.get(key)!];
    }

    keys(): MapIterator<K> {
        return this.makers.keys();
    }

    *values(): MapIterator<V> {
        for (const key of this.makers.keys()) yield this.get(key)!;
    }

    [Symbol.iterator](): MapIterator<[K, V]> {
        return this.entries();
    }

    forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
        for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
    }
}
