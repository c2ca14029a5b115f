/**
 * Incremental re-parse at declaration granularity. The top level of a file is a flat list of
 * declarations; when an edit falls strictly inside one of them, only that declaration's new text
 * is parsed (with the grammar's `Element` rule as start rule), its AST node and CST node replace
 * the old ones in the document's trees, and the positions of every token after it are shifted.
 *
 * The result must be exactly what a full parse of the new text gives; when that cannot be shown
 * cheaply, `reparseDeclaration` returns undefined and the caller parses the whole file. Why the
 * splice equals a full parse when it is accepted:
 * - The text before the declaration and after it is unchanged, the declaration's first and last
 *   characters too (the edit is strictly inside). The tokens before it lex the same (no token of
 *   this grammar can grow across a declaration's first character), and so do the tokens after
 *   it, as long as the new declaration lexes on its own into tokens that end exactly at its end.
 * - Outside the declaration the old parse had no error (errors inside it are what the edit may
 *   fix), and the declaration's old tokens were
 *   one `Element` of the model's list with nothing skipped around it: the parser is in the same
 *   state (between two elements of the list) before and after it in the old and the new text.
 * - The new declaration parses as one `Element`, without any lexer or parser error, consuming
 *   all of its tokens. (With an error, the parser's recovery may look past the declaration's end
 *   in a full parse, so a syntax error inside a declaration is parsed in full.)
 * The differential test (test/language/parser/declaration-reparse.test.ts) checks this on
 * thousands of random edits.
 */
import type { AstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import type { Element, Model } from '../generated/ast.js';

/** The parts of Langium's CST node classes that a splice writes (they are not public API). */
interface MutableLeaf {
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}
interface MutableComposite {
    content: CstNode[];
    container?: MutableComposite;
    _astNode?: AstNode;
    _rangeCache?: unknown;
}
interface MutableRoot extends MutableComposite {
    _text: string;
}

/** What was re-parsed, for the callers that update only what changed (and for the tests). */
export interface DeclarationSplice {
    /** Index of the re-parsed declaration in `Model.elements`. */
    index: number;
    oldElement: Element;
    newElement: Element;
    /** Offsets of the declaration in the old and the new text. */
    start: number;
    oldEnd: number;
    newEnd: number;
}

export interface ReparseResult {
    parseResult: ParseResult<Model>;
    splice: DeclarationSplice;
}

/** The changed range as a common prefix and a common suffix of the two texts. */
export function changedRange(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    while (suffix < shorter - start
        && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/**
 * Re-parses only the declaration an edit falls in, mutating the old parse result's trees into
 * the new text's; undefined (and nothing touched) when the whole file must be parsed.
 */
export function reparseDeclaration(parser: LangiumParser, old: ParseResult<Model>, newText: string): ReparseResult | undefined {
    const model = old.value;
    const root = model.$cstNode as unknown as MutableRoot & CstNode | undefined;
    if (!root || !Array.isArray(model.elements) || model.elements.length === 0) return undefined;
    if (old.lexerReport?.diagnostics?.length) return undefined;
    const oldText = root._text;
    if (oldText === newText) return undefined;
    const change = changedRange(oldText, newText);

    const index = elementAround(model.elements, change.start, change.oldEnd);
    if (index < 0) return undefined;
    const oldElement = model.elements[index];
    const oldCst = oldElement.$cstNode as unknown as MutableComposite & CstNode;
    if (oldCst.container !== root) return undefined;
    const start = oldCst.offset;
    const oldEnd = oldCst.end;
    // Every old error must lie inside the re-parsed declaration (a typo being fixed): outside it
    // the old parse was clean, so the parser's state on both sides of it is known.
    const inside = (offset: number) => offset >= start && offset < oldEnd;
    if (!old.lexerErrors.every(error => inside(error.offset))) return undefined;
    if (!old.parserErrors.every(error => inside(error.token.startOffset))) return undefined;
    if (!contiguousAround(root, oldCst)) return undefined;

    const newEnd = oldEnd + newText.length - oldText.length;
    const regionText = newText.slice(start, newEnd);
    const result = parser.parse<Element>(regionText, { rule: 'Element' });
    if (result.lexerErrors.length > 0 || result.parserErrors.length > 0 || result.lexerReport?.diagnostics?.length) return undefined;
    const newElement = result.value;
    const regionRoot = newElement.$cstNode as unknown as MutableComposite & CstNode | undefined;
    if (!regionRoot || regionRoot.offset !== 0 || regionRoot.end !== regionText.length) return undefined;
    if (regionRoot.content.some(child => child.hidden)) return undefined;

    // Accepted: from here on the old trees are changed in place.
    const startPosition = oldCst.range.start;
    const oldEndPosition = oldCst.range.end;
    const newEndPosition = positionAt(newText, newEnd, start, startPosition);

    forEachLeaf(regionRoot, leaf => {
        leaf._offset += start;
        if (leaf._startLine === 0) leaf._startColumn += startPosition.character;
        if (leaf._endLine === 0) leaf._endColumn += startPosition.character;
        leaf._startLine += startPosition.line;
        leaf._endLine += startPosition.line;
    });
    for (const child of regionRoot.content) (child as unknown as MutableComposite).container = oldCst;
    oldCst.content = regionRoot.content;
    oldCst._astNode = newElement;
    oldCst._rangeCache = undefined;

    const position = root.content.indexOf(oldCst as unknown as CstNode);
    shiftAfter(root.content.slice(position + 1), {
        offset: newText.length - oldText.length,
        line: newEndPosition.line - oldEndPosition.line,
        oldEndLine: oldEndPosition.line,
        column: newEndPosition.character - oldEndPosition.character
    });
    root._text = newText;
    root._rangeCache = undefined;

    const mutableElement = newElement as Element & { $container: Model; $containerProperty: string; $containerIndex: number; $cstNode: CstNode };
    mutableElement.$container = model;
    mutableElement.$containerProperty = 'elements';
    mutableElement.$containerIndex = index;
    mutableElement.$cstNode = oldCst;
    model.elements[index] = newElement;

    return {
        parseResult: { value: model, lexerErrors: [], lexerReport: old.lexerReport, parserErrors: [] },
        splice: { index, oldElement, newElement, start, oldEnd, newEnd }
    };
}

/** The element whose text strictly contains [start, end) (first and last character unchanged), or -1. */
function elementAround(elements: readonly Element[], start: number, end: number): number {
    let low = 0;
    let high = elements.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const cst = elements[middle].$cstNode;
        if (!cst) return -1;
        if (cst.end <= start) low = middle + 1;
        else if (cst.offset >= start) high = middle - 1;
        else return start > cst.offset && end < cst.end ? middle : -1;
    }
    return -1;
}

/**
 * True when only comments and whitespace lie between the declaration and its neighbours:
 * nothing there was skipped by error recovery. (Whitespace is not in the CST, comments are.)
 */
function contiguousAround(root: MutableRoot, node: CstNode): boolean {
    const siblings = root.content;
    const at = siblings.indexOf(node);
    if (at < 0) return false;
    const blank = (from: number, to: number) => /^\s*$/.test(root._text.slice(from, to));
    let start = node.offset;
    let i = at - 1;
    for (; i >= 0 && siblings[i].hidden; i--) {
        if (!blank(siblings[i].end, start)) return false;
        start = siblings[i].offset;
    }
    if (!blank(i >= 0 ? siblings[i].end : 0, start)) return false;
    let end = node.end;
    let j = at + 1;
    for (; j < siblings.length && siblings[j].hidden; j++) {
        if (!blank(end, siblings[j].offset)) return false;
        end = siblings[j].end;
    }
    return blank(end, j < siblings.length ? siblings[j].offset : root._text.length);
}

interface Shift {
    offset: number;
    line: number;
    /** Tokens on the line where the declaration ended also move by `column`. */
    oldEndLine: number;
    column: number;
}

function shiftAfter(nodes: readonly CstNode[], shift: Shift): void {
    if (shift.offset === 0 && shift.line === 0 && shift.column === 0) {
        for (const node of nodes) clearRangeCaches(node);
        return;
    }
    for (const node of nodes) {
        clearRangeCaches(node);
        forEachLeaf(node, leaf => {
            leaf._offset += shift.offset;
            if (leaf._startLine === shift.oldEndLine) leaf._startColumn += shift.column;
            if (leaf._endLine === shift.oldEndLine) leaf._endColumn += shift.column;
            leaf._startLine += shift.line;
            leaf._endLine += shift.line;
        });
    }
}

function clearRangeCaches(node: CstNode): void {
    const composite = node as unknown as MutableComposite;
    if (!Array.isArray(composite.content)) return;
    composite._rangeCache = undefined;
    for (const child of composite.content) clearRangeCaches(child);
}

function forEachLeaf(node: CstNode, visit: (leaf: MutableLeaf) => void): void {
    const content = (node as unknown as MutableComposite).content;
    if (!Array.isArray(content)) {
        visit(node as unknown as MutableLeaf);
        return;
    }
    for (const child of content) forEachLeaf(child, visit);
}

/**
 * Line and character of `offset`, counting from a known earlier position. Line breaks as the
 * lexer counts them: `\n`, `\r\n` and a lone `\r`.
 */
function positionAt(text: string, offset: number, from: number, fromPosition: { line: number; character: number }): { line: number; character: number } {
    let line = fromPosition.line;
    let lineStart = from - fromPosition.character;
    for (let i = from; i < offset; i++) {
        const code = text.charCodeAt(i);
        if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, character: offset - lineStart };
}
