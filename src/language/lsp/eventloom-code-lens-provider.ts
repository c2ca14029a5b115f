/**
 * Code lenses: "Preview flow" and "Generate" on the `context` line, "Step on the board" on each
 * scenario. The extension registers the commands; the arguments are the document's URI string
 * (and, for a scenario, the line it starts on), as the commands expect.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { isScenario, type Model } from '../generated/ast.js';

export const OPEN_PREVIEW_COMMAND = 'eventloom.openPreview';
export const GENERATE_COMMAND = 'eventloom.generate';
export const STEP_SCENARIO_COMMAND = 'eventloom.stepScenario';

export class EventloomCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const model = document.parseResult.value as Model;
        const range = model.context?.$cstNode?.range;
        if (!range) return [];
        const uri = document.uri.toString();
        const lenses: CodeLens[] = [
            { range, command: { title: 'Preview flow', command: OPEN_PREVIEW_COMMAND, arguments: [uri] } },
            { range, command: { title: 'Generate', command: GENERATE_COMMAND, arguments: [uri] } }
        ];
        for (const scenario of model.elements.filter(isScenario)) {
            const scenarioRange = scenario.$cstNode?.range;
            if (!scenarioRange || !scenario.name) continue;
            lenses.push({ range: scenarioRange, command: { title: 'Step on the board', command: STEP_SCENARIO_COMMAND, arguments: [uri, scenarioRange.start.line] } });
        }
        return lenses;
    }
}
