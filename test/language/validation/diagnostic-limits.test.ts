/**
 * Where a file's list of diagnostics is cut: the note stands at the first left out, says how many, is
 * as severe as the worst left out (a cut never hides that a file fails), and the CLI's summary counts
 * what it stands for.
 */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { summarize, type FileProblem } from '../../../src/cli/report.js';
import { leftOutBy, limitDiagnostics, problemsLeftOut } from '../../../src/language/validation/diagnostic-limits.js';

function at(line: number, severity: DiagnosticSeverity): Diagnostic {
    return { severity, message: `problem on line ${line}`, range: { start: { line, character: 2 }, end: { line, character: 5 } } };
}

describe('diagnostic limits', () => {
    it('keeps a list at or under the limit as it is', () => {
        const list = [at(0, DiagnosticSeverity.Error), at(1, DiagnosticSeverity.Warning)];
        assert.equal(limitDiagnostics(list, 2, problemsLeftOut), list);
    });

    it('cuts after the limit with one note at the first left out, as severe as the worst left out', () => {
        const list = [at(0, DiagnosticSeverity.Error), at(1, DiagnosticSeverity.Error), at(2, DiagnosticSeverity.Warning), at(3, DiagnosticSeverity.Information), at(4, DiagnosticSeverity.Warning)];
        const cut = limitDiagnostics(list, 2, problemsLeftOut);
        assert.deepEqual(cut.slice(0, 2), list.slice(0, 2));
        assert.equal(cut.length, 3);
        assert.equal(cut[2].message, '2 problems found by Eventloom\'s checks are shown; 3 more in this file are not. Fix the ones shown, then validate again.');
        assert.deepEqual(cut[2].range, list[2].range);
        assert.equal(cut[2].severity, DiagnosticSeverity.Warning, 'only warnings and an information left out: a warning, so the file does not fail for the cut');
        assert.deepEqual(leftOutBy(cut[2]), { errors: 0, warnings: 2, others: 1 });
        assert.equal(leftOutBy(cut[0]), undefined);

        const withError = limitDiagnostics([...list, at(5, DiagnosticSeverity.Error)], 2, problemsLeftOut);
        assert.equal(withError[2].severity, DiagnosticSeverity.Error, 'an error left out: an error');
    });

    it('the summary counts what a note stands for, and says how many are not listed', () => {
        const problem = (severity: FileProblem['severity'], leftOut?: FileProblem['leftOut']): FileProblem => ({ path: '/m.loom', line: 1, column: 1, severity, message: 'x', ...(leftOut ? { leftOut } : {}) });
        assert.equal(summarize([problem('error'), problem('warning'), problem('error', { errors: 7, warnings: 2, others: 4 })], 1), '8 errors, 3 warnings in 1 file (9 of them not listed).');
        assert.equal(summarize([problem('error'), problem('warning')], 2), '1 error, 1 warning in 2 files.');
    });
});
