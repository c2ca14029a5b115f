/**
 * The real webview script in headless Chromium with a large graph: only the notes in and near the
 * visible area are drawn, the rest appear as the view pans or as they are found or highlighted, and
 * the `rendered` reply still lists every node. Chromium is installed if missing (a failure under CI=true if it cannot be).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import type { LaidOutFlowGraph, LaidOutNode } from '../../src/protocol/flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { previewHtml } from '../../src/preview/panel/webview-html.js';
import { modelsOf, REPO_ROOT } from './preview-test-kit.js';
import { launchChromium, requireChromium } from '../kit/chromium.js';
import { packed } from './webview-page.js';

const AGGREGATES = 150;

/** A large model: one band per aggregate, wrapped into columns; zoomed in, most of it is out of view. */
function largeModel(): string {
    const aggregates = Array.from({ length: AGGREGATES }, (_, i) => {
        const letters = ['a', 'b', 'c', 'd'];
        return `aggregate Thing${i} {\n  id thing${i}Id: uuid\n`
            + letters.map(letter => `  command Do${i}${letter} { emits Done${i}${letter} }\n  event Done${i}${letter} {}\n`).join('')
            + '}\n';
    });
    return `context Big\n${aggregates.join('')}`;
}

describe('webview in Chromium, large graph', function () {
    this.timeout(120_000);
    let dir: string;
    let browser: Browser | undefined;
    let page: Page;
    let graph: LaidOutFlowGraph;

    const sent = () => page.evaluate(() => (window as unknown as { sent: Array<{ type: string; nodeIds?: string[] }> }).sent);
    const note = (node: LaidOutNode) => page.locator(`.node[data-node-id="${node.id}"]`);
    const viewScale = async () => Number(/scale\(([^)]+)\)/.exec(await page.locator('#viewport').getAttribute('transform') ?? '')?.[1]);
    const viewX = async () => Number(/translate\(([^,]+),/.exec(await page.locator('#viewport').getAttribute('transform') ?? '')?.[1]);
    const viewY = async () => Number(/translate\([^,]+,([^)]+)\)/.exec(await page.locator('#viewport').getAttribute('transform') ?? '')?.[1]);

    before(async function () {
        requireChromium(this);
        graph = await layoutFlowGraph(buildFlowGraph(await modelsOf({ 'big.loom': largeModel() })));
        dir = mkdtempSync(path.join(tmpdir(), 'eventloom-webview-'));
        await esbuild.build({ entryPoints: [path.join(REPO_ROOT, 'src/preview/webview/main.ts')], bundle: true, outfile: path.join(dir, 'webview.js'), format: 'iife', platform: 'browser', logLevel: 'warning' });
        const html = previewHtml({ cspSource: 'file:', scriptUri: 'webview.js', styleUri: 'webview.css' }, 'dGVzdA==')
            .replace('<script nonce', '<script nonce="dGVzdA==">window.sent = []; window.acquireVsCodeApi = () => ({ postMessage: m => window.sent.push(m), getState: () => undefined, setState: () => {} });</script>\n<script nonce');
        writeFileSync(path.join(dir, 'index.html'), html);
        browser = await launchChromium();
        page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
        await page.goto(`file://${path.join(dir, 'index.html')}`);
        await page.waitForFunction(() => (window as unknown as { sent: Array<{ type: string }> }).sent.some(m => m.type === 'ready'));
        await page.evaluate(m => window.postMessage(m, '*'), packed({ type: 'graph', graph }));
        await page.waitForFunction(() => (window as unknown as { sent: Array<{ type: string }> }).sent.some(m => m.type === 'rendered'));
        // Fitted, the whole wrapped diagram is in view: zoom in to where one reads notes.
        while (await viewScale() < 0.6) await page.click('#zoom-in');
    });

    after(async () => {
        await browser?.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The top-left note (the wrapped diagram's first column). */
    const topmost = () => graph.nodes.reduce((top, node) => node.y < top.y || (node.y === top.y && node.x < top.x) ? node : top);
    const bottommost = () => graph.nodes.reduce((bottom, node) => node.y > bottom.y ? node : bottom);

    it('draws fewer notes than nodes, yet reports every node as rendered', async () => {
        assert.equal(graph.nodes.length, AGGREGATES * 9);
        const rendered = (await sent()).find(m => m.type === 'rendered');
        assert.deepEqual(rendered?.nodeIds, graph.nodes.map(node => node.id));
        const drawn = await page.locator('.node').count();
        assert.ok(drawn > 0 && drawn < graph.nodes.length / 2, `${drawn} of ${graph.nodes.length} notes drawn`);
        const arrows = await page.locator('.edge').count();
        assert.ok(arrows > 0 && arrows < graph.edges.length / 2, `arrows are culled too: ${arrows} of ${graph.edges.length} drawn`);
        assert.equal(await note(topmost()).count(), 0, 'the top of the diagram is out of view');
        assert.equal(await note(bottommost()).count(), 0, 'the bottom of the diagram is out of view');
    });

    it('draws the notes that panning brings into view, and drops those left far behind', async () => {
        const top = topmost();
        // Drag the diagram down and right until its top-left corner is in the canvas.
        for (let drags = 0; drags < 20 && (await viewY() < -50 || await viewX() < -50); drags++) {
            const [dx, dy] = [await viewX() < -50 ? 300 : 0, await viewY() < -50 ? 200 : 0];
            await page.mouse.move(300, 150);
            await page.mouse.down();
            await page.mouse.move(300 + dx / 2, 150 + dy / 2, { steps: 4 });
            await page.mouse.move(300 + dx, 150 + dy, { steps: 4 });
            await page.mouse.up();
        }
        assert.ok(await viewY() >= -50 && await viewX() >= -50, 'the drags reached the top-left corner of the diagram');
        assert.equal(await note(top).count(), 1, 'the top note is drawn once in view');
        assert.equal(await page.locator(`.node[data-node-id="${top.id}"] .note`).count(), 1);
        const drawn = await page.locator('.node').count();
        assert.ok(drawn < graph.nodes.length / 2, `still only ${drawn} notes drawn`);
    });

    it('draws a far note when find jumps to it, and one the editor highlights', async () => {
        const bottom = bottommost();
        await page.fill('#find', bottom.name);
        await page.press('#find', 'Enter');
        assert.equal(await page.locator('#find-count').textContent(), '1 of 1');
        assert.match(await note(bottom).getAttribute('class') ?? '', /\bmatch\b.*\bselected\b|\bselected\b.*\bmatch\b/);
        assert.equal(await note(topmost()).count(), 0, 'the top, far from the found note, is no longer drawn');
        await page.press('#find', 'Escape');

        const top = topmost();
        await page.evaluate(nodeId => window.postMessage({ type: 'highlight', nodeId }, '*'), top.id);
        await note(top).waitFor({ state: 'attached' });
        assert.match(await note(top).getAttribute('class') ?? '', /\bhighlighted\b/);
    });
});
