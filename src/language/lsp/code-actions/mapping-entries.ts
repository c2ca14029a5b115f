/**
 * Text edits that add `field: value` entries to the mapping after a name (`emits E { … }`,
 * `else E { … }`): into the mapping after its last entry, into an empty `{}`, or as a new
 * mapping right after the name when there is none.
 */
import { CstUtils, isLeafCstNode, type CstNode } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import type { Mapping } from '../../generated/ast.js';

export function addMappingEntries(nameNode: CstNode, mapping: Mapping | undefined, entries: readonly string[]): TextEdit | undefined {
    const text = entries.join(', ');
    if (!mapping?.$cstNode) {
        const end = nameNode.range.end;
        return { range: { start: end, end }, newText: ` { ${text} }` };
    }
    const last = mapping.entries[mapping.entries.length - 1]?.$cstNode;
    if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `, ${text}` };
    const leaves = [...CstUtils.streamCst(mapping.$cstNode)].filter(node => isLeafCstNode(node) && !node.hidden);
    const open = leaves.find(node => node.text === '{');
    const close = [...leaves].reverse().find(node => node.text === '}');
    if (!open || !close) return undefined;
    return { range: { start: open.range.end, end: close.range.start }, newText: ` ${text} ` };
}
