/**
 * Entry of the in-host suite (the @vscode/test-electron contract): VS Code loads this module in the
 * extension host and awaits `run()`, which rejects when a test fails. Bundled by `build-suite.mjs`
 * next to every `*.test.ts` of this folder, each as its own `*.test.cjs`: a new test file needs
 * no registration here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
    const resultsFile = process.env.EVENTLOOM_TEST_RESULTS;
    const mocha = new Mocha({
        ui: 'bdd',
        timeout: 30_000,
        color: false,
        // The outer runner reads the JSON file and prints the results; the host's console is not its stdout.
        ...(resultsFile ? { reporter: 'json', reporterOptions: { output: resultsFile } } : { reporter: 'spec' }),
        grep: process.env.EVENTLOOM_TEST_GREP || undefined
    });
    const testFiles = fs.readdirSync(__dirname).filter(name => name.endsWith('.test.cjs')).sort();
    for (const file of testFiles) mocha.addFile(path.join(__dirname, file));
    return new Promise((resolve, reject) => {
        const runner = mocha.run(failures => failures > 0 ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve());
        // Live progress for whoever watches the host's console (the harness forwards it).
        runner.on('pass', test => console.log(`[eventloom-tests] ok   ${test.fullTitle()}`));
        runner.on('fail', (test, error) => console.log(`[eventloom-tests] FAIL ${test.fullTitle()}: ${(error as Error).message}`));
    });
}
