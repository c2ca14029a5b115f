/**
 * On an error that a command only `rejects` (DESIGN §2b: "a hand-written rule rejects"), offer to
 * model the rule: `requires true else E`, with E's fields that nothing same-named fills mapped to
 * values to replace (see placeholder-value.ts). `true` never rejects, so the model stays right
 * until the user writes the condition; a scenario that expects the rejection then fails and says
 * so. Offered at the cursor: `rejects E` alone is no mistake, so no diagnostic leads here.
 */
import { CstUtils, type CstNode, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { isCommand, type Command, type DomainError } from '../../generated/ast.js';
import { aggregateOf, stateFieldsOf, streamIdsOf } from '../../model-queries.js';
import { insertAfter, prependToBody } from './block-insertion.js';
import { entryText } from './placeholder-value.js';

export function addRequiresForRejection(document: LangiumDocument, range: Range): CodeAction[] {
    const found = rejectionAt(document, range);
    if (!found) return [];
    const { command, error } = found;
    if (command.requirements.some(requirement => requirement.error?.ref === error)) return [];
    const mapping = unfilledEntries(command, error);
    if (!mapping) return [];
    const requirement = `requires true else ${error.name}${mapping.length > 0 ? ` { ${mapping.join(', ')} }` : ''}`;
    const edit = insertRequirement(document, command, requirement);
    if (!edit) return [];
    return [{
        title: `Add \`requires true else ${error.name}\` (then write when it rejects)`, kind: CodeActionKind.QuickFix,
        edit: { changes: { [document.uri.toString()]: [edit] } }
    }];
}

/** The command and error of the `rejects` name the range starts on (or ends at). */
function rejectionAt(document: LangiumDocument, range: Range): { command: Command; error: DomainError } | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(range.start);
    for (const at of [offset, offset - 1]) {
        const leaf = CstUtils.findLeafNodeAtOffset(root, at);
        const command = leaf?.astNode;
        if (!isCommand(command)) continue;
        const reference = command.rejects.find(candidate => contains(candidate.$refNode, at));
        if (reference?.ref) return { command, error: reference.ref };
    }
    return undefined;
}

function contains(node: CstNode | undefined, offset: number): boolean {
    return node !== undefined && node.offset <= offset && offset < node.end;
}

/** `field: value` for each required field of the error that no same-named command field, state field or stream id fills. */
function unfilledEntries(command: Command, error: DomainError): string[] | undefined {
    const aggregate = aggregateOf(command);
    const filled = new Set([
        ...command.fields.map(field => field.name),
        ...(aggregate ? stateFieldsOf(aggregate).map(field => field.name) : []),
        ...(aggregate ? streamIdsOf(aggregate).map(id => id.name) : [])
    ]);
    const entries = error.fields.filter(field => !field.optional && !field.default && !filled.has(field.name)).map(field => entryText(field));
    return entries.some(entry => entry === undefined) ? undefined : entries as string[];
}

/**
 * After the command's last `requires` (guards run in order: a new one goes last), else after its
 * last field, else first in its body; inline, comma-separated, in a one-line command.
 */
function insertRequirement(document: LangiumDocument, command: Command, requirement: string): TextEdit | undefined {
    const anchor = command.requirements[command.requirements.length - 1] ?? command.fields[command.fields.length - 1];
    const cst = command.$cstNode;
    if (!cst) return undefined;
    const oneLine = cst.range.start.line === cst.range.end.line;
    if (!oneLine) return anchor ? insertAfter(document, anchor, requirement) : prependToBody(document, command, requirement);
    if (anchor?.$cstNode) {
        const end = anchor.$cstNode.range.end;
        return { range: { start: end, end }, newText: `, ${requirement}` };
    }
    const open = CstUtils.findLeafNodeAtOffset(cst, cst.offset + cst.text.indexOf('{'));
    if (!open) return undefined;
    return { range: { start: open.range.end, end: open.range.end }, newText: ` ${requirement},` };
}
