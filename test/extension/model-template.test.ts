import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { contextFileName, contextNameProblem, instantiateTemplate, readTemplates, renameContext } from '../../src/extension/model-template.js';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';

const templatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

describe('model templates', () => {
    it('reads the shipped templates: files and folders, with their first context', async () => {
        const templates = await readTemplates(templatesDir);
        const banking = templates.find(template => template.id === 'banking.loom');
        assert.ok(banking);
        assert.equal(banking.label, 'Banking');
        assert.equal(banking.contextName, 'Banking');
        assert.equal(banking.isFolder, false);
        assert.equal(banking.description, 'Accounts and the money in them: a small starter model.');
        const shop = templates.find(template => template.id === 'online-shop');
        assert.ok(shop);
        assert.equal(shop.label, 'Online Shop');
        assert.equal(shop.isFolder, true);
        assert.equal(shop.contextName, 'Ordering');
        assert.deepEqual(shop.files.map(file => file.path), ['ordering.loom', 'payments.loom', 'shipping.loom']);
    });

    it('renames the context declaration and qualified references, not comments, strings or longer names', () => {
        const text = [
            '/** Ordering: the context. */',
            'context Ordering',
            'policy P { on Ordering.OrderPlaced, Ordering . OrderShipped issues X }',
            'scenario "Ordering works" { when X {} then rejected Y }',
            '// see Ordering.OrderPlaced',
            'readmodel R { on MyOrdering.OrderPlaced }'
        ].join('\n');
        assert.equal(renameContext(text, 'Ordering', 'Sales'), [
            '/** Ordering: the context. */',
            'context Sales',
            'policy P { on Sales.OrderPlaced, Sales . OrderShipped issues X }',
            'scenario "Ordering works" { when X {} then rejected Y }',
            '// see Ordering.OrderPlaced',
            'readmodel R { on MyOrdering.OrderPlaced }'
        ].join('\n'));
    });

    it('names a single-file model after its context, and keeps folder templates in their folder', async () => {
        const templates = await readTemplates(templatesDir);
        const banking = templates.find(template => template.id === 'banking.loom')!;
        const [file] = instantiateTemplate(banking, 'PettyCash');
        assert.equal(file?.path, 'petty-cash.loom');
        assert.match(file!.text, /^context PettyCash$/m);

        const shop = templates.find(template => template.id === 'online-shop')!;
        const files = instantiateTemplate(shop, 'Sales');
        assert.deepEqual(files.map(f => f.path), ['online-shop/sales.loom', 'online-shop/payments.loom', 'online-shop/shipping.loom']);
        assert.doesNotMatch(files.map(f => f.text).join('\n'), /\bOrdering\./);
    });

    for (const [templateId, contextName] of [['banking.loom', 'Treasury'], ['online-shop', 'Sales']] as const) {
        it(`${templateId} instantiated as ${contextName} validates without a single problem`, async () => {
            const template = (await readTemplates(templatesDir)).find(candidate => candidate.id === templateId)!;
            const files = instantiateTemplate(template, contextName);
            const { shared } = createEventloomServices(NodeFileSystem);
            const documents = await buildDocuments(shared, files.map(file => ({ path: `/workspace/${file.path}`, text: file.text })));
            const problems = documents.flatMap(document => (document.diagnostics ?? []).map(d => `${document.uri.path}:${d.range.start.line + 1}: ${d.message}`));
            assert.deepEqual(problems, []);
            assert.ok(documents.some(document => document.parseResult.value.$cstNode?.text.includes(`context ${contextName}`)));
        });
    }

    it('accepts PascalCase context names only, saying what to type instead', () => {
        assert.equal(contextNameProblem('Billing'), undefined);
        assert.equal(contextNameProblem('HTTPGateway2'), undefined);
        assert.equal(contextNameProblem(''), 'Enter a name for the context, for example Billing.');
        assert.equal(contextNameProblem('petty_cash'), 'Context names are PascalCase: use \'PettyCash\'.');
        assert.equal(contextNameProblem('billing'), 'Context names are PascalCase: use \'Billing\'.');
        assert.equal(contextNameProblem('Big Bank'), '\'Big Bank\' is not an identifier: use letters and digits only, starting with a letter (for example Billing).');
        assert.equal(contextNameProblem('2Fast'), '\'2Fast\' is not an identifier: use letters and digits only, starting with a letter (for example Billing).');
    });

    it('turns context names into kebab-case file names', () => {
        assert.equal(contextFileName('OnlineShop'), 'online-shop.loom');
        assert.equal(contextFileName('HTTPGateway'), 'http-gateway.loom');
        assert.equal(contextFileName('Banking'), 'banking.loom');
    });
});
