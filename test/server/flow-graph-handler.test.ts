/**
 * `eventloom/flowGraph` as the preview asks for it: the flow laid out for the view it is shown in
 * (its width : height); for the board view the board (wrapped to the view's aspect, its scenarios
 * run) and the flow's nodes for the menus, without the flow's layout, which the board view does not draw.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { flowGraphOfWorkspace } from '../../src/server/flow-graph-handler.js';
import { REPO_ROOT } from '../kit/paths.js';

describe('eventloom/flowGraph', function () {
    this.timeout(60_000);
    const { shared } = createEventloomServices(EmptyFileSystem);

    before(async () => {
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const folder = path.join(REPO_ROOT, 'templates/online-shop');
        await buildDocuments(shared, readdirSync(folder).map(name => ({ path: `/shop/${name}`, text: readFileSync(path.join(folder, name), 'utf8') })));
    });

    it('wraps the shop\'s contexts for the view\'s shape: stacked in a tall view, side by side in a wide one', async () => {
        const rows = async (flowAspect: number) => new Set((await flowGraphOfWorkspace(shared, { flowAspect })).graph.groups.map(group => group.y)).size;
        assert.equal(await rows(0.5), 3);
        assert.equal(await rows(5), 1);
        // A message's nonsense is taken as no view at all.
        assert.equal(await rows(Number.NaN), 2);
        const { graph } = await flowGraphOfWorkspace(shared, {});
        assert.equal(new Set(graph.groups.map(group => group.y)).size, 2, 'without a view: 1.6 : 1');
    });

    it('lays out the flow for the flow view', async () => {
        const result = await flowGraphOfWorkspace(shared, {});
        assert.equal(result.errorCount, 0);
        assert.equal(result.board, undefined);
        assert.ok(result.graph.width > 0 && result.graph.height > 0);
        assert.ok(result.graph.nodes.every(node => node.width > 0), 'every node has its box');
    });

    it('answers the board view with the board, its scenarios run, and the flow\'s nodes unplaced, without its edges', async () => {
        const flow = await flowGraphOfWorkspace(shared, {});
        const result = await flowGraphOfWorkspace(shared, { board: true, boardAspect: 1.2 });
        const board = result.board;
        assert.ok(board, 'the board is there');
        assert.deepEqual(board.contexts.map(context => context.name), ['Ordering', 'Payments', 'Shipping']);
        const scenarios = board.contexts.flatMap(context => context.slices.filter(slice => slice.kind === 'scenario'));
        assert.ok(scenarios.length > 0 && scenarios.every(slice => slice.run !== undefined), 'each scenario carries its run for stepping');
        // The menus, hover cards and the cursor's highlight need the flow's nodes, not their places.
        assert.deepEqual(result.graph.nodes.map(node => node.id), flow.graph.nodes.map(node => node.id));
        assert.deepEqual(result.graph.contexts, flow.graph.contexts);
        assert.equal(result.graph.width, 0, 'the flow is not laid out for the board');
        assert.ok(flow.graph.edges.length > 0);
        assert.deepEqual(result.graph.edges, [], 'nor are its edges sent: the board draws its own arrows');
    });

    it('wraps the board to the aspect asked for', async () => {
        const wide = (await flowGraphOfWorkspace(shared, { board: true, boardAspect: 4 })).board!;
        const tall = (await flowGraphOfWorkspace(shared, { board: true, boardAspect: 0.8 })).board!;
        assert.ok(wide.width / wide.height > tall.width / tall.height, `wide ${wide.width} × ${wide.height}, tall ${tall.width} × ${tall.height}`);
    });
});
