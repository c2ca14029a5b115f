/** Fixes for a file without a context, an aggregate without a stream id, a command that emits nothing. */
import { CstUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isAggregate, isCommand, type Aggregate } from '../../generated/ast.js';
import { aggregateOf, contextNameOf, eventsOf } from '../../model-queries.js';
import { qualifiedName } from '../../scoping/qualified-names.js';
import { camelCase, pascalCase } from '../../typescript-names.js';
import { addEdit, addMembers, type Changes } from './aggregate-members.js';
import { appendToBody, prependToBody } from './block-insertion.js';
import type { CodeActionServices } from './eventloom-code-action-provider.js';
import { pastTenseEventName } from './past-tense-event-name.js';

/** `context ShopOrders` at the top of `shop-orders.loom`, named after the file. */
export function addMissingContext(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const fileName = document.uri.path.split('/').pop()?.replace(/\.loom$/, '') ?? '';
    const fromFile = pascalCase(fileName.replace(/[^A-Za-z0-9]+/g, ' '));
    const name = /^[A-Za-z]/.test(fromFile) ? fromFile : `Model${fromFile}`;
    const start = { line: 0, character: 0 };
    return [{
        title: `Add \`context ${name}\` at the top`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [{ range: { start, end: start }, newText: `context ${name}\n\n` }] } }
    }];
}

export function addMissingStreamId(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const aggregate = nodeAt(document, diagnostic);
    if (!isAggregate(aggregate)) return [];
    const id = `id ${camelCase(aggregate.name)}Id: uuid`;
    const changes: Changes = {};
    addEdit(changes, aggregate, prependToBody(document, aggregate, id));
    return [{ title: `Add \`${id}\``, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes } }];
}

export function addMissingEmits(services: CodeActionServices, document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const command = nodeAt(document, diagnostic);
    if (!isCommand(command)) return [];
    const aggregate = aggregateOf(command);
    if (!aggregate) return [];
    const { name: eventName, exists } = newEventName(services, aggregate, pastTenseEventName(command.name));
    const changes: Changes = {};
    addEdit(changes, command, appendToBody(document, command, `emits ${eventName}`));
    if (!exists) addMembers(services.shared.workspace.LangiumDocuments, changes, aggregate, [{ kind: 'event', text: `event ${eventName} {}` }]);
    const title = exists ? `Add \`emits ${eventName}\`` : `Add \`emits ${eventName}\` and declare event ${eventName}`;
    return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes } }];
}

/**
 * `wanted` if the aggregate already has that event (reuse it) or the context has nothing of
 * that name; otherwise the first free `wanted2`, `wanted3`, …
 */
export function newEventName(services: CodeActionServices, aggregate: Aggregate, wanted: string): { name: string; exists: boolean } {
    if (eventsOf(aggregate).some(e => e.name === wanted)) return { name: wanted, exists: true };
    const context = contextNameOf(aggregate);
    const index = services.workspace.DeclarationIndex;
    let name = wanted;
    for (let n = 2; index.declarationsNamed(qualifiedName(context, name)).length > 0; n++) name = `${wanted}${n}`;
    return { name, exists: false };
}

/** The AST node a diagnostic sits on (its name or reference). */
export function nodeAt(document: LangiumDocument, diagnostic: Diagnostic) {
    const root = document.parseResult.value.$cstNode;
    const leaf = CstUtils.findLeafNodeAtOffset(root!, document.textDocument.offsetAt(diagnostic.range.start));
    return leaf?.astNode;
}
