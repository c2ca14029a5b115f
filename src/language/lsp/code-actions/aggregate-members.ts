/**
 * Adding declarations to an aggregate where a reader expects them: an event after the last
 * event, an error after the last error, a command after the last command (each falling back to
 * the end of the body). Several members for one place become one edit, so edits never overlap.
 */
import { AstUtils, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import type { Aggregate } from '../../generated/ast.js';
import { commandsOf, errorsOf, eventsOf } from '../../model-queries.js';
import { appendToBody, insertAfter } from './block-insertion.js';

export type MemberKind = 'command' | 'event' | 'error';

export interface NewMember {
    kind: MemberKind;
    /** The declaration at indentation zero (nested lines indented by 2 spaces). */
    text: string;
}

/** uri -> edits, the shape of `WorkspaceEdit.changes`. */
export type Changes = Record<string, TextEdit[]>;

export function addEdit(changes: Changes, node: AstNode, edit: TextEdit | undefined): void {
    if (!edit) return;
    const uri = AstUtils.getDocument(node).uri.toString();
    (changes[uri] ??= []).push(edit);
}

export function addMembers(documents: LangiumDocuments, changes: Changes, aggregate: Aggregate, members: NewMember[]): void {
    const document: LangiumDocument = documents.getDocument(AstUtils.getDocument(aggregate).uri) ?? AstUtils.getDocument(aggregate);
    const byAnchor = new Map<AstNode | undefined, string[]>();
    for (const member of members) {
        const anchor = anchorFor(aggregate, member.kind);
        byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), member.text]);
    }
    for (const [anchor, texts] of byAnchor) {
        const text = texts.join('\n');
        addEdit(changes, aggregate, anchor ? insertAfter(document, anchor, text) : appendToBody(document, aggregate, text));
    }
}

function anchorFor(aggregate: Aggregate, kind: MemberKind): AstNode | undefined {
    const last = <T>(items: T[]): T | undefined => items[items.length - 1];
    if (kind === 'event') return last(eventsOf(aggregate)) ?? last(commandsOf(aggregate));
    if (kind === 'error') return last(errorsOf(aggregate)) ?? last(eventsOf(aggregate)) ?? last(commandsOf(aggregate));
    return last(commandsOf(aggregate));
}
