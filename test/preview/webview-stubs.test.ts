/**
 * The band layout's edges between columns, drawn as labelled stubs, in the real webview (Chromium,
 * the real CSS): they are drawn as clearly as the other edges, not faint, and their labels name the
 * note at the other end once zoomed in to where edge labels are written.
 */
import * as assert from 'node:assert/strict';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { requireChromium } from '../kit/chromium.js';
import { modelsOf } from './preview-test-kit.js';
import { openWebview, type WebviewPage } from './webview-page.js';

const AGGREGATES = 80;

/** Enough notes for the band layout (wrapped into columns), and a read model fed by the first and the last aggregate. */
function model(): string {
    const aggregates = Array.from({ length: AGGREGATES }, (_, i) =>
        `aggregate Thing${i} {\n  id thingId: uuid\n  command Do${i} { emits Done${i} }\n  event Done${i} {}\n}\n`);
    return `context Big\n${aggregates.join('')}readmodel Tally {\n  key thingId: uuid\n  count: int = 0\n  on Done0 { count += 1 }\n  on Done${AGGREGATES - 1} { count += 1 }\n}\n`;
}

describe('webview in Chromium: the stubs of edges between columns', function () {
    this.timeout(120_000);
    let webview: WebviewPage;

    before(async function () {
        requireChromium(this);
        webview = await openWebview({ width: 1000, height: 700 });
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf({ 'big.loom': model() })));
        assert.ok(graph.edges.some(edge => edge.stubs), 'the layout stubs an edge between columns');
        await webview.post({ type: 'graph', graph });
        await webview.waitForSent('rendered');
    });
    after(async () => { await webview?.close(); });

    it('draws a stubbed edge as clearly as an edge within a column, and its labels once zoomed in', async () => {
        const { page } = webview;
        const style = (selector: string) => page.locator(selector).first().evaluate(element => {
            const computed = getComputedStyle(element);
            return { opacity: computed.opacity, strokeWidth: computed.strokeWidth };
        });
        // Fitted, nothing selected: every edge is drawn.
        const stub = await style('.edge.edge-stubbed');
        const near = await style('.edge:not(.edge-far)');
        assert.deepEqual(stub, near, 'a stub is drawn like an edge within a column');
        assert.ok(Number(stub.opacity) >= 0.8, `opacity ${stub.opacity}`);
        // Zoomed in on the Tally read model, where edge labels are written.
        await page.locator('#find').fill('Tally');
        await page.locator('#find').press('Enter');
        while (Number(/scale\(([^)]+)\)/.exec(await page.locator('#viewport').getAttribute('transform') ?? '')?.[1]) < 0.9) await page.click('#zoom-in');
        const labels = await page.locator('.stub-label').allTextContents();
        assert.ok(labels.some(label => /Done0|Done79|Tally/.test(label)), `stub labels name the other end: ${JSON.stringify(labels)}`);
    });
});
