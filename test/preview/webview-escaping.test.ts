/**
 * The real webview script and page (with its Content Security Policy) in headless Chromium: model
 * strings holding markup are shown as text in the notes and the hover card, never parsed, and
 * nothing is loaded but the bundle. Chromium is installed if missing (a failure under CI=true if it
 * cannot be).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { previewHtml } from '../../src/preview/panel/webview-html.js';
import { modelsOf, REPO_ROOT } from './preview-test-kit.js';
import { launchChromium, requireChromium } from '../kit/chromium.js';
import { packed } from './webview-page.js';

const HOSTILE = '<script>window.pwned = 1</script> "><img src=x onerror="window.pwned = 2"> & <b>bold</b>';

describe('webview in Chromium', function () {
    this.timeout(60_000);
    let dir: string;
    let browser: Browser | undefined;
    let page: Page;
    const requests: string[] = [];

    before(async function () {
        requireChromium(this);
        dir = mkdtempSync(path.join(tmpdir(), 'eventloom-webview-'));
        await esbuild.build({ entryPoints: [path.join(REPO_ROOT, 'src/preview/webview/main.ts')], bundle: true, outfile: path.join(dir, 'webview.js'), format: 'iife', platform: 'browser', logLevel: 'warning' });
        // The page the panel serves, with a stand-in for VS Code's API (allowed by the same nonce).
        const html = previewHtml({ cspSource: 'file:', scriptUri: 'webview.js', styleUri: 'webview.css' }, 'dGVzdA==')
            .replace('<script nonce', '<script nonce="dGVzdA==">window.sent = []; window.acquireVsCodeApi = () => ({ postMessage: m => window.sent.push(m), getState: () => undefined, setState: () => {} });</script>\n<script nonce');
        writeFileSync(path.join(dir, 'index.html'), html);
        browser = await launchChromium();
        page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
        page.on('request', request => requests.push(request.url()));
        await page.goto(`file://${path.join(dir, 'index.html')}`);
        await page.waitForFunction(() => (window as unknown as { sent: Array<{ type: string }> }).sent.some(m => m.type === 'ready'));
    });

    after(async () => {
        await browser?.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('shows hostile doc comments and context names as text, in the notes and the hover card', async () => {
        const models = await modelsOf({
            'evil.loom': `context Evil\n/** ${HOSTILE} */\naggregate Thing {\n  id thingId: uuid\n  command Do { emits Done }\n  event Done {}\n}\n`,
            'loose.loom': 'aggregate Loose {\n  id looseId: uuid\n  command Go { emits Went }\n  event Went {}\n}\n'
        }, { allowErrors: true });
        const graph = await layoutFlowGraph(buildFlowGraph(models));
        await page.evaluate(m => window.postMessage(m, '*'), packed({ type: 'graph', graph, staleReason: '<img src=y onerror="window.pwned = 3">' }));
        await page.waitForFunction(() => (window as unknown as { sent: Array<{ type: string }> }).sent.some(m => m.type === 'rendered'));

        await page.hover('.node[data-node-id="aggregate:Evil.Thing"]');
        const card = page.locator('#hover-card');
        await card.waitFor({ state: 'visible' });
        assert.equal(await card.locator('.card-doc').textContent(), HOSTILE);
        assert.equal(await page.locator('#banner').textContent(), '<img src=y onerror="window.pwned = 3">');
        assert.equal(await page.locator('.node[data-node-id="aggregate:<no context>.Loose"] .caption').textContent(), 'aggregate');

        assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined, 'no model string ran as script');
        assert.equal(await page.locator('img, b, #hover-card script, #viewport script').count(), 0, 'no model string became an element');
        assert.deepEqual(requests.filter(url => !/\/(index\.html|webview\.js|webview\.css)$/.test(url)), [], 'nothing but the bundle is loaded');
    });

    it('reports a click on a note and keeps the view when a new graph arrives', async () => {
        await page.click('.node[data-node-id="command:Evil.Do"]');
        const sent = await page.evaluate(() => (window as unknown as { sent: Array<{ type: string; nodeId?: string }> }).sent);
        assert.deepEqual(sent.filter(m => m.type === 'reveal'), [{ type: 'reveal', nodeId: 'command:Evil.Do' }]);
        await page.click('#zoom-in');
        const zoomed = await page.locator('#viewport').getAttribute('transform');
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf({ 'a.loom': 'context A\naggregate X {\n  id xId: uuid\n  command Do { emits Done }\n  event Done {}\n}\n' })));
        await page.evaluate(m => window.postMessage(m, '*'), packed({ type: 'graph', graph }));
        await page.locator('.node[data-node-id="aggregate:A.X"]').waitFor();
        assert.equal(await page.locator('#viewport').getAttribute('transform'), zoomed, 'zoom and pan survive the update');
        assert.equal(await page.locator('#banner').isVisible(), false, 'the banner goes once the model is valid');
    });
});
