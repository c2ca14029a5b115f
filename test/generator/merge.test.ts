/**
 * Regeneration keeps the user's work: edited bodies survive byte for byte, a grown model gets
 * stubs, renamed and removed elements leave their code commented out under "Obsolete" (and are
 * reported), the user's own imports and helpers stay, and the result still compiles.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateModel, type GeneratedFile } from '../../src/generator/generate-model.js';
import { HANDWRITTEN_MARKER, OBSOLETE_FILE_HEADER, OBSOLETE_MARKER } from '../../src/generator/file-layout.js';
import { mergeGeneratedFile } from '../../src/generator/merge-generated-file.js';
import { writeOutput } from '../../src/generator/output-folder.js';
import { loadModels, scratchFolder, typeCheck } from './generator-test-kit.js';

const shop = (extra = { aggregate: '', model: '', eventName: 'CartCreated' }) => `
context Shop

aggregate Cart {
  id cartId: uuid
  state { items: int = 0, owner?: string }
  command CreateCart { owner: string, emits ${extra.eventName} }
  command AddToCart { quantity: int, emits ItemPut, rejects CartFull }
  ${extra.aggregate}
  event ${extra.eventName} { owner: string }
  event ItemPut { quantity: int }
  error CartFull { limit: int }
}

readmodel CartView {
  key cartId: uuid
  items: int = 0
  on ItemPut
}

policy Welcome { on ${extra.eventName}, issues AddToCart }
${extra.model}
`;

const userBody = `{
\t// My rule, my formatting:   tabs,   odd spacing.
\tif (state.items + command.data.quantity > 10)   return { kind: 'Rejection', type: 'CartFull', data: { limit: 10 } };

\treturn [ { type: 'ItemPut', data: { quantity: command.data.quantity } } ];
}`;

const userHelpers = `
import { strict as assert } from 'node:assert';

/** My own helper, not generated. */
export function describeCart(state: CartState): string {
    assert.ok(state.items >= 0);
    return \`\${state.items} items\`;
}`;

async function generate(text: string): Promise<GeneratedFile[]> {
    return generateModel(await loadModels({ 'shop.loom': text }));
}

function editFile(path: string, edit: (text: string) => string): void {
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

function replaceBody(text: string, fn: string, body: string): string {
    const start = text.indexOf(`export function ${fn}(`);
    assert.ok(start >= 0, `${fn} is in the file`);
    const open = text.indexOf('{\n', text.indexOf(')', text.indexOf('):', start)));
    const close = text.indexOf('\n}\n', open) + 2;
    return text.slice(0, open) + body + text.slice(close);
}

function compileFolder(out: string, files: readonly GeneratedFile[], extra: string[] = []): string[] {
    const paths = [...files.map(file => file.path), ...extra];
    return typeCheck(paths.map(path => ({ path, text: readFileSync(join(out, path), 'utf8') })), 'nodenext', {}).filter(line => !line.includes("'node:assert'"));
}

describe('regeneration merges with the code on disk', function () {
    this.timeout(60_000);
    let out: string;
    let cartFile: string;
    beforeEach(async () => {
        out = join(scratchFolder('merge'), 'generated');
        cartFile = join(out, 'shop/cart.ts');
        await writeOutput(out, await generate(shop()));
        editFile(cartFile, text => replaceBody(text, 'decideAddToCart', userBody) + userHelpers + '\n');
        editFile(join(out, 'shop/policies.ts'), text => replaceBody(text, 'welcome', "{\n    return [{ type: 'AddToCart', data: { quantity: 1 } }];\n}"));
    });
    afterEach(() => rmSync(join(out, '..'), { recursive: true, force: true }));

    it('keeps edited bodies, the user\'s imports and helpers byte for byte, and changes nothing on the same model', async () => {
        const edited = readFileSync(cartFile, 'utf8');
        const result = await writeOutput(out, await generate(shop()));
        assert.deepEqual(result.written, []);
        assert.deepEqual(result.obsolete, []);
        assert.equal(readFileSync(cartFile, 'utf8'), edited);
        assert.ok(edited.includes(userBody) && edited.includes(userHelpers.trim()));
    });

    it('adds stubs for a grown model and keeps every existing body', async () => {
        const grown = shop({
            aggregate: 'command EmptyCart { emits CartEmptied }\n  event CartEmptied {}',
            model: 'readmodel CartSizes { key cartId: uuid, items: int = 0, on ItemPut, CartEmptied }',
            eventName: 'CartCreated'
        });
        const files = await generate(grown);
        const result = await writeOutput(out, files);
        const text = readFileSync(cartFile, 'utf8');
        assert.ok(text.includes(userBody), 'the user body is kept');
        assert.ok(text.includes(userHelpers.trim()), 'the helpers are kept');
        assert.match(text, /export function decideEmptyCart\(command: EmptyCart, state: CartState, context: DecisionContext\): Array<CartEmptied> \{\n {4}\/\/ TODO: complete the event data\.\n {4}return \[\{ type: 'CartEmptied', data: \{\} \}\];\n\}/);
        assert.match(text, /case 'EmptyCart': return decideEmptyCart\(command, state, context\);/);
        assert.ok(result.written.includes('shop/cart-sizes.projection.ts'));
        assert.deepEqual(result.obsolete, []);
        assert.deepEqual(compileFolder(out, files), []);
    });

    it('marks the code of a renamed event obsolete (commented out, reported) and stubs the new name', async () => {
        editFile(cartFile, text => replaceBody(text, 'evolveCartCreated', "{\n    return { ...state, owner: event.data.owner.trim() };\n}"));
        const files = await generate(shop({ aggregate: '', model: '', eventName: 'CartOpened' }));
        const result = await writeOutput(out, files);
        assert.deepEqual(result.obsolete, ['shop/cart.ts: evolveCartCreated']);
        const text = readFileSync(cartFile, 'utf8');
        const obsolete = text.slice(text.indexOf(OBSOLETE_MARKER));
        assert.ok(obsolete.includes('// @obsolete evolveCartCreated: its model element was removed or renamed.\n// export function evolveCartCreated(state: CartState, event: CartCreated): CartState {\n//     return { ...state, owner: event.data.owner.trim() };\n// }'), obsolete);
        assert.match(text, /export function evolveCartOpened\(state: CartState, event: CartOpened\): CartState \{\n {4}return \{ \.\.\.state, owner: event\.data\.owner \};\n\}/);
        assert.ok(text.includes(userBody));
        // decideCreateCart was never edited: its stub follows the rename, so the output still compiles.
        assert.match(text, /export function decideCreateCart\([^)]*\): Array<CartOpened> \{\n {4}\/\/ TODO: complete the event data\.\n {4}return \[\{ type: 'CartOpened', data: \{ owner: command\.data\.owner \} \}\];\n\}/);
        assert.deepEqual(compileFolder(out, files), []);
        // Regenerating again reports nothing new and keeps the obsolete section as it is.
        const again = await writeOutput(out, files);
        assert.deepEqual(again, { ...again, written: [], obsolete: [] });
        assert.equal(readFileSync(cartFile, 'utf8'), text);
    });

    it('keeps the file of a removed read model, commented out, and brings its code back as obsolete when it returns', async () => {
        const viewFile = join(out, 'shop/cart-view.projection.ts');
        editFile(viewFile, text => replaceBody(text, 'cartViewOnItemPut', '{\n    return { ...document, items: document.items + event.data.quantity };\n}'));
        const withoutView = shop().replace(/readmodel CartView \{[^}]*\}/, '');
        const files = await generate(withoutView);
        const result = await writeOutput(out, files);
        assert.ok(result.obsolete.includes('shop/cart-view.projection.ts'), result.obsolete.join());
        const kept = readFileSync(viewFile, 'utf8');
        assert.ok(kept.startsWith(OBSOLETE_FILE_HEADER));
        assert.ok(kept.includes('//     return { ...document, items: document.items + event.data.quantity };'));
        assert.ok(!readFileSync(join(out, 'shop/index.ts'), 'utf8').includes('cart-view'));
        assert.deepEqual(compileFolder(out, files, ['shop/cart-view.projection.ts']), []);
        // The read model comes back: a fresh file, with the old code still there as obsolete.
        await writeOutput(out, await generate(shop()));
        const back = readFileSync(viewFile, 'utf8');
        assert.match(back, /export function cartViewOnItemPut\(/);
        assert.ok(back.includes('//     return { ...document, items: document.items + event.data.quantity };'));
        assert.ok(existsSync(viewFile));
    });

    it('keeps imports and helpers placed right after the Hand-written line there, also when the model grows', async () => {
        const banner = /\/\/ below this line are kept as they are\.\n/;
        editFile(cartFile, text => text.replace(userHelpers + '\n', '').replace(banner, match => `${match}${userHelpers}\n`));
        const edited = readFileSync(cartFile, 'utf8');
        const helpersAt = edited.indexOf(userHelpers.trim());
        assert.ok(helpersAt > 0 && helpersAt < edited.indexOf('export function decideCreateCart('), 'the helpers sit before the first function');
        const same = await writeOutput(out, await generate(shop()));
        assert.deepEqual(same.written, []);
        assert.equal(readFileSync(cartFile, 'utf8'), edited, 'nothing moves when nothing changed');
        await writeOutput(out, await generate(shop({ aggregate: 'command EmptyCart { emits CartEmptied }\n  event CartEmptied {}', model: '', eventName: 'CartCreated' })));
        const grown = readFileSync(cartFile, 'utf8');
        const grownAt = grown.indexOf(userHelpers.trim());
        assert.ok(grownAt > 0 && grownAt < grown.indexOf('export function decideCreateCart('), 'still right after the banner');
        assert.equal(grown.split(userHelpers.trim()).length, 2, 'once');
        assert.ok(grown.includes('export function decideEmptyCart(') && grown.includes(userBody));
    });

    it('keeps the user\'s code even when the Hand-written banner was deleted', async () => {
        editFile(cartFile, text => text.replace(/\/\/ ─── Hand-written ─+\n(\/\/ .*\n)*/, ''));
        assert.ok(!readFileSync(cartFile, 'utf8').includes(HANDWRITTEN_MARKER));
        await writeOutput(out, await generate(shop()));
        const text = readFileSync(cartFile, 'utf8');
        assert.ok(text.includes(HANDWRITTEN_MARKER), 'the banner is back');
        assert.ok(text.includes(userBody) && text.includes(userHelpers.trim()));
    });

    it('keeps a policy handler\'s body', async () => {
        const before = readFileSync(join(out, 'shop/policies.ts'), 'utf8');
        const result = await writeOutput(out, await generate(shop({ aggregate: '', model: 'policy Other { on ItemPut, issues CreateCart }', eventName: 'CartCreated' })));
        const after = readFileSync(join(out, 'shop/policies.ts'), 'utf8');
        assert.ok(result.written.includes('shop/policies.ts'));
        assert.ok(before.includes("return [{ type: 'AddToCart', data: { quantity: 1 } }];"));
        assert.ok(after.includes("return [{ type: 'AddToCart', data: { quantity: 1 } }];"));
        assert.match(after, /export function other\(event: ItemPut, context: PolicyContext\): Array<CreateCart> \{/);
    });

    it('merging a file with itself changes nothing, and a file without a hand-written part is simply replaced', () => {
        const text = 'x\n// ─── Hand-written ───\n/** @handwritten */\nexport function f() { return 1; }\n';
        assert.deepEqual({ ...mergeGeneratedFile(text, text), stubs: {} }, { text, obsolete: [], stubs: {} });
        assert.deepEqual(mergeGeneratedFile('export type A = 1;\n', 'export type A = 2; // edited\n'), { text: 'export type A = 1;\n', obsolete: [], stubs: {} });
    });

    it('an edited stub is the user\'s code: kept when its element goes; the same stub untouched goes with it', () => {
        const generated = (name: string) => `x\n// ─── Hand-written ───\n/** @handwritten */\nexport function ${name}() { return 0; }\n`;
        const first = mergeGeneratedFile(generated('f'), undefined);
        assert.deepEqual(Object.keys(first.stubs), ['f']);
        // Untouched: renaming the element replaces the stub, nothing is reported.
        const renamed = mergeGeneratedFile(generated('g'), `${first.text}const mine = 1;\n`, first.stubs);
        assert.deepEqual(renamed.obsolete, []);
        assert.equal(renamed.text, `${generated('g')}\nconst mine = 1;\n`);
        // Edited: the same rename keeps it, commented out, and reports it.
        const edited = mergeGeneratedFile(generated('g'), first.text.replace('return 0;', 'return 1;'), first.stubs);
        assert.deepEqual(edited.obsolete, ['f']);
        assert.match(edited.text, /\/\/ export function f\(\) \{ return 1; \}/);
    });
});
