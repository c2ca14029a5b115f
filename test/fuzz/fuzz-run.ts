/**
 * Runs a bounded number of CLI cases (and, in lsp-fuzz.ts, language-server edits) for a seed and
 * collects the findings, one entry per distinct signature with every case that showed it.
 */
import { cliCase, CliCaseRunner, type CliCase } from './cli-fuzz.js';
import type { Finding } from './findings.js';
import type { MutationLimits } from './mutations.js';

export interface FoundBug {
    finding: Finding;
    cases: CliCase[];
}

export interface CliRunSummary {
    inputs: number;
    bugs: FoundBug[];
    counts: Record<Finding['kind'], number>;
    slowest: Array<{ index: number; milliseconds: number; command: string; mutations: string[] }>;
}

export async function runCliCases(options: {
    seed: number; count: number; first?: number; limits: MutationLimits; timeoutMs: number;
    /** Only these commands of cli-commands.ts (all when empty). */
    commands?: readonly string[];
    onProgress?: (done: number, summary: CliRunSummary) => void;
    /** Called when a case shows a bug not seen before in this run (long runs report as they go). */
    onNewBug?: (finding: Finding, testCase: CliCase) => void;
}): Promise<CliRunSummary> {
    const runner = new CliCaseRunner(options.timeoutMs);
    const summary: CliRunSummary = { inputs: 0, bugs: [], counts: { crash: 0, hang: 0, 'write-outside': 0 }, slowest: [] };
    try {
        const first = options.first ?? 0;
        for (let index = first; index < first + options.count; index++) {
            const testCase = cliCase(options.seed, index, options.limits, options.commands);
            const { finding, milliseconds } = await runner.run(testCase);
            summary.inputs++;
            summary.slowest.push({ index, milliseconds, command: testCase.command, mutations: testCase.mutations });
            summary.slowest.sort((a, b) => b.milliseconds - a.milliseconds).splice(5);
            if (finding) {
                summary.counts[finding.kind]++;
                const known = summary.bugs.find(bug => bug.finding.kind === finding.kind && bug.finding.signature === finding.signature);
                if (known) known.cases.push(testCase);
                else {
                    summary.bugs.push({ finding, cases: [testCase] });
                    options.onNewBug?.(finding, testCase);
                }
            }
            options.onProgress?.(index - first + 1, summary);
        }
    } finally {
        runner.dispose();
    }
    return summary;
}
