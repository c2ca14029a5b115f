/**
 * Services with the scenario check registered (as the server's and the CLI's factories do), and
 * helpers that build a workspace and return each file's scenario diagnostics.
 */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Model } from '../../src/language/generated/ast.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { registerScenarioCheck, SCENARIO_FAILS } from '../../src/semantics/scenario-check.js';

export const checked = createEventloomServices(EmptyFileSystem);
registerScenarioCheck(checked.Eventloom);

let nextFolder = 0;

export async function buildWorkspace(files: Record<string, string>): Promise<Record<string, LangiumDocument<Model>>> {
    await clearDocuments(checked.shared);
    const folder = `/scenarios-${nextFolder++}`;
    const documents = await buildDocuments(checked.shared, Object.entries(files).map(([name, text]) => ({ path: `${folder}/${name}`, text })));
    return Object.fromEntries(Object.keys(files).map((name, index) => [name, documents[index]]));
}

export interface ScenarioDiagnostic {
    /** 1-based line of the range's start, and the text the range covers. */
    line: number;
    text: string;
    message: string;
}

/** The scenario-check errors of a document, with the text they sit on. */
export function scenarioErrors(document: LangiumDocument): ScenarioDiagnostic[] {
    return (document.diagnostics ?? [])
        .filter((diagnostic: Diagnostic) => (diagnostic.data as { code?: string } | undefined)?.code === SCENARIO_FAILS)
        .map(diagnostic => ({
            line: diagnostic.range.start.line + 1,
            text: document.textDocument.getText(diagnostic.range),
            message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
        }));
}

/** Every other error of a document (the model under test must be valid apart from its scenarios). */
export function otherErrors(document: LangiumDocument): string[] {
    return (document.diagnostics ?? [])
        .filter(diagnostic => diagnostic.severity === 1 && (diagnostic.data as { code?: string } | undefined)?.code !== SCENARIO_FAILS)
        .map(diagnostic => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
}
