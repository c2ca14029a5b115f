/** `openAccount` -> `OpenAccount`, everywhere it is used (through the rename provider). */
import type { LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { CodeActionServices } from './eventloom-code-action-provider.js';

export async function renameToPascalCase(services: CodeActionServices, document: LangiumDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const suggestion = (diagnostic.data as { suggestion?: string }).suggestion;
    if (!suggestion) return [];
    const title = `Rename to '${suggestion}'`;
    const renamer = services.lsp.RenameProvider;
    try {
        const edit = await renamer?.rename(document, { textDocument: { uri: document.uri.toString() }, position: diagnostic.range.start, newName: suggestion });
        if (edit) return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit }];
    } catch {
        // The rename provider refuses contexts (and taken names): fall back to the name itself.
    }
    return [{
        title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: suggestion }] } }
    }];
}
