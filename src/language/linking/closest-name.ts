/**
 * The candidate nearest to a misspelt name, if one is near enough to be a likely typo: at most a
 * third of the name's letters wrong, and never more than MAX_TYPO_EDITS. The cap keeps the work
 * linear in the name's length (the distance is computed only in a band that wide), so a 100k-letter
 * name costs no more than a page of text.
 */
const MAX_TYPO_EDITS = 8;

export function closestName(name: string, candidates: readonly string[]): string | undefined {
    const budget = Math.min(MAX_TYPO_EDITS, Math.max(1, Math.floor(name.length / 3)));
    const lowerName = name.toLowerCase();
    let best: string | undefined;
    let bestDistance = budget + 1;
    for (const candidate of candidates) {
        // Once a candidate is found, equally near ones still count: of those the first in
        // alphabetical order wins, so the suggestion does not depend on the order of the scope
        // (which follows the order in which files were indexed).
        const limit = best === undefined ? budget : bestDistance;
        if (Math.abs(candidate.length - name.length) > limit) continue;
        const distance = boundedEditDistance(lowerName, candidate.toLowerCase(), limit);
        if (distance > limit) continue;
        if (distance < bestDistance || candidate < best!) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

/**
 * Levenshtein distance when it is at most `limit`, otherwise `limit + 1`: only cells within `limit`
 * of the diagonal can stay within the limit (Ukkonen's band), so the cost is O(length × limit).
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    const outside = limit + 1;
    let previous = new Array<number>(b.length + 1);
    let current = new Array<number>(b.length + 1);
    for (let j = 0; j <= b.length; j++) previous[j] = j <= limit ? j : outside;
    for (let i = 1; i <= a.length; i++) {
        const from = Math.max(1, i - limit);
        const to = Math.min(b.length, i + limit);
        current[from - 1] = from - 1 === 0 ? i : outside;
        let rowMinimum = current[from - 1];
        for (let j = from; j <= to; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            const deletion = (j <= i - 1 + limit ? previous[j] : outside) + 1;
            const insertion = current[j - 1] + 1;
            const value = Math.min(substitution, deletion, insertion, outside);
            current[j] = value;
            if (value < rowMinimum) rowMinimum = value;
        }
        if (to < b.length) current[to + 1] = outside;
        if (rowMinimum > limit) return outside;
        [previous, current] = [current, previous];
    }
    return Math.min(previous[b.length], outside);
}
