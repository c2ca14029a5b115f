/**
 * What the panel posts to the webview: the graph and the board without the declarations'
 * locations (the webview never reads them; the panel keeps them to reveal), everything else as the
 * server answered; and the webview does with it all it does with the whole answer — draws the
 * same notes, reveals a clicked note by its declaration, starts a lens's stepping by the slice's location.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { layoutBoard } from '../../src/preview/board/layout-board.js';
import { scenarioRunner } from '../../src/preview/board/scenario-steps.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { boardForWebview, graphForWebview } from '../../src/preview/panel/webview-payload.js';
import type { LaidOutBoard } from '../../src/protocol/board.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import { requireChromium } from '../kit/chromium.js';
import { modelsOf, readModelFolder, REPO_ROOT } from './preview-test-kit.js';
import { openWebview } from './webview-page.js';

describe('the preview\'s message to the webview', function () {
    this.timeout(90_000);
    let graph: LaidOutFlowGraph;
    let board: LaidOutBoard;

    before(async () => {
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        graph = await layoutFlowGraph(buildFlowGraph(models));
        board = layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }));
    });

    it('leaves out every note\'s and node\'s location, keeps the scenario slices\' and all else, and leaves the panel\'s copy whole', () => {
        const sentGraph = graphForWebview(graph);
        const sentBoard = boardForWebview(board);
        const notes = (b: LaidOutBoard) => b.contexts.flatMap(context => context.slices.flatMap(slice => slice.notes));
        assert.ok(graph.nodes.every(node => node.location) && notes(board).every(note => note.location), 'the server sends every location');
        assert.ok(sentGraph.nodes.every(node => !('location' in node)));
        assert.ok(notes(sentBoard).every(note => !('location' in note)));
        // Put back, the locations make the answer again: nothing else was left out or changed.
        assert.deepEqual({ ...sentGraph, nodes: sentGraph.nodes.map((node, i) => ({ ...node, location: graph.nodes[i].location })) }, graph);
        const slices = sentBoard.contexts.flatMap(context => context.slices);
        const original = board.contexts.flatMap(context => context.slices);
        assert.deepEqual(slices.map((slice, i) => ({ ...slice, notes: slice.notes.map((note, j) => ({ ...note, location: original[i].notes[j].location })) })), original);
        assert.ok(slices.filter(slice => slice.kind === 'scenario').every(slice => slice.location), 'a lens finds its scenario by location');
        assert.ok(graph.nodes.every(node => node.location) && notes(board).every(note => note.location), 'the panel keeps its own');
        const size = (value: unknown) => JSON.stringify(value).length;
        assert.ok(size(sentBoard) < size(board) * 0.8, `board ${size(board)} -> ${size(sentBoard)} characters`);
    });

    it('is drawn, revealed and stepped in the webview (Chromium) as the whole answer is', async function () {
        requireChromium(this);
        const webview = await openWebview();
        try {
            const { page } = webview;
            await page.click('#view-toggle');
            const slice = board.contexts.flatMap(context => context.slices).find(candidate => candidate.title === 'the ledger counts captures and refunds')!;
            await webview.post({ type: 'graph', graph: graphForWebview(graph), mode: 'board', board: boardForWebview(board), step: { uri: slice.location!.uri, line: slice.location!.range.start.line } });
            await webview.waitForSent('rendered');
            assert.equal(await page.locator('.board-note').count(), board.contexts.flatMap(context => context.slices.flatMap(s => s.notes)).length);
            assert.equal(await page.locator('#scenario-select').inputValue(), slice.id, 'the lens\'s scenario is being stepped');
            await page.click('#step-next');
            assert.equal(await page.locator('#step-panel .step-summary').textContent(), 'PaymentCaptured happened');
            const note = page.locator('.board-note[data-node-id="event:Payments.PaymentCaptured"]').first();
            await page.click('#fit');
            await note.click();
            const reveal = (await webview.sent()).filter(message => message.type === 'reveal').at(-1);
            assert.deepEqual(reveal, { type: 'reveal', nodeId: 'event:Payments.PaymentCaptured' }, 'the panel finds the location by this id');
        } finally {
            await webview.close();
        }
    });
});
