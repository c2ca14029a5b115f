import * as assert from 'node:assert/strict';
import { minimapFit, showsWhole, viewCentredAt, viewRectangle } from '../../src/preview/webview/minimap-geometry.js';
import { visibleArea } from '../../src/preview/webview/visible-area.js';

describe('minimap geometry', () => {
    it('fits the diagram into the largest box, keeping its shape', () => {
        assert.deepEqual(minimapFit({ width: 4000, height: 1000 }, { width: 200, height: 140 }), { scale: 0.05, width: 200, height: 50 });
        assert.deepEqual(minimapFit({ width: 1000, height: 7000 }, { width: 200, height: 140 }), { scale: 0.02, width: 20, height: 140 });
        assert.deepEqual(minimapFit({ width: 0, height: 10 }, { width: 200, height: 140 }), { scale: 0, width: 0, height: 0 });
    });

    it('draws the view as the part of the map the canvas shows, clipped to the map', () => {
        // Zoomed to 1 and panned by (-1000, -500): the canvas (800 × 600) shows x 1000–1800, y 500–1100.
        assert.deepEqual(viewRectangle({ x: -1000, y: -500, scale: 1 }, { width: 800, height: 600 }, 0.05, { width: 200, height: 50 }),
            { left: 50, top: 25, right: 90, bottom: 50 });
        // Zoomed out past the diagram: the whole map.
        assert.deepEqual(viewRectangle({ x: 100, y: 100, scale: 0.1 }, { width: 800, height: 600 }, 0.05, { width: 200, height: 50 }),
            { left: 0, top: 0, right: 200, bottom: 50 });
    });

    it('knows when the canvas shows the whole diagram', () => {
        assert.equal(showsWhole({ x: 10, y: 10, scale: 0.1 }, { width: 800, height: 600 }, { width: 4000, height: 1000 }), true);
        assert.equal(showsWhole({ x: -10, y: 10, scale: 0.2 }, { width: 800, height: 600 }, { width: 4000, height: 1000 }), false);
    });

    it('moves the view so that the clicked map point is in the middle of the canvas, at the same zoom', () => {
        const canvas = { width: 800, height: 600 };
        const view = viewCentredAt({ x: 0, y: 0, scale: 0.5 }, 100, 20, 0.05, canvas);
        assert.equal(view.scale, 0.5);
        const area = visibleArea(view, canvas.width, canvas.height);
        assert.deepEqual({ x: (area.left + area.right) / 2, y: (area.top + area.bottom) / 2 }, { x: 2000, y: 400 });
    });
});
