import assert from 'node:assert/strict';
import { buildWorkspace, checked, otherErrors, scenarioErrors } from './scenario-test-kit.js';
import { positionOf, textDocumentPosition } from '../language/lsp/lsp-test-kit.js';
import type { LangiumDocument } from 'langium';
import { LEDGER } from './ledger-model.js';


async function hoverAt(document: LangiumDocument, text: string): Promise<string | undefined> {
    const hover = await checked.Eventloom.lsp.HoverProvider!.getHoverContent(document, textDocumentPosition(document, positionOf(document, text, { shift: 1 })));
    const contents = hover?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

describe('scenario check', () => {
    it('passes a scenario the model satisfies, numbers compared as exact decimals', async () => {
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': LEDGER });
        assert.deepEqual(otherErrors(ledger), []);
        assert.ok(!scenarioErrors(ledger).some(error => error.line === 26), 'the first scenario passes');
    });

    it('reports a failing scenario on its then line: expected, given, and what decided it', async () => {
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': LEDGER });
        const errors = scenarioErrors(ledger);
        const streamId = errors[0]?.message.match(/entryId: "([^"]+)"/)?.[1];
        assert.deepEqual(errors, [
            {
                line: 31, text: 'then Booked { amount: 99.90 }',
                message: `Scenario fails: expected Booked { amount: 99.90 }, but the model gives Booked { amount: 100.10, note: "rent", entryId: "${streamId}" }: built by \`emits Booked\` (line 8).`
            },
            {
                line: 36, text: 'then Booked',
                message: 'Scenario fails: expected Booked, but the model gives rejected Refused: `requires 1 > 2 else Refused` (line 12) rejected Refuse with the state {}.'
            }
        ]);
        assert.match(streamId ?? '', /^[0-9a-f]{8}-0000-4000-8000-000000000000$/);
    });

    it('skips a scenario of a hand-written command and says so in its hover', async () => {
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': LEDGER });
        assert.equal(await hoverAt(ledger, '"a hand-written rule"'),
            '`scenario "a hand-written rule"`\n\n---\n\nNot run in the editor: the decision of Guess is hand-written (Refused is rejected by no `requires`): the generated tests run this scenario.');
        assert.equal(await hoverAt(ledger, '"a refusal"'), '`scenario "a refusal"`\n\n---\n\nRun in the editor with the model\'s rules as you type.');
    });

    it('skips, never crashes, on a partial model', async () => {
        const partial = `context Ledger
aggregate Entry {
  id entryId: uuid
  command Book { amount: decimal, requires amount > limit else Nope, emits Booked { amount: amount +  } }
  event Booked { amount: decimal }
}
scenario "typing" {
  given Missing { x: 1 }
  when Book { amount: 1 }
  then Booked { amount: 1 }
  expect Nowhere { x: 1 }
}
scenario "half" { when
`;
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': partial });
        assert.deepEqual(scenarioErrors(ledger), []);
        assert.match(await hoverAt(ledger, '"typing"') ?? '', /\n\nNot run in the editor: the event Missing is not in the model\.$/);
    });

    it('says why it skips a command whose `requires … else` lost its error name (the fuzzer crashed the check here)', async () => {
        const partial = `context Ledger
aggregate Entry {
  id entryId: uuid
  command Book {
    amount: decimal
    requires amount > 0 else
    emits Booked
  }
  event Booked { amount: decimal }
}
scenario "booking" {
  when Book { amount: 1 }
  then Booked { amount: 1 }
}
`;
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': partial });
        assert.ok(ledger.parseResult.parserErrors.length > 0, 'the example must not parse');
        assert.deepEqual(scenarioErrors(ledger), []);
        assert.deepEqual(otherErrors(ledger).filter(error => /bug in Eventloom|Cannot read/.test(error)), []);
        assert.match(await hoverAt(ledger, '"booking"') ?? '', /Not run in the editor: the decision of Book is hand-written \(a `requires` names no error after `else`/);
    });

    it('checks a scenario whose { … } value fills a field that lost its type (the fuzzer crashed the rules form here)', async () => {
        const partial = `context Ledger
type Money { amount: decimal }
aggregate Entry {
  id entryId: uuid
  command Book {
    amount: rejects Money
    emits Booked
  }
  event Booked { amount: Money }
}
scenario "booking" {
  when Book { amount: { amount: 1 } }
  then Booked
}
`;
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': partial });
        assert.ok(ledger.parseResult.parserErrors.length > 0, 'the example must not parse');
        assert.deepEqual(otherErrors(ledger).filter(error => /bug in Eventloom|Cannot read/.test(error)), []);
    });

    it('checks a scenario that lost its description (the CLI fuzz crashed the run, which hashes it into the stream id)', async () => {
        const partial = `context Ledger
aggregate Entry {
  id entryId: uuid
  state { booked: boolean = false }
  command Book { amount: decimal, requires not booked else AlreadyBooked, emits Booked }
  event Booked { amount: decimal }
  error AlreadyBooked
  on Booked { booked = true }
}
scenario {
  when Book { amount: 1 }
  then Booked { amount: 1 }
}
`;
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': partial });
        assert.ok(ledger.parseResult.parserErrors.length > 0, 'the example must not parse');
        assert.deepEqual(scenarioErrors(ledger), []);
        assert.deepEqual(otherErrors(ledger), ['10: Expected the description of the scenario in quotes (`scenario "cannot overdraw" { … }`) here, but found `{`.']);
    });

    it('a scenario expecting a rejection that the model accepts names the state the requires were checked against, not the state after', async () => {
        const model = `context Ledger
aggregate Purse {
  id purseId: uuid
  state { balance: decimal = 0 }
  command Spend {
    amount: decimal
    requires amount <= balance + 200 else Broke
    emits Spent
  }
  event Spent { amount: decimal }
  error Broke
  on Spent { balance -= amount }
}
scenario "cannot spend what is not there" {
  when Spend { amount: 150 }
  then rejected Broke
}
`;
        const { 'ledger.loom': ledger } = await buildWorkspace({ 'ledger.loom': model });
        assert.deepEqual(otherErrors(ledger), []);
        assert.deepEqual(scenarioErrors(ledger).map(error => error.message), [
            'Scenario fails: expected rejected Broke, but the model gives Spent { amount: 150 }: every requires of Spend held with the state { balance: 0 }.'
        ]);
    });
});
