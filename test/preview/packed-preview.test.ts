/**
 * What the panel posts to the webview: the graph and the board packed (src/protocol/packed-preview.ts)
 * — notes and nodes as rows of numbers over one string table, without the declarations' locations
 * (the webview never reads them; the panel keeps them to reveal) — which the webview unpacks to
 * everything else the server answered; and the webview does with it all it does with the answer —
 * draws the same notes, reveals a clicked note by its declaration, starts a lens's stepping by the
 * slice's location.
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
import { packPreview, unpackPreview } from '../../src/protocol/packed-preview.js';
import { requireChromium } from '../kit/chromium.js';
import { modelsOf, readModelFolder, REPO_ROOT } from './preview-test-kit.js';
import { openWebview } from './webview-page.js';

/** As the answer arrives in the panel (JSON), without the nodes' and notes' locations; a slice keeps its own. */
function withoutLocations<T>(value: T): T {
    return JSON.parse(JSON.stringify(value), function (this: Record<string, unknown>, key: string, inner: unknown) {
        return key === 'location' && ('declaration' in this || 'fields' in this) ? undefined : inner;
    }) as T;
}

/** Objects and arrays in a value: what a structured clone copies one by one. */
function objectCount(value: unknown): number {
    if (value === null || typeof value !== 'object') return 0;
    return 1 + Object.values(value).reduce((sum: number, inner) => sum + objectCount(inner), 0);
}

const notesOf = (board: LaidOutBoard) => board.contexts.flatMap(context => context.slices.flatMap(slice => slice.notes));

describe('the preview\'s message to the webview', function () {
    this.timeout(90_000);
    let graph: LaidOutFlowGraph;
    let board: LaidOutBoard;

    before(async () => {
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        graph = await layoutFlowGraph(buildFlowGraph(models));
        board = layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }));
    });

    it('unpacks to the graph and the board as the server answered them, without the notes\' and nodes\' locations', () => {
        assert.ok(graph.nodes.every(node => node.location) && notesOf(board).every(note => note.location), 'the server sends every location');
        assert.ok(graph.edges.length > 0 && graph.groups.length > 0 && graph.nodes.some(node => node.fields.some(field => field.identity)) && graph.nodes.some(node => node.doc));
        const unpacked = unpackPreview(packPreview(graph, board));
        assert.deepEqual(unpacked, { graph: withoutLocations(graph), board: withoutLocations(board) });
        assert.ok(unpacked.board!.contexts.flatMap(context => context.slices).filter(slice => slice.kind === 'scenario').every(slice => slice.location), 'a lens finds its scenario by location');
        assert.ok(graph.nodes.every(node => node.location) && notesOf(board).every(note => note.location), 'the panel keeps its own');
        assert.deepEqual(unpackPreview(packPreview(graph)), { graph: withoutLocations(graph) }, 'the flow view, without a board');
    });

    it('keeps what only some notes have: another context\'s (foreign) and confusable notes, a missing doc comment', async () => {
        const models = await modelsOf({
            'a.loom': 'context A\n/** Things. */\naggregate Thing {\n  id thingId: uuid\n  command Do { emits Done }\n  event Done { at?: timestamp }\n}\n',
            'b.loom': 'context B\naggregate Thing {\n  id thingId: uuid\n  command Do { emits Done }\n  event Done {}\n}\npolicy Echo {\n  on A.Done\n  issues Do\n}\n'
        });
        for (const filter of [{}, { aggregate: 'A.Thing' }]) {
            const flow = await layoutFlowGraph(buildFlowGraph(models, filter));
            assert.deepEqual(unpackPreview(packPreview(flow)).graph, withoutLocations(flow), JSON.stringify(filter));
        }
        const flow = buildFlowGraph(models, { aggregate: 'A.Thing' });
        assert.ok(flow.nodes.some(node => node.foreign) && buildFlowGraph(models).nodes.some(node => node.confusable), 'the cases are there');
    });

    it('keeps a note id that is not its place in the slice, and an arrow to a note of another slice', () => {
        const edited = structuredClone(board);
        const [first, second] = edited.contexts[0].slices.filter(slice => slice.arrows.length > 0 && slice.steps);
        const note = first.notes[0];
        const renamed = `${note.id}-renamed`;
        first.arrows = first.arrows.map(([from, to]) => [from === note.id ? renamed : from, to === note.id ? renamed : to]);
        first.steps = first.steps!.map(step => ({ ...step, notes: step.notes.map(id => id === note.id ? renamed : id) }));
        note.id = renamed;
        first.arrows.push([renamed, second.notes[0].id]);
        assert.deepEqual(unpackPreview(packPreview(graph, edited)).board, withoutLocations(edited));
    });

    it('is one text (each hop to the webview copies it in one piece) of a few flat arrays: far fewer objects than the graph and board as objects', () => {
        // As the server sends the flow with a board: its nodes, no edges.
        const unplaced = { ...graph, edges: [], groups: [] };
        const text = packPreview(unplaced, board);
        assert.equal(typeof text, 'string');
        const asObjects = withoutLocations({ graph: unplaced, board });
        assert.ok(objectCount(JSON.parse(text)) * 2 < objectCount(asObjects), `${objectCount(asObjects)} objects -> ${objectCount(JSON.parse(text))}`);
        assert.ok(text.length < JSON.stringify(asObjects).length * 0.6, `${JSON.stringify(asObjects).length} -> ${text.length} characters`);
    });

    it('is drawn, revealed and stepped in the webview (Chromium) as the answer is', async function () {
        requireChromium(this);
        const webview = await openWebview();
        try {
            const { page } = webview;
            await page.click('#view-toggle');
            const slice = board.contexts.flatMap(context => context.slices).find(candidate => candidate.title === 'the ledger counts captures and refunds')!;
            await webview.post({ type: 'graph', preview: packPreview(graph, board), mode: 'board', step: { uri: slice.location!.uri, line: slice.location!.range.start.line } });
            await webview.waitForSent('rendered');
            assert.equal(await page.locator('.board-note').count(), notesOf(board).length);
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
