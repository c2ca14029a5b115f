/** The board as a pure function of the model: lanes, slices in time order, contexts. Golden cases. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../../src/preview/board/build-board.js';
import { layoutBoard } from '../../../src/preview/board/layout-board.js';
import { expectGolden, FIXTURES, modelsOf, readModelFolder, REPO_ROOT, templates } from '../preview-test-kit.js';
import { assertCleanBoard, describeBoard } from './board-test-kit.js';

describe('buildBoard', () => {
    it('matches the golden board of the online shop (three contexts, policies, scenarios)', async () => {
        const board = buildBoard(await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop'))));
        expectGolden(describeBoard(board), 'online-shop.board.txt');
    });

    it('matches the golden board of the shop fixture, and of one context', async () => {
        const models = await modelsOf(readModelFolder(path.join(FIXTURES, 'shop')));
        expectGolden(describeBoard(buildBoard(models)), 'shop.board.txt');
        expectGolden(describeBoard(buildBoard(models, { context: 'Warehouse' })), 'warehouse.board.txt');
    });

    it('has, per context, automations on top, then commands and read models, then one lane per aggregate', async () => {
        const board = buildBoard(await modelsOf({
            'a.loom': [
                'context Sales',
                'aggregate Quote {', '  id quoteId: uuid', '  command Draft { emits Drafted }', '  event Drafted {}', '}',
                'aggregate Deal {', '  id dealId: uuid', '  command Close { emits Closed }', '  event Closed {}', '}',
                'policy CloseWhenDrafted {', '  on Drafted', '  issues Close', '}'
            ].join('\n')
        }));
        assert.deepEqual(board.contexts.map(c => c.lanes.map(lane => lane.id)), [['automation:Sales', 'commands:Sales', 'events:Sales.Quote', 'events:Sales.Deal']]);
        const close = board.contexts[0].slices.find(slice => slice.title === 'Close')!;
        // The policy's trigger, the policy, the command, its event: four columns, in lanes top to bottom as the notation draws them.
        assert.deepEqual(close.notes.map(note => [note.column, note.kind, note.lane]), [
            [0, 'event', 'events:Sales.Quote'], [1, 'policy', 'automation:Sales'], [2, 'command', 'commands:Sales'], [3, 'event', 'events:Sales.Deal']
        ]);
    });

    it('tells two contexts\' same-named notes apart: each note names its context, other contexts\' events sit in their own lane', async () => {
        const thing = (context: string) => [
            `context ${context}`,
            'aggregate Thing001 {', '  id thingId: uuid', '  command Make001 { emits Made001 }', '  event Made001 {}', '}'
        ].join('\n');
        const board = buildBoard(await modelsOf({
            'a.loom': thing('Alpha'),
            'b.loom': `${thing('Beta')}\nreadmodel Seen {\n  key thingId: uuid\n  on Alpha.Made001\n}\n`
        }));
        const beta = board.contexts.find(context => context.name === 'Beta')!;
        const notes = beta.slices.flatMap(slice => slice.notes);
        const external = notes.find(note => note.kind === 'externalEvent')!;
        assert.deepEqual([external.name, external.context, external.lane, external.declaration], ['Made001', 'Alpha', 'external:Beta', 'event:Alpha.Made001']);
        const own = notes.find(note => note.kind === 'event')!;
        assert.deepEqual([own.context, own.declaration], ['Beta', 'event:Beta.Made001']);
        assert.ok(beta.lanes.some(lane => lane.id === 'external:Beta' && lane.label === 'From other contexts'));
    });

    it('narrows to one aggregate: its slices and lane, the shared lanes kept', async () => {
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const board = buildBoard(models, { aggregate: 'Payments.Payment' });
        assert.deepEqual(board.contexts.map(c => c.name), ['Payments']);
        assert.ok(board.contexts[0].slices.every(slice => slice.aggregate === 'Payments.Payment'));
        assert.deepEqual(board.contexts[0].lanes.map(lane => lane.kind), ['automation', 'commands', 'events', 'external']);
    });

    it('puts every aggregate\'s events, read models and policies somewhere on the board', async () => {
        for (const template of templates()) {
            const models = await modelsOf(readModelFolder(template));
            const board = buildBoard(models);
            const shown = new Set(board.contexts.flatMap(c => c.slices.flatMap(s => s.notes.map(n => n.declaration))));
            const { buildFlowGraph } = await import('../../../src/preview/graph/build-flow-graph.js');
            for (const node of buildFlowGraph(models).nodes.filter(n => n.kind !== 'aggregate' && n.kind !== 'query')) {
                assert.ok(shown.has(node.id), `${path.basename(template)}: ${node.id} is on the board`);
            }
        }
    });
});

describe('layoutBoard', () => {
    for (const template of templates()) {
        it(`lays out the ${path.basename(template)} template's board: notes in their lanes and slices, none overlapping`, async () => {
            const models = await modelsOf(readModelFolder(template));
            assertCleanBoard(layoutBoard(buildBoard(models)), path.basename(template));
            for (const context of buildBoard(models).contexts) assertCleanBoard(layoutBoard(buildBoard(models, { context: context.name })), context.name);
        });
    }

    it('wraps long time lines into rows, so that the board has the aspect of a view instead of a strip', async () => {
        for (const template of ['templates/online-shop', 'templates/banking.loom']) {
            const board = buildBoard(await modelsOf(readModelFolder(path.join(REPO_ROOT, template))));
            const strip = layoutBoard(board, { aspect: Number.MAX_VALUE });
            assert.ok(strip.contexts.every(context => context.rows.length === 1), `${template}: asked for no wrapping, one row each`);
            assert.ok(strip.width / strip.height > 4, `${template}: unwrapped it is a strip (${strip.width} × ${strip.height})`);
            const wrapped = layoutBoard(board);
            const aspect = wrapped.width / wrapped.height;
            assert.ok(aspect > 1.1 && aspect < 2.2, `${template}: ${wrapped.width} × ${wrapped.height}`);
            assert.ok(wrapped.contexts.some(context => context.rows.length > 1), `${template}: a time line wraps`);
            // Wrapping keeps the time order: the same slices, in the same order, row after row.
            assert.deepEqual(wrapped.contexts.map(c => c.slices.map(s => s.id)), strip.contexts.map(c => c.slices.map(s => s.id)));
            assertCleanBoard(wrapped, template);
        }
    });

    it('runs time left to right: a scenario\'s given events, then its command, then its outcome', async () => {
        const board = layoutBoard(buildBoard(await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')))));
        const slice = board.contexts[0].slices.find(s => s.title === 'placing an order records its total')!;
        const x = slice.notes.map(note => [note.name, note.x] as const);
        assert.deepEqual(x.map(([name]) => name), ['OrderStarted', 'ItemAdded', 'PlaceOrder', 'OrderPlaced', 'OrderHistory', 'CustomerOrders']);
        for (let i = 1; i < 4; i++) assert.ok(x[i][1] > x[i - 1][1], `${x[i][0]} after ${x[i - 1][0]}`);
    });
});
