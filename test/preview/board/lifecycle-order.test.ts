/** The lifecycle rule that orders an aggregate's commands on the board. */
import * as assert from 'node:assert/strict';
import { happensBeforeOrder, lifecycleOrder } from '../../../src/preview/board/lifecycle-order.js';

const names = (commands: Array<{ name: string }>) => commands.map(command => command.name);

describe('lifecycleOrder', () => {
    it('keeps the declaration order when nothing says otherwise', () => {
        assert.deepEqual(names(lifecycleOrder([{ name: 'A', emits: ['X'] }, { name: 'B', emits: ['Y'] }], ['X', 'Y'], [])), ['A', 'B']);
    });

    it('follows the events: a command takes the place of the earliest event it emits', () => {
        const commands = [{ name: 'Close', emits: ['Closed'] }, { name: 'Open', emits: ['Opened'] }];
        assert.deepEqual(names(lifecycleOrder(commands, ['Opened', 'Closed'], [])), ['Open', 'Close']);
    });

    it('lets the scenarios\' given → then order beat the declaration order', () => {
        // Closed is declared first, but a scenario says Opened happened before it.
        const events = ['Closed', 'Opened'];
        const scenarios = [{ given: ['Opened'], when: 'Close', then: ['Closed'] }];
        assert.deepEqual(happensBeforeOrder(events, scenarios), ['Opened', 'Closed']);
        const commands = [{ name: 'Close', emits: ['Closed'] }, { name: 'Open', emits: ['Opened'] }];
        assert.deepEqual(names(lifecycleOrder(commands, events, scenarios)), ['Open', 'Close']);
    });

    it('puts a command shown on a fresh stream first (create-like), unless that scenario rejects it', () => {
        const commands = [{ name: 'Ship', emits: ['Shipped'] }, { name: 'Pack', emits: ['Packed'] }, { name: 'Note', emits: [] }];
        const events = ['Shipped', 'Packed'];
        assert.deepEqual(names(lifecycleOrder(commands, events, [{ given: [], when: 'Pack', then: ['Packed'] }])), ['Pack', 'Ship', 'Note']);
        // Shipping a fresh parcel is refused: that says nothing about Ship creating anything.
        assert.deepEqual(names(lifecycleOrder(commands, ['Packed', 'Shipped'], [{ given: [], when: 'Ship', then: [], rejected: true }])), ['Pack', 'Ship', 'Note']);
        assert.deepEqual(names(lifecycleOrder(commands, ['Packed', 'Shipped'], [{ given: [], when: 'Ship', then: ['Shipped'] }])), ['Ship', 'Pack', 'Note']);
    });

    it('drops a "happens before" pair that contradicts an earlier one, instead of looping', () => {
        const scenarios = [{ given: ['A', 'B'], then: [] }, { given: ['B', 'A'], then: [] }];
        assert.deepEqual(happensBeforeOrder(['B', 'A'], scenarios), ['A', 'B']);
    });
});
