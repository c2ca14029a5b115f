/**
 * Code lenses on the `context` line: "Preview flow" and "Generate". The extension registers the
 * commands; the argument is the document's URI string, as the commands expect.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';

export const OPEN_PREVIEW_COMMAND = 'eventloom.openPreview';
export const GENERATE_COMMAND = 'eventloom.generate';

export class EventloomCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const context = (document.parseResult.value as Model).context;
        const range = context?.$cstNode?.range;
        if (!range) return [];
        const uri = document.uri.toString();
        return [
            { range, command: { title: 'Preview flow', command: OPEN_PREVIEW_COMMAND, arguments: [uri] } },
            { range, command: { title: 'Generate', command: GENERATE_COMMAND, arguments: [uri] } }
        ];
    }
}
