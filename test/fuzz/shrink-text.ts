/**
 * Delta debugging on a text: removes chunks of lines, then of tokens (halving the chunk size),
 * keeping every cut after which the failure still shows. Anchors are offsets into the text (where
 * a request asks, for the language server) and move with the cuts, so a position-dependent failure
 * still points at the same spot. Bounded by a budget of re-runs shared by the caller's steps.
 */

/** Re-runs left; every try of every step takes one. */
export interface ShrinkBudget {
    runs: number;
}

export interface Anchored {
    text: string;
    anchors: number[];
}

/** The anchor after cutting [start, end): shifted when behind the cut, moved to its start when inside. */
function moved(anchor: number, start: number, end: number): number {
    if (anchor < start) return anchor;
    return anchor >= end ? anchor - (end - start) : start;
}

const SPLITS: ReadonlyArray<(text: string) => string[]> = [
    text => text.split(/(?<=\n)/),
    text => text.match(/\s+|\w+|[\s\S]/g) ?? []
];

export async function shrinkText(start: Anchored, stillFails: (candidate: Anchored) => Promise<boolean>, budget: ShrinkBudget): Promise<Anchored> {
    let best = start;
    for (const split of SPLITS) {
        let parts = split(best.text);
        for (let chunk = Math.max(1, Math.floor(parts.length / 2)); chunk >= 1 && budget.runs > 0; chunk = Math.floor(chunk / 2)) {
            for (let index = 0; index < parts.length && budget.runs > 0;) {
                const from = parts.slice(0, index).join('').length;
                const to = from + parts.slice(index, index + chunk).join('').length;
                const shorter = [...parts.slice(0, index), ...parts.slice(index + chunk)];
                const candidate = { text: shorter.join(''), anchors: best.anchors.map(anchor => moved(anchor, from, to)) };
                budget.runs--;
                if (await stillFails(candidate)) {
                    best = candidate;
                    parts = shorter;
                } else {
                    index += chunk;
                }
            }
        }
    }
    return best;
}
