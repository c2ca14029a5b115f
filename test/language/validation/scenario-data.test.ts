/**
 * What scenario data must carry: `given` events and the `when` command every required field (not
 * optional, no default), value objects inside them complete; `then` events only what the scenario
 * cares about — ids and timestamps set by the handler cannot be known in advance.
 */
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import type { Scenario } from '../../../src/language/generated/ast.js';
import { clearWorkspace, expectClean, expectError, find, validate } from '../language-test-kit.js';

const SHOP = `context Shop
enum Size { S, M, L }
type Address { street: string, city: string, note?: string }
aggregate Order {
  id orderId: uuid
  command PlaceOrder { size: Size, quantity: int = 1, address: Address, gift?: boolean, emits OrderPlaced }
  event OrderPlaced { orderId: uuid, size: Size, quantity: int, address: Address, placedAt: timestamp }
}
`;

describe('scenario data', () => {
    afterEach(clearWorkspace);

    it('`then` may list only some fields, also of nested value objects, or none', async () => {
        expectClean(await validate(`${SHOP}
scenario "partial then" {
  when PlaceOrder { size: M, address: { street: "Main St 1", city: "Oslo" } }
  then OrderPlaced { size: M, address: { city: "Oslo" } }
}
scenario "bare then" {
  when PlaceOrder { size: S, address: { street: "a", city: "b" } }
  then OrderPlaced
}`));
    });

    it('`when` may leave out optional fields and fields with a default, and nested optional fields', async () => {
        expectClean(await validate(`${SHOP}
scenario "defaults" {
  when PlaceOrder { size: L, address: { city: "Oslo", street: "Main St 1" } }
  then OrderPlaced { quantity: 1 }
}`));
    });

    it('`given` must carry every required field, even those the handler would set', async () => {
        const result = await validate(`${SHOP}
scenario "history" {
  given OrderPlaced { size: M, quantity: 2, address: { street: "a", city: "b" } }
  when PlaceOrder { size: M, address: { street: "a", city: "b" } }
  then OrderPlaced
}`);
        expectError(result, {
            code: IssueCodes.MissingRequiredField,
            message: 'OrderPlaced is missing the required fields orderId, placedAt: a `given` event must carry every field',
            node: (find(result.document.parseResult.value, 'Scenario') as Scenario).given[0], property: 'event'
        });
    });

    it('a value object inside `when` data must be complete; the error sits on the object', async () => {
        const result = await validate(`${SHOP}
scenario "incomplete address" {
  when PlaceOrder { size: M, address: { city: "Oslo" } }
  then OrderPlaced
}`);
        const scenario = find(result.document.parseResult.value, 'Scenario') as Scenario;
        expectError(result, {
            code: IssueCodes.MissingRequiredField,
            message: 'This Address is missing the required field street: add it to the object.',
            node: scenario.when!.data!.entries[1].value
        });
    });
});
