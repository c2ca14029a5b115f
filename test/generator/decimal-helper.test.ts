/**
 * The generated exact-decimal helper (`decimal` in `<out>/eventloom.ts`), run as generated: no
 * float anywhere, the documented scale rules, comparison by value, clear errors on bad input.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateModel } from '../../src/generator/generate-model.js';
import { loadModels, readModelFiles, scratchPackage } from './generator-test-kit.js';

describe('the generated decimal helper', function () {
    this.timeout(60_000);
    let root: string;
    let decimal: Record<string, (...args: unknown[]) => unknown>;

    before(async () => {
        root = scratchPackage();
        const shared = generateModel(await loadModels(readModelFiles('templates/banking.loom'))).find(file => file.path === 'eventloom.ts')!;
        mkdirSync(join(root, 'generated'), { recursive: true });
        writeFileSync(join(root, 'generated/eventloom.ts'), shared.text);
        ({ decimal } = await import(pathToFileURL(join(root, 'generated/eventloom.ts')).href));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('adds and subtracts exactly, at the larger scale of the two', () => {
        assert.equal(decimal.add('0.1', '0.2'), '0.3');
        assert.equal(decimal.add('0.10', '0.2'), '0.30');
        assert.equal(decimal.add('99.90', '0.10'), '100.00');
        assert.equal(decimal.subtract('100', '150'), '-50');
        assert.equal(decimal.subtract('0', '0.05'), '-0.05');
        assert.equal(decimal.add('-0.5', '0.5'), '0.0');
        assert.equal(decimal.add('12345678901234567890.12', '0.01'), '12345678901234567890.13', 'beyond a float\'s precision');
    });

    it('multiplies at the sum of the scales, and reads exponents', () => {
        assert.equal(decimal.multiply('12.50', '3'), '37.50');
        assert.equal(decimal.multiply('0.1', '0.1'), '0.01');
        assert.equal(decimal.multiply('-2.5', '-2'), '5.0');
        assert.equal(decimal.add('1e3', '0.5'), '1000.5');
        assert.equal(decimal.add('1.5E-2', '0'), '0.015');
        assert.equal(decimal.negate('3.10'), '-3.10');
        assert.equal(decimal.of(7), '7');
    });

    it('compares by value', () => {
        assert.equal(decimal.compare('1.0', '1'), 0);
        assert.equal(decimal.equals('150.00', '150'), true);
        assert.equal(decimal.compare('-0.01', '0'), -1);
        assert.equal(decimal.compare('10', '9.999'), 1);
    });

    it('refuses what is not a decimal, and inexact integers', () => {
        assert.throws(() => decimal.add('12,50', '1'), /Not a decimal number: '12,50'/);
        assert.throws(() => decimal.of(0.1), /Not an exact integer: 0.1/);
    });
});
