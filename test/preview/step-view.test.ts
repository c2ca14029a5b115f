import * as assert from 'node:assert/strict';
import { freeAreas, READABLE_SCALE, stepView } from '../../src/preview/webview/step-view.js';

const sorted = (areas: Array<{ x: number; y: number; width: number; height: number }>) =>
    [...areas].sort((a, b) => a.x - b.x || a.y - b.y || a.width - b.width || a.height - b.height);

describe('where stepping puts the view', () => {
    const canvas = { width: 700, height: 600 };
    const panel = { x: 372, y: 0, width: 320, height: 200 };
    const minimap = { x: 540, y: 440, width: 152, height: 152 };

    it('finds the canvas\'s largest rectangles that the step panel and the minimap leave free', () => {
        assert.deepEqual(freeAreas(canvas, []), [{ x: 0, y: 0, width: 700, height: 600 }]);
        assert.deepEqual(freeAreas(canvas, [{ x: 0, y: 0, width: 0, height: 0 }]), [{ x: 0, y: 0, width: 700, height: 600 }], 'a hidden element is no obstacle');
        // Left of the panel (full height), below it (full width); each keeps 8 px from the panel.
        assert.deepEqual(sorted(freeAreas(canvas, [panel])), [{ x: 0, y: 0, width: 364, height: 600 }, { x: 0, y: 208, width: 700, height: 392 }]);
        // The minimap (bottom right) cuts the area below the panel in two: left of it, and above it.
        assert.deepEqual(sorted(freeAreas(canvas, [panel, minimap])), [
            { x: 0, y: 0, width: 364, height: 600 },
            { x: 0, y: 208, width: 532, height: 392 },
            { x: 0, y: 208, width: 700, height: 224 }
        ]);
    });

    it('shows the whole slice between 0.8 and 1 when it fits there, else the step\'s notes at 0.8', () => {
        const free = freeAreas(canvas, [panel]);
        // A slice of 300 × 250 fits at 1 below the panel (700 × 392): centred there.
        const small = { x: 1000, y: 2000, width: 300, height: 250 };
        assert.deepEqual(stepView({ x: 0, y: 0, scale: 0.25 }, small, { x: 1000, y: 2000, width: 140, height: 44 }, free, true),
            { scale: 1, x: 350 - 1150, y: 208 + 196 - 2125 });
        // A slice of 1400 × 500 would need 0.45: the step's note at 0.8, in the area where it fits best.
        const wide = { x: 0, y: 0, width: 1400, height: 500 };
        const note = { x: 1200, y: 400, width: 140, height: 44 };
        const view = stepView({ x: 0, y: 0, scale: 0.25 }, wide, note, free, true)!;
        assert.equal(view.scale, READABLE_SCALE);
        assert.deepEqual({ x: view.x + 1270 * 0.8, y: view.y + 422 * 0.8 }, { x: 350, y: 404 });
    });

    it('leaves the view alone on a step whose notes are in view and readable, unless a scenario was just picked', () => {
        const free = freeAreas(canvas, [panel]);
        const slice = { x: 0, y: 0, width: 1400, height: 500 };
        const note = { x: 100, y: 100, width: 140, height: 44 };
        const readable = { x: 0, y: 0, scale: 0.9 };
        assert.equal(stepView(readable, slice, note, free, false), undefined);
        assert.notEqual(stepView(readable, slice, note, free, true), undefined);
        assert.notEqual(stepView({ x: 0, y: 0, scale: 0.5 }, slice, note, free, false), undefined, 'too small: zoomed in');
        assert.notEqual(stepView({ x: -2000, y: 0, scale: 0.9 }, slice, note, free, false), undefined, 'out of view: brought back');
        assert.notEqual(stepView({ x: 0, y: 0, scale: 3 }, slice, { x: 150, y: 100, width: 140, height: 44 }, free, false), undefined, 'under the panel: moved');
    });
});
