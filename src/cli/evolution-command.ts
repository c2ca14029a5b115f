/**
 * `eventloom evolution --against <git-ref> <files or folders>`: compares every event's stored
 * shape at that commit with the working tree and reports each change that breaks stored events
 * without a new version and upcast (DESIGN §2d), as `path:line:col: error: …`; exit 1 on one.
 */
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { lstat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Model } from '../language/generated/ast.js';
import { countOf } from '../language/wording.js';
import { GitHistoryError, modelFilesAtRef } from '../language/workspace/git-history.js';
import type { EvolutionFinding } from '../semantics/evolution/compare-stored-shapes.js';
import { earlierShapes, evolutionFindings } from '../semantics/evolution/evolution-check.js';
import { checkModel } from './check-model.js';
import type { CliOutput } from './cli-output.js';
import { formatProblem, sortProblems, type FileProblem } from './report.js';
import { UsageError } from './usage-error.js';

export interface EvolutionOptions {
    against?: string;
}

export async function evolutionCommand(inputs: readonly string[], options: EvolutionOptions, output: CliOutput): Promise<number> {
    const ref = options.against;
    if (ref === undefined) {
        throw new UsageError('name the commit to compare with: --against <git-ref>, for example `eventloom evolution --against main model/`.');
    }
    const earlier = await modelFilesAtRef(inputs, ref, output.cwd).catch(error => {
        throw error instanceof GitHistoryError ? new UsageError(error.message) : error;
    });
    // An input deleted since the ref is compared too (all its events were removed): the working tree
    // is read from the inputs it still has.
    const present = await existing(inputs, output.cwd);
    const documents = present.length > 0 ? (await checkModel(present, output.cwd)).documents : [];
    const before = await earlierShapes(earlier);
    const findings = evolutionFindings(before, documents.map(document => document.parseResult.value as Model), ref);
    const problems = sortProblems(findings.map(toProblem));
    for (const problem of problems) output.out(formatProblem(problem, output.cwd));
    output.out(summary(problems, before.length, ref));
    return problems.some(problem => problem.severity === 'error') ? 1 : 0;
}

async function existing(inputs: readonly string[], cwd: string): Promise<string[]> {
    const found: string[] = [];
    for (const input of inputs) if (await lstat(path.resolve(cwd, input)).catch(() => undefined)) found.push(input);
    return found;
}

function toProblem(finding: EvolutionFinding): FileProblem {
    const start = nameRange(finding.node).start;
    return {
        path: AstUtils.getDocument(finding.node).uri.fsPath,
        line: start.line + 1, column: start.character + 1,
        severity: finding.severity, message: finding.message
    };
}

/** The declaration's name, where editors and CI should put the mark. */
function nameRange(node: AstNode) {
    const cst = GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
    return cst?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function summary(problems: readonly FileProblem[], compared: number, ref: string): string {
    const errors = problems.filter(problem => problem.severity === 'error').length;
    const warnings = problems.length - errors;
    const events = `${compared} stored ${compared === 1 ? 'event' : 'events'}`;
    if (problems.length === 0) return `No breaking changes since ${ref} (${events} compared).`;
    return `${countOf(errors, 'breaking change')}, ${countOf(warnings, 'warning')} since ${ref} (${events} compared).`;
}
