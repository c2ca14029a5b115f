/**
 * Real domains have fields called `type`, `state`, `key`, `id`, `on`, `version` …: every keyword of
 * the language (and every built-in type name) must work as a field name wherever fields appear,
 * including scenario data, where the name links to the declared field.
 */
import * as assert from 'node:assert/strict';
import { isAggregate, isCommand, isEvent, isReadModel, isScenario, isStreamId, isValueType, type FieldValue } from '../../src/language/generated/ast.js';
import { AstUtils } from 'langium';
import { isFieldValue } from '../../src/language/generated/ast.js';
import { clearWorkspace, expectClean, validate } from './language-test-kit.js';

const KEYWORDS = [
    'context', 'enum', 'type', 'aggregate', 'id', 'state', 'command', 'emits', 'rejects', 'event', 'version',
    'error', 'readmodel', 'key', 'on', 'query', 'returns', 'policy', 'issues', 'scenario', 'given', 'when',
    'then', 'rejected', 'true', 'false',
    // Behaviour (DESIGN §2b-2d): plausible field names, every one of them.
    'requires', 'else', 'upcast', 'from', 'delete', 'reads', 'if', 'expect', 'no', 'not', 'and', 'or', 'in',
    'contains', 'now', 'newId', 'count', 'v1',
    'string', 'int', 'float', 'decimal', 'boolean', 'timestamp', 'date', 'uuid'
];

/** The keyword as a field of every kind of declaration, and in every kind of scenario data. */
function modelUsing(word: string): string {
    return `context C
type Box { ${word}: string }
aggregate Thing {
  id ${word}: string
  state { ${word}: string = "initial" }
  command Make {
    ${word}: string
    box: Box
    emits Made
    rejects Failed
  }
  event Made { ${word}: string, box: Box }
  error Failed { ${word}: string }
}
readmodel ByWord {
  key ${word}: string
  on Made
}
readmodel Listing {
  ${word}?: int = 3
  on Made
}
query Find { ${word}: string } returns ByWord
query FindAll { ${word}?: boolean } returns Listing[]
policy Again { on Made issues Make }
scenario "made" {
  given Made { ${word}: "a", box: { ${word}: "b" } }
  when Make { ${word}: "c", box: { ${word}: "d" } }
  then Made { ${word}: "c" }
}
scenario "fails" {
  when Make { box: { ${word}: "e" }, ${word}: "f" }
  then rejected Failed
}`;
}

describe('keywords as field names', () => {
    afterEach(clearWorkspace);

    for (const word of KEYWORDS) {
        it(`'${word}' works as a field name everywhere`, async () => {
            const result = await validate(modelUsing(word));
            expectClean(result);
            const model = result.document.parseResult.value;
            const thing = model.elements.find(isAggregate)!;
            assert.equal(thing.members.find(isStreamId)?.name, word);
            assert.equal(thing.members.find(isCommand)?.fields[0].name, word);
            assert.equal(thing.members.find(isEvent)?.fields[0].name, word);
            assert.equal(model.elements.find(isValueType)?.fields[0].name, word);
            assert.equal(model.elements.find(isReadModel)?.keys[0].name, word);
            // Every `word:` in scenario data links to a field declared with that name.
            const values = model.elements.filter(isScenario).flatMap(s => AstUtils.streamAllContents(s).filter(isFieldValue).toArray()) as FieldValue[];
            const named = values.filter(v => v.field.$refText === word);
            assert.equal(named.length, 7);
            for (const value of named) assert.equal(value.field.ref?.name, word);
        });
    }
});
