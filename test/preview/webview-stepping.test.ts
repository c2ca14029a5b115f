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
import { FIXTURES, modelsOf, readModelFolder } from './preview-test-kit.js';
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
