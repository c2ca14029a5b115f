/**
 * A large board in the real webview (Chromium, the real CSP): drawn at the zoom's level of detail
 * and only near the visible area. Fitted, far out, the notes are an overview (a path per kind),
 * yet a click on one reveals it and a found one stands out; zoomed in, only the notes in and near
 * view are in the document, with their labels, and a pan draws those that come into view; the
 * marks (selection, stepping) follow the notes that are drawn later.
 */
import * as assert from 'node:assert/strict';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { layoutBoard } from '../../src/preview/board/layout-board.js';
import { scenarioRunner } from '../../src/preview/board/scenario-steps.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import type { LaidOutBoard, LaidOutBoardNote } from '../../src/protocol/board.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import { generateBenchModel } from '../bench/model/bench-model.js';
import { requireChromium } from '../kit/chromium.js';
import { modelsOf } from './preview-test-kit.js';
import { openWebview, type WebviewPage } from './webview-page.js';

interface View { x: number; y: number; scale: number }

describe('webview with a large board in Chromium', function () {
    this.timeout(180_000);
    let webview: WebviewPage;
    let board: LaidOutBoard;
    let notes: LaidOutBoardNote[];

    const view = async (): Promise<View> => {
        const transform = await webview.page.locator('#viewport').getAttribute('transform') ?? '';
        const match = /translate\(([^,]+),([^)]+)\) scale\(([^)]+)\)/.exec(transform);
        assert.ok(match, transform);
        return { x: Number(match[1]), y: Number(match[2]), scale: Number(match[3]) };
    };
    const canvasBox = async () => (await webview.page.locator('#canvas').boundingBox())!;
    /** Where a board point is on the page. */
    const onPage = async (x: number, y: number) => {
        const [v, canvas] = [await view(), await canvasBox()];
        return { x: canvas.x + v.x + x * v.scale, y: canvas.y + v.y + y * v.scale };
    };
    const drawnNoteIds = () => webview.page.locator('.board-note').evaluateAll(elements => elements.map(element => element.getAttribute('data-note-id')!));
    const zoomTo = async (scale: number) => {
        while ((await view()).scale < scale) await webview.page.click('#zoom-in');
    };

    before(async function () {
        requireChromium(this);
        const model = generateBenchModel({ contexts: 3, aggregates: 30, commands: 180, events: 180, readModels: 60, layout: 'per-context', hubUses: 5 });
        const models = await modelsOf(Object.fromEntries(model.files.map(file => [file.path, file.text])));
        board = layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) }), { aspect: 1.4 });
        notes = board.contexts.flatMap(context => context.slices.flatMap(slice => slice.notes));
        assert.ok(notes.length > 500, `a large board: ${notes.length} notes`);
        const flow = buildFlowGraph(models);
        const graph: LaidOutFlowGraph = { ...flow, nodes: flow.nodes.map(node => ({ ...node, x: 0, y: 0, width: 0, height: 0 })), edges: [], groups: [], width: 0, height: 0 };
        webview = await openWebview({ width: 1000, height: 700 });
        await webview.post({ type: 'graph', graph, mode: 'board', board });
        await webview.waitForSent('rendered');
        // The board opens on its start, readable; Fit shows it whole.
        await webview.page.click('#fit');
    });
    after(async () => { await webview?.close(); });

    it('fitted far out, draws an overview: a path per kind of note, no note elements, every declaration reported', async () => {
        const { page } = webview;
        assert.ok((await view()).scale < 0.08, `fitted at ${(await view()).scale}`);
        assert.equal(await page.locator('.board-note').count(), 0);
        const paths = await page.locator('.overview-notes').count();
        assert.ok(paths > 0 && paths <= 6 * board.contexts.length, `${paths} overview paths`);
        assert.deepEqual(await page.locator('.board-context .context-name').allTextContents(), board.contexts.map(context => context.name));
        const rendered = (await webview.sent()).filter(message => message.type === 'rendered').at(-1);
        assert.ok(rendered?.type === 'rendered');
        assert.deepEqual(new Set(rendered.nodeIds), new Set(notes.map(note => note.declaration)));
    });

    it('fitted far out, the contexts\' names are drawn large enough to read', async () => {
        const { scale } = await view();
        const size = Number(await webview.page.locator('.context-name').first().getAttribute('font-size'));
        assert.ok(size * scale >= 12, `a name of ${size} units is ${(size * scale).toFixed(1)} px on screen`);
    });

    it('reveals the note under a click in the overview, and draws it marked', async () => {
        const target = notes.find(note => note.kind === 'command')!;
        const point = await onPage(target.x + target.width / 2, target.y + target.height / 2);
        await webview.page.mouse.click(point.x, point.y);
        const reveals = (await webview.sent()).filter(message => message.type === 'reveal');
        assert.deepEqual(reveals.at(-1), { type: 'reveal', nodeId: target.declaration });
        const appearances = notes.filter(note => note.declaration === target.declaration).length;
        assert.equal(await webview.page.locator(`.board-note.selected[data-node-id="${target.declaration}"]`).count(), appearances, 'each appearance of the selected declaration stands out');
    });

    it('zoomed in, draws only the notes in and near view, with their labels', async () => {
        await zoomTo(0.6);
        const v = await view();
        const canvas = await canvasBox();
        const area = { left: -v.x / v.scale, top: -v.y / v.scale, right: (canvas.width - v.x) / v.scale, bottom: (canvas.height - v.y) / v.scale };
        // What is drawn reaches beyond the view (so that small pans draw nothing), at most about a view's size.
        const margin = { x: area.right - area.left, y: area.bottom - area.top };
        const drawn = new Set(await drawnNoteIds());
        assert.ok(drawn.size > 0 && drawn.size < notes.length / 5, `${drawn.size} of ${notes.length} notes drawn`);
        // Culled slice by slice: a slice in view is drawn whole, one far from view not at all.
        const touches = (box: { x: number; y: number; width: number; height: number }, grow: { x: number; y: number }) =>
            box.x < area.right + grow.x && box.x + box.width > area.left - grow.x && box.y < area.bottom + grow.y && box.y + box.height > area.top - grow.y;
        for (const slice of board.contexts.flatMap(context => context.slices)) {
            for (const note of slice.notes) {
                if (touches(note, { x: 0, y: 0 })) assert.ok(drawn.has(note.id), `${note.id} is in view and drawn`);
                if (!touches(slice, margin)) assert.ok(!drawn.has(note.id), `${note.id}'s slice is far from view: not drawn`);
            }
        }
        const first = [...drawn][0];
        assert.ok((await webview.page.locator(`.board-note[data-note-id="${first}"] .name`).textContent())?.length, 'notes have their names');
    });

    it('draws what a pan brings into view and drops what left it', async () => {
        const { page } = webview;
        const before = new Set(await drawnNoteIds());
        const canvas = await canvasBox();
        const v = await view();
        // The pan goes to a note known to be far from what is drawn (the board has empty stretches
        // between columns, so a blind pan may land on nothing), by drags one right after another
        // that stay in the canvas (a move between two drags once continued the first one).
        const centre = { x: (canvas.width / 2 - v.x) / v.scale, y: (canvas.height / 2 - v.y) / v.scale };
        const viewWidth = canvas.width / v.scale;
        const distance = (note: LaidOutBoardNote) => Math.hypot(note.x + note.width / 2 - centre.x, note.y + note.height / 2 - centre.y);
        const target = notes.filter(note => !before.has(note.id) && distance(note) >= 1.5 * viewWidth).sort((a, b) => distance(a) - distance(b))[0];
        assert.ok(target, 'a note far from view');
        let left = { x: (centre.x - (target.x + target.width / 2)) * v.scale, y: (centre.y - (target.y + target.height / 2)) * v.scale };
        const reach = { x: canvas.width - 80, y: canvas.height - 80 };
        while (Math.abs(left.x) > 1 || Math.abs(left.y) > 1) {
            const step = { x: Math.max(-reach.x, Math.min(reach.x, left.x)), y: Math.max(-reach.y, Math.min(reach.y, left.y)) };
            const from = { x: canvas.x + canvas.width / 2 - step.x / 2, y: canvas.y + canvas.height / 2 - step.y / 2 };
            await page.mouse.move(from.x, from.y);
            await page.mouse.down();
            await page.mouse.move(from.x + step.x, from.y + step.y, { steps: 4 });
            await page.mouse.up();
            left = { x: left.x - step.x, y: left.y - step.y };
        }
        const moved = await view();
        assert.ok(Math.abs(moved.x - v.x - (centre.x - target.x - target.width / 2) * v.scale) < 2, `panned to the note: ${JSON.stringify({ v, moved, target })}`);
        const after = new Set(await drawnNoteIds());
        assert.ok(after.has(target.id), `the note the pan brought into view is drawn: ${JSON.stringify({ v, moved, target })}`);
        assert.ok([...before].some(id => !after.has(id)), 'notes that left the view are gone');
    });

    it('marks a note drawn later as it would have been marked: stepping a scenario far away', async () => {
        const { page } = webview;
        const slice = board.contexts.at(-1)!.slices.filter(candidate => candidate.kind === 'scenario' && candidate.steps && candidate.steps.length > 1).at(-1)!;
        assert.ok(!(await drawnNoteIds()).includes(slice.notes[0].id), 'the scenario is out of view before');
        await page.selectOption('#scenario-select', slice.id);
        await page.click('#step-next');
        const current = slice.steps![0].notes[0];
        assert.equal(await page.locator(`.board-note[data-note-id="${current}"]`).getAttribute('class').then(c => c?.split(' ').includes('step-current')), true);
        const later = slice.steps!.at(-1)!.notes[0];
        assert.ok((await page.locator(`.board-note[data-note-id="${later}"]`).getAttribute('class'))?.split(' ').includes('step-pending'));
    });

    it('zoomed between, sketches the notes: rectangles without texts', async () => {
        const { page } = webview;
        while ((await view()).scale > 0.25) await page.click('#zoom-out');
        assert.ok((await view()).scale >= 0.08);
        assert.ok(await page.locator('.board-note').count() > 0);
        assert.equal(await page.locator('.board-note text, .lane-label, .slice-title').count(), 0);
    });
});
