/**
 * `npm run test:editor`: everything that needs a real VS Code, in order.
 *   1. set up code-server and Chromium (cached under .cache/; skipped when that is impossible here,
 *      except under CI=true, where it is a failure);
 *   2. `npm run package`: the .vsix users install, which the UI test installs;
 *   3. the in-host suite in code-server, then in desktop VS Code via @vscode/test-electron (skips
 *      where VS Code cannot be downloaded);
 *   4. the UI end-to-end test against code-server with the installed .vsix.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runUiEndToEnd } from './e2e/ui.e2e.js';
import { REPO_ROOT, VSIX_PATH } from './harness/paths.js';
import { runInHostSuiteInCodeServer } from './run-in-code-server.js';
import { runInHostSuiteInTestElectron, type ElectronOutcome } from './run-test-electron.js';

const SETUP_IMPOSSIBLE = 3;
const timings: Array<{ step: string; seconds: number; outcome: string }> = [];

async function timed<T>(step: string, action: () => T | Promise<T>, outcomeOf: (value: T) => string): Promise<T> {
    console.log(`\n=== ${step}`);
    const started = Date.now();
    let outcome = 'failed';
    try {
        const value = await action();
        outcome = outcomeOf(value);
        return value;
    } finally {
        timings.push({ step, seconds: (Date.now() - started) / 1000, outcome });
    }
}

function run(command: string, args: string[]): number {
    return spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
}

async function main(): Promise<number> {
    const setup = await timed('setup: code-server + Chromium', () => run('bash', ['test/real-editor/setup-editor.sh']),
        status => status === 0 ? 'ready' : status === SETUP_IMPOSSIBLE ? 'impossible' : 'failed');
    if (setup === SETUP_IMPOSSIBLE) {
        if (process.env.CI === 'true') {
            console.error('\nCI=true: the real-editor tests must run in CI, but code-server/Chromium could not be set up (see above).');
            return 1;
        }
        console.log('\nSKIPPED the real-editor tests: code-server/Chromium cannot be set up on this machine (see above). Under CI=true this fails.');
        return 0;
    }
    if (setup !== 0) return 1;

    const packaged = await timed('npm run package (.vsix)', () => run('npm', ['run', '--silent', 'package']), status => status === 0 ? 'passed' : 'failed');
    if (packaged !== 0) return 1;
    console.log(`  ${path.relative(REPO_ROOT, VSIX_PATH)}: ${(fs.statSync(VSIX_PATH).size / 1024).toFixed(0)} KiB`);
    const built = await timed('bundle the in-host suite', () => run('node', ['test/real-editor/build-suite.mjs']), status => status === 0 ? 'passed' : 'failed');
    if (built !== 0) return 1;

    const inHost = await timed('in-host suite in code-server', runInHostSuiteInCodeServer, passed => passed ? 'passed' : 'failed').catch(report);
    const electron = await timed('in-host suite in @vscode/test-electron', runInHostSuiteInTestElectron, (outcome: ElectronOutcome) => outcome).catch(report);
    const ui = await timed('UI end-to-end (installed .vsix, Chromium)', runUiEndToEnd, passed => passed ? 'passed' : 'failed').catch(report);

    console.log('\n=== real-editor summary');
    for (const { step, seconds, outcome } of timings) console.log(`  ${outcome.padEnd(10)} ${seconds.toFixed(1).padStart(6)}s  ${step}`);
    return inHost === true && electron !== 'failed' && electron !== false && ui === true ? 0 : 1;
}

function report(error: unknown): false {
    console.error(error);
    return false;
}

main().then(code => process.exit(code), error => {
    console.error(error);
    process.exit(1);
});
