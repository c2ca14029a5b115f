import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { BANKING, SHIPPING, lsp, openWorkspace, positionOf, textDocumentPosition } from './lsp-test-kit.js';

/** Completion labels at a position, in the order the editor shows them (by sortText). */
async function labelsAt(document: LangiumDocument, position: ReturnType<typeof positionOf>): Promise<string[]> {
    return (await itemsAt(document, position)).map(item => item.label);
}

async function itemsAt(document: LangiumDocument, position: ReturnType<typeof positionOf>): Promise<CompletionItem[]> {
    const list = await lsp.lsp.CompletionProvider!.getCompletion(document, textDocumentPosition(document, position));
    return (list?.items ?? []).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label));
}

/** Opens Banking (with `edit` applied to its text) next to Shipping; returns the Banking document. */
async function banking(edit: (text: string) => string = text => text): Promise<LangiumDocument> {
    const documents = await openWorkspace({ 'banking.loom': edit(BANKING), 'shipping.loom': SHIPPING });
    return documents['banking.loom'];
}

describe('completion', () => {
    it('offers only the own aggregate\'s events after `emits`', async () => {
        const document = await banking(text => text.replace('emits Withdrawn', 'emits Withdrawn, '));
        const labels = await labelsAt(document, positionOf(document, 'emits Withdrawn, ', { shift: 'emits Withdrawn, '.length }));
        assert.deepEqual(labels, ['Opened', 'Withdrawn']);
        const first = await banking(text => text.replace('emits Withdrawn', 'emits '));
        const firstLabels = await labelsAt(first, positionOf(first, 'emits \n', { shift: 'emits '.length }));
        assert.deepEqual(firstLabels, ['Opened', 'Withdrawn']);
    });

    it('offers only the own aggregate\'s errors after `rejects`', async () => {
        const document = await banking(text => text.replace('rejects Insufficient', 'rejects Insufficient, '));
        const labels = await labelsAt(document, positionOf(document, 'rejects Insufficient, ', { shift: 'rejects Insufficient, '.length }));
        assert.deepEqual(labels, ['Insufficient']);
    });

    it('offers only the own aggregate\'s errors after `else`', async () => {
        const document = await banking(text => text.replace('    rejects Insufficient\n', '    requires amount > 0 else \n'));
        const labels = await labelsAt(document, positionOf(document, 'requires amount > 0 else ', { shift: 'requires amount > 0 else '.length }));
        assert.deepEqual(labels, ['Insufficient']);
    });

    it('offers every event after a read model\'s `on`: own context unqualified first, then other contexts\' events qualified', async () => {
        const documents = await openWorkspace({ 'banking.loom': BANKING, 'shipping.loom': SHIPPING.replace('on Banking.Opened, Dispatched', 'on Banking.Opened, Dispatched, ') });
        const shipping = documents['shipping.loom'];
        const labels = await labelsAt(shipping, positionOf(shipping, 'Dispatched, ', { shift: 'Dispatched, '.length }));
        assert.deepEqual(labels, ['Dispatched', 'Banking.Blocked', 'Banking.Opened', 'Banking.Withdrawn']);
    });

    it('offers only commands of the own context after `issues`, never events or other contexts\' commands', async () => {
        const document = await banking(text => text.replace('issues Block', 'issues Block, '));
        const items = await itemsAt(document, positionOf(document, 'issues Block, ', { shift: 'issues Block, '.length }));
        assert.deepEqual(items.map(i => i.label), ['Block', 'Open', 'Withdraw']);
        assert.ok(items.every(i => i.kind === CompletionItemKind.Method), 'commands have the method kind');
        assert.equal(items.find(i => i.label === 'Open')?.detail, 'command of Account');
    });

    it('offers the `when` command\'s fields not given yet inside its data', async () => {
        const document = await banking(text => text.replace('when Withdraw { amount: 150 }', 'when Withdraw { amount: 150,  }'));
        const labels = await labelsAt(document, positionOf(document, 'amount: 150, ', { shift: 'amount: 150, '.length }));
        assert.deepEqual(labels, ['note']);
        // In front of a given field (to replace it), that field is offered too.
        const front = await banking();
        const frontLabels = await labelsAt(front, positionOf(front, 'when Withdraw { ', { shift: 'when Withdraw { '.length }));
        assert.deepEqual(frontLabels, ['amount', 'note']);
    });

    it('offers an event\'s fields in `given` data', async () => {
        const document = await banking(text => text.replace('given Opened { owner: "Ann", currency: EUR }', 'given Opened {  }'));
        const labels = await labelsAt(document, positionOf(document, 'given Opened { ', { shift: 'given Opened { '.length }));
        assert.deepEqual(labels, ['currency', 'owner']);
    });

    it('offers the enum\'s members where an enum value is expected', async () => {
        const document = await banking(text => text.replace('currency: EUR }', 'currency:  }'));
        const labels = await labelsAt(document, positionOf(document, '"Ann", currency: ', { shift: '"Ann", currency: '.length }));
        assert.deepEqual(labels.filter(l => !['true', 'false'].includes(l)), ['EUR', 'USD']);
    });

    it('offers the enum\'s members for a field\'s default value', async () => {
        const document = await banking(text => text.replace('  amount: decimal = 0\n', '  amount: decimal = 0\n  currency: Currency = \n'));
        const labels = await labelsAt(document, positionOf(document, 'currency: Currency = ', { shift: 'currency: Currency = '.length }));
        assert.deepEqual(labels.filter(l => !['true', 'false'].includes(l)), ['EUR', 'USD']);
    });

    it('offers the `when` command\'s errors after `then rejected`, its events after `then`, its aggregate\'s events after `given`', async () => {
        const document = await banking(text => text.replace('then rejected Insufficient', 'then rejected '));
        const labels = await labelsAt(document, positionOf(document, 'then rejected ', { shift: 'then rejected '.length }));
        assert.deepEqual(labels, ['Insufficient']);
        const thenEvents = await banking(text => text.replace('then rejected Insufficient', 'then '));
        const eventLabels = await labelsAt(thenEvents, positionOf(thenEvents, 'then ', { shift: 'then '.length }));
        assert.deepEqual(eventLabels.filter(l => l !== 'rejected'), ['Withdrawn']);
        assert.ok(eventLabels.includes('rejected'), 'the keyword `rejected` is offered too');
        const givenEvents = await banking(text => text.replace('given Opened { owner: "Ann", currency: EUR }', 'given '));
        const givenLabels = await labelsAt(givenEvents, positionOf(givenEvents, 'given ', { shift: 'given '.length }));
        assert.deepEqual(givenLabels.filter(l => l !== 'when'), ['Opened', 'Withdrawn'], 'only the events of the aggregate that handles the `when` command');
    });

    it('offers declaration keywords inside an aggregate', async () => {
        const document = await banking(text => text.replace('  error CardExpired\n', '  error CardExpired\n  \n'));
        const labels = await labelsAt(document, positionOf(document, 'error CardExpired\n  ', { shift: 'error CardExpired\n  '.length }));
        for (const keyword of ['command', 'event', 'error', 'state', 'id']) assert.ok(labels.includes(keyword), `expected '${keyword}' in ${labels.join(', ')}`);
        assert.ok(!labels.includes('readmodel'), 'a read model is not declared inside an aggregate');
    });
});
