import * as assert from 'node:assert/strict';
import { boxOfPoints, boxOfRect, contains, intersects, visibleArea } from '../../src/preview/webview/visible-area.js';

describe('visible area (culling)', () => {
    it('maps the canvas to diagram coordinates through pan and zoom, grown by the margin', () => {
        assert.deepEqual(visibleArea({ x: 10, y: 20, scale: 1 }, 800, 600), { left: -10, top: -20, right: 790, bottom: 580 });
        // Panned right by 100 px and down by 50 px at half size: the canvas shows x from -200 and y from -100.
        assert.deepEqual(visibleArea({ x: 100, y: 50, scale: 0.5 }, 800, 600), { left: -200, top: -100, right: 1400, bottom: 1100 });
        assert.deepEqual(visibleArea({ x: -200, y: -100, scale: 2 }, 800, 600, 0.25), { left: 0, top: -25, right: 600, bottom: 425 });
    });

    it('finds the boxes of notes and arrows and tests them against the area', () => {
        const area = boxOfRect(0, 0, 100, 100);
        assert.deepEqual(boxOfPoints([{ x: 50, y: 300 }, { x: 50, y: 120 }, { x: -20, y: 120 }]), { left: -20, top: 120, right: 50, bottom: 300 });
        assert.equal(intersects(area, boxOfRect(90, 90, 50, 50)), true, 'overlapping a corner');
        assert.equal(intersects(area, boxOfPoints([{ x: -50, y: 50 }, { x: 150, y: 50 }])), true, 'an arrow crossing the area');
        assert.equal(intersects(area, boxOfRect(101, 0, 10, 10)), false, 'right of it');
        assert.equal(intersects(area, boxOfRect(0, -30, 10, 20)), false, 'above it');
        assert.equal(contains(area, boxOfRect(10, 10, 80, 80)), true);
        assert.equal(contains(area, boxOfRect(10, 10, 100, 80)), false);
    });
});
