/**
 * The scenario check re-runs a scenario only when its inputs changed (its own text, or a declaration
 * it reads), and what it reports from memory is what a fresh validation reports: counted runs on a
 * two-aggregate model, and random edit chains of the bench model and the templates compared, after
 * every edit, with the same texts validated from scratch.
 */
import * as assert from 'node:assert/strict';
import { Cancellation, isOperationCancelled } from 'langium';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateBenchModel } from '../bench/model/bench-model.js';
import { random } from '../kit/random-edits.js';
import { isScenario, type EventloomAstType, type Model } from '../../src/language/generated/ast.js';
import { ScenarioInputs } from '../../src/semantics/scenario-inputs.js';
import { freshScenarioDiagnostics, openWorkspace, scenarioEdit, type EditedWorkspace } from './scenario-cache-kit.js';

const SHOP = `context Shop

enum Status { Open, Closed }

aggregate Cart {
  id cartId: uuid
  state { status: Status = Open, items: int = 0 }

  command AddItem {
    quantity: int
    requires status == Open else CartIsClosed
    requires quantity > 0 else BadQuantity
    emits ItemAdded
  }
  command CloseCart { emits CartClosed }

  event ItemAdded { cartId: uuid, quantity: int }
  event CartClosed { cartId: uuid }
  error CartIsClosed
  error BadQuantity

  on ItemAdded { items += quantity }
  on CartClosed { status = Closed }
}

readmodel CartSize {
  key cartId: uuid
  items: int = 0
  on ItemAdded { items += quantity }
}

aggregate Stock {
  id sku: uuid
  state { onHand: int = 0 }

  command Receive {
    units: int
    requires units > 0 else NothingReceived
    emits Received
  }

  event Received { sku: uuid, units: int }
  error NothingReceived

  on Received { onHand += units }
}

readmodel StockLevel {
  key sku: uuid
  onHand: int = 0
  on Received { onHand += units }
}

scenario "a cart takes one item" {
  when AddItem { quantity: 1 }
  then ItemAdded { quantity: 1 }
}

scenario "a closed cart takes nothing" {
  given CartClosed { cartId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f" }
  when AddItem { quantity: 2 }
  then rejected CartIsClosed
}

scenario "a cart counts its items" {
  given ItemAdded { cartId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", quantity: 2 } ItemAdded { cartId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", quantity: 3 }
  expect CartSize { cartId: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", items: 5 }
}

scenario "stock receives units" {
  when Receive { units: 4 }
  then Received { units: 4 }
}

scenario "stock refuses nothing" {
  when Receive { units: 0 }
  then rejected NothingReceived
}

scenario "stock counts what it received" {
  given Received { sku: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", units: 4 } Received { sku: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", units: 6 }
  expect StockLevel { sku: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", onHand: 10 }
}
`;

/** Replaces the first occurrence of `from` after `after` (so that the edit lands in one declaration). */
function replaceAfter(text: string, after: string, from: string, to: string): string {
    const at = text.indexOf(from, text.indexOf(after));
    assert.ok(text.indexOf(after) >= 0 && at >= 0, `'${from}' after '${after}'`);
    return text.slice(0, at) + to + text.slice(at + from.length);
}

async function runsOf(workspace: EditedWorkspace, edit: () => Promise<void>): Promise<{ runs: number; reused: number }> {
    const before = { ...workspace.check.results.counts };
    await edit();
    return { runs: workspace.check.results.counts.runs - before.runs, reused: workspace.check.results.counts.reused - before.reused };
}

async function assertAsFresh(workspace: EditedWorkspace, what: string): Promise<void> {
    assert.deepEqual(workspace.scenarioDiagnostics(), await freshScenarioDiagnostics(workspace.texts), what);
}

describe('scenario check: re-runs only what an edit changed', function () {
    this.timeout(120_000);

    it('an edit in one aggregate re-runs that aggregate\'s scenarios only, and reports what a fresh validation reports', async () => {
        const workspace = await openWorkspace({ '/shop/shop.loom': SHOP });
        assert.deepEqual(workspace.check.results.counts, { runs: 6, reused: 0 }, 'every scenario runs once at first');
        assert.deepEqual(workspace.scenarioDiagnostics()['/shop/shop.loom'], []);

        // Cart's second guard now refuses one item: Cart's three scenarios run again, Stock's three are reused.
        const stricter = replaceAfter(SHOP, 'command AddItem', 'quantity > 0', 'quantity > 1');
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', stricter)), { runs: 3, reused: 3 });
        const [failure] = workspace.scenarioDiagnostics()['/shop/shop.loom'];
        assert.match(failure, /expected ItemAdded \{ quantity: 1 \}, but the model gives rejected BadQuantity/);
        await assertAsFresh(workspace, 'after the Cart edit');

        // Stock's read model: only the scenario that expects it.
        const stockLevel = replaceAfter(stricter, 'readmodel StockLevel', 'onHand += units', 'onHand += units + 1');
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', stockLevel)), { runs: 1, reused: 5 });
        assert.equal(workspace.scenarioDiagnostics()['/shop/shop.loom'].length, 2);
        await assertAsFresh(workspace, 'after the StockLevel edit');

        // A scenario's own text: that scenario alone.
        const ownText = replaceAfter(stockLevel, 'scenario "stock receives units"', 'units: 4 }\n  then', 'units: 5 }\n  then');
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', ownText)), { runs: 1, reused: 5 });
        await assertAsFresh(workspace, 'after the scenario edit');

        // The last edit undone: every scenario's inputs are as they were one validation ago, nothing runs again.
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', stockLevel)), { runs: 0, reused: 6 });
        await assertAsFresh(workspace, 'after the undo');
        await workspace.edit('/shop/shop.loom', SHOP);
        assert.deepEqual(workspace.scenarioDiagnostics()['/shop/shop.loom'], []);
    });

    it('a new line above a scenario re-runs it (its diagnostics name lines), one below it does not', async () => {
        const workspace = await openWorkspace({ '/shop/shop.loom': SHOP });
        const below = SHOP + '\n';
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', below)), { runs: 0, reused: 6 });
        const above = replaceAfter(below, 'readmodel StockLevel', 'readmodel StockLevel {', 'readmodel StockLevel {\n');
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', above)), { runs: 6, reused: 0 });
        await assertAsFresh(workspace, 'after the new line');
    });

    it('keeps the key of a scenario whose reads did not change, without walking them again', async () => {
        const workspace = await openWorkspace({ '/shop/shop.loom': SHOP });
        const inputs = workspace.check.inputs;
        const before = { ...inputs.counts };
        // Cart is re-parsed: its three scenarios (re-linked to the new Cart) are walked again, Stock's three keep their keys.
        await workspace.edit('/shop/shop.loom', replaceAfter(SHOP, 'command AddItem', 'quantity > 0', 'quantity > 1'));
        assert.deepEqual({ walked: inputs.counts.walked - before.walked, kept: inputs.counts.kept - before.kept }, { walked: 3, kept: 3 });
        await assertAsFresh(workspace, 'after the Cart edit');
    });

    it('a duplicate name declared in another file re-runs the scenarios that look it up; so does deleting that file', async () => {
        const other = 'context Shop\n\nenum Colour { Red, Blue }\n';
        // Declared later in file order than shop.loom's CartSize: the rules form's lookup finds this one.
        const duplicate = `${other}\nreadmodel CartSize {\n  key cartId: uuid\n  items: int = 0\n  on ItemAdded { items += 1 }\n}\n`;
        const workspace = await openWorkspace({ '/shop/shop.loom': SHOP, '/shop/zz-other.loom': other });
        assert.deepEqual(workspace.scenarioDiagnostics()['/shop/shop.loom'], []);

        const added = await runsOf(workspace, () => workspace.edit('/shop/zz-other.loom', duplicate));
        assert.ok(added.runs >= 1, 'the scenario expecting CartSize ran again');
        const [failure, ...rest] = workspace.scenarioDiagnostics()['/shop/shop.loom'];
        assert.deepEqual(rest, []);
        assert.match(failure, /CartSize/);
        await assertAsFresh(workspace, 'after the duplicate was added');

        await workspace.edit('/shop/zz-other.loom', other);
        assert.deepEqual(workspace.scenarioDiagnostics()['/shop/shop.loom'], []);
        await assertAsFresh(workspace, 'after the duplicate was taken out');

        await workspace.edit('/shop/zz-other.loom', duplicate);
        assert.equal(workspace.scenarioDiagnostics()['/shop/shop.loom'].length, 1);
        await workspace.remove('/shop/zz-other.loom');
        assert.deepEqual(workspace.scenarioDiagnostics()['/shop/shop.loom'], []);
        await assertAsFresh(workspace, 'after the file with the duplicate was deleted');
    });

    it('an edit in another file re-runs the scenarios that read its declarations', async () => {
        // Stock and its read model move to a file of their own; the scenarios stay in shop.loom.
        const stockStart = SHOP.indexOf('aggregate Stock');
        const stockEnd = SHOP.indexOf('scenario "a cart takes one item"');
        const stock = `context Shop\n\n${SHOP.slice(stockStart, stockEnd)}`;
        const shop = SHOP.slice(0, stockStart) + SHOP.slice(stockEnd);
        const workspace = await openWorkspace({ '/shop/shop.loom': shop, '/shop/stock.loom': stock });
        const refusing = replaceAfter(stock, 'command Receive', 'units > 0', 'units > 5');
        // "stock receives units" (4 units) is refused now; the other two Stock scenarios run again too, Cart's three do not.
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/stock.loom', refusing)), { runs: 3, reused: 3 });
        assert.equal(workspace.scenarioDiagnostics()['/shop/shop.loom'].length, 1);
        await assertAsFresh(workspace, 'after the edit in stock.loom');
        await workspace.edit('/shop/stock.loom', stock);
        assert.deepEqual(workspace.scenarioDiagnostics()['/shop/shop.loom'], []);
        await assertAsFresh(workspace, 'after it was undone');
    });

    it('a validation cancelled part-way leaves nothing stale: its runs are reused only where their inputs are those again', async () => {
        const workspace = await openWorkspace({ '/shop/shop.loom': SHOP });
        // Cancels the update once the first scenario of the document was checked (registered after the scenario check).
        let cancelAfterScenario: Cancellation.CancellationTokenSource | undefined;
        workspace.services.validation.ValidationRegistry.register<EventloomAstType>({
            Scenario: () => {
                cancelAfterScenario?.cancel();
            }
        });
        const stricter = replaceAfter(SHOP, 'command AddItem', 'quantity > 0', 'quantity > 1');
        cancelAfterScenario = new Cancellation.CancellationTokenSource();
        const before = { ...workspace.check.results.counts };
        await assert.rejects(workspace.edit('/shop/shop.loom', stricter, cancelAfterScenario.token), isOperationCancelled);
        cancelAfterScenario = undefined;
        // Only "a cart takes one item" was checked, and run (Cart changed).
        assert.deepEqual({ runs: workspace.check.results.counts.runs - before.runs, reused: workspace.check.results.counts.reused - before.reused }, { runs: 1, reused: 0 });

        // Undone: the first scenario's inputs are the original ones again, not those of its cancelled run.
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', SHOP)), { runs: 1, reused: 5 });
        assert.deepEqual(workspace.scenarioDiagnostics()['/shop/shop.loom'], []);
        await assertAsFresh(workspace, 'after the undo');

        // Done again: the cancelled validation's run is reused (same inputs), Cart's other two scenarios run.
        assert.deepEqual(await runsOf(workspace, () => workspace.edit('/shop/shop.loom', stricter)), { runs: 2, reused: 4 });
        assert.equal(workspace.scenarioDiagnostics()['/shop/shop.loom'].length, 1);
        await assertAsFresh(workspace, 'after the edit again');
    });
});


async function editChains(files: Record<string, string>, seed: number, edits: number): Promise<void> {
    const workspace = await openWorkspace(files);
    const originals = new Map(Object.entries(files));
    const paths = [...originals.keys()];
    const next = random(seed);
    // Keys asked for after every edit from one long-lived ScenarioInputs (it keeps what declarations read across
    // validations) and from a new one: they must be equal.
    const remembering = new ScenarioInputs(workspace.services);
    for (let step = 0; step < edits; step++) {
        const path = paths[Math.floor(next() * paths.length)];
        await workspace.edit(path, scenarioEdit(workspace.texts.get(path)!, originals.get(path)!, next));
        const fresh = await freshScenarioDiagnostics(workspace.texts);
        assert.deepEqual(workspace.scenarioDiagnostics(), fresh, `seed ${seed}, edit ${step + 1} (in ${path})`);
        assertKeysAsFresh(workspace, remembering, `seed ${seed}, edit ${step + 1} (in ${path})`);
    }
    assert.ok(workspace.check.results.counts.reused > 0, 'some scenarios were answered from memory');
}

/** Every scenario's key from the long-lived inputs equals a fresh one's. */
function assertKeysAsFresh(workspace: EditedWorkspace, remembering: ScenarioInputs, what: string): void {
    const fresh = new ScenarioInputs(workspace.services);
    for (const document of workspace.services.shared.workspace.LangiumDocuments.all) {
        remembering.beginDocument();
        fresh.beginDocument();
        for (const scenario of (document.parseResult.value as Model).elements.filter(isScenario)) {
            assert.deepEqual(remembering.keyOf(scenario), fresh.keyOf(scenario), `${what}: the key of "${scenario.name}"`);
        }
    }
}

describe('scenario check: remembered results equal a fresh validation over random edit chains', function () {
    this.timeout(600_000);

    it('on the modelled bench model (two contexts, scenarios of every aggregate)', async () => {
        const model = generateBenchModel({ contexts: 2, aggregates: 4, commands: 10, events: 8, readModels: 4, layout: 'per-context', hubUses: 4, behaviour: true });
        const files = Object.fromEntries(model.files.map(file => [`/bench/${file.path}`, file.text]));
        await editChains(files, 11, 60);
    });

    it('on the templates (the bank, and the online shop\'s three contexts)', async () => {
        const templates = resolve(import.meta.dirname, '../../templates');
        const shop = join(templates, 'online-shop');
        await editChains({ '/bank/banking.loom': readFileSync(join(templates, 'banking.loom'), 'utf8') }, 5, 40);
        await editChains(Object.fromEntries(readdirSync(shop).map(name => [`/shop/${name}`, readFileSync(join(shop, name), 'utf8')])), 7, 40);
    });
});
