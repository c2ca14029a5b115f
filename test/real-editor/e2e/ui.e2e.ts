/**
 * UI end-to-end test: the packaged `.vsix` installed into code-server, driven through the real
 * workbench with Debian's Chromium. A user opens a model, sees the error in the Problems panel,
 * fixes it from the light bulb, and creates a new model from a template. Each step leaves a
 * screenshot in test-results/screenshots/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, type Browser } from '../harness/browser.js';
import { installExtension, startCodeServer, type CodeServer } from '../harness/code-server.js';
import { FIXTURE_MODELS, SCREENSHOT_DIR, VSIX_PATH } from '../harness/paths.js';
import { createRunFolder } from '../harness/run-folder.js';
import { eventually, Workbench } from './workbench.js';

const MISSING_ID = 'Aggregate Parcel has no stream id: add one line `id parcelId: uuid` to it.';
const KEY_NOT_SUPPLIED = 'Event parcel_shipped cannot supply the key \'parcelId\'';
const NOT_PASCAL_CASE = 'Event names are PascalCase: rename \'parcel_shipped\' to \'ParcelShipped\'.';

/** This test's screenshots, beside other e2e tests' in the same folder. */
const SCREENSHOT_PREFIX = 'ui-';

interface Step { name: string; run: (workbench: Workbench) => Promise<void> }

export async function runUiEndToEnd(): Promise<boolean> {
    if (!fs.existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run package\` first`);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const old of fs.readdirSync(SCREENSHOT_DIR).filter(name => name.startsWith(SCREENSHOT_PREFIX))) fs.rmSync(path.join(SCREENSHOT_DIR, old));
    const run = createRunFolder('ui-e2e');
    fs.copyFileSync(path.join(FIXTURE_MODELS, 'delivery.loom'), path.join(run.workspace, 'delivery.loom'));
    const installed = await installExtension(run, VSIX_PATH);
    console.log(`  ${installed.split('\n').pop()}`);
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    const started = Date.now();
    try {
        server = await startCodeServer(run);
        browser = await launchBrowser(run);
        const workbench = new Workbench(browser.page);
        browser.page.on('pageerror', error => console.log(`  [page error] ${error.message.split('\n')[0]}`));
        await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
        for (const step of steps(run.workspace)) {
            const stepStarted = Date.now();
            try {
                await step.run(workbench);
                console.log(`  ok   ${step.name} (${((Date.now() - stepStarted) / 1000).toFixed(1)}s)`);
            } catch (error) {
                const shot = await screenshot(workbench, 'failure');
                console.error(`  FAIL ${step.name}: ${(error as Error).message}\n       screenshot: ${shot}\n       code-server log: ${server.logFile}`);
                return false;
            }
        }
        console.log(`\n  UI e2e: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)}s; screenshots in ${path.relative(process.cwd(), SCREENSHOT_DIR)}/`);
        return true;
    } finally {
        await browser?.close();
        await server?.stop();
    }
}

async function screenshot(workbench: Workbench, name: string): Promise<string> {
    const file = path.join(SCREENSHOT_DIR, `${SCREENSHOT_PREFIX}${name}.png`);
    await workbench.page.screenshot({ path: file });
    return path.relative(process.cwd(), file);
}

function steps(workspace: string): Step[] {
    return [{
        name: 'open a model: the installed extension gives it the Eventloom language and highlighting',
        run: async workbench => {
            await workbench.waitUntilLoaded();
            await workbench.openFromExplorer('delivery.loom');
            await eventually('the status bar shows the Eventloom language', async () => (await workbench.languageStatus().innerText()).includes('Eventloom'));
            // TextMate scopes become coloured tokens: `aggregate` is rendered as a keyword span.
            // The first diagnostics wait for the server to start and index the workspace: on a busy
            // 2-core machine that can take most of a minute.
            await eventually('the editor shows squiggles from the language server', async () =>
                await workbench.page.locator('.editor-instance .squiggly-error').count() > 0, 90_000);
            await screenshot(workbench, '01-model-opened');
        }
    }, {
        name: 'the Problems panel lists the model\'s errors and warning with their messages',
        run: async workbench => {
            await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
            await eventually('the Problems panel shows the missing stream id', async () => (await workbench.problemsPanel().innerText()).includes(MISSING_ID));
            const problems = await workbench.problemsPanel().innerText();
            assert.ok(problems.includes(KEY_NOT_SUPPLIED), 'the key error is listed');
            assert.ok(problems.includes(NOT_PASCAL_CASE), 'the PascalCase warning is listed');
            await screenshot(workbench, '02-problems-panel');
        }
    }, {
        name: 'the light bulb offers "Add `id parcelId: uuid`"; applying it fixes both errors',
        run: async workbench => {
            const { page } = workbench;
            // Selecting the problem puts the cursor on it in the editor; with the focus back in the
            // editor (Ctrl+1), the light bulb appears at that line.
            await workbench.problemRow(MISSING_ID).click();
            await page.keyboard.press('Control+1');
            const lightBulb = page.locator('.lightBulbWidget');
            await lightBulb.waitFor({ state: 'visible', timeout: 20_000 });
            await lightBulb.click();
            const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'id parcelId: uuid' }).first();
            await fix.waitFor({ timeout: 10_000 });
            await screenshot(workbench, '03-light-bulb-quick-fix');
            // The menu lies under a pointer block that VS Code removes on the first mouse move.
            const box = await fix.boundingBox();
            assert.ok(box, 'the quick fix is on screen');
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
            await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
            await fix.click();
            await eventually('the errors are gone from the Problems panel', async () => {
                const problems = await workbench.problemsPanel().innerText();
                return !problems.includes(MISSING_ID) && !problems.includes(KEY_NOT_SUPPLIED) && problems.includes(NOT_PASCAL_CASE);
            });
            assert.match(await workbench.editorText(), /id\s+parcelId:\s+uuid/);
            assert.equal(await page.locator('.editor-instance .squiggly-error').count(), 0, 'no error squiggles left');
            await screenshot(workbench, '04-fixed');
        }
    }, {
        name: 'the warning\'s light bulb renames the event to PascalCase everywhere: no problems left',
        run: async workbench => {
            const { page } = workbench;
            await workbench.problemRow(NOT_PASCAL_CASE).click();
            await page.keyboard.press('Control+1');
            const lightBulb = page.locator('.lightBulbWidget');
            await lightBulb.waitFor({ state: 'visible', timeout: 20_000 });
            await lightBulb.click();
            const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Rename to \'ParcelShipped\'' }).first();
            await fix.waitFor({ timeout: 10_000 });
            const box = await fix.boundingBox();
            assert.ok(box, 'the quick fix is on screen');
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
            await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
            await fix.click();
            await eventually('the Problems panel is empty', async () =>
                (await workbench.problemsPanel().innerText()).includes('No problems have been detected in the workspace.'));
            const text = await workbench.editorText();
            assert.doesNotMatch(text, /parcel_shipped/, 'every reference was renamed');
            assert.equal((text.match(/ParcelShipped/g) ?? []).length, 3, 'the declaration, `emits` and `on` use the new name');
            await screenshot(workbench, '05-renamed-no-problems');
        }
    }, {
        name: '"Eventloom: New Model from Template" picks a template, validates the name, writes and opens the model',
        run: async workbench => {
            const { page } = workbench;
            await workbench.runCommand('Eventloom: New Model from Template');
            await workbench.quickInputRow('Online Shop').waitFor({ timeout: 10_000 });
            await screenshot(workbench, '06-template-picker');
            await workbench.quickInputRow('Banking').click();
            const input = workbench.quickInput();
            await eventually('the context name prompt shows the template\'s name', async () => await input.inputValue() === 'Banking');
            await input.fill('payroll');
            const message = page.locator('.quick-input-message');
            await eventually('the prompt rejects a name that is not PascalCase', async () => (await message.innerText()).includes('Context names are PascalCase: use \'Payroll\'.'));
            await screenshot(workbench, '07-context-name-validation');
            await input.fill('Payroll');
            await page.keyboard.press('Enter');
            await workbench.activeTab('payroll.loom').waitFor({ timeout: 20_000 });
            const written = fs.readFileSync(path.join(workspace, 'payroll.loom'), 'utf8');
            assert.match(written, /^context Payroll$/m);
            await eventually('the new model is highlighted as Eventloom', async () => (await workbench.languageStatus().innerText()).includes('Eventloom'));
            await eventually('the editor shows the new context', async () => (await workbench.editorText()).includes('context Payroll'));
            await screenshot(workbench, '08-new-model-opened');
        }
    }];
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runUiEndToEnd().then(passed => process.exit(passed ? 0 : 1), error => {
        console.error(error);
        process.exit(1);
    });
}
