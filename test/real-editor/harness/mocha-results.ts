/** Reads the JSON the in-host suite's mocha wrote and prints it like the spec reporter would. */
import * as fs from 'node:fs';

interface MochaJsonTest { fullTitle: string; err?: { message?: string; stack?: string } }
interface MochaJson { stats: { passes: number; failures: number; pending: number; duration: number }; failures: MochaJsonTest[] }

/** True when the file exists, at least one test ran and none failed. */
export function reportMochaResults(resultsFile: string, suiteName: string): boolean {
    if (!fs.existsSync(resultsFile)) return false;
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as MochaJson;
    for (const failure of results.failures) {
        const detail = (failure.err?.stack ?? failure.err?.message ?? '').split('\n').slice(0, 14).join('\n    ');
        console.error(`\n  FAILED: ${failure.fullTitle}\n    ${detail}`);
    }
    const { passes, failures, pending, duration } = results.stats;
    console.log(`\n  ${suiteName}: ${passes} passing, ${failures} failing, ${pending} pending (${(duration / 1000).toFixed(1)}s in the extension host)`);
    return failures === 0 && passes > 0;
}
