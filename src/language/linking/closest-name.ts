/** The candidate nearest to a misspelt name, if one is near enough to be a likely typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
    const budget = Math.max(1, Math.floor(name.length / 3));
    let best: string | undefined;
    let bestDistance = budget + 1;
    for (const candidate of candidates) {
        if (Math.abs(candidate.length - name.length) > budget) continue;
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

/** Levenshtein distance with one rolling row. */
function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}
