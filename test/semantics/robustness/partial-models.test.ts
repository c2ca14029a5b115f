/**
 * Regression tests for the fuzzer's findings in the interpreter (the scenario check that runs while
 * validating): a partial model — names that do not resolve while the user types — never makes the
 * scenario check throw; the scenario is not run and its hover says why.
 */
import * as assert from 'node:assert/strict';
import { buildWorkspace, checked } from '../scenario-test-kit.js';

/** Minimized from fuzz seed 7, case 61 (`eventloom test`, the enum of a state default deleted). */
const UNRESOLVED_STATE_DEFAULT = `context Banking
aggregate Account {
  id accountId: uuid
  state { status: AccountStatus = Pending }
  command Open { emits Opened }
  event Opened {}
}
scenario "opens" {
  when Open {}
  then Opened {}
}
`;

describe('the scenario check on partial models', function () {
    this.timeout(60_000);

    it('does not run a scenario whose aggregate state starts from an unresolved enum member (it threw "\'Pending\' does not resolve")', async () => {
        const { 'banking.loom': document } = await buildWorkspace({ 'banking.loom': UNRESOLVED_STATE_DEFAULT });
        const messages = (document.diagnostics ?? []).map(diagnostic => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
        assert.deepEqual(messages, [
            "4: Unknown type 'AccountStatus' in context Banking: declare `type AccountStatus { … }` or `enum AccountStatus { … }`, or use a built-in type (string, int, float, decimal, boolean, timestamp, date, uuid), or fix the name.",
            "4: Unknown value 'Pending': it is not an enum member of this context. Use a string in double quotes, a number, true/false or an enum member."
        ]);
        const hover = await checked.Eventloom.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: { line: 7, character: 11 }
        });
        assert.match(JSON.stringify(hover), /Not run in the editor: the default of status cannot be read \('Pending' does not resolve\)/);
    });
});
