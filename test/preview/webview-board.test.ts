/**
 * The board view in the real webview (Chromium, the real CSP): switching to the board asks the
 * extension for it and remembers the choice, the board is drawn with its contexts' lanes, a click
 * on a note reveals its declaration, the legend lists only the kinds present, Fit fits.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { layoutBoard } from '../../src/preview/board/layout-board.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { requireChromium } from '../kit/chromium.js';
import { modelsOf, readModelFolder, REPO_ROOT } from './preview-test-kit.js';
import { openWebview, type WebviewPage } from './webview-page.js';

describe('webview board view in Chromium', function () {
    this.timeout(90_000);
    let webview: WebviewPage;

    before(async function () {
        requireChromium(this);
        webview = await openWebview();
    });
    after(async () => { await webview?.close(); });

    it('switches to the board, remembers it, and draws each context\'s lanes and slices', async () => {
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const graph = await layoutFlowGraph(buildFlowGraph(models));
        await webview.post({ type: 'graph', graph });
        await webview.waitForSent('rendered');
        const { page } = webview;
        assert.equal(await page.locator('#view-toggle').textContent(), 'Board');

        await page.click('#view-toggle');
        const setModes = (await webview.sent()).filter(m => m.type === 'setMode');
        assert.deepEqual(setModes.map(m => m.type === 'setMode' && m.mode), ['board']);
        // It says the canvas's shape (the legend is below it), so that the board is wrapped to fill it.
        const canvas = await page.evaluate(() => ({ width: document.getElementById('canvas')!.clientWidth, height: document.getElementById('canvas')!.clientHeight }));
        const aspect = setModes[0].type === 'setMode' ? setModes[0].viewAspect : undefined;
        assert.ok(aspect !== undefined && Math.abs(aspect - canvas.width / canvas.height) < 0.01, `viewAspect ${aspect} for a ${canvas.width} × ${canvas.height} canvas`);
        assert.equal((await webview.savedState())?.mode, 'board', 'the choice survives a reload of the panel');
        assert.equal(await page.locator('#view-toggle').textContent(), 'Flow');

        const board = layoutBoard(buildBoard(models));
        await webview.post({ type: 'graph', graph, board });
        await webview.waitForSent('rendered', 1);
        const rendered = (await webview.sent()).filter(m => m.type === 'rendered').at(-1);
        assert.equal(rendered?.type === 'rendered' && rendered.mode, 'board');
        assert.deepEqual(await page.locator('.board-context .context-name').allTextContents(), ['Ordering', 'Payments', 'Shipping']);
        const lanes = await page.locator('.board-context[data-context="Payments"] .board-row[data-row="0"] .lane-label').allTextContents();
        assert.deepEqual(lanes, ['Automations', 'Commands · read models', 'Payment events', 'From other contexts']);
        const notes = board.contexts.flatMap(c => c.slices.flatMap(s => s.notes));
        assert.equal(await page.locator('.board-note').count(), notes.length);
        assert.equal(await page.locator('.board-note[data-note-id="command:Payments.RequestPayment#0"] .caption').textContent(), 'event · Ordering', 'the other context\'s event names its context');
        // The legend lists the board's kinds that are present, nothing of the flow's.
        assert.deepEqual(await page.locator('#legend li').allTextContents(), ['Automation', 'Command', 'Read model', 'Event', 'Event from another context', 'Rejection']);
        assert.equal(webview.foreignRequests().length, 0, 'nothing but the bundle is loaded');
    });

    it('reveals a note\'s declaration on click and marks every appearance of it', async () => {
        const { page } = webview;
        const note = page.locator('.board-note[data-node-id="event:Ordering.OrderStarted"]').first();
        await note.scrollIntoViewIfNeeded();
        await page.click('#fit');
        await note.click();
        const reveals = (await webview.sent()).filter(m => m.type === 'reveal');
        assert.deepEqual(reveals.at(-1), { type: 'reveal', nodeId: 'event:Ordering.OrderStarted' });
        const appearances = await page.locator('.board-note[data-node-id="event:Ordering.OrderStarted"]').count();
        assert.ok(appearances > 1);
        assert.equal(await page.locator('.board-note.selected').count(), appearances);
    });

    it('fits the whole board into the canvas, above the legend', async () => {
        const { page } = webview;
        await page.click('#fit');
        const box = await page.locator('#viewport').boundingBox();
        const canvas = await page.locator('#canvas').boundingBox();
        const legend = await page.locator('#legend').boundingBox();
        assert.ok(box && canvas && legend);
        assert.ok(box.x >= canvas.x - 1 && box.x + box.width <= canvas.x + canvas.width + 1, 'the board fits horizontally');
        assert.ok(box.y >= canvas.y - 1 && box.y + box.height <= legend.y + 1, 'the board ends above the legend');
    });

    it('keeps the legend off the diagram at any zoom: it is a strip below the canvas', async () => {
        const { page } = webview;
        for (let i = 0; i < 6; i++) await page.click('#zoom-in');
        const canvas = (await page.locator('#canvas').boundingBox())!;
        const legend = (await page.locator('#legend').boundingBox())!;
        assert.ok(legend.y >= canvas.y + canvas.height - 0.5, `legend at ${legend.y}, canvas ends at ${canvas.y + canvas.height}`);
        // A note at the canvas's bottom edge is not under the legend: the element there is the note.
        const below = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('#legend, #canvas')?.id, [legend.x + 20, legend.y + legend.height / 2]);
        assert.equal(below, 'legend');
        const above = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('#legend, #canvas')?.id, [legend.x + 20, canvas.y + canvas.height - 2]);
        assert.equal(above, 'canvas', 'just above the legend the canvas shows');
        await page.click('#fit');
    });

    it('follows a panel resize: says the new shape once it settles, and fits the board laid out for it', async () => {
        const { page } = webview;
        for (let i = 0; i < 4; i++) await page.click('#zoom-in');
        const zoomed = await page.locator('#viewport').getAttribute('transform');
        const before = (await webview.sent()).filter(m => m.type === 'viewResized').length;
        // A drag of the panel's edge: several sizes in a row, one message for the last.
        for (const width of [1100, 950, 800]) await page.setViewportSize({ width, height: 800 });
        await webview.waitForSent('viewResized', before);
        await page.waitForTimeout(600);
        const resized = (await webview.sent()).filter(m => m.type === 'viewResized');
        assert.equal(resized.length, before + 1, 'one message per settled resize');
        const canvas = await page.evaluate(() => ({ width: document.getElementById('canvas')!.clientWidth, height: document.getElementById('canvas')!.clientHeight }));
        const aspect = resized.at(-1)!.type === 'viewResized' ? (resized.at(-1) as { viewAspect: number }).viewAspect : NaN;
        assert.ok(Math.abs(aspect - canvas.width / canvas.height) < 0.01, `viewAspect ${aspect} for ${canvas.width} × ${canvas.height}`);

        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const board = layoutBoard(buildBoard(models), { aspect });
        const rendered = (await webview.sent()).filter(m => m.type === 'rendered').length;
        await webview.post({ type: 'graph', graph: await layoutFlowGraph(buildFlowGraph(models)), board });
        await webview.waitForSent('rendered', rendered);
        assert.notEqual(await page.locator('#viewport').getAttribute('transform'), zoomed, 'the re-wrapped board is shown anew, not left zoomed');
        // Too large to read whole, it opens on its start (the top-left corner); Fit shows it whole in the resized canvas.
        assert.match(await page.locator('#viewport').getAttribute('transform') ?? '', /^translate\(0,0\) scale\(0\.8\)$/);
        await page.click('#fit');
        const box = (await page.locator('#viewport').boundingBox())!;
        const canvasBox = (await page.locator('#canvas').boundingBox())!;
        assert.ok(box.x >= canvasBox.x - 1 && box.x + box.width <= canvasBox.x + canvasBox.width + 1 && box.y + box.height <= canvasBox.y + canvasBox.height + 1, 'it fits the resized canvas');
        await page.setViewportSize({ width: 1200, height: 800 });
    });

    it('goes back to the flow diagram', async () => {
        const { page } = webview;
        await page.click('#view-toggle');
        const last = (await webview.sent()).filter(m => m.type === 'setMode').at(-1);
        assert.equal(last?.type === 'setMode' && last.mode, 'flow');
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const before = (await webview.sent()).filter(m => m.type === 'rendered').length;
        await webview.post({ type: 'graph', graph: await layoutFlowGraph(buildFlowGraph(models)) });
        await webview.waitForSent('rendered', before);
        assert.equal(await page.locator('.board-note').count(), 0);
        assert.ok(await page.locator('.node').count() > 10);
    });

    it('follows a panel resize in the flow too (its contexts wrap to the view\'s shape)', async () => {
        const { page } = webview;
        const before = (await webview.sent()).filter(m => m.type === 'viewResized').length;
        await page.setViewportSize({ width: 700, height: 900 });
        await webview.waitForSent('viewResized', before);
        const resized = (await webview.sent()).filter(m => m.type === 'viewResized').at(-1);
        assert.ok(resized?.type === 'viewResized' && resized.viewAspect < 1, 'a tall view');
        await page.setViewportSize({ width: 1200, height: 800 });
    });
});
