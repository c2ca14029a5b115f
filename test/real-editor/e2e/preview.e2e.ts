/**
 * UI end-to-end test of the flow preview: the packaged `.vsix` in code-server, driven with
 * Chromium on the richer online-shop template. Opens the preview from the palette, screenshots it
 * in the dark and the light theme, types a new command and event and waits for their notes, and
 * clicks a note to move the editor's cursor to its declaration. Screenshots land in
 * test-results/screenshots/preview-*.png — look at them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { launchBrowser, type Browser } from '../harness/browser.js';
import { installExtension, startCodeServer, type CodeServer } from '../harness/code-server.js';
import { REPO_ROOT, SCREENSHOT_DIR, VSIX_PATH } from '../harness/paths.js';
import { createRunFolder } from '../harness/run-folder.js';
import { eventually, Workbench } from './workbench.js';

const TEMPLATE = path.join(REPO_ROOT, 'templates/online-shop');

interface Step { name: string; run: (workbench: Workbench) => Promise<void> }

export async function runPreviewEndToEnd(): Promise<boolean> {
    if (!fs.existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run package\` first`);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const run = createRunFolder('preview-e2e');
    // The workspace is the online-shop template alone (the fixtures' deliberate errors would put the banner up).
    fs.rmSync(run.workspace, { recursive: true, force: true });
    fs.cpSync(TEMPLATE, run.workspace, { recursive: true });
    await installExtension(run, VSIX_PATH);
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    try {
        server = await startCodeServer(run);
        browser = await launchBrowser(run);
        const workbench = new Workbench(browser.page);
        await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
        for (const step of steps(run.workspace)) {
            const started = Date.now();
            try {
                await step.run(workbench);
                console.log(`  ok   ${step.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
            } catch (error) {
                const shot = await screenshot(workbench, 'preview-failure');
                console.error(`  FAIL ${step.name}: ${(error as Error).message}\n       screenshot: ${shot}\n       code-server log: ${server.logFile}`);
                // CI keeps only what is printed: what the language server reported, as the Problems panel lists it.
                console.error(`       Problems panel: ${await problemsText(workbench)}`);
                return false;
            }
        }
        return true;
    } finally {
        await browser?.close();
        await server?.stop();
    }
}

/** The Problems panel's rows, opened for the purpose (empty when it says there are none). */
async function problemsText(workbench: Workbench): Promise<string> {
    try {
        await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
        await workbench.problemsPanel().waitFor({ timeout: 10_000 });
        await new Promise(resolve => setTimeout(resolve, 500));
        return JSON.stringify((await workbench.problemsPanel().innerText()).replace(/\s+/g, ' ').slice(0, 2000));
    } catch (error) {
        return `(could not be read: ${(error as Error).message.split('\n')[0]})`;
    }
}

async function screenshot(workbench: Workbench, name: string): Promise<string> {
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await workbench.page.screenshot({ path: file });
    return path.relative(process.cwd(), file);
}

/** The preview's document: VS Code nests each webview in two iframes; ours is the one holding #diagram. */
async function previewFrame(workbench: Workbench): Promise<Frame> {
    let found: Frame | undefined;
    await eventually('the flow preview webview is loaded', async () => {
        for (const frame of workbench.page.frames()) {
            if (await frame.locator('#diagram').count().catch(() => 0) > 0) {
                found = frame;
                return true;
            }
        }
        return false;
    }, 30_000);
    return found!;
}

const node = (frame: Frame, id: string) => frame.locator(`.node[data-node-id="${id}"]`);

async function setColorTheme(workbench: Workbench, theme: string): Promise<void> {
    await workbench.runCommand('Preferences: Color Theme');
    const input = workbench.quickInput();
    await input.fill(theme);
    await workbench.quickInputRow(theme).waitFor({ timeout: 10_000 });
    await workbench.page.keyboard.press('Enter');
}

/** The editor's cursor as the status bar shows it: `Ln 12, Col 9`. */
async function cursorPosition(workbench: Workbench): Promise<string> {
    return (await workbench.page.locator('#status\\.editor\\.selection').innerText()).trim();
}

/**
 * A newcomer's scenario: picks it from "Step through a scenario…", steps given, given, when, then,
 * and reads the payment's state after each step in the step panel; each step's note is on screen,
 * large enough to read and not under the step panel.
 */
async function stepThroughACapturedPayment(workbench: Workbench, frame: Frame, shot: string): Promise<void> {
    // Payments' rules are all in the model, so the model runs its scenarios (Ordering's decisions are hand-written).
    const title = 'an authorised payment is captured';
    const options = await frame.locator('#scenario-select option').allTextContents();
    assert.ok(options.includes(title), `the scenario is offered as passing: ${JSON.stringify(options)}`);
    await frame.locator('#scenario-select').selectOption({ label: title });
    const panel = frame.locator('#step-panel');
    await eventually('the step panel is at the start', async () => await panel.locator('.step-position').textContent() === 'before the first step');
    await screenshot(workbench, `${shot}-2-scenario-picked`);
    const expected: Array<[string, RegExp]> = [
        ['step 1 of 4: given', /^PaymentRequested happened$/],
        ['step 2 of 4: given', /^PaymentAuthorized happened$/],
        ['step 3 of 4: when', /^CapturePayment is decided on this state$/],
        ['step 4 of 4: then', /^accepted: PaymentCaptured \{/]
    ];
    const states: string[] = [];
    for (const [i, [position, summary]] of expected.entries()) {
        await frame.locator('#step-next').click();
        await eventually(`the panel shows ${position}`, async () => await panel.locator('.step-position').textContent() === position);
        assert.match(await panel.locator('.step-summary').textContent() ?? '', summary);
        states.push((await panel.locator('dl').first().innerText()).replace(/\s+/g, ' '));
        // The note of this step is drawn, marked, and inside the canvas.
        const current = frame.locator('.board-note.step-current');
        assert.equal(await current.count(), 1, `${position}: one note is the current step`);
        const [box, canvas] = [await current.boundingBox(), await frame.locator('#canvas').boundingBox()];
        assert.ok(box && canvas && box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height,
            `${position}: the current note (${JSON.stringify(box)}) lies in the canvas (${JSON.stringify(canvas)})`);
        console.log(`       ${position}: the current note is ${box!.width.toFixed(0)} × ${box!.height.toFixed(0)} px on screen`);
        // Readable: the board zooms in for stepping (at Fit a note is ~40 px wide), and the step panel does not cover it.
        assert.ok(box!.width >= 100, `${position}: the current note is ${box!.width.toFixed(0)} px wide, too small to read`);
        const stepPanel = await panel.boundingBox();
        assert.ok(stepPanel && (box!.x + box!.width <= stepPanel.x || stepPanel.x + stepPanel.width <= box!.x || box!.y + box!.height <= stepPanel.y || stepPanel.y + stepPanel.height <= box!.y),
            `${position}: the step panel (${JSON.stringify(stepPanel)}) does not cover the current note`);
        await screenshot(workbench, `${shot}-${i + 3}-step-${i + 1}`);
    }
    // The state changes as the events are applied: the requested payment is authorised.
    console.log(`       the payment's state: ${states.join(' | ')}`);
    assert.match(states[0], /status Requested/);
    assert.match(states[1], /status Authorized/);
    assert.equal(await panel.locator('.step-passed').textContent(), 'The scenario passes.');
}

function steps(workspace: string): Step[] {
    const ordering = fs.readFileSync(path.join(workspace, 'ordering.loom'), 'utf8').split('\n');
    const markPaidLine = ordering.findIndex(line => line.includes('command MarkOrderPaid')) + 1;
    const placedLine = ordering.findIndex(line => line.includes('event OrderPlaced')) + 1;
    assert.ok(markPaidLine > 0 && placedLine > markPaidLine, 'the template declares MarkOrderPaid before OrderPlaced');
    let frame: Frame;

    return [{
        name: 'open ordering.loom and click "Open Flow Preview" in the editor title: the whole shop is drawn beside the editor',
        run: async workbench => {
            await workbench.waitUntilLoaded();
            await workbench.openFromExplorer('ordering.loom');
            // The editor title bar's preview button (the palette command runs the same code).
            const button = workbench.page.locator('.editor-actions .action-label[aria-label*="Open Flow Preview"]').first();
            await button.waitFor({ timeout: 30_000 });
            await button.click();
            frame = await previewFrame(workbench);
            await eventually('the three contexts\' notes are drawn', async () => await frame.locator('.node').count() >= 40
                && await node(frame, 'aggregate:Payments.Payment').count() === 1 && await node(frame, 'aggregate:Shipping.Parcel').count() === 1);
            assert.equal(await frame.locator('#banner').isVisible(), false, 'no error banner for a valid model');
            assert.deepEqual(await frame.locator('#legend li').allTextContents(), ['Command', 'Aggregate', 'Event', 'Read model', 'Query', 'Policy'],
                'the legend lists the kinds drawn (no other context\'s events in the whole model)');
            // More room for the diagram: hide the side bar (Ctrl+B).
            await workbench.page.locator('.editor-instance .view-lines').first().click();
            await workbench.page.keyboard.press('Control+B');
            await frame.locator('#fit').click();
        }
    }, {
        name: 'the preview in the dark theme, then in the light theme',
        run: async workbench => {
            for (const [theme, workbenchClass, shot] of [['Dark Modern', 'vs-dark', 'preview-01-dark'], ['Light Modern', 'vs ', 'preview-02-light']]) {
                await setColorTheme(workbench, theme);
                await eventually(`the workbench shows ${theme}`, async () =>
                    (await workbench.page.locator('.monaco-workbench').getAttribute('class') ?? '').includes(workbenchClass));
                frame = await previewFrame(workbench);
                await eventually(`the webview follows ${theme}`, async () =>
                    (await frame.locator('body').getAttribute('class') ?? '').includes(workbenchClass === 'vs-dark' ? 'vscode-dark' : 'vscode-light'));
                await node(frame, 'aggregate:Ordering.Order').waitFor({ timeout: 20_000 });
                await workbench.page.mouse.move(200, 850);
                await screenshot(workbench, shot);
            }
        }
    }, {
        name: 'filter by the Ordering context and hover a note: the card shows its doc comment and fields',
        run: async workbench => {
            await frame.locator('#context-filter').selectOption('Ordering');
            await eventually('only Ordering and the events it consumes remain', async () =>
                await node(frame, 'aggregate:Payments.Payment').count() === 0 && await node(frame, 'event:Payments.PaymentCaptured').count() === 1);
            assert.match(await node(frame, 'event:Payments.PaymentCaptured').getAttribute('class') ?? '', /node-externalEvent/);
            await node(frame, 'aggregate:Ordering.Order').hover();
            const card = frame.locator('#hover-card');
            await eventually('the hover card shows the aggregate', async () => (await card.innerText()).includes('Ordering.Order'));
            assert.match(await card.innerText(), /A customer's order[\s\S]*orderId: uuid \(key\)/);
            await screenshot(workbench, 'preview-03-ordering-hover');
        }
    }, {
        name: 'type a new command and event into the aggregate: their notes appear',
        run: async workbench => {
            const { page } = workbench;
            await page.locator('.editor-instance .view-lines').first().click();
            await page.keyboard.press('Control+G');
            await page.keyboard.type(String(markPaidLine));
            await page.keyboard.press('Enter');
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
            await page.keyboard.type('command ArchiveOrder { emits OrderArchived }');
            await page.keyboard.press('Enter');
            await page.keyboard.type('event OrderArchived {}');
            await eventually('the new command\'s and event\'s notes are drawn', async () =>
                await node(frame, 'command:Ordering.ArchiveOrder').count() === 1 && await node(frame, 'event:Ordering.OrderArchived').count() === 1, 30_000);
            assert.match(await workbench.editorText(), /command ArchiveOrder \{ emits OrderArchived \}\s+event OrderArchived \{\}/);
            await eventually('the banner is gone once the text is valid again', async () => !(await frame.locator('#banner').isVisible()));
            await screenshot(workbench, 'preview-04-new-nodes');
        }
    }, {
        name: 'click the OrderPlaced note: the editor\'s cursor moves to its declaration',
        run: async workbench => {
            const before = await cursorPosition(workbench);
            await node(frame, 'event:Ordering.OrderPlaced').click();
            // Two lines were typed above it; the name after `  event ` (columns 9-19) is selected,
            // and the status bar shows where the selection ends.
            const expected = `Ln ${placedLine + 2}, Col 20 (11 selected)`;
            await eventually(`the cursor is at ${expected} (was ${before})`, async () => (await cursorPosition(workbench)).startsWith(expected));
            await workbench.activeTab('ordering.loom').waitFor({ timeout: 10_000 });
            await screenshot(workbench, 'preview-05-clicked-node');
        }
    }, {
        name: 'reload the window: the preview comes back (serializer) with its Ordering filter',
        run: async workbench => {
            await workbench.page.reload();
            await workbench.waitUntilLoaded();
            frame = await previewFrame(workbench);
            await eventually('the restored preview draws the Ordering view again', async () =>
                await node(frame, 'aggregate:Ordering.Order').count() === 1 && await node(frame, 'aggregate:Payments.Payment').count() === 0, 60_000);
            assert.equal(await frame.locator('#context-filter').inputValue(), 'Ordering');
            await screenshot(workbench, 'preview-06-after-reload');
        }
    }, {
        name: 'walkthrough, half-screen panel: switch to the board: each context\'s lanes, slices in time order',
        run: async workbench => {
            await frame.locator('#context-filter').selectOption('');
            await frame.locator('#view-toggle').click();
            await eventually('the board is drawn with the three contexts', async () =>
                (await frame.locator('.board-context .context-name').allTextContents()).join(',') === 'Ordering,Payments,Shipping', 30_000);
            // Ordering's time line wraps into rows (the board fills the panel); each row has its lanes.
            assert.deepEqual(await frame.locator('.board-context[data-context="Ordering"] .board-row[data-row="0"] .lane-label').allTextContents(),
                ['Automations', 'Commands · read models', 'Order events', 'From other contexts']);
            assert.ok(await frame.locator('.board-context[data-context="Ordering"] .board-row').count() > 1, 'Ordering\'s time line wraps');
            assert.equal(await frame.locator('#view-toggle').textContent(), 'Flow');
            await screenshot(workbench, 'walkthrough-half-1-board');
        }
    }, {
        name: 'walkthrough, half-screen panel: step through "an authorised payment is captured" and watch the payment\'s state change',
        run: async workbench => {
            await stepThroughACapturedPayment(workbench, frame, 'walkthrough-half');
        }
    }, {
        name: 'walkthrough, full-screen panel: the preview maximized, the board at Fit, the scenario stepped again',
        run: async workbench => {
            await workbench.page.locator('.webview').first().hover().catch(() => undefined);
            await workbench.runCommand('View: Toggle Maximize Editor Group');
            await eventually('the preview fills the window', async () => (await workbench.page.locator('.webview').first().boundingBox())!.width > 1200);
            frame = await previewFrame(workbench);
            await frame.locator('#fit').click();
            await screenshot(workbench, 'walkthrough-full-1-board');
            await stepThroughACapturedPayment(workbench, frame, 'walkthrough-full');
            await workbench.runCommand('View: Toggle Maximize Editor Group');
            await eventually('the editor is back beside the preview', async () => (await workbench.page.locator('.webview').first().boundingBox())!.width < 900);
        }
    }, {
        name: 'the board zoomed in on the start of Ordering\'s time line; back to the flow',
        run: async workbench => {
            await frame.locator('#scenario-select').selectOption('');
            await frame.locator('#fit').click();
            await frame.locator('.board-note[data-node-id="command:Ordering.StartOrder"]').first().click();
            await frame.locator('#find').fill('PlaceOrder');
            await frame.locator('#find').press('Enter');
            for (let i = 0; i < 5; i++) await frame.locator('#zoom-in').click();
            await screenshot(workbench, 'preview-08-board-zoomed');
            await workbench.activeTab('ordering.loom').waitFor({ timeout: 10_000 });
            await frame.locator('#view-toggle').click();
            await eventually('the flow is drawn again', async () => await node(frame, 'aggregate:Shipping.Parcel').count() === 1, 30_000);
        }
    }, {
        name: 'Dark theme again, the whole model: the preview follows the theme change live',
        run: async workbench => {
            await setColorTheme(workbench, 'Dark Modern');
            await frame.locator('#context-filter').selectOption('');
            await eventually('all contexts are drawn again', async () => await node(frame, 'aggregate:Shipping.Parcel').count() === 1);
            await workbench.page.mouse.move(200, 850);
            await screenshot(workbench, 'preview-09-dark-all');
        }
    }];
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runPreviewEndToEnd().then(passed => process.exit(passed ? 0 : 1), error => {
        console.error(error);
        process.exit(1);
    });
}
