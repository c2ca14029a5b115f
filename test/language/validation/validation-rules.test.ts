/**
 * Every validation rule, through the table in rule-cases.ts: the bad model gets exactly one
 * diagnostic of the rule, with the severity, code and message expected, sitting exactly on the
 * marked name (checked both by node + property and by the marked text range); the good model is
 * clean. A last test makes sure no issue code is left without a case.
 */
import * as assert from 'node:assert/strict';
import type { Model } from '../../../src/language/generated/ast.js';
import { IssueCodes } from '../../../src/language/validation/issue-codes.js';
import { clearWorkspace, codeOf, expectClean, expectError, expectWarning, marked, validateFiles, type ExpectedDiagnostic } from '../language-test-kit.js';
import { RULE_CASES } from './rule-cases.js';

function asFiles(models: string | Record<string, string>): Record<string, string> {
    return typeof models === 'string' ? { 'model.loom': models } : models;
}

describe('validation rules', () => {
    afterEach(clearWorkspace);

    for (const ruleCase of RULE_CASES) {
        describe(`${ruleCase.code}: ${ruleCase.title}`, () => {
            it(`reports ${ruleCase.severity === 'error' ? 'an error' : 'a warning'} on the offending name`, async () => {
                const files = asFiles(ruleCase.bad);
                const stripped: Record<string, string> = {};
                let target: { file: string; start: number; end: number } | undefined;
                for (const [file, text] of Object.entries(files)) {
                    const mark = marked(text);
                    stripped[file] = mark.text;
                    if (mark.start >= 0) target = { file, start: mark.start, end: mark.end };
                }
                assert.ok(target, 'the bad model marks the expected range with <|…|>');
                const results = await validateFiles(stripped);
                const result = results[target.file];
                const location = ruleCase.at(result.document.parseResult.value as Model);
                const expected = { code: ruleCase.code, message: ruleCase.message, ...location } as ExpectedDiagnostic<never>;
                const diagnostic = ruleCase.severity === 'error' ? expectError(result, expected) : expectWarning(result, expected);
                const document = result.document.textDocument;
                assert.deepEqual(
                    [document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)],
                    [target.start, target.end],
                    `the diagnostic covers '${document.getText(diagnostic.range)}', not the marked '${stripped[target.file].slice(target.start, target.end)}'`);
                const sameCode = Object.values(results).flatMap(r => r.diagnostics).filter(d => codeOf(d) === ruleCase.code);
                assert.equal(sameCode.length, ruleCase.fires ?? 1, `the rule fires ${ruleCase.fires ?? 1} time(s)`);
            });

            if (ruleCase.good) {
                it('finds nothing in the corrected model', async () => {
                    const results = await validateFiles(asFiles(ruleCase.good!));
                    for (const result of Object.values(results)) expectClean(result);
                });
            }
        });
    }

    it('has a case for every issue code', () => {
        const covered = new Set(RULE_CASES.map(c => c.code));
        assert.deepEqual(Object.values(IssueCodes).filter(code => !covered.has(code)), []);
    });
});
