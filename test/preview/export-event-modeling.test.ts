/** The Mermaid `eventmodeling` export: golden file, frames in the board's order, relations Mermaid accepts. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { exportEventModeling } from '../../src/preview/export/export-event-modeling.js';
import { mermaidLimitWarning } from '../../src/preview/export/export-mermaid.js';
import { expectGolden, modelsOf, readModelFolder, REPO_ROOT } from './preview-test-kit.js';

describe('exportEventModeling', () => {
    it('matches the golden file for the online shop', async () => {
        const board = buildBoard(await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop'))));
        expectGolden(exportEventModeling(board, 'Event model: online shop').text, 'online-shop.eventmodeling.mmd');
    });

    it('numbers one frame per note in the board\'s order, each slice starting with a reset frame', async () => {
        const board = buildBoard(await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop'))));
        const { text, frames } = exportEventModeling(board);
        const frameLines = text.split('\n').filter(line => /^(tf|rf) /.test(line));
        assert.equal(frameLines.length, frames);
        assert.deepEqual(frameLines.map(line => Number(line.split(' ')[1])), frameLines.map((_, i) => i + 1));
        const notes = board.contexts.flatMap(c => c.slices.flatMap(s => s.notes.filter(n => n.kind !== 'rejection')));
        assert.deepEqual(frameLines.map(line => line.split(' ')[3]), notes.map(n => `${n.context}_${n.name}`));
        // Every slice's first frame is a reset frame: no arrow from the previous slice.
        const lines = text.split('\n');
        for (let i = 0; i < lines.length; i++) {
            if (lines[i].startsWith('%% scenario') || lines[i].startsWith('%% slice')) assert.match(lines[i + 1], /^rf /, `after ${lines[i]}`);
        }
        assert.match(text, /^tf \d+ evt Ordering_OrderStarted ->> \d+$/m);
        assert.match(text, /^note \d+ \{\n {2}rejected: EmptyCart\n\}$/m);
    });

    it('warns past Mermaid\'s limits with the figures and how to narrow the view', () => {
        assert.equal(mermaidLimitWarning('x'.repeat(100), { edges: 500 }), undefined);
        assert.equal(mermaidLimitWarning('x'.repeat(50_001), { edges: 501 }),
            'The diagram has 501 edges (Mermaid draws at most 500) and 50001 characters (Mermaid reads at most 50000): with its default settings Mermaid shows an error instead. '
            + 'Narrow it with --context <name> or --aggregate <name>, or raise maxEdges / maxTextSize where you render it.');
        assert.match(mermaidLimitWarning('', { frames: 1200 }) ?? '', /^The diagram has 1200 time frames \(Mermaid numbers at most 999\).*--aggregate <name>\.$/);
    });
});
