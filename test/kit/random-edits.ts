/** Random edits of model texts for the differential tests of the incremental re-parse and re-link. */

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed from its seed. */
export function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const INSERTED = ['x', 'a', 'Z', '1', '_', ' ', '\n', '{', '}', '[', ']', ',', ':', '?', '=', '.', '"', '/', '*', '/*', '*/', '//', '\r\n', 'emits ', 'on ', 'event E', '-', '0.5'];

/**
 * One random edit: three in four typing in a word (a letter inserted or deleted, as when renaming),
 * the others inserting, deleting or replacing anything anywhere (breaking the syntax, merging or
 * splitting declarations, opening comments and strings).
 */
export function randomEdit(text: string, next: () => number): string {
    const at = Math.floor(next() * (text.length + 1));
    if (next() < 0.75) {
        let word = at;
        while (word < text.length && !/\w/.test(text[word])) word++;
        if (word < text.length) {
            const letter = 'abcdefgXYZ_1'[Math.floor(next() * 12)];
            const deletable = word + 1 < text.length && /\w/.test(text[word + 1]) && word > 0 && /\w/.test(text[word - 1]);
            return deletable && next() < 0.4 ? text.slice(0, word) + text.slice(word + 1) : text.slice(0, word) + letter + text.slice(word);
        }
    }
    const kind = next();
    const insert = INSERTED[Math.floor(next() * INSERTED.length)];
    if (kind < 0.45) return text.slice(0, at) + insert + text.slice(at);
    const length = 1 + Math.floor(next() * 3);
    if (kind < 0.8) return text.slice(0, at) + text.slice(at + length);
    return text.slice(0, at) + insert + text.slice(at + length);
}
