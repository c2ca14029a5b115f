/**
 * Emmett accepts the generated code structurally: compiled against `@event-driven-io/emmett`
 * (a dev dependency only; the generated code imports nothing), `toEmmettDecider(xDecider)` is an
 * Emmett `Decider<XState, XCommand, XEvent>` and every projection's parts fit Emmett's in-memory
 * projections, in every context of every template.
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { camelCase, contextFolder } from '../../src/language/typescript-names.js';
import { isAggregate, isReadModel } from '../../src/language/generated/ast.js';
import { generateModel } from '../../src/generator/generate-model.js';
import { loadModels, readModelFiles, REPO_ROOT, typeCheck } from './generator-test-kit.js';

describe('Emmett accepts the generated deciders and projections', function () {
    this.timeout(60_000);
    for (const template of readdirSync(join(REPO_ROOT, 'templates'))) {
        it(`templates/${template}`, async () => {
            const models = await loadModels(readModelFiles(`templates/${template}`));
            const lines = [
                "import { inMemoryMultiStreamProjection, inMemorySingleStreamProjection, type Decider } from '@event-driven-io/emmett';",
                "import { toEmmettDecider } from './generated/eventloom.js';"
            ];
            let checks = 0;
            for (const model of models) {
                const context = `./generated/${contextFolder(model.context!.name)}/index.js`;
                for (const aggregate of model.elements.filter(isAggregate)) {
                    const name = aggregate.name;
                    lines.push(`import { ${camelCase(name)}Decider, type ${name}State, type ${name}Command, type ${name}Event } from '${context}';`);
                    lines.push(`export const emmett${name}: Decider<${name}State, ${name}Command, ${name}Event> = toEmmettDecider(${camelCase(name)}Decider);`);
                    checks++;
                }
                for (const readModel of model.elements.filter(isReadModel)) {
                    const name = readModel.name;
                    const projection = `${camelCase(name)}Projection`;
                    lines.push(`import { ${projection}, type ${name}, type ${name}Event } from '${context}';`);
                    lines.push(`export const single${name} = inMemorySingleStreamProjection<${name}, ${name}Event>({ collectionName: ${projection}.name, canHandle: ${projection}.canHandle, getDocumentId: ${projection}.getDocumentId, evolve: ${projection}.evolve });`);
                    lines.push(`export const multi${name} = inMemoryMultiStreamProjection<${name}, ${name}Event>({ collectionName: ${projection}.name, canHandle: ${projection}.canHandle, getDocumentId: ${projection}.getDocumentId, evolve: ${projection}.evolve });`);
                    checks++;
                }
            }
            assert.ok(checks >= 2, 'the template has aggregates and read models to check');
            const errors = typeCheck(generateModel(models), 'nodenext', { 'emmett-check.ts': `${lines.join('\n')}\n` });
            assert.deepEqual(errors, []);
        });
    }

    it('the check itself can fail: a decider that still returns rejections is not an Emmett Decider', async () => {
        const models = await loadModels(readModelFiles('templates/banking.loom'));
        const errors = typeCheck(generateModel(models), 'nodenext', {
            'emmett-check.ts': [
                "import type { Decider } from '@event-driven-io/emmett';",
                "import { bankAccountDecider, type BankAccountState, type BankAccountCommand, type BankAccountEvent } from './generated/banking/index.js';",
                'export const wrong: Decider<BankAccountState, BankAccountCommand, BankAccountEvent> = bankAccountDecider;'
            ].join('\n')
        });
        assert.equal(errors.length, 1, errors.join('\n'));
        assert.match(errors[0], /^emmett-check\.ts:3: Type 'Decider<BankAccountState, BankAccountCommand, BankAccountEvent, BankAccountRejection>' is not assignable/);
    });
});
