/** The flow graph request lays the flow out for the view it is shown in (its width : height). */
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

    it('wraps the shop\'s contexts for the view\'s shape: stacked in a tall view, side by side in a wide one', async () => {
        const { shared } = createEventloomServices(EmptyFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const folder = path.join(REPO_ROOT, 'templates/online-shop');
        await buildDocuments(shared, readdirSync(folder).map(name => ({ path: `/shop/${name}`, text: readFileSync(path.join(folder, name), 'utf8') })));
        const rows = async (flowAspect: number) => new Set((await flowGraphOfWorkspace(shared, { flowAspect })).graph.groups.map(group => group.y)).size;
        assert.equal(await rows(0.5), 3);
        assert.equal(await rows(5), 1);
        // A message's nonsense is taken as no view at all.
        assert.equal(await rows(Number.NaN), 2);
        const { graph } = await flowGraphOfWorkspace(shared, {});
        assert.equal(new Set(graph.groups.map(group => group.y)).size, 2, 'without a view: 1.6 : 1');
    });
});
