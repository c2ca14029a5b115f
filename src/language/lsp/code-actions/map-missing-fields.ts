/**
 * The fix for a command that states its rules but leaves an emitted event's fields without a
 * value: map each of them in the `emits E { … }` mapping, with a value to replace (see
 * placeholder-value.ts), so that the model determines the decide.
 */
import { AstUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isEmit } from '../../generated/ast.js';
import { addMappingEntries } from './mapping-entries.js';
import { entryText } from './placeholder-value.js';
import { nodeAt } from './structure-fixes.js';

export function mapMissingFields(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const at = nodeAt(document, diagnostic);
    const emit = at && (isEmit(at) ? at : AstUtils.getContainerOfType(at, isEmit));
    const missing = (diagnostic.data as { missing?: string[] } | undefined)?.missing ?? [];
    const event = emit?.event?.ref;
    const nameNode = emit?.event.$refNode;
    if (!emit || !event || !nameNode || missing.length === 0) return [];
    const entries = missing.map(name => event.fields.find(field => field.name === name)).map(field => field && entryText(field));
    if (entries.some(entry => entry === undefined)) return [];
    const edit = addMappingEntries(nameNode, emit.mapping, entries as string[]);
    if (!edit) return [];
    const names = missing.map(name => `'${name}'`).join(', ');
    return [{
        title: `Map ${names} in \`emits ${event.name} { … }\``, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [edit] } }
    }];
}
