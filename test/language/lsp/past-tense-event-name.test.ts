import * as assert from 'node:assert/strict';
import { pastTenseEventName } from '../../../src/language/lsp/code-actions/past-tense-event-name.js';

describe('past-tense event names for new commands', () => {
    for (const [command, event] of [
        ['OpenAccount', 'AccountOpened'], ['PlaceOrder', 'OrderPlaced'], ['FreezeAccount', 'AccountFrozen'],
        ['Withdraw', 'Withdrawn'], ['ShipParcel', 'ParcelShipped'], ['CancelOrder', 'OrderCancelled'],
        ['ApplyDiscount', 'DiscountApplied'], ['PayInvoice', 'InvoicePaid'], ['SendReminder', 'ReminderSent'],
        ['AddItem', 'ItemAdded'], ['StopTimer', 'TimerStopped'], ['RegisterUser', 'UserRegistered']
    ]) {
        it(`${command} -> ${event}`, () => assert.equal(pastTenseEventName(command), event));
    }
});
