import * as assert from 'node:assert/strict';
import { expectFoldings, expectSymbols, expectWorkspaceSymbols } from 'langium/test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { BANKING, SHIPPING, clearWorkspace, lsp, openWorkspace, services } from './lsp-test-kit.js';

const KIND_NAMES = new Map(Object.entries(SymbolKind).map(([name, value]) => [value as number, name]));

function kindName(kind: SymbolKind): string {
    return KIND_NAMES.get(kind) ?? String(kind);
}

/** `Name (Kind)` with children indented: the outline as a reader sees it. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
    return symbols.flatMap(s => [`${'  '.repeat(depth)}${s.name} (${kindName(s.kind)})`, ...outline(s.children ?? [], depth + 1)]);
}

describe('outline, workspace symbols and folding', () => {
    afterEach(clearWorkspace);

    it('nests the file under its context and each aggregate\'s members under the aggregate, with their kinds', async () => {
        await expectSymbols(lsp)({
            text: BANKING,
            disposeAfterCheck: true,
            assert: symbols => assert.deepEqual(outline(symbols), [
                'Banking (Namespace)',
                '  Currency (Enum)', '    EUR (EnumMember)', '    USD (EnumMember)',
                '  Account (Class)',
                '    accountId (Key)',
                '    Open (Method)', '      owner (Field)', '      currency (Field)',
                '    Withdraw (Method)', '      amount (Field)', '      note (Field)',
                '    Opened (Event)', '      owner (Field)', '      currency (Field)',
                '    Withdrawn (Event)', '      amount (Field)',
                '    Insufficient (Object)', '      requested (Field)',
                '  Card (Class)', '    cardId (Key)', '    Block (Method)', '    Blocked (Event)', '    CardExpired (Object)',
                '  Balance (Interface)', '    accountId (Key)', '    amount (Field)',
                '  BlockOnOverdraft (Operator)',
                '  cannot overdraw (Constant)'
            ])
        });
    });

    it('finds declarations of every file by simple or qualified name, with their context as container', async () => {
        await openWorkspace({ 'banking.loom': BANKING, 'shipping.loom': SHIPPING });
        await expectWorkspaceSymbols(services.shared)({
            query: 'Opened',
            assert: symbols => assert.deepEqual(symbols.map(s => `${s.containerName}.${s.name} (${kindName(s.kind)})`), ['Banking.Opened (Event)'])
        });
        await expectWorkspaceSymbols(services.shared)({
            query: 'Shipping.Dispatch',
            assert: symbols => assert.deepEqual(symbols.map(s => s.name).sort(), ['Dispatch', 'Dispatched'])
        });
    });

    it('folds blocks and block comments', async () => {
        await expectFoldings(lsp)({
            text: [
                'context Folding',
                '<|/**',
                ' * A long comment|>',
                ' */',
                'aggregate A <|{',
                '  id aId: uuid',
                '  command C <|{',
                '    emits E|>',
                '  }',
                '  event E {}|>',
                '}',
                'scenario "s" <|{',
                '  when C',
                '  then E|>',
                '}'
            ].join('\n'),
            disposeAfterCheck: true
        });
    });
});
