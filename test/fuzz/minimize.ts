/**
 * Shrinks a CLI case that shows a finding to a small reproducer: removes chunks of lines, then of
 * tokens, from the mutated files (delta debugging), keeping each cut that still shows the same
 * finding (kind and signature). Bounded by a number of re-runs, since each may take seconds.
 */
import type { CliCase, CliCaseRunner } from './cli-fuzz.js';
import type { Finding } from './findings.js';

export async function minimizeCliCase(runner: CliCaseRunner, testCase: CliCase, finding: Finding, maxRuns: number): Promise<CliCase> {
    let best = testCase;
    let runs = 0;
    const stillFails = async (candidate: CliCase) => {
        if (runs >= maxRuns) return false;
        runs++;
        const outcome = (await runner.run(candidate)).finding;
        return outcome?.kind === finding.kind && outcome.signature === finding.signature;
    };
    for (const name of Object.keys(best.files)) {
        if (best.files[name] === best.original[name] && Object.keys(best.files).length > 1) {
            // An unmutated file may be needed (it declares what the broken one uses): try without it.
            const rest = Object.fromEntries(Object.entries(best.files).filter(([file]) => file !== name));
            const candidate = { ...best, files: rest };
            if (await stillFails(candidate)) best = candidate;
            continue;
        }
        for (const split of [(text: string) => text.split(/(?<=\n)/), (text: string) => text.match(/\s+|\w+|[\s\S]/g) ?? []]) {
            let parts = split(best.files[name] ?? '');
            for (let chunk = Math.max(1, Math.floor(parts.length / 2)); chunk >= 1 && runs < maxRuns; chunk = Math.floor(chunk / 2)) {
                for (let start = 0; start < parts.length && runs < maxRuns;) {
                    const shorter = [...parts.slice(0, start), ...parts.slice(start + chunk)];
                    const candidate = { ...best, files: { ...best.files, [name]: shorter.join('') } };
                    if (await stillFails(candidate)) {
                        best = candidate;
                        parts = shorter;
                    } else {
                        start += chunk;
                    }
                }
            }
        }
    }
    return best;
}
