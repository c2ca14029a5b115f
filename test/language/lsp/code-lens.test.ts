import * as assert from 'node:assert/strict';
import { BANKING, clearWorkspace, lsp, openWorkspace, positionOf } from './lsp-test-kit.js';

describe('code lenses', () => {
    afterEach(clearWorkspace);

    it('offers "Preview flow" and "Generate" on the context line, with the document URI as argument', async () => {
        const { 'banking.loom': banking } = await openWorkspace({ 'banking.loom': BANKING });
        const lenses = await lsp.lsp.CodeLensProvider!.provideCodeLens(banking, { textDocument: { uri: banking.uri.toString() } });
        const contextLine = positionOf(banking, 'context Banking').line;
        assert.deepEqual(lenses?.filter(l => l.range.start.line === contextLine).map(l => ({ line: l.range.start.line, ...l.command })), [
            { line: contextLine, title: 'Preview flow', command: 'eventloom.openPreview', arguments: [banking.uri.toString()] },
            { line: contextLine, title: 'Generate', command: 'eventloom.generate', arguments: [banking.uri.toString()] }
        ]);
    });

    it('offers "Step on the board" on each scenario, with the document URI and the scenario\'s line', async () => {
        const { 'banking.loom': banking } = await openWorkspace({ 'banking.loom': BANKING });
        const lenses = await lsp.lsp.CodeLensProvider!.provideCodeLens(banking, { textDocument: { uri: banking.uri.toString() } });
        const scenarioLine = positionOf(banking, 'scenario "cannot overdraw"').line;
        const steps = lenses?.filter(l => l.command?.title === 'Step on the board').map(l => ({ line: l.range.start.line, ...l.command }));
        assert.deepEqual(steps, [{ line: scenarioLine, title: 'Step on the board', command: 'eventloom.stepScenario', arguments: [banking.uri.toString(), scenarioLine] }]);
    });

    it('offers none in a file without a context line', async () => {
        const { 'loose.loom': loose } = await openWorkspace({ 'loose.loom': 'enum Size { S }\n' });
        assert.deepEqual(await lsp.lsp.CodeLensProvider!.provideCodeLens(loose, { textDocument: { uri: loose.uri.toString() } }), []);
    });
});
