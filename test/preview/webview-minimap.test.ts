/**
 * The minimap in the real webview (Chromium, the real Content Security Policy): hidden while the
 * whole diagram is in view, shown zoomed in with the view's rectangle where the canvas is; a click
 * on it centres the view there, a drag moves the view along, neither selects a note underneath;
 * on the board it maps the board. Nothing the page does is refused by the policy.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { layoutBoard } from '../../src/preview/board/layout-board.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import { requireChromium } from '../kit/chromium.js';
import { modelsOf, readModelFolder, REPO_ROOT } from './preview-test-kit.js';
import { openWebview, type WebviewPage } from './webview-page.js';

interface View { x: number; y: number; scale: number }

describe('webview minimap in Chromium', function () {
    this.timeout(120_000);
    let webview: WebviewPage;
    let graph: LaidOutFlowGraph;
    const refused: string[] = [];

    const view = async (): Promise<View> => {
        const match = /translate\(([^,]+),([^)]+)\) scale\(([^)]+)\)/.exec(await webview.page.locator('#viewport').getAttribute('transform') ?? '');
        assert.ok(match);
        return { x: Number(match[1]), y: Number(match[2]), scale: Number(match[3]) };
    };
    /** The diagram point in the middle of the canvas. */
    const viewCentre = async () => {
        const [v, canvas] = [await view(), (await webview.page.locator('#canvas').boundingBox())!];
        return { x: (canvas.width / 2 - v.x) / v.scale, y: (canvas.height / 2 - v.y) / v.scale };
    };
    const map = async () => (await webview.page.locator('#minimap-canvas').boundingBox())!;

    before(async function () {
        requireChromium(this);
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        graph = await layoutFlowGraph(buildFlowGraph(models));
        webview = await openWebview({ width: 1100, height: 750 });
        webview.page.on('console', message => { if (/refused|content security policy/i.test(message.text())) refused.push(message.text()); });
        await webview.post({ type: 'graph', graph });
        await webview.waitForSent('rendered');
    });
    after(async () => { await webview?.close(); });

    it('is hidden while the whole diagram is in view, and shows zoomed in, the view\'s rectangle in proportion', async () => {
        const { page } = webview;
        assert.equal(await page.locator('#minimap').isVisible(), false, 'fitted: no minimap');
        for (let i = 0; i < 5; i++) await page.click('#zoom-in');
        assert.equal(await page.locator('#minimap').isVisible(), true);
        const [m, rectangle, canvas, v] = [await map(), (await page.locator('#minimap-view').boundingBox())!, (await page.locator('#canvas').boundingBox())!, await view()];
        assert.ok(Math.abs(m.width / m.height - graph.width / graph.height) < 0.05, 'the map has the diagram\'s shape');
        const shownWidth = Math.min(graph.width, canvas.width / v.scale);
        assert.ok(Math.abs(rectangle.width / m.width - shownWidth / graph.width) < 0.03, `rectangle ${rectangle.width} of ${m.width} px for ${shownWidth.toFixed(0)} of ${graph.width}`);
    });

    it('centres the view on the point clicked, at the same zoom, without selecting a note under the map', async () => {
        const { page } = webview;
        const before = await view();
        const reveals = (await webview.sent()).filter(m => m.type === 'reveal').length;
        const m = await map();
        await page.mouse.click(m.x + m.width * 0.8, m.y + m.height * 0.6);
        const centre = await viewCentre();
        const tolerance = graph.width / m.width * 2;
        assert.ok(Math.abs(centre.x - graph.width * 0.8) < tolerance && Math.abs(centre.y - graph.height * 0.6) < tolerance,
            `centre ${centre.x.toFixed(0)},${centre.y.toFixed(0)} for ${(graph.width * 0.8).toFixed(0)},${(graph.height * 0.6).toFixed(0)}`);
        assert.equal((await view()).scale, before.scale);
        assert.equal((await webview.sent()).filter(m => m.type === 'reveal').length, reveals, 'no note was clicked through the map');
    });

    it('moves the view along a drag', async () => {
        const { page } = webview;
        const m = await map();
        await page.mouse.move(m.x + m.width * 0.7, m.y + m.height * 0.5);
        await page.mouse.down();
        await page.mouse.move(m.x + m.width * 0.45, m.y + m.height * 0.4, { steps: 5 });
        const during = await viewCentre();
        await page.mouse.move(m.x + m.width * 0.2, m.y + m.height * 0.3, { steps: 5 });
        await page.mouse.up();
        const after = await viewCentre();
        const tolerance = graph.width / m.width * 2;
        assert.ok(Math.abs(during.x - graph.width * 0.45) < tolerance, 'the view follows while dragging');
        assert.ok(Math.abs(after.x - graph.width * 0.2) < tolerance && Math.abs(after.y - graph.height * 0.3) < tolerance);
    });

    it('maps the board on the board', async () => {
        const { page } = webview;
        await page.click('#view-toggle');
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const board = layoutBoard(buildBoard(models), { aspect: 1.5 });
        const rendered = (await webview.sent()).filter(m => m.type === 'rendered').length;
        await webview.post({ type: 'graph', graph, board });
        await webview.waitForSent('rendered', rendered);
        // Too large to read whole, the board opens on its start: the minimap says where that is.
        assert.equal(await page.locator('#minimap').isVisible(), true, 'opened on its start: the minimap');
        await page.click('#fit');
        assert.equal(await page.locator('#minimap').isVisible(), false, 'fitted: no minimap');
        for (let i = 0; i < 5; i++) await page.click('#zoom-in');
        assert.equal(await page.locator('#minimap').isVisible(), true);
        const m = await map();
        assert.ok(Math.abs(m.width / m.height - board.width / board.height) < 0.05, 'the map has the board\'s shape');
        await page.mouse.click(m.x + 2, m.y + 2);
        const centre = await viewCentre();
        assert.ok(centre.x < board.width * 0.05 && centre.y < board.height * 0.05, 'the board\'s top-left corner in the middle of the view');
    });

    it('does nothing the Content Security Policy refuses', () => {
        assert.deepEqual(refused, []);
        assert.equal(webview.foreignRequests().length, 0);
    });
});
