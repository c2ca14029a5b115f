/** How counts are worded in every message Eventloom prints: `1 error`, `2 errors`. */
export function countOf(n: number, word: string): string {
    return `${n} ${n === 1 ? word : `${word}s`}`;
}
