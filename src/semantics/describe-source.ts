/**
 * How a scenario failure names the part of the model that decided it: the construct's first
 * source line, shortened, and where it is (`line 14`, or `accounts.loom:14` in another file).
 */
import { AstUtils, type AstNode } from 'langium';

const MAX_TEXT = 90;

/** `prefix` adds what the node's text leaves out (an `emits` clause's node starts at the event's name). */
export function describeSource(node: AstNode | undefined, from?: AstNode, prefix = ''): string | undefined {
    const cst = node?.$cstNode;
    if (!node || !cst) return undefined;
    const firstLine = prefix + cst.text.split(/\r?\n/)[0].trim().replace(/\s+/g, ' ');
    const text = firstLine.length > MAX_TEXT ? `${firstLine.slice(0, MAX_TEXT - 1)}…` : firstLine;
    const line = cst.range.start.line + 1;
    const uri = documentUri(node);
    const where = from && uri && uri !== documentUri(from) ? `${uri.slice(uri.lastIndexOf('/') + 1)}:${line}` : `line ${line}`;
    return `\`${text}\` (${where})`;
}

function documentUri(node: AstNode): string | undefined {
    const root = AstUtils.findRootNode(node);
    return root.$document?.uri.toString();
}
