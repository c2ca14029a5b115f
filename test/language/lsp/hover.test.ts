import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { BANK } from '../behaviour-models.js';
import { lsp, openBankingAndShipping, openWorkspace, positionOf, textDocumentPosition } from './lsp-test-kit.js';

async function hoverAt(document: LangiumDocument, text: string, options: { n?: number; shift?: number } = {}): Promise<string | undefined> {
    const hover = await lsp.lsp.HoverProvider!.getHoverContent(document, textDocumentPosition(document, positionOf(document, text, { shift: 1, ...options })));
    const contents = hover?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

describe('hover', () => {
    let banking: LangiumDocument;
    let shipping: LangiumDocument;

    beforeEach(async () => {
        ({ banking, shipping } = await openBankingAndShipping());
    });

    it('summarises a command with what it emits and rejects, on its declaration and on a reference', async () => {
        assert.equal(await hoverAt(banking, 'Withdraw {'), '`command Withdraw → emits Withdrawn; rejects Insufficient`');
        assert.equal(await hoverAt(banking, 'when Withdraw', { shift: 6 }), '`command Withdraw → emits Withdrawn; rejects Insufficient`');
    });

    it('puts the doc comment below the summary', async () => {
        assert.equal(await hoverAt(banking, 'command Open', { shift: 9 }), '`command Open → emits Opened`\n\n---\n\nOpens an account for its owner.');
    });

    it('says who emits an event and who consumes it across the workspace, other contexts qualified', async () => {
        assert.equal(await hoverAt(banking, 'event Opened', { shift: 7 }),
            '`event Opened — emitted by Open — consumed by read model Balance, read model Shipping.AccountsSeen`\n\n---\n\nThe account exists.');
        assert.equal(await hoverAt(banking, 'event Withdrawn', { shift: 7 }),
            '`event Withdrawn — emitted by Withdraw — consumed by read model Balance, policy BlockOnOverdraft`');
    });

    it('works on a qualified reference from another context (names seen from the event\'s context)', async () => {
        const hover = await hoverAt(shipping, 'Banking.Opened', { shift: 10 });
        assert.match(hover ?? '', /^`event Opened — emitted by Open — consumed by read model Balance, read model Shipping\.AccountsSeen`/);
    });

    it('summarises read models with their key and handled events, and errors with who rejects them', async () => {
        assert.equal(await hoverAt(banking, 'readmodel Balance', { shift: 11 }), '`readmodel Balance — key accountId: uuid — on Opened, Withdrawn`');
        assert.equal(await hoverAt(banking, 'rejected Insufficient', { shift: 10 }), '`error Insufficient { requested: decimal } — rejected by Withdraw`');
    });

    it('gives a field\'s type, on its declaration and where scenario data uses it', async () => {
        assert.equal(await hoverAt(banking, 'note?: string'), '`note?: string (field of command Withdraw)`');
        assert.equal(await hoverAt(banking, 'amount: 150'), '`amount: decimal (field of command Withdraw)`');
        assert.equal(await hoverAt(banking, 'amount: decimal = 0'), '`amount: decimal = 0 (field of read model Balance)`');
    });

    it('names an enum member\'s enum and a policy\'s flow', async () => {
        assert.equal(await hoverAt(banking, 'currency: EUR', { shift: 11 }), '`EUR: member of enum Currency`');
        assert.equal(await hoverAt(banking, 'policy BlockOnOverdraft', { shift: 8 }), '`policy BlockOnOverdraft: on Withdrawn → issues Block`');
    });

    it('shows nothing on keywords and punctuation', async () => {
        assert.equal(await hoverAt(banking, 'aggregate Account', { shift: 0 }), undefined);
    });
});

describe('hover on behaviour', () => {
    it('gives a name in an expression its type as read there, above the declaration', async () => {
        const { 'bank.loom': bank } = await openWorkspace({ 'bank.loom': BANK });
        assert.equal(await hoverAt(bank, 'overdraftLimit ?? 0', { shift: 1 }),
            '`overdraftLimit: optional decimal`\n\n`overdraftLimit?: decimal (field of command OpenAccount)`');
        assert.equal(await hoverAt(bank, 'amount.amount <=', { shift: 8 }),
            '`amount.amount: decimal`\n\n`amount: decimal (field of type Money)`');
        assert.equal(await hoverAt(bank, 'status == Pending', { shift: 11 }),
            '`Pending: AccountStatus`\n\n`Pending: member of enum AccountStatus`');
    });

    it('summarises the field a mapping or an assignment names', async () => {
        const { 'bank.loom': bank } = await openWorkspace({ 'bank.loom': BANK });
        assert.equal(await hoverAt(bank, 'openedAt: now', { shift: 1 }), '`openedAt: timestamp (field of event AccountOpened)`');
        assert.equal(await hoverAt(bank, 'lastBookedAt = bookedAt', { shift: 1 }), '`lastBookedAt?: timestamp (field of read model AccountBalance)`');
    });
});
