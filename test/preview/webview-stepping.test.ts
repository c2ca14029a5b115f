/**
 * Stepping through a scenario on the board, in the real webview (Chromium, the real CSP), with
 * the steps the model's interpreter computed: a passing scenario stepped to its end, a failing one
 * shown failing at the step that differs.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { layoutBoard } from '../../src/preview/board/layout-board.js';
import { scenarioRunner } from '../../src/preview/board/scenario-steps.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import type { LaidOutBoard } from '../../src/protocol/board.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import { requireChromium } from '../kit/chromium.js';
import { FIXTURES, modelsOf, readModelFolder, REPO_ROOT } from './preview-test-kit.js';
import { openWebview, type WebviewPage } from './webview-page.js';

describe('webview scenario stepping in Chromium', function () {
    this.timeout(90_000);
    let webview: WebviewPage;
    let graph: LaidOutFlowGraph;
    let board: LaidOutBoard;

    before(async function () {
        requireChromium(this);
        webview = await openWebview();
        const models = await modelsOf(readModelFolder(path.join(FIXTURES, 'modelled-bank')));
        board = layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }));
        graph = await layoutFlowGraph(buildFlowGraph(models));
        await webview.post({ type: 'graph', graph, mode: 'board', board });
        await webview.waitForSent('rendered');
    });
    after(async () => { await webview?.close(); });

    it('lists the scenarios, a failing one marked', async () => {
        const { page } = webview;
        assert.equal(await page.locator('#stepping').isVisible(), true);
        assert.deepEqual(await page.locator('#scenario-select option').allTextContents(),
            ['Step through a scenario…', 'an amount is booked', 'closing is refused while open ✗']);
    });

    it('steps a passing scenario to its end: given, command, outcome', async () => {
        const { page } = webview;
        await page.locator('#scenario-select').selectOption({ label: 'an amount is booked' });
        assert.equal(await page.locator('#step-panel .step-position').textContent(), 'before the first step');
        assert.equal(await page.locator('.board-note.step-pending').count(), 3);
        await page.click('#step-next');
        assert.equal(await page.locator('#step-panel .step-summary').textContent(), 'Opened happened');
        assert.equal(await page.locator('.board-note.step-current .name').textContent(), 'Opened');
        await page.click('#step-next');
        assert.equal(await page.locator('#step-panel .step-summary').textContent(), 'Book is decided on this state');
        await page.click('#step-next');
        assert.equal(await page.locator('#step-panel .step-position').textContent(), 'step 3 of 3: then');
        assert.equal(await page.locator('#step-panel .step-summary').textContent(), 'accepted: Booked { amount: 100.10 }');
        assert.equal(await page.locator('#step-panel .step-passed').textContent(), 'The scenario passes.');
        assert.equal(await page.locator('.board-note.step-done').count(), 2);
        assert.equal(await page.locator('#step-next').isDisabled(), true, 'the end');
        await page.click('#step-back');
        assert.equal(await page.locator('#step-panel .step-position').textContent(), 'step 2 of 3: when');
    });

    it('shows a failing scenario failing at the step that differs', async () => {
        const { page } = webview;
        await page.locator('#scenario-select').selectOption({ label: 'closing is refused while open ✗' });
        for (let i = 0; i < 3; i++) await page.click('#step-next');
        assert.equal(await page.locator('#step-panel .step-failure').count(), 0, 'not failing before the outcome');
        await page.click('#step-next');
        assert.equal(await page.locator('#step-panel .step-summary').textContent(), 'rejected: StillOpen {}');
        assert.match(await page.locator('#step-panel .step-failure').textContent() ?? '', /^Fails here\. Expected Closed, but the model gives rejected StillOpen/);
        assert.equal(await page.locator('.board-note.step-failed .name').textContent(), 'Closed', 'the outcome the scenario expected is marked failing');
        await page.screenshot({ path: path.join(FIXTURES, '..', '..', '..', 'test-results', 'screenshots', 'board-step-failing.png') }).catch(() => undefined);
    });

    it('starts stepping through the scenario a "Step on the board" lens names, by its declaration\'s line', async () => {
        const { page } = webview;
        await page.locator('#scenario-select').selectOption('');
        const slice = board.contexts.flatMap(context => context.slices).find(candidate => candidate.title === 'an amount is booked')!;
        const renders = (await webview.sent()).filter(m => m.type === 'rendered').length;
        await webview.post({ type: 'graph', graph, mode: 'board', board, step: { uri: slice.location!.uri, line: slice.location!.range.start.line } });
        await webview.waitForSent('rendered', renders);
        assert.equal(await page.locator('#scenario-select').inputValue(), slice.id);
        assert.equal(await page.locator('#step-panel .step-position').textContent(), 'before the first step');
        const rendered = (await webview.sent()).filter(m => m.type === 'rendered').at(-1);
        assert.equal(rendered?.type === 'rendered' && rendered.stepping, slice.id, 'the extension is told what is being stepped');
        await page.click('#step-next');
        assert.equal(await page.locator('#step-panel .step-summary').textContent(), 'Opened happened');
    });
});

/** Where a locator is on the page: its box, or a failure saying which. */
async function boxOf(page: WebviewPage['page'], selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await page.locator(selector).first().boundingBox();
    assert.ok(box, `${selector} is on the page`);
    return box;
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('webview: stepping zooms to where the notes can be read (half-screen panel, the shop\'s board)', function () {
    this.timeout(90_000);
    let webview: WebviewPage;
    let models: Awaited<ReturnType<typeof modelsOf>>;

    before(async function () {
        requireChromium(this);
        // About the preview beside an editor on a 1440 × 900 screen.
        webview = await openWebview({ width: 700, height: 780 });
        models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const aspect = await webview.page.evaluate(() => document.getElementById('canvas')!.clientWidth / document.getElementById('canvas')!.clientHeight);
        const board = layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }), { aspect });
        await webview.post({ type: 'graph', graph: await layoutFlowGraph(buildFlowGraph(models)), mode: 'board', board });
        await webview.waitForSent('rendered');
    });
    after(async () => { await webview?.close(); });

    it('opens on the board\'s start, readable: the first context\'s name, lanes and first notes; Fit shows the whole board', async () => {
        const { page } = webview;
        const canvas = await boxOf(page, '#canvas');
        const name = await boxOf(page, '.board-context[data-context="Ordering"] .context-name');
        assert.ok(name.x >= canvas.x && name.y >= canvas.y && name.y + name.height <= canvas.y + canvas.height, 'Ordering\'s name is in view');
        const lane = await boxOf(page, '.board-context[data-context="Ordering"] .board-row[data-row="0"] .lane-label');
        assert.ok(lane.y + lane.height <= canvas.y + canvas.height, 'its first lane\'s label is in view');
        const first = await boxOf(page, '.board-note[data-node-id="command:Ordering.StartOrder"]');
        assert.ok(first.width >= 100 && first.x + first.width <= canvas.x + canvas.width, `the first command is in view and ${first.width.toFixed(0)} px wide`);
        assert.equal(await page.locator('#minimap').isVisible(), true, 'the minimap shows where in the board the view is');
        await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'screenshots', 'board-opening.png') }).catch(() => undefined);
        await page.click('#fit');
        const board = await boxOf(page, '#viewport');
        assert.ok(board.x >= canvas.x - 1 && board.x + board.width <= canvas.x + canvas.width + 1 && board.y + board.height <= canvas.y + canvas.height + 1, 'Fit: the whole board');
    });

    it('at Fit a note cannot be read; picking a scenario and each step show the current note readable, in the canvas, beside the step panel and the minimap', async () => {
        const { page } = webview;
        const fitWidth = (await boxOf(page, '.board-note[data-node-id="command:Payments.CapturePayment"]')).width;
        assert.ok(fitWidth < 60, `the whole board at Fit: a note is ${fitWidth.toFixed(0)} px wide`);
        await page.locator('#scenario-select').selectOption({ label: 'an authorised payment is captured' });
        const canvas = await boxOf(page, '#canvas');
        for (const position of ['step 1 of 4: given', 'step 2 of 4: given', 'step 3 of 4: when', 'step 4 of 4: then']) {
            await page.click('#step-next');
            assert.equal(await page.locator('#step-panel .step-position').textContent(), position);
            const note = await boxOf(page, '.board-note.step-current');
            const panel = await boxOf(page, '#step-panel');
            assert.ok(note.width >= 100, `${position}: the current note is ${note.width.toFixed(0)} px wide`);
            assert.ok(note.x >= canvas.x && note.y >= canvas.y && note.x + note.width <= canvas.x + canvas.width && note.y + note.height <= canvas.y + canvas.height,
                `${position}: the note ${JSON.stringify(note)} lies in the canvas ${JSON.stringify(canvas)}`);
            assert.ok(!overlaps(note, panel), `${position}: the step panel ${JSON.stringify(panel)} does not cover the note ${JSON.stringify(note)}`);
            if (await page.locator('#minimap').isVisible()) {
                const minimap = await boxOf(page, '#minimap');
                assert.ok(!overlaps(note, minimap), `${position}: the minimap ${JSON.stringify(minimap)} does not cover the note ${JSON.stringify(note)}`);
            }
        }
        await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'screenshots', 'board-step-readable.png') }).catch(() => undefined);
    });

    it('keeps the step panel below the toolbar, which wraps to several rows this narrow, and scrolling or pressing in it leaves the board alone', async () => {
        const { page } = webview;
        const toolbar = await boxOf(page, '#toolbar');
        const panel = await boxOf(page, '#step-panel');
        const button = await boxOf(page, '#export-mermaid');
        assert.ok(button.y > (await boxOf(page, '#context-filter')).y + 40, 'the toolbar wraps to three rows at 700 px');
        assert.ok(panel.y >= toolbar.y + toolbar.height, `the panel ${JSON.stringify(panel)} is below the toolbar ${JSON.stringify(toolbar)}`);
        const before = await page.locator('#viewport').getAttribute('transform');
        await page.mouse.move(panel.x + panel.width / 2, panel.y + 20);
        await page.mouse.wheel(0, 200);
        await page.mouse.down();
        await page.mouse.move(panel.x + panel.width / 2 - 60, panel.y + 60, { steps: 3 });
        await page.mouse.up();
        assert.equal(await page.locator('#viewport').getAttribute('transform'), before, 'no zoom, no pan');
    });

    it('a step whose note is in view and readable leaves the view where the user put it', async () => {
        const { page } = webview;
        await page.click('#step-back');
        const before = await page.locator('#viewport').getAttribute('transform');
        // The user pans a little: the note stays in view.
        const canvas = await boxOf(page, '#canvas');
        await page.mouse.move(canvas.x + 40, canvas.y + canvas.height - 40);
        await page.mouse.down();
        await page.mouse.move(canvas.x + 30, canvas.y + canvas.height - 45, { steps: 3 });
        await page.mouse.up();
        const panned = await page.locator('#viewport').getAttribute('transform');
        assert.notEqual(panned, before, 'the drag panned');
        await page.click('#step-next');
        assert.equal(await page.locator('#viewport').getAttribute('transform'), panned);
    });

    it('the panel maximized while stepping: the board laid out anew for the wider view keeps the current step readable in view', async () => {
        const { page } = webview;
        await page.locator('#scenario-select').selectOption('');
        await page.locator('#scenario-select').selectOption({ label: 'an authorised payment is captured' });
        for (let i = 0; i < 2; i++) await page.click('#step-next');
        const position = await page.locator('#step-panel .step-position').textContent();
        assert.equal(position, 'step 2 of 4: given');
        const resized = (await webview.sent()).filter(m => m.type === 'viewResized').length;
        await page.setViewportSize({ width: 1440, height: 780 });
        // The webview tells the extension the new shape once the resize settles; the extension answers with the board laid out for it.
        await webview.waitForSent('viewResized', resized);
        const message = (await webview.sent()).filter(m => m.type === 'viewResized').at(-1)!;
        assert.ok(message.type === 'viewResized' && message.viewAspect !== undefined && message.viewAspect > 1.5, `the wider shape is told: ${JSON.stringify(message)}`);
        const renders = (await webview.sent()).filter(m => m.type === 'rendered').length;
        const board = layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }), { aspect: message.viewAspect });
        await webview.post({ type: 'graph', graph: await layoutFlowGraph(buildFlowGraph(models)), mode: 'board', board });
        await webview.waitForSent('rendered', renders);
        assert.equal(await page.locator('#step-panel .step-position').textContent(), position, 'still at the same step');
        const canvas = await boxOf(page, '#canvas');
        const note = await boxOf(page, '.board-note.step-current');
        assert.ok(note.width >= 100, `the current note is ${note.width.toFixed(0)} px wide`);
        assert.ok(note.x >= canvas.x && note.y >= canvas.y && note.x + note.width <= canvas.x + canvas.width && note.y + note.height <= canvas.y + canvas.height,
            `the note ${JSON.stringify(note)} lies in the canvas ${JSON.stringify(canvas)}`);
        assert.ok(!overlaps(note, await boxOf(page, '#step-panel')), 'the step panel does not cover the note');
    });
});
