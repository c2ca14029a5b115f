/**
 * Text edits that add a member to a `{ … }` body or a line after a declaration, indented like
 * the surrounding code (2 spaces a level), so a quick fix leaves a tidy, parseable model.
 */
import { CstUtils, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';

const INDENT = '  ';

/** The leading whitespace of the line a node starts on. */
export function indentationOf(document: LangiumDocument, node: AstNode): string {
    const start = node.$cstNode?.range.start;
    if (!start) return '';
    const line = document.textDocument.getText({ start: { line: start.line, character: 0 }, end: start });
    return /^\s*/.exec(line)?.[0] ?? '';
}

/** Indents every line of a (possibly multi-line) member by `indentation`. */
function indentLines(text: string, indentation: string): string {
    return text.split('\n').map((line, i) => (i === 0 || line.length === 0 ? line : indentation + line)).join('\n');
}

/** Adds `member` (written at indentation zero, nested lines with 2 spaces) as the last member of `block`'s body. */
export function appendToBody(document: LangiumDocument, block: AstNode, member: string): TextEdit | undefined {
    const cst = block.$cstNode;
    if (!cst) return undefined;
    const leaves = [...CstUtils.streamCst(cst)].filter(n => isLeafCstNode(n) && !n.hidden);
    const close = [...leaves].reverse().find(n => n.text === '}');
    if (!close) return undefined;
    const before = leaves[leaves.indexOf(close) - 1];
    const outer = indentationOf(document, block);
    const inner = outer + INDENT;
    const text = indentLines(member, inner);
    if (before && before.range.end.line === close.range.start.line) {
        // `{}` or `{ a: int }` on one line: open the body up.
        return { range: { start: before.range.end, end: close.range.start }, newText: `\n${inner}${text}\n${outer}` };
    }
    return { range: { start: { line: close.range.start.line, character: 0 }, end: { line: close.range.start.line, character: 0 } }, newText: `${inner}${text}\n` };
}

/** Adds `text` on a new line right after `node`, at the node's own indentation. */
export function insertAfter(document: LangiumDocument, node: AstNode, text: string): TextEdit | undefined {
    const end = node.$cstNode?.range.end;
    if (!end) return undefined;
    const indentation = indentationOf(document, node);
    return { range: { start: end, end }, newText: `\n${indentation}${indentLines(text, indentation)}` };
}

/** Adds `text` as the first member of `block`'s body, right after its `{`. */
export function prependToBody(document: LangiumDocument, block: AstNode, member: string): TextEdit | undefined {
    const cst = block.$cstNode;
    if (!cst) return undefined;
    const leaves = [...CstUtils.streamCst(cst)].filter(n => isLeafCstNode(n) && !n.hidden);
    const openIndex = leaves.findIndex(n => n.text === '{');
    const open = leaves[openIndex];
    if (!open) return undefined;
    // An empty body has nothing to go before: open it up instead.
    if (leaves[openIndex + 1]?.text === '}') return appendToBody(document, block, member);
    const inner = indentationOf(document, block) + INDENT;
    return { range: { start: open.range.end, end: open.range.end }, newText: `\n${inner}${indentLines(member, inner)}` };
}
