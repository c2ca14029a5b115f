/** Which frames share a row: order kept, rows as long as the view's aspect asks. */
import * as assert from 'node:assert/strict';
import { frameRowsForAspect } from '../../src/preview/layout/frame-rows.js';

const SPACING = { gutter: 40, corridor: 40 };

describe('frameRowsForAspect', () => {
    const three = [{ width: 1300, height: 800 }, { width: 1200, height: 600 }, { width: 1000, height: 300 }];

    it('wraps wide frames into rows for a landscape view, keeping their order', () => {
        // One row: 3660 × 880 (4.2 : 1); [0 1][2]: 2580 × 1220 (2.1 : 1); [0][1 2]: 2320 × 1520 (1.5 : 1);
        // three rows: 1380 × 1860 (0.74 : 1).
        assert.deepEqual(frameRowsForAspect(three, 1.6, SPACING), [[0], [1, 2]]);
        assert.deepEqual(frameRowsForAspect(three, 2.2, SPACING), [[0, 1], [2]]);
    });

    it('stacks them for a tall view and lines them up for a very wide one', () => {
        assert.deepEqual(frameRowsForAspect(three, 0.6, SPACING), [[0], [1], [2]]);
        assert.deepEqual(frameRowsForAspect(three, 5, SPACING), [[0, 1, 2]]);
    });

    it('fills rows like lines of text: a row is full when the next frame would pass its length', () => {
        const small = Array.from({ length: 9 }, () => ({ width: 300, height: 200 }));
        // 3 × 3 is the square; at 1 : 1 that is what comes closest.
        assert.deepEqual(frameRowsForAspect(small, 1.1, SPACING), [[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    });

    it('gives one row for one frame and none for none', () => {
        assert.deepEqual(frameRowsForAspect([{ width: 5000, height: 100 }], 1, SPACING), [[0]]);
        assert.deepEqual(frameRowsForAspect([], 1, SPACING), []);
    });
});
