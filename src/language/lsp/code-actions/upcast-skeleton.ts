/**
 * The quick fix for a bumped version: writes `upcast E from N { …the previous shape… } {}` beside
 * the event. The previous shape is what the model says version N+1 looks like (the event itself,
 * or the old shape of the next upcast) — right after a bump the fields are still the old ones, so
 * the user only edits the new version and fills the mapping.
 */
import type { LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isEvent, type Field } from '../../generated/ast.js';
import { upcastsOf, wholeVersion } from '../../validation/evolution-validator.js';
import { insertAfter } from './block-insertion.js';
import { nodeAt } from './structure-fixes.js';

export function addUpcastSkeleton(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    // The diagnostic sits on the version number, a property of the event itself.
    const at = nodeAt(document, diagnostic);
    const event = isEvent(at) ? at : at?.$container;
    const from = (diagnostic.data as { from?: number } | undefined)?.from;
    if (!isEvent(event) || from === undefined) return [];
    const upcasts = upcastsOf(event.$container, event);
    const next = upcasts.find(upcast => wholeVersion(upcast.fromVersion) === from + 1);
    const shape: readonly Field[] = next?.fields ?? event.fields;
    const fields = shape.map(field => field.$cstNode?.text.trim()).filter(Boolean).join(', ');
    const text = `upcast ${event.name} from ${from} { ${fields} } {}`.replace('{  }', '{}');
    // After the event's last upcast, else after the event itself: the chain reads in order.
    const anchor = upcasts.filter(upcast => (wholeVersion(upcast.fromVersion) ?? 0) < from).at(-1) ?? event;
    const edit = insertAfter(document, anchor, text);
    if (!edit) return [];
    return [{
        title: `Add \`upcast ${event.name} from ${from}\` with its shape`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [edit] } }
    }];
}
