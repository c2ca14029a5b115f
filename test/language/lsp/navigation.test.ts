import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { fileName, lsp, openBankingAndShipping, positionOf, textDocumentPosition } from './lsp-test-kit.js';

describe('go to definition and find references', () => {
    let banking: LangiumDocument;
    let shipping: LangiumDocument;

    beforeEach(async () => {
        ({ banking, shipping } = await openBankingAndShipping());
    });

    it('jumps from a qualified reference in another context to the event\'s declaration', async () => {
        const links = await lsp.lsp.DefinitionProvider!.getDefinition(shipping, textDocumentPosition(shipping, positionOf(shipping, 'Banking.Opened', { shift: 9 })));
        assert.equal(links?.length, 1);
        const [link] = links!;
        assert.equal(fileName(link.targetUri), 'banking.loom');
        assert.deepEqual(link.targetSelectionRange, rangeOf(banking, 'Opened', positionOf(banking, 'event Opened', { shift: 6 })));
    });

    it('jumps from scenario data to the command\'s field', async () => {
        const links = await lsp.lsp.DefinitionProvider!.getDefinition(banking, textDocumentPosition(banking, positionOf(banking, 'amount: 150', { shift: 1 })));
        assert.deepEqual(links?.map(l => l.targetSelectionRange), [rangeOf(banking, 'amount', positionOf(banking, 'amount: decimal\n    note'))]);
    });

    it('finds every use of an event across files: emits, on, given, qualified', async () => {
        const locations = await lsp.lsp.ReferencesProvider!.findReferences(banking, {
            ...textDocumentPosition(banking, positionOf(banking, 'event Opened', { shift: 7 })), context: { includeDeclaration: false }
        });
        const found = locations.map(l => `${fileName(l.uri)}:${l.range.start.line + 1}:${(l.uri === banking.uri.toString() ? banking : shipping).textDocument.getText(l.range)}`).sort();
        assert.deepEqual(found, [
            `banking.loom:${lineOf(banking, 'on Opened')}:Opened`,
            `banking.loom:${lineOf(banking, 'emits Opened')}:Opened`,
            `banking.loom:${lineOf(banking, 'given Opened')}:Opened`,
            `shipping.loom:${lineOf(shipping, 'Banking.Opened')}:Banking.Opened`
        ].sort());
    });
});

function lineOf(document: LangiumDocument, text: string): number {
    return positionOf(document, text).line + 1;
}

function rangeOf(_document: LangiumDocument, name: string, start: ReturnType<typeof positionOf>) {
    return { start, end: { line: start.line, character: start.character + name.length } };
}
