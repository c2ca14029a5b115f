/**
 * Runs the in-host suite inside code-server's Node extension host, the way @vscode/test-electron
 * does on the desktop: the workbench URL's `payload` names the extension under development (this
 * repository) and the tests module; when `run()` settles, the workbench calls
 * `window.codeAutomationExit(code)`, which we expose from Playwright.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './harness/browser.js';
import { startCodeServer } from './harness/code-server.js';
import { reportMochaResults } from './harness/mocha-results.js';
import { REPO_ROOT, RESULTS_DIR, SCREENSHOT_DIR, SUITE_ENTRY } from './harness/paths.js';
import { createRunFolder } from './harness/run-folder.js';

const SUITE_TIMEOUT_MS = 10 * 60_000;   // a bound, not an expectation: the suite takes 1-2 min here

export async function runInHostSuiteInCodeServer(): Promise<boolean> {
    if (!fs.existsSync(SUITE_ENTRY)) throw new Error(`${SUITE_ENTRY} is missing: run \`node test/real-editor/build-suite.mjs\` first`);
    const run = createRunFolder('in-host');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const resultsFile = path.join(RESULTS_DIR, 'in-host-code-server.json');
    fs.rmSync(resultsFile, { force: true });
    // EVENTLOOM_SCREENSHOTS tells the tests that this runner takes the screenshots they ask for.
    const server = await startCodeServer(run, { EVENTLOOM_TEST_RESULTS: resultsFile, EVENTLOOM_SCREENSHOTS: SCREENSHOT_DIR });
    let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
    try {
        browser = await launchBrowser(run);
        const { page } = browser;
        page.on('console', message => {
            const text = message.text();
            const shot = /\[eventloom-screenshot\] ([\w-]+)/.exec(text)?.[1];
            if (shot) void takeScreenshot(page, shot);
            if (text.includes('[eventloom-tests]') || process.env.VERBOSE) console.log('  ' + text.replace(/^.*\[eventloom-tests\] /, ''));
        });
        let exit!: (code: number | string) => void;
        const exited = new Promise<number | string>(resolve => (exit = resolve));
        await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
        const payload = JSON.stringify([
            ['extensionDevelopmentPath', `vscode-remote://${server.authority}${REPO_ROOT}`],
            ['extensionTestsPath', `vscode-remote://${server.authority}${SUITE_ENTRY}`]
        ]);
        await page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(payload)}`);
        const timer = setTimeout(() => exit('timeout'), SUITE_TIMEOUT_MS);
        const code = await exited;
        clearTimeout(timer);
        const reported = reportMochaResults(resultsFile, 'in-host suite (code-server)');
        const passed = code === 0 && reported;
        if (code === 'timeout') console.error(`in-host suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} min (code-server log: ${server.logFile})`);
        else if (!fs.existsSync(resultsFile)) console.error(`the suite exited with ${code} without results: did the extension host start? (log: ${server.logFile})`);
        return passed;
    } finally {
        await browser?.close();
        await server.stop();
    }
}

/**
 * An in-host test cannot see the workbench it runs in: it asks for a screenshot on the console
 * (`[eventloom-screenshot] <name>`, see suite/helpers.ts) and waits for the file, which appears
 * whole (written aside, then renamed).
 */
async function takeScreenshot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    try {
        // What the test's last command opened (a peek, a panel) is painted a moment later.
        await page.waitForTimeout(750);
        await page.screenshot({ path: `${file}.partial.png` });
        fs.renameSync(`${file}.partial.png`, file);
    } catch (error) {
        console.error(`screenshot ${name} failed: ${(error as Error).message}`);
    }
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runInHostSuiteInCodeServer().then(passed => process.exit(passed ? 0 : 1), error => {
        console.error(error);
        process.exit(1);
    });
}
