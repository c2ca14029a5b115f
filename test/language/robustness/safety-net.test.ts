/**
 * The safety net: an exception inside a validator, a scope computation or a scope becomes one
 * error that names the file and says it is a bug in Eventloom, never a stack trace on the console,
 * and the other checks still run. The faults are injected into fresh services of a test's own.
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem, type ReferenceInfo, type Scope } from 'langium';
import { createEventloomServices } from '../../../src/language/eventloom-module.js';
import type { EventloomAstType } from '../../../src/language/generated/ast.js';
import { BUG_NOTICE, INTERNAL_ERROR_CODE } from '../../../src/language/safety-net/internal-error.js';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import { buildDocuments } from '../../../src/language/workspace/load-documents.js';
import { codeOf, messageOf } from '../language-test-kit.js';

/** A command without emits (a real error) and an unresolved event: what the other checks must still say. */
const MODEL = `context Banking
aggregate Account {
  id accountId: uuid
  command OpenAccount { owner: string }
  command CloseAccount { emits AccountGone }
  event AccountOpened { owner: string }
}
`;

async function diagnosticsWith(inject: (services: ReturnType<typeof createEventloomServices>['Eventloom']) => void) {
    const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
    inject(Eventloom);
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...values: unknown[]) => { logged.push(values); };
    try {
        const [document] = await buildDocuments(shared, [{ path: '/net/accounts.loom', text: MODEL }]);
        return { diagnostics: document.diagnostics ?? [], logged };
    } finally {
        console.error = original;
    }
}

describe('the safety net', function () {
    this.timeout(30_000);

    it('turns an exception in a validator into one error on the node, naming the file; the other checks run', async () => {
        const { diagnostics, logged } = await diagnosticsWith(services => services.validation.ValidationRegistry.register<EventloomAstType>({
            Command: () => { throw new TypeError("Cannot read properties of undefined (reading 'ref')"); }
        }));
        const bugs = diagnostics.filter(d => codeOf(d) === INTERNAL_ERROR_CODE);
        assert.equal(bugs.length, 2, 'one per command checked');
        assert.equal(messageOf(bugs[0]), `Eventloom failed while checking this Command in accounts.loom (Cannot read properties of undefined (reading 'ref')). ${BUG_NOTICE} The other checks still ran.`);
        assert.equal(bugs[0].range.start.line, 3);
        assert.ok(diagnostics.some(d => codeOf(d) === IssueCodes.MissingEmits), 'the real error is still reported');
        assert.ok(diagnostics.some(d => /AccountGone/.test(messageOf(d))), 'linking errors are still reported');
        assert.deepEqual(logged, [], 'nothing printed on the console');
    });

    it('turns an exception while collecting a file\'s declarations into one error at its start; the build goes on', async () => {
        const { diagnostics, logged } = await diagnosticsWith(services => {
            const computation = services.references.ScopeComputation as unknown as { collectExports: () => void };
            computation.collectExports = () => { throw new RangeError('boom in exports'); };
        });
        const bugs = diagnostics.filter(d => codeOf(d) === INTERNAL_ERROR_CODE);
        assert.equal(bugs.length, 1);
        assert.match(messageOf(bugs[0]), /^Eventloom failed while collecting the declarations in accounts\.loom \(boom in exports\)\. This is a bug in Eventloom/);
        assert.deepEqual(bugs[0].range.start, { line: 0, character: 0 });
        assert.ok(diagnostics.some(d => codeOf(d) === IssueCodes.MissingEmits));
        assert.deepEqual(logged, []);
    });

    it('turns an exception in a scope into an error on that reference; the other references resolve', async () => {
        const { diagnostics, logged } = await diagnosticsWith(services => {
            const provider = services.references.ScopeProvider;
            const getScope = provider.getScope.bind(provider);
            provider.getScope = (context: ReferenceInfo): Scope => {
                if (context.reference.$refText === 'AccountGone') throw new TypeError('scope exploded');
                return getScope(context);
            };
        });
        const bugs = diagnostics.filter(d => /bug in Eventloom/.test(messageOf(d)));
        assert.equal(bugs.length, 1);
        assert.match(messageOf(bugs[0]), /^Eventloom failed while resolving 'AccountGone' in accounts\.loom \(scope exploded\)/);
        assert.ok(diagnostics.some(d => codeOf(d) === IssueCodes.MissingEmits));
        assert.deepEqual(logged, []);
    });
});
