import assert from 'node:assert/strict';
import { add, compare, decimal, decimalToString, multiply, parseDecimal, subtract } from '../../src/semantics/decimal.js';

describe('exact decimals', () => {
    const text = (value: ReturnType<typeof decimal>) => decimalToString(value);

    for (const [input, units, scale, printed] of [
        ['100.10', 10010n, 2, '100.10'], ['5', 5n, 0, '5'], ['-0.5', -5n, 1, '-0.5'], ['0.00', 0n, 2, '0.00'],
        ['1.5e3', 1500n, 0, '1500'], ['1.5e-3', 15n, 4, '0.0015'], ['2e-2', 2n, 2, '0.02'], ['-12.345E1', -12345n, 2, '-123.45']
    ] as const) {
        it(`parses ${input} keeping its written scale`, () => {
            assert.deepEqual(parseDecimal(input), { units, scale });
            assert.equal(text(decimal(input)), printed);
        });
    }

    it('parses a text again to the same decimal, also after its memory of parsed texts was emptied', () => {
        assert.deepEqual(parseDecimal('12.50'), { units: 1250n, scale: 2 });
        for (let index = 0; index < 10_001; index++) parseDecimal(`${index}.5`);
        assert.deepEqual(parseDecimal('12.50'), { units: 1250n, scale: 2 });
        assert.equal(parseDecimal('1.5.'), undefined);
        assert.equal(parseDecimal('1.5.'), undefined);
    });

    it('aligns scales further apart than its table of powers of ten', () => {
        assert.equal(text(add(decimal('1'), decimal('1e-40'))), `1.${'0'.repeat(39)}1`);
        assert.equal(compare(decimal('1e-40'), decimal('0')), 1);
    });

    it('rejects text that is not a number', () => {
        for (const input of ['', 'abc', '1.', '.5', '1,5', '1e', '--1']) assert.equal(parseDecimal(input), undefined, input);
    });

    for (const [a, op, b, expected] of [
        ['100.10', '-', '0.20', '99.90'], ['0.1', '+', '0.2', '0.3'], ['1.5', '+', '2.25', '3.75'], ['1', '+', '0.50', '1.50'],
        ['2.50', '-', '0.50', '2.00'], ['0', '-', '0.05', '-0.05'], ['1.5', '*', '2.25', '3.375'], ['0.10', '*', '3', '0.30'],
        ['0.10', '*', '0.10', '0.0100'], ['2.25', '+', '1.5', '3.75'], ['0.25', '-', '1', '-0.75'], ['-2', '*', '0.5', '-1.0'], ['-0.5', '+', '0.5', '0.0'], ['999999999999999999.99', '+', '0.01', '1000000000000000000.00']
    ] as const) {
        it(`${a} ${op} ${b} is ${expected}`, () => {
            const fn = op === '+' ? add : op === '-' ? subtract : multiply;
            assert.equal(text(fn(decimal(a), decimal(b))), expected);
        });
    }

    for (const [a, b, expected] of [
        ['1.0', '1', 0], ['99.9', '99.90', 0], ['-0.00', '0', 0], ['0.1', '0.09', 1], ['-1', '-0.5', -1], ['10', '9.999', 1]
    ] as const) {
        it(`compares ${a} with ${b} by value`, () => assert.equal(compare(decimal(a), decimal(b)), expected));
    }
});
