/**
 * Completion and hover around `upcast E from N { old fields } { mapping }` (DESIGN §2d): exact
 * lists of what is offered after `upcast`, after `from`, as mapping keys and inside a mapping's
 * expressions, and what a hover says on `from N`, an old field and a mapping key.
 */
import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { clearWorkspace, lsp, openWorkspace, positionOf, textDocumentPosition } from './lsp-test-kit.js';

const MODEL = `context Banking
enum Currency { EUR, USD }
type Money { amount: decimal, currency: Currency }
aggregate BankAccount {
  id accountId: uuid
  state { limit: decimal = 0 }
  command OpenAccount { owner: string, limit: Money, tier: string, emits AccountOpened }
  command CloseAccount { emits AccountClosed }
  event AccountOpened version 3 { owner: string, limit: Money, tier: string }
  /** Limits were whole cents before version 2. */
  upcast AccountOpened from 1 { owner: string, limitInCents: int } { limit: { amount: 50, currency: EUR } }
  upcast AccountOpened from 2 { owner: string, limit: Money } { tier: "basic" }
  event AccountClosed {}
}
aggregate Card {
  id cardId: uuid
  command IssueCard { emits CardIssued }
  event CardIssued version 2 { pin: int }
  upcast CardIssued from 1 {} { pin: 0 }
}
`;

/** `label (detail)` of each item, in the order the editor shows them. */
async function offered(text: string, at: string, shift: number): Promise<string[]> {
    const { 'bank.loom': document } = await openWorkspace({ 'bank.loom': text });
    const list = await lsp.lsp.CompletionProvider!.getCompletion(document, textDocumentPosition(document, positionOf(document, at, { shift })));
    return (list?.items ?? []).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label))
        .map(item => `${item.label} (${item.detail})`);
}

async function hoverAt(document: LangiumDocument, at: string, shift: number): Promise<string | undefined> {
    const hover = await lsp.lsp.HoverProvider!.getHoverContent(document, textDocumentPosition(document, positionOf(document, at, { shift })));
    const contents = hover?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

describe('completion and hover for upcasts', () => {
    afterEach(clearWorkspace);

    it('offers after `upcast` only the own aggregate\'s versioned events', async () => {
        const replacing = MODEL.replace('upcast AccountOpened from 2', 'upcast  from 2');
        assert.deepEqual(await offered(replacing, 'upcast  from 2', 'upcast '.length), ['AccountOpened (event of BankAccount)']);
        const newLine = MODEL.replace('  event AccountClosed {}', '  upcast \n  event AccountClosed {}');
        assert.deepEqual(await offered(newLine, 'upcast \n', 'upcast '.length), ['AccountOpened (event of BankAccount)']);
    });

    it('offers after `from` the versions still without an upcast, none when every one has its upcast', async () => {
        const replacing = MODEL.replace('upcast AccountOpened from 2 {', 'upcast AccountOpened from  {');
        assert.deepEqual(await offered(replacing, 'from  {', 'from '.length), ['2 (version 2 of AccountOpened has no upcast yet)']);
        const both = MODEL.replace(/ {2}upcast AccountOpened from [12][^\n]*\n/g, '').replace('  event AccountClosed {}', '  upcast AccountOpened from \n  event AccountClosed {}');
        assert.deepEqual(await offered(both, 'from \n', 'from '.length), [
            '1 (version 1 of AccountOpened has no upcast yet)', '2 (version 2 of AccountOpened has no upcast yet)'
        ]);
        const covered = MODEL.replace('  event AccountClosed {}', '  upcast AccountOpened from \n  event AccountClosed {}');
        assert.deepEqual(await offered(covered, 'from \n', 'from '.length), []);
    });

    it('offers as mapping keys the fields of the version produced that the old shape does not carry over', async () => {
        const toVersion3 = MODEL.replace('{ tier: "basic" }', '{  }');
        assert.deepEqual(await offered(toVersion3, 'limit: Money } {  }', 'limit: Money } { '.length), ['tier (string — field of event AccountOpened)']);
        // `from 1` builds version 2 (owner, limit): tier is not a field there, limit is, owner carries over.
        const toVersion2 = MODEL.replace('{ limit: { amount: 50, currency: EUR } }', '{  }');
        assert.deepEqual(await offered(toVersion2, 'limitInCents: int } {  }', 'limitInCents: int } { '.length), ['limit (Money — field of AccountOpened version 2)']);
    });

    it('offers in a mapping\'s value the old shape\'s fields, and neither `now`, `newId` nor the command or state', async () => {
        const value = MODEL.replace('{ tier: "basic" }', '{ tier:  }');
        assert.deepEqual(await offered(value, 'tier:  }', 'tier: '.length), [
            // What fits the string field first; no enum where a string is expected.
            'owner (string — field of AccountOpened version 2)', 'limit (Money — field of AccountOpened version 2)',
            'count (Keyword)', 'false (Keyword)', 'not (Keyword)', 'true (Keyword)'
        ]);
    });

    it('hovers `from N` with what the step carries, maps and drops, above its doc comment; old fields and mapping keys with their version', async () => {
        const { 'bank.loom': document } = await openWorkspace({ 'bank.loom': MODEL });
        assert.equal(await hoverAt(document, 'from 1', 'from '.length),
            '`upcast AccountOpened from 1 to 2 — carries owner — maps limit — drops limitInCents`\n\n---\n\nLimits were whole cents before version 2.');
        assert.equal(await hoverAt(document, 'from 2', 'from '.length), '`upcast AccountOpened from 2 to 3 — carries owner, limit — maps tier`');
        assert.equal(await hoverAt(document, 'limitInCents', 1), '`limitInCents: int (field of version 1 of event AccountOpened)`');
        assert.equal(await hoverAt(document, 'limit: { amount: 50', 1), '`limit: Money (field of version 2 of event AccountOpened)`');
        assert.equal(await hoverAt(document, 'tier: "basic"', 1), '`tier: string (field of event AccountOpened)`');
    });
});
