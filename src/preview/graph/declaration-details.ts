/**
 * What a graph node tells about its declaration besides its name: where it is (for
 * click-to-navigate and cursor highlighting), its doc comment and its fields (for the hover card).
 */
import { GrammarUtils, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import type { Field, ReadModelKey, StreamId } from '../../language/generated/ast.js';
import { typeToString } from '../../language/model-queries.js';
import type { FlowField, FlowLocation, FlowRange } from '../../protocol/flow-graph.js';

export function locationOf(node: AstNode): FlowLocation | undefined {
    const cst = node.$cstNode;
    const document = findDocument(node);
    if (!cst || !document) return undefined;
    const nameNode = nameNodeOf(cst);
    return { uri: document.uri.toString(), range: copyRange(cst.range), nameRange: copyRange((nameNode ?? cst).range) };
}

export function flowField(field: Field): FlowField {
    return { name: field.name, type: typeToString(field.type), optional: field.optional || field.default !== undefined };
}

export function identityField(field: StreamId | ReadModelKey): FlowField {
    return { name: field.name, type: typeToString(field.type), optional: false, identity: true };
}

/**
 * The name's CST node among the declaration's direct children: what GrammarUtils.findNodeForProperty
 * finds, without walking the whole subtree (an aggregate holds all its commands and events).
 */
function nameNodeOf(cst: CstNode): CstNode | undefined {
    const children = isCompositeCstNode(cst) ? cst.content : [];
    return children.find(child => GrammarUtils.findAssignment(child)?.feature === 'name') ?? GrammarUtils.findNodeForProperty(cst, 'name');
}

function findDocument(node: AstNode) {
    let current: AstNode | undefined = node;
    while (current && !current.$document) current = current.$container;
    return current?.$document;
}

/** Plain objects, so the range survives JSON and never holds on to the CST. */
function copyRange(range: FlowRange): FlowRange {
    return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}
