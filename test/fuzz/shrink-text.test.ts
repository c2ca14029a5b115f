/**
 * The delta debugging both fuzzers' reproducers are shrunk with: it keeps only what the failure
 * needs, within its budget, and a request's position follows the text it pointed at.
 */
import * as assert from 'node:assert/strict';
import { shrinkText } from './shrink-text.js';

const MODEL = `context Banking
aggregate Account {
  id accountId: uuid
  command OpenAccount { owner: string, emits AccountOpened }
  event AccountOpened { owner: string }
}
scenario "s" {
  when { owner: "Ann" }
  then AccountOpened { owner: "Ann" }
}
`;

describe('shrinking a reproducer', () => {
    it('cuts a model down to what the failure needs (the issue\'s `when` without its command)', async () => {
        const fails = async (candidate: { text: string }) => /scenario[^{]*\{\s*when\s*\{/.test(candidate.text);
        const shrunk = await shrinkText({ text: MODEL, anchors: [] }, fails, { runs: 500 });
        assert.equal(shrunk.text, 'scenario{when{');
    });

    it('moves an anchor with the cuts, so a request still asks at the same word', async () => {
        const at = MODEL.indexOf('AccountOpened {');
        // The failure shows only while the request's position is on the word AccountOpened.
        const fails = async (candidate: { text: string; anchors: number[] }) => candidate.text.startsWith('AccountOpened', candidate.anchors[0]);
        const shrunk = await shrinkText({ text: MODEL, anchors: [at] }, fails, { runs: 500 });
        assert.equal(shrunk.text, 'AccountOpened');
        assert.deepEqual(shrunk.anchors, [0]);
    });

    it('stops when the budget of re-runs is spent, keeping the last text that failed', async () => {
        let runs = 0;
        const shrunk = await shrinkText({ text: MODEL, anchors: [] }, async () => { runs++; return false; }, { runs: 7 });
        assert.equal(runs, 7);
        assert.equal(shrunk.text, MODEL);
    });
});
