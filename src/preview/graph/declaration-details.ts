/**
 * What a graph node tells about its declaration besides its name: where it is (for
 * click-to-navigate and cursor highlighting), its doc comment and its fields (for the hover card).
 */
import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
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
 * The name's CST node near the top of the declaration's node: what GrammarUtils.findNodeForProperty
 * finds, without walking the whole subtree (an aggregate holds all its commands and events). A
 * declaration reached through an unassigned rule call (`AggregateMember: Command | Event | …`) has
 * its own node one level down, so those wrappers are looked through.
 */
function nameNodeOf(cst: CstNode): CstNode | undefined {
    return nameNodeAmongChildren(cst) ?? GrammarUtils.findNodeForProperty(cst, 'name');
}

function nameNodeAmongChildren(cst: CstNode): CstNode | undefined {
    if (!isCompositeCstNode(cst)) return undefined;
    for (const child of cst.content) {
        const assignment = AstUtils.getContainerOfType(child.grammarSource, GrammarAST.isAssignment);
        if (assignment) {
            if (assignment.feature === 'name') return child;
        } else if (isCompositeCstNode(child) && child.astNode === cst.astNode) {
            const found = nameNodeAmongChildren(child);
            if (found) return found;
        }
    }
    return undefined;
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
