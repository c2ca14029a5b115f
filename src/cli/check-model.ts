/**
 * Reads, parses, links and validates the model files named on a command line: the first step of
 * every CLI command. Returns the built documents and all problems as report lines.
 */
import type { LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createEventloomCoreServices, type EventloomCoreServices } from '../language/eventloom-module.js';
import type { Model } from '../language/generated/ast.js';
import { leftOutBy } from '../language/validation/diagnostic-limits.js';
import { buildDocuments } from '../language/workspace/load-documents.js';
import { SCENARIO_FAILS, registerScenarioCheck } from '../semantics/scenario-check.js';
import { collectModelFiles } from './collect-model-files.js';
import { readModelFiles } from './read-model-files.js';
import { sortProblems, type FileProblem } from './report.js';

export interface CheckedModel {
    files: string[];
    documents: Array<LangiumDocument<Model>>;
    problems: FileProblem[];
    hasErrors: boolean;
    /**
     * Errors other than failing scenarios: the model is not well-formed. A failing scenario is an
     * error for `validate` but never stops `generate` or `test` (DESIGN §4): the user needs the code
     * and the failing test to see why the rules and the scenario disagree.
     */
    hasModelErrors: boolean;
    services: EventloomCoreServices;
}

export async function checkModel(inputs: readonly string[], cwd: string): Promise<CheckedModel> {
    const files = await collectModelFiles(inputs, cwd);
    const { sources, problems } = await readModelFiles(files);
    const { shared, Eventloom } = createEventloomCoreServices(NodeFileSystem);
    // EVENTLOOM_SCENARIO_CHECK=off exists for the benchmark, which measures what the scenario runs cost.
    // One build: no scenario's inputs are asked for twice, so nothing is worth remembering.
    if (process.env.EVENTLOOM_SCENARIO_CHECK !== 'off') registerScenarioCheck(Eventloom, { remember: false });
    const documents = await buildDocuments(shared, sources);
    for (const document of documents) {
        for (const diagnostic of document.diagnostics ?? []) {
            problems.push({
                path: document.uri.fsPath,
                line: diagnostic.range.start.line + 1,
                column: diagnostic.range.start.character + 1,
                severity: (['error', 'warning', 'info', 'hint'] as const)[(diagnostic.severity ?? 1) - 1],
                message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
                ...((diagnostic.data as { code?: unknown } | undefined)?.code === SCENARIO_FAILS ? { scenarioFails: true } : {}),
                ...optional('leftOut', leftOutBy(diagnostic))
            });
        }
    }
    sortProblems(problems);
    return {
        files, documents, problems, hasErrors: problems.some(p => p.severity === 'error'),
        hasModelErrors: problems.some(p => p.severity === 'error' && !p.scenarioFails), services: Eventloom
    };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
    return value === undefined ? {} : { [key]: value } as Record<K, V>;
}
