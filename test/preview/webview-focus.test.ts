/**
 * The selected note's edges and its neighbourhood in the real webview (Chromium, the real CSP):
 * a click highlights the note's edges; "Focus: n steps" fades everything further away.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { neighbourhood } from '../../src/preview/webview/neighbourhood.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import { requireChromium } from '../kit/chromium.js';
import { modelsOf, readModelFolder, REPO_ROOT } from './preview-test-kit.js';
import { openWebview, type WebviewPage } from './webview-page.js';

describe('neighbourhood', () => {
    const edges = [
        { id: 'a->b', kind: 'handles' as const, source: 'a', target: 'b' },
        { id: 'b->c', kind: 'emits' as const, source: 'b', target: 'c' },
        { id: 'd->c', kind: 'projects' as const, source: 'd', target: 'c' },
        { id: 'c->e', kind: 'triggers' as const, source: 'c', target: 'e' }
    ];

    it('reaches n steps out along edges in either direction', () => {
        assert.deepEqual(neighbourhood(edges, 'b', 0), new Set(['b']));
        assert.deepEqual(neighbourhood(edges, 'b', 1), new Set(['b', 'a', 'c']));
        assert.deepEqual(neighbourhood(edges, 'b', 2), new Set(['b', 'a', 'c', 'd', 'e']));
        assert.deepEqual(neighbourhood(edges, 'z', 3), new Set(['z']), 'a note without edges is its own neighbourhood');
    });
});

describe('webview selection and focus in Chromium', function () {
    this.timeout(90_000);
    let webview: WebviewPage;
    let graph: LaidOutFlowGraph;

    before(async function () {
        requireChromium(this);
        webview = await openWebview();
        graph = await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')))));
        await webview.post({ type: 'graph', graph });
        await webview.waitForSent('rendered');
    });
    after(async () => { await webview?.close(); });

    it('highlights the selected note\'s edges, and only those', async () => {
        const { page } = webview;
        const id = 'aggregate:Ordering.Order';
        await page.click(`.node[data-node-id="${id}"]`);
        const expected = graph.edges.filter(edge => edge.source === id || edge.target === id).map(edge => edge.id).sort();
        assert.ok(expected.length > 5);
        const related = await page.locator('.edge.related').evaluateAll(paths => paths.map(p => p.getAttribute('data-edge-id')));
        assert.deepEqual(related.sort(), expected);
    });

    it('fades all but the neighbourhood with "Focus", and follows the selection', async () => {
        const { page } = webview;
        await page.locator('#focus-depth').selectOption('1');
        const near = neighbourhood(graph.edges, 'aggregate:Ordering.Order', 1);
        const unfocused = await page.locator('.node.unfocused').evaluateAll(nodes => nodes.map(n => n.getAttribute('data-node-id')));
        assert.deepEqual(new Set(unfocused), new Set(graph.nodes.map(node => node.id).filter(id => !near.has(id))));
        assert.equal(await page.locator('.edge:not(.unfocused)').count(), graph.edges.filter(edge => near.has(edge.source) && near.has(edge.target)).length);

        await page.click('.node[data-node-id="policy:Payments.RequestPaymentForPlacedOrder"]');
        const around = neighbourhood(graph.edges, 'policy:Payments.RequestPaymentForPlacedOrder', 1);
        assert.equal(await page.locator('.node:not(.unfocused)').count(), around.size);
        await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'screenshots', 'preview-focus.png') }).catch(() => undefined);

        await page.locator('#focus-depth').selectOption('0');
        assert.equal(await page.locator('.node.unfocused, .edge.unfocused').count(), 0);
    });

    it('writes the edges\' kinds along them once zoomed in far enough to read them', async () => {
        const { page } = webview;
        const scale = async () => Number(/scale\(([^)]+)\)/.exec(await page.locator('#viewport').getAttribute('transform') ?? '')?.[1]);
        await page.click('#fit');
        assert.ok(await scale() < 0.9, 'the whole shop fitted is too small to read labels on edges');
        assert.equal(await page.locator('.edge-label').count(), 0);
        while (await scale() < 0.9) await page.click('#zoom-in');
        const labels = await page.locator('.edge-label').allTextContents();
        assert.ok(labels.length > 0, 'zoomed in, the edges say what they are');
        assert.deepEqual([...new Set(labels)].filter(label => !['handles', 'emits', 'updates', 'triggers', 'issues', 'reads'].includes(label)), []);
    });
});
