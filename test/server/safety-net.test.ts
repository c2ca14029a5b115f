/**
 * The custom requests' safety net: an exception a handler did not mean to throw reaches the client
 * as one response error saying it is a bug in Eventloom; refusals pass unchanged; the flow graph
 * of a model whose names did not parse is drawn (the preview went blank on it before).
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { ResponseError } from 'vscode-languageserver';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { BUG_NOTICE } from '../../src/language/safety-net/internal-error.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { answerSafely, INTERNAL_ERROR } from '../../src/server/answer-safely.js';
import { flowGraphOfWorkspace } from '../../src/server/flow-graph-handler.js';
import { GenerateRefusal, toResponseError } from '../../src/server/generate-handler.js';

describe('the custom requests\' safety net', function () {
    this.timeout(30_000);

    it('answers an unexpected exception with one error that says it is a bug in Eventloom', async () => {
        const handler = answerSafely('drawing the flow graph', async () => { throw new TypeError("Cannot read properties of undefined (reading 'length')"); });
        await assert.rejects(handler(undefined), (error: unknown) => error instanceof ResponseError && error.code === INTERNAL_ERROR
            && error.message === `Eventloom failed while drawing the flow graph (Cannot read properties of undefined (reading 'length')). ${BUG_NOTICE}`);
        const refusal = new ResponseError(-32803, 'not now');
        await assert.rejects(answerSafely('x', async () => { throw refusal; })(undefined), (error: unknown) => error === refusal);
    });

    it('tells a bug in Generate from a refusal and from the file system', async () => {
        assert.match((await toResponseError(new TypeError('x is not a function'))).message, /^Eventloom failed while generating the code \(x is not a function\)\. This is a bug in Eventloom/);
        assert.equal((await toResponseError(new GenerateRefusal('noModels', 'Nothing generated.'))).message, 'Nothing generated.');
        const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        assert.equal((await toResponseError(full)).message, 'ENOSPC: no space left on device');
    });

    it('draws the flow graph of declarations whose names did not parse', async () => {
        const { shared } = createEventloomServices(EmptyFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        await buildDocuments(shared, [{ path: '/w/broken.loom', text: 'context Banking\naggregate Account {\n  id a: uuid\n  command { emits Opened }\n  event Opened { : string }\n}\nreadmodel { on Opened }\n' }]);
        const result = await flowGraphOfWorkspace(shared, {});
        assert.ok(result.errorCount > 0);
        assert.ok(result.graph.nodes.some(node => node.name === 'Account'));
        assert.ok(result.graph.nodes.every(node => node.name.length > 0));
    });
});
