/**
 * Shrinks a CLI case that shows a finding to a small reproducer: drops whole files, then removes
 * chunks of lines and tokens from each remaining file, mutated ones first (shrink-text.ts),
 * keeping each cut that still shows the same finding (kind and signature). Bounded by a number of
 * re-runs, since each may take seconds.
 */
import type { CliCase, CliCaseRunner } from './cli-fuzz.js';
import type { Finding } from './findings.js';
import { shrinkText } from './shrink-text.js';

export async function minimizeCliCase(runner: CliCaseRunner, testCase: CliCase, finding: Finding, maxRuns: number): Promise<CliCase> {
    let best = testCase;
    const budget = { runs: maxRuns };
    const stillFails = async (candidate: CliCase) => {
        const outcome = (await runner.run(candidate)).finding;
        return outcome?.kind === finding.kind && outcome.signature === finding.signature;
    };
    const mutatedFirst = Object.keys(best.files).sort((a, b) => Number(best.files[b] !== best.original[b]) - Number(best.files[a] !== best.original[a]));
    for (const name of mutatedFirst) {
        if (budget.runs <= 0 || Object.keys(best.files).length <= 1) break;
        // Another file may be needed (it declares what the broken one uses): try without it.
        const rest = Object.fromEntries(Object.entries(best.files).filter(([file]) => file !== name));
        budget.runs--;
        if (await stillFails({ ...best, files: rest })) best = { ...best, files: rest };
    }
    for (const name of mutatedFirst.filter(file => file in best.files)) {
        const shrunk = await shrinkText({ text: best.files[name], anchors: [] },
            candidate => stillFails({ ...best, files: { ...best.files, [name]: candidate.text } }), budget);
        best = { ...best, files: { ...best.files, [name]: shrunk.text } };
    }
    return best;
}
