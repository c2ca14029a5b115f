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
        // It says the canvas's shape above the legend, so that the board is wrapped to fill it.
        const canvas = await page.evaluate(() => ({ width: document.getElementById('canvas')!.clientWidth, height: document.getElementById('canvas')!.clientHeight - document.getElementById('legend')!.offsetHeight - 8 }));
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
});
