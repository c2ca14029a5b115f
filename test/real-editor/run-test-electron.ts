/**
 * Runs the same in-host suite in desktop VS Code through @vscode/test-electron, for machines that
 * have VS Code or can download it. Where VS Code cannot be had (no network to Microsoft's update
 * server, no display) it says why and skips; it never waits longer than its deadlines.
 * Set VSCODE_EXECUTABLE_PATH to use an installed VS Code instead of downloading one.
 */
import { downloadAndUnzipVSCode, runTests, SilentReporter } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportMochaResults } from './harness/mocha-results.js';
import { CACHE_DIR, REPO_ROOT, RESULTS_DIR, SUITE_ENTRY } from './harness/paths.js';
import { createRunFolder } from './harness/run-folder.js';

const DOWNLOAD_DEADLINE_MS = 10 * 60_000;
const SUITE_DEADLINE_MS = 10 * 60_000;

export type ElectronOutcome = 'passed' | 'failed' | 'skipped';

export async function runInHostSuiteInTestElectron(): Promise<ElectronOutcome> {
    let executable = process.env.VSCODE_EXECUTABLE_PATH;
    if (!executable) {
        try {
            executable = await withDeadline(downloadAndUnzipVSCode({
                version: 'stable',
                cachePath: path.join(CACHE_DIR, 'vscode-test'),
                timeout: 15_000,   // idle timeout of the download itself
                reporter: process.stdout.isTTY ? undefined : new SilentReporter()
            }), DOWNLOAD_DEADLINE_MS, 'downloading VS Code');
        } catch (error) {
            skip(`cannot download VS Code (${describe(error)}); set VSCODE_EXECUTABLE_PATH to an installed VS Code to run this suite`);
            return 'skipped';
        }
    }
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        skip('desktop VS Code needs a display here; run under `xvfb-run -a` to include this suite');
        return 'skipped';
    }
    const run = createRunFolder('test-electron');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const resultsFile = path.join(RESULTS_DIR, 'in-host-test-electron.json');
    fs.rmSync(resultsFile, { force: true });
    try {
        const exitCode = await withDeadline(runTests({
            vscodeExecutablePath: executable,
            extensionDevelopmentPath: REPO_ROOT,
            extensionTestsPath: SUITE_ENTRY,
            extensionTestsEnv: { EVENTLOOM_TEST_RESULTS: resultsFile },
            launchArgs: [run.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
                '--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir]
        }), SUITE_DEADLINE_MS, 'running the suite in VS Code');
        return reportMochaResults(resultsFile, 'in-host suite (@vscode/test-electron)') && exitCode === 0 ? 'passed' : 'failed';
    } catch (error) {
        reportMochaResults(resultsFile, 'in-host suite (@vscode/test-electron)');
        console.error(`  @vscode/test-electron: ${describe(error)}`);
        return 'failed';
    }
}

function skip(reason: string): void {
    console.log(`  SKIPPED @vscode/test-electron suite: ${reason}.`);
}

function describe(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return message.split('\n')[0]!;
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 60_000} min`)), ms);
        timer.unref();
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runInHostSuiteInTestElectron().then(outcome => process.exit(outcome === 'failed' ? 1 : 0), error => {
        console.error(error);
        process.exit(1);
    });
}
