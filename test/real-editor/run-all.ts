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
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, SCREENSHOT_DIR, VSIX_PATH } from './harness/paths.js';
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
    fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    let uiPassed = true;
    for (const { file, name, run: runEndToEnd } of await endToEndTests()) {
        const passed = await timed(`UI end-to-end: ${file} (installed .vsix, Chromium)`, runEndToEnd, ok => ok ? 'passed' : 'failed').catch(report);
        uiPassed &&= passed === true;
        if (passed !== true) console.error(`  ${name} failed`);
    }

    console.log('\n=== real-editor summary');
    for (const { step, seconds, outcome } of timings) console.log(`  ${outcome.padEnd(10)} ${seconds.toFixed(1).padStart(6)}s  ${step}`);
    return inHost === true && electron !== 'failed' && electron !== false && uiPassed ? 0 : 1;
}

/**
 * Every `e2e/*.e2e.ts` module and its exported `run…EndToEnd(): Promise<boolean>` functions, so a
 * new UI test joins the run by existing. Each starts its own code-server and browser.
 */
async function endToEndTests(): Promise<Array<{ file: string; name: string; run: () => Promise<boolean> }>> {
    const dir = path.join(REPO_ROOT, 'test/real-editor/e2e');
    const tests: Array<{ file: string; name: string; run: () => Promise<boolean> }> = [];
    for (const file of fs.readdirSync(dir).filter(name => name.endsWith('.e2e.ts')).sort((a, b) => a === 'ui.e2e.ts' ? -1 : b === 'ui.e2e.ts' ? 1 : a.localeCompare(b))) {
        const module = await import(pathToFileURL(path.join(dir, file)).href) as Record<string, unknown>;
        for (const [name, exported] of Object.entries(module)) {
            if (/^run\w*EndToEnd$/.test(name) && typeof exported === 'function') tests.push({ file, name, run: exported as () => Promise<boolean> });
        }
    }
    return tests;
}

function report(error: unknown): false {
    console.error(error);
    return false;
}

main().then(code => process.exit(code), error => {
    console.error(error);
    process.exit(1);
});
