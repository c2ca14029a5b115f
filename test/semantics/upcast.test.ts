/** The upcast chain on hand-built forms: mapped and carried-over fields, several steps, a gap. */
import * as assert from 'node:assert/strict';
import type { ExprForm, FilledField, UpcastForm } from '../../src/semantics/form.js';
import { decimal } from '../../src/semantics/decimal.js';
import { upcastData } from '../../src/semantics/upcast.js';
import { formatValue, numberValue, recordValue, stringValue } from '../../src/semantics/values.js';

const STRING = { kind: 'primitive', name: 'string' } as const;
const DECIMAL = { kind: 'primitive', name: 'decimal' } as const;
const read = (name: string, type: ExprForm['type'] = STRING): ExprForm => ({ kind: 'field', from: 'event', name, type });
const carried = (name: string, type: ExprForm['type'] = STRING): FilledField => ({ name, value: read(name, type), origin: 'eventField' });
const EVENT = 'Banking.AccountOpened';

const V1_TO_V2: UpcastForm = {
    event: EVENT, fromVersion: 1, oldFields: [], unfilled: [],
    fields: [carried('owner'), { name: 'overdraftLimit', value: { kind: 'literal', value: numberValue(decimal('0')), type: DECIMAL }, origin: 'mapped' }]
};
const V2_TO_V3: UpcastForm = {
    event: EVENT, fromVersion: 2, oldFields: [], unfilled: [],
    fields: [
        { name: 'holder', value: { kind: 'binary', op: '+', left: { kind: 'literal', value: stringValue('Ms '), type: STRING }, right: read('owner'), type: STRING }, origin: 'mapped' },
        { name: 'overdraftLimit', value: { kind: 'binary', op: '+', left: read('overdraftLimit', DECIMAL), right: { kind: 'literal', value: numberValue(decimal('10.50')), type: DECIMAL }, type: DECIMAL }, origin: 'mapped' }
    ]
};

describe('interpreter: upcasts', () => {
    it('takes a version-1 event through every step to the newest version, exactly', () => {
        const v1 = recordValue([['owner', stringValue('Ann')]]);
        const result = upcastData([V2_TO_V3, V1_TO_V2], EVENT, 1, 3, v1);
        assert.ok(result.ok);
        assert.equal(formatValue(result.value), '{ holder: "Ms Ann", overdraftLimit: 10.50 }');
    });

    it('leaves an event of the newest version as it is, and upcasts one of version 2 by one step', () => {
        const v3 = recordValue([['holder', stringValue('Bo')]]);
        assert.deepEqual(upcastData([V1_TO_V2, V2_TO_V3], EVENT, 3, 3, v3), { ok: true, value: v3 });
        const v2 = upcastData([V1_TO_V2, V2_TO_V3], EVENT, 2, 3, recordValue([['owner', stringValue('Cy')], ['overdraftLimit', numberValue(decimal('1'))]]));
        assert.ok(v2.ok);
        assert.equal(formatValue(v2.value), '{ holder: "Ms Cy", overdraftLimit: 11.50 }');
    });

    it('fails, saying which step is missing, when the chain has a gap', () => {
        const result = upcastData([V2_TO_V3], EVENT, 1, 3, recordValue([]));
        assert.deepEqual(result, { ok: false, failure: { message: 'nothing upcasts Banking.AccountOpened from version 1 to 2', source: undefined } });
    });
});
