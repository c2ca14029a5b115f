/**
 * The fixed clock and deterministic ids of a scenario run (DESIGN §2c): the same in every run, so
 * that a scenario's outcome never depends on when or where it runs. The generated scenario tests
 * (issue 12) must use exactly these values; they can print them as literals.
 *
 * - The stream id: `hhhhhhhh-0000-4000-8000-000000000000`, where `hhhhhhhh` is the 32-bit FNV-1a
 *   hash of the scenario's name (its UTF-16 code units), as 8 lower-case hex digits.
 * - The n-th `newId` of the scenario (n = 1, 2, …): the same with the last group replaced by n in
 *   12 decimal digits (`…-8000-000000000001`), so that ids are easy to recognise in a message.
 * - `now`: always `2026-01-01T00:00:00.000Z`.
 */
import type { RunContext } from './run-context.js';

export const SCENARIO_NOW = '2026-01-01T00:00:00.000Z';

export function scenarioStreamId(scenarioName: string): string {
    return streamIdOf(fnv1a(scenarioName));
}

export function scenarioId(scenarioName: string, n: number): string {
    return idOf(fnv1a(scenarioName), n);
}

/** A fresh run context for one scenario: its stream id, the fixed clock, ids counting from 1. */
export function scenarioRunContext(scenarioName: string): RunContext {
    // The name hashed once per run, not once more for every id drawn.
    const hash = fnv1a(scenarioName);
    let drawn = 0;
    return {
        streamId: streamIdOf(hash),
        now: SCENARIO_NOW,
        newId: () => idOf(hash, ++drawn)
    };
}

function streamIdOf(hash: string): string {
    return `${hash}-0000-4000-8000-000000000000`;
}

function idOf(hash: string, n: number): string {
    return `${hash}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function fnv1a(text: string): string {
    // Kept a signed 32-bit integer in the loop (the same bits): an unsigned one above 2^31 is no
    // small integer to the engine, and before the loop is optimised each step allocated a number.
    let hash = 0x811c9dc5 | 0;
    for (let index = 0; index < text.length; index++) {
        hash ^= text.charCodeAt(index);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0).toString(16).padStart(8, '0');
}
