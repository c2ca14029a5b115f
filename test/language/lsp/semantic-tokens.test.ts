import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { SemanticTokensDecoder, type AbstractSemanticTokenProvider } from 'langium/lsp';
import { SemanticTokenModifiers } from 'vscode-languageserver';
import { BANKING, SHIPPING, clearWorkspace, lsp, openWorkspace } from './lsp-test-kit.js';

/** `text:type[:declaration]` for every semantic token of the document, in order. */
async function tokensOf(document: LangiumDocument): Promise<string[]> {
    const provider = lsp.lsp.SemanticTokenProvider as AbstractSemanticTokenProvider;
    const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    const declaration = provider.tokenModifiers[SemanticTokenModifiers.declaration];
    const defaultLibrary = provider.tokenModifiers[SemanticTokenModifiers.defaultLibrary];
    return SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document).map(t =>
        `${t.text}:${t.tokenType}${t.tokenModifiers & declaration ? ':declaration' : ''}${t.tokenModifiers & defaultLibrary ? ':defaultLibrary' : ''}`);
}

describe('semantic highlighting', () => {
    afterEach(clearWorkspace);

    it('tells commands, events, errors, read models and types apart in declarations and references', async () => {
        const { 'banking.loom': banking } = await openWorkspace({ 'banking.loom': BANKING, 'shipping.loom': SHIPPING });
        const tokens = await tokensOf(banking);
        for (const expected of [
            'Banking:namespace:declaration', 'Currency:enum:declaration', 'EUR:enumMember:declaration',
            'Account:class:declaration', 'Open:function:declaration', 'Opened:event:declaration',
            'Insufficient:type:declaration', 'Balance:interface:declaration', 'BlockOnOverdraft:macro:declaration',
            'owner:property:declaration', 'uuid:type:defaultLibrary'
        ]) assert.ok(tokens.includes(expected), `expected ${expected} in ${tokens.join(' ')}`);
        // References take the colour of what they refer to, without the declaration modifier.
        const references = tokens.filter(t => !t.endsWith(':declaration') && !t.endsWith(':defaultLibrary'));
        assert.deepEqual(references, [
            'Currency:enum',                            // command field type
            'Opened:event',                             // emits
            'Withdrawn:event', 'Insufficient:type',     // emits, rejects
            'Currency:enum',                            // event field type
            'Blocked:event',
            'Opened:event', 'Withdrawn:event',          // on
            'Withdrawn:event', 'Block:function',        // policy
            'Opened:event', 'owner:property', 'currency:property', 'EUR:enumMember',
            'Withdraw:function', 'amount:property',
            'Insufficient:type'
        ]);
    });

    it('colours the context qualifier of a cross-context reference as a namespace', async () => {
        const { 'shipping.loom': shipping } = await openWorkspace({ 'banking.loom': BANKING, 'shipping.loom': SHIPPING });
        const tokens = await tokensOf(shipping);
        const at = tokens.indexOf('Banking:namespace');
        assert.ok(at >= 0, tokens.join(' '));
        assert.equal(tokens[at + 1], 'Opened:event');
    });

    it('colours the names inside rules as what they name: fields, enum members, errors, events, commands, read models', async () => {
        const { 'bank.loom': bank } = await openWorkspace({ 'bank.loom': `context Bank
enum Status { Pending, Open }
aggregate Account {
  id accountId: uuid
  state { status: Status = Pending, balance: decimal = 0 }
  command Withdraw {
    amount: decimal
    requires status == Open and amount <= state.balance else Refused { wanted: amount }
    emits Withdrawn { at: now }
  }
  event Withdrawn { amount: decimal, at: timestamp }
  error Refused { wanted: decimal }
  on Withdrawn { balance -= amount }
}
readmodel Totals {
  key accountId: uuid
  withdrawn: decimal = 0
  on Withdrawn { withdrawn += event.amount }
}
policy Watch {
  on Withdrawn
  reads Totals
  issues Withdraw { amount: 1 } if (Totals.withdrawn ?? 0) > 100
}
` });
        const rules = (await tokensOf(bank)).filter(t => !t.endsWith(':declaration') && !t.endsWith(':defaultLibrary'));
        assert.deepEqual(rules, [
            'Status:enum', 'Pending:enumMember',
            'status:property', 'Open:enumMember', 'amount:property', 'balance:property',   // requires (state. is a keyword)
            'Refused:type', 'wanted:property', 'amount:property',                         // else Refused { wanted: amount }
            'Withdrawn:event', 'at:property',                                             // emits mapping
            'Withdrawn:event', 'balance:property', 'amount:property',                     // evolve
            'Withdrawn:event', 'withdrawn:property', 'amount:property',                   // projection, event.amount
            'Withdrawn:event', 'Totals:interface', 'Withdraw:function', 'amount:property', 'Totals:interface', 'withdrawn:property'
        ]);
    });
});
