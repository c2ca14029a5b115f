/**
 * The fix for an `on` block that assigns a field the state (or the read model's document) does
 * not have: declare it, typed by what the block stores there — the event's field for a bare copy,
 * the value's type for `=`, a number starting at 0 or a list starting empty for `+=` / `-=`.
 * Into the aggregate's `state { … }` (written when there is none, after the stream id), or
 * among the read model's fields (after its keys when it has none).
 */
import { CstUtils, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { isAggregate, isReadModel, isState, type Aggregate, type FieldAssignment, type ReadModel } from '../../generated/ast.js';
import { streamIdsOf } from '../../model-queries.js';
import { typeOf } from '../../typing/type-of.js';
import { isNumber, required, type Type } from '../../typing/types.js';
import { appendToBody, insertAfter, prependToBody } from './block-insertion.js';

export function declareAssignedField(document: LangiumDocument, diagnostic: Diagnostic, assignment: FieldAssignment, name: string): CodeAction[] {
    const handler = assignment.$container;
    const declaration = fieldDeclaration(assignment, name);
    if (!declaration) return [];
    const owner = handler.$container;
    const edit = isAggregate(owner) ? addStateField(document, owner, declaration) : isReadModel(owner) ? addDocumentField(document, owner, declaration) : undefined;
    if (!edit) return [];
    const where = isAggregate(owner) ? `the state of ${owner.name}` : `read model ${owner.name}`;
    return [{
        title: `Declare \`${declaration}\` in ${where}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [edit] } }
    }];
}

/** `name: Type`, `name?: Type`, `name: decimal = 0` or `name: uuid[] = []`; undefined when the type cannot be told. */
function fieldDeclaration(assignment: FieldAssignment, name: string): string | undefined {
    if (!assignment.operator) {
        // A bare copy: the type of the event's same-named field, written as the event writes it.
        const handler = assignment.$container;
        const source = handler.events.map(event => event.ref?.fields.find(field => field.name === name)).find(field => field?.type?.$cstNode);
        const type = source?.type.$cstNode?.text;
        return source && type ? `${name}${source.optional ? '?' : ''}: ${type}` : undefined;
    }
    const value = typeOf(assignment.value);
    const text = typeText(required(value));
    if (!text) return undefined;
    if (assignment.operator === '=') return `${name}${value.kind === 'optional' ? '?' : ''}: ${text}`;
    if (isNumber(required(value))) return `${name}: ${text} = 0`;
    return `${name}: ${required(value).kind === 'list' ? text : `${text}[]`} = []`;
}

/** The type as a field declares it; undefined for what no field can be (unknown, an enum's name). */
function typeText(type: Type): string | undefined {
    switch (type.kind) {
        case 'primitive': return type.name;
        case 'enum': return type.enum.name;
        case 'value': return type.valueType.name;
        case 'list': {
            const item = typeText(type.item);
            return item && `${item}[]`;
        }
        default: return undefined;
    }
}

function addStateField(document: LangiumDocument, aggregate: Aggregate, declaration: string): TextEdit | undefined {
    const state = aggregate.members.find(isState);
    if (state) return addToFields(document, state, state.fields, declaration);
    const text = `state { ${declaration} }`;
    const [streamId] = streamIdsOf(aggregate);
    return streamId ? insertAfter(document, streamId, text) : prependToBody(document, aggregate, text);
}

function addDocumentField(document: LangiumDocument, readModel: ReadModel, declaration: string): TextEdit | undefined {
    if (readModel.fields.length > 0) return addToFields(document, readModel, readModel.fields, declaration);
    const lastKey = readModel.keys[readModel.keys.length - 1];
    return lastKey ? insertAfter(document, lastKey, declaration) : prependToBody(document, readModel, declaration);
}

/**
 * After the last field: on its line, comma-separated, when the block closes on that line
 * (`state { a: int, b: int }`), else on a line of its own.
 */
function addToFields(document: LangiumDocument, block: AstNode, fields: readonly AstNode[], declaration: string): TextEdit | undefined {
    const last = fields[fields.length - 1];
    if (!last?.$cstNode) return appendToBody(document, block, declaration);
    const close = block.$cstNode && [...CstUtils.streamCst(block.$cstNode)].filter(node => isLeafCstNode(node) && !node.hidden).reverse().find(node => node.text === '}');
    if (close && close.range.start.line === last.$cstNode.range.end.line) {
        const end = last.$cstNode.range.end;
        return { range: { start: end, end }, newText: `, ${declaration}` };
    }
    return insertAfter(document, last, declaration);
}
