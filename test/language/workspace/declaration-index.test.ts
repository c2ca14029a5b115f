/**
 * The declaration index is updated per document: after edits and deletions it answers exactly as
 * if it had been computed from scratch, and the name checks that use it follow.
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';

const ORDERS = `context Sales
aggregate Order {
  id orderId: uuid
  command PlaceOrder { emits OrderPlaced }
  event OrderPlaced {}
}`;

const CARTS = `context Sales
aggregate Cart {
  id cartId: uuid
  command AddItem { emits ItemAdded }
  event ItemAdded {}
}`;

async function workspace(files: Record<string, string>) {
    const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
    const documents = await buildDocuments(shared, Object.entries(files).map(([name, text]) => ({ path: `/ws/${name}`, text })));
    let version = 1;
    const edit = async (document: LangiumDocument, text: string) => {
        shared.workspace.TextDocuments?.set(TextDocument.create(document.uri.toString(), 'eventloom', ++version, text));
        await shared.workspace.DocumentBuilder.update([document.uri], []);
    };
    const remove = async (document: LangiumDocument) => shared.workspace.DocumentBuilder.update([], [document.uri]);
    return { index: Eventloom.workspace.DeclarationIndex, documents, edit, remove };
}

const codes = (document: LangiumDocument) => (document.diagnostics ?? []).map(d => (d.data as { code?: string } | undefined)?.code);

describe('DeclarationIndex', () => {
    it('follows edits: a name added in one file is found, and a duplicate comes and goes', async () => {
        const { index, documents: [orders, carts], edit } = await workspace({ 'orders.loom': ORDERS, 'carts.loom': CARTS });
        assert.equal(index.declarationsNamed('Sales.OrderPlaced').length, 1);
        assert.equal(index.declarationsNamed('Sales.ItemAdded').length, 1);

        await edit(carts, CARTS.replaceAll('ItemAdded', 'OrderPlaced'));
        assert.equal(index.declarationsNamed('Sales.ItemAdded').length, 0);
        assert.deepEqual(index.declarationsNamed('Sales.OrderPlaced').map(d => d.documentUri.path), ['/ws/carts.loom', '/ws/orders.loom']);
        assert.ok(codes(carts).includes(IssueCodes.DuplicateName), 'the edited file reports the duplicate');

        await edit(carts, CARTS);
        assert.deepEqual(index.declarationsNamed('Sales.OrderPlaced').map(d => d.documentUri.path), ['/ws/orders.loom']);
        assert.ok(!codes(carts).includes(IssueCodes.DuplicateName));
        assert.ok(!codes(orders).includes(IssueCodes.DuplicateName));
    });

    it('forgets a deleted file: its declarations, its context folder and its generated files', async () => {
        const other = 'context SALES\naggregate Order {\n  id orderId: uuid\n  command Go { emits Went }\n  event Went {}\n}';
        const { index, documents: [orders, clash], remove } = await workspace({ 'orders.loom': ORDERS, 'clash.loom': other });
        assert.deepEqual(index.contextsSharingFolderWith('Sales').map(c => c.name), ['SALES']);
        assert.deepEqual(index.elementsSharingFile('Sales', 'order', 'Sales.Order'), []);
        await remove(clash);
        assert.deepEqual(index.contextsSharingFolderWith('Sales'), []);
        assert.equal(index.declarationsNamed('SALES.Went').length, 0);
        assert.equal(index.declarationsNamed('Sales.Order').length, 1);
        assert.ok(orders);
    });

    it('counts elements per generated file across files, and drops them when they are renamed away', async () => {
        const second = 'context Sales\naggregate ORDER {\n  id orderKey: uuid\n  command Go { emits Went }\n  event Went {}\n}';
        const { index, documents: [, other], edit } = await workspace({ 'orders.loom': ORDERS, 'other.loom': second });
        assert.deepEqual(index.elementsSharingFile('Sales', 'order', 'Sales.Order'), ['Sales.ORDER']);
        await edit(other, second.replace('aggregate ORDER', 'aggregate Basket'));
        assert.deepEqual(index.elementsSharingFile('Sales', 'order', 'Sales.Order'), []);
        assert.deepEqual(index.elementsSharingFile('Sales', 'basket', 'Sales.Other'), ['Sales.Basket']);
    });

    it('moves its stamps epoch whenever a name\'s stamp changes, a name dropped with its file included', async () => {
        const { index, documents: [, carts], edit, remove } = await workspace({ 'orders.loom': ORDERS, 'carts.loom': CARTS });
        const epoch = index.stampsEpoch;
        const stamp = index.stampOfName('Sales.ItemAdded');
        assert.equal(index.stampsEpoch, epoch, 'asking changes nothing');

        await edit(carts, CARTS.replaceAll('ItemAdded', 'ItemPut'));
        assert.notEqual(index.stampOfName('Sales.ItemAdded'), stamp);
        const renamed = index.stampsEpoch;
        assert.ok(renamed > epoch);

        // The only change of Sales.OrderPlaced's stamp is the file's deletion (its name goes to 0): the epoch moves all the same.
        const { index: other, documents: [orders], remove: removeOther } = await workspace({ 'orders.loom': ORDERS });
        const before = other.stampsEpoch;
        await removeOther(orders);
        assert.equal(other.stampOfName('Sales.OrderPlaced'), 0);
        assert.ok(other.stampsEpoch > before);
        await remove(carts);
        assert.ok(index.stampsEpoch > renamed);
    });

    it('moves a name\'s places stamp when its declarations move, not when one is re-parsed where it was', async () => {
        const { index, documents: [orders, carts], edit } = await workspace({ 'orders.loom': ORDERS, 'carts.loom': CARTS });
        const stamps = index.stampsEpoch;
        const places = index.placesEpoch;
        const placed = index.placesStampOfName('Sales.OrderPlaced');
        assert.ok(placed > 0);

        // A keystroke inside the aggregate: its declarations are new nodes (new descriptions) at the same paths.
        await edit(orders, ORDERS.replace('command PlaceOrder { emits OrderPlaced }', 'command PlaceOrder {\n    note?: string\n    emits OrderPlaced\n  }'));
        assert.ok(index.stampsEpoch > stamps, 'the re-parsed declarations are re-stamped');
        assert.equal(index.placesEpoch, places);
        assert.equal(index.placesStampOfName('Sales.OrderPlaced'), placed);
        assert.deepEqual(index.placesChangedSince(places), []);

        // A second declaration of the name in another file: its places changed.
        await edit(carts, CARTS.replace('event ItemAdded {}', 'event ItemAdded {}\n  event OrderPlaced {}'));
        assert.ok(index.placesStampOfName('Sales.OrderPlaced') > placed);
        const duplicated = index.placesEpoch;
        assert.ok(duplicated > places);
        assert.deepEqual(index.placesChangedSince(places), ['Sales.OrderPlaced']);

        // Renamed away: no places left under the old name.
        await edit(carts, CARTS.replaceAll('ItemAdded', 'ItemPut'));
        assert.equal(index.placesStampOfName('Sales.ItemAdded'), 0);
        assert.ok(index.placesStampOfName('Sales.ItemPut') > 0);
        assert.ok(index.placesEpoch > duplicated);
        assert.deepEqual([...index.placesChangedSince(duplicated)!].sort(), ['Sales.ItemAdded', 'Sales.ItemPut', 'Sales.OrderPlaced']);
        assert.deepEqual([...index.placesChangedSince(places)!].sort(), ['Sales.ItemAdded', 'Sales.ItemPut', 'Sales.OrderPlaced'], 'each name once');
    });

    it('tells which names\' places changed only as far back as it keeps them', async () => {
        const events = Array.from({ length: 600 }, (_, i) => `  event E${i} {}`).join('\n');
        const { index, documents: [many], edit } = await workspace({ 'many.loom': `context Sales\naggregate Many {\n  id manyId: uuid\n${events}\n}` });
        const built = index.placesEpoch;
        assert.equal(index.placesChangedSince(0), undefined, 'the first of 600 names is no longer listed');
        await edit(many, many.textDocument.getText().replace('event E7 {}', 'event E7x {}'));
        assert.deepEqual([...index.placesChangedSince(built)!].sort(), ['Sales.E7', 'Sales.E7x']);
    });

    it('keeps a name\'s declarations in document order, several per document, after a re-index of the middle one', async () => {
        // Every aggregate's id is exported as Sales.id: thousands of them in a big model (a sort per insert was quadratic).
        const twoIds = (first: string, second: string) => `context Sales\naggregate ${first} {\n  id id: uuid\n}\naggregate ${second} {\n  id id: uuid\n}`;
        const { index, documents: [, b], edit } = await workspace({ 'c.loom': twoIds('C1', 'C2'), 'b.loom': twoIds('B1', 'B2'), 'a.loom': twoIds('A1', 'A2') });
        const order = () => index.declarationsNamed('Sales.id').map(d => `${d.documentUri.path.slice(4)}:${(d.node as { $container?: { name?: string } } | undefined)?.$container?.name}`);
        assert.deepEqual(order(), ['a.loom:A1', 'a.loom:A2', 'b.loom:B1', 'b.loom:B2', 'c.loom:C1', 'c.loom:C2']);
        await edit(b, twoIds('B3', 'B4'));
        assert.deepEqual(order(), ['a.loom:A1', 'a.loom:A2', 'b.loom:B3', 'b.loom:B4', 'c.loom:C1', 'c.loom:C2']);
    });
});
