/**
 * Incremental re-parse at declaration granularity. The top level of a file is a flat list of
 * declarations; an edit falls inside a run of them (usually one). Only the text of that run (the
 * "window", from the first declaration's first character to the last one's last character, both
 * unchanged) is parsed again, with the grammar's entry rule; its declarations' AST and CST nodes
 * replace the old ones in the document's trees, and the positions of every token after it are shifted.
 *
 * The result must be exactly what a full parse of the new text gives; when that cannot be shown,
 * `reparseDeclarations` returns undefined and the caller parses the whole file. Why the splice
 * equals a full parse when it is accepted:
 * - Lexing: the text before the window and after it is unchanged, so is the window's first and last
 *   character, and only comments and whitespace separate it from its neighbours. The tokens before
 *   it lex the same (no token of this grammar can grow across a declaration's first character), and
 *   so do the tokens after it, as long as the window lexes without error into tokens whose last one
 *   ends exactly at its end.
 * - Parsing: outside the window the old parse had no error, so before the window's first token and
 *   after its last one the parser was between two elements of the model's list (and the file has no
 *   misplaced `context` line, which would put it in the other list). A full parse of the new text
 *   reaches the window's first token in that state too, and from there does exactly what the parse
 *   of the window alone does — same tokens, same rules, same recovery follow sets (the entry rule is
 *   at the bottom of the rule stack in both) — until the parser first looks at a token past the
 *   window's end (where the window has its end of input). `LookaheadTracker` watches for that moment:
 *   the splice is accepted only when it comes at the model's level (rule depth 1), with every token
 *   of the window consumed and no error reported at that level — that is, at the list's decision
 *   whether another element follows, the state the old parse was in before the next declaration.
 *   From there the full parse reads the same tokens as the old parse did, from the same state: the
 *   declarations after the window come out as they were, and keep their nodes. A window that ends
 *   with the file's last declaration (only comments and whitespace after it) ends where the file's
 *   input ends: there every look past it sees the same end of input as the full parse.
 * - So a syntax error inside a declaration is spliced too, when the parser's recovery stays inside
 *   the window; when it looks further, the window grows by the next declaration (a few times) before
 *   giving up.
 * The differential test (test/language/parser/declaration-reparse.test.ts) checks this on
 * thousands of random edits.
 */
import type { AstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Element, Model } from '../generated/ast.js';
import { LookaheadTracker } from './lookahead-tracker.js';

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
    /** Index in `Model.elements` of the first re-parsed declaration. */
    index: number;
    /** The declarations replaced (at least one) and those parsed from the new text in their place (possibly none). */
    oldElements: readonly Element[];
    newElements: readonly Element[];
    /** Offsets of the re-parsed text (the window) in the old and the new text. */
    start: number;
    oldEnd: number;
    newEnd: number;
}

export interface ReparseResult {
    parseResult: ParseResult<Model>;
    splice: DeclarationSplice;
}

/** How many times the window may grow by the next declaration when the parser looked past it. */
const MAX_WINDOW_GROWTH = 3;

/** Characters compared at once while looking for the change (string equality compares them in bulk). */
const BLOCK = 1024;

/** The changed range as a common prefix and a common suffix of the two texts. */
export function changedRange(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start + BLOCK <= shorter && oldText.slice(start, start + BLOCK) === newText.slice(start, start + BLOCK)) start += BLOCK;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    while (suffix + BLOCK <= shorter - start
        && oldText.slice(oldText.length - suffix - BLOCK, oldText.length - suffix) === newText.slice(newText.length - suffix - BLOCK, newText.length - suffix)) suffix += BLOCK;
    while (suffix < shorter - start
        && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/**
 * Re-parses only the declarations an edit falls in, mutating the old parse result's trees into
 * the new text's; undefined (and nothing touched) when the whole file must be parsed.
 */
export function reparseDeclarations(parser: LangiumParser, old: ParseResult<Model>, newText: string): ReparseResult | undefined {
    const model = old.value;
    const root = model.$cstNode as unknown as MutableRoot & CstNode | undefined;
    const elements = model.elements;
    if (!root || !Array.isArray(elements) || elements.length === 0) return undefined;
    if (model.misplacedContexts?.length || old.lexerReport?.diagnostics?.length) return undefined;
    const oldText = root._text;
    if (oldText === newText) return undefined;
    const change = changedRange(oldText, newText);

    // The window covers the change and every old error: outside it the old parse was clean. An
    // error at a declaration's first token may come from the declaration before (a missing `}`),
    // so the window starts before the first error's token, not at it.
    let low = change.start;
    let high = change.oldEnd;
    for (const error of old.lexerErrors) {
        low = Math.min(low, error.offset);
        high = Math.max(high, error.offset + Math.max(error.length, 1));
    }
    for (const error of old.parserErrors) {
        const offset = error.token.startOffset;
        // At the end of input: only a window that reaches the end of the file covers it.
        if (!Number.isFinite(offset)) high = Math.max(high, elements[elements.length - 1].$cstNode!.end - 1);
        else {
            low = Math.min(low, offset);
            high = Math.max(high, offset);
        }
    }
    // First declaration: the last one starting before the change (its first character is unchanged);
    // last: the first one ending after it (its last character is unchanged).
    const first = lastStartingBefore(elements, low);
    let last = firstEndingAfter(elements, high);
    if (first < 0 || last < 0 || last < first) return undefined;
    if (!elements.slice(first, last + 1).every(element => element.$cstNode?.container === (root as unknown as CstNode))) return undefined;
    const start = elements[first].$cstNode!.offset;
    if (!blankBefore(root, elements[first].$cstNode!)) return undefined;

    for (let growth = 0; growth <= MAX_WINDOW_GROWTH && last < elements.length; growth++, last++) {
        const lastCst = elements[last].$cstNode!;
        if (lastCst.container !== (root as unknown as CstNode)) return undefined;
        if (!blankAfter(root, lastCst)) continue;
        const oldEnd = lastCst.end;
        const newEnd = oldEnd + newText.length - oldText.length;
        // Past the file's last declaration the window's end of input is the file's.
        const atEnd = last === elements.length - 1;
        const window = parseWindow(parser, newText.slice(start, newEnd), atEnd);
        if (window === 'grow') continue;
        if (!window) return undefined;
        return splice(model, root, window, { first, last, start, oldEnd, newEnd, newText, oldText });
    }
    return undefined;
}

interface Window {
    elements: Element[];
    /** The window's root CST node: its content goes into the document's root. */
    root: MutableComposite & CstNode;
    parserErrors: IRecognitionException[];
}

/**
 * Parses the window's text on its own. 'grow' when the parser looked past its end or the window
 * does not end in its own token (a larger window may do), undefined on a lexer error.
 */
function parseWindow(parser: LangiumParser, text: string, atEnd: boolean): Window | 'grow' | undefined {
    const { result, beyond, tokens } = LookaheadTracker.of(parser).parse(text);
    if (result.lexerErrors.length > 0 || result.lexerReport?.diagnostics?.length) return undefined;
    // The window must lex into tokens from its first character to its last (no comment swallowing its end).
    if (tokens.length === 0 || tokens[0].startOffset !== 0 || tokens[tokens.length - 1].endOffset !== text.length - 1) return 'grow';
    const value = result.value;
    const root = value.$cstNode as unknown as MutableComposite & CstNode | undefined;
    if (!root) return 'grow';
    if (value.context || value.misplacedContexts?.length || !Array.isArray(value.elements)) return 'grow';
    // The window's parse starts at the model's beginning, the full parse in its list of elements:
    // the same only when both take the first token as the start of an element.
    if (value.elements.length === 0 || value.elements[0].$cstNode?.offset !== 0) return 'grow';
    if (!atEnd) {
        // The full parse goes on as the old one did only from the list's decision after the last element.
        if (!beyond || beyond.depth !== 1 || !beyond.allConsumed) return 'grow';
        if (result.parserErrors.some(error => (error.context?.ruleStack?.length ?? 0) <= 1)) return 'grow';
    }
    // A set, not a search per node: a window can be a whole 5 MB file (fuzz seed 20261221, edit 2518: 80 s).
    const elementNodes = new Set<CstNode | undefined>(value.elements.map(element => element.$cstNode));
    if (root.content.some(node => !node.hidden && !elementNodes.has(node))) return 'grow';
    return { elements: value.elements, root, parserErrors: result.parserErrors };
}

interface Placement {
    first: number;
    last: number;
    start: number;
    oldEnd: number;
    newEnd: number;
    oldText: string;
    newText: string;
}

/** Puts the window's declarations in place of the old ones; from here on the old trees are changed in place. */
function splice(model: Model, root: MutableRoot & CstNode, window: Window, at: Placement): ReparseResult {
    const { first, last, start, oldEnd, newEnd, oldText, newText } = at;
    const firstCst = model.elements[first].$cstNode!;
    const lastCst = model.elements[last].$cstNode!;
    const startPosition = firstCst.range.start;
    const oldEndPosition = lastCst.range.end;
    const newEndPosition = positionAt(newText, newEnd, start, startPosition);

    for (const node of window.root.content) {
        forEachLeaf(node, leaf => {
            leaf._offset += start;
            if (leaf._startLine === 0) leaf._startColumn += startPosition.character;
            if (leaf._endLine === 0) leaf._endColumn += startPosition.character;
            leaf._startLine += startPosition.line;
            leaf._endLine += startPosition.line;
        });
        (node as unknown as MutableComposite).container = root;
    }
    shiftTokens(window.parserErrors, start, startPosition);

    const from = root.content.indexOf(firstCst);
    const to = root.content.indexOf(lastCst);
    const after = root.content.slice(to + 1);
    shiftAfter(after, {
        offset: newText.length - oldText.length,
        line: newEndPosition.line - oldEndPosition.line,
        oldEndLine: oldEndPosition.line,
        column: newEndPosition.character - oldEndPosition.character
    });
    root.content.splice(from, to - from + 1, ...window.root.content);
    root._text = newText;
    root._rangeCache = undefined;

    const oldElements = model.elements.slice(first, last + 1);
    model.elements.splice(first, last - first + 1, ...window.elements);
    for (let index = first; index < model.elements.length; index++) {
        const element = model.elements[index] as Element & { $container: Model; $containerProperty: string; $containerIndex: number };
        element.$container = model;
        element.$containerProperty = 'elements';
        element.$containerIndex = index;
    }

    return {
        parseResult: { value: model, lexerErrors: [], lexerReport: undefined, parserErrors: window.parserErrors },
        splice: { index: first, oldElements, newElements: window.elements, start, oldEnd, newEnd }
    };
}

/** Moves the tokens the errors name from the window's coordinates into the file's (each token once). */
function shiftTokens(errors: readonly IRecognitionException[], start: number, startPosition: { line: number; character: number }): void {
    const moved = new Set<IToken>();
    const move = (token: IToken | undefined) => {
        if (!token || moved.has(token) || !Number.isFinite(token.startOffset) || Object.isFrozen(token)) return;
        moved.add(token);
        // Chevrotain counts lines and columns from 1.
        if (token.startLine === 1) token.startColumn = (token.startColumn ?? 1) + startPosition.character;
        if (token.endLine === 1) token.endColumn = (token.endColumn ?? 1) + startPosition.character;
        token.startOffset += start;
        if (token.endOffset !== undefined) token.endOffset += start;
        if (token.startLine !== undefined) token.startLine += startPosition.line;
        if (token.endLine !== undefined) token.endLine += startPosition.line;
    };
    for (const error of errors) {
        move(error.token);
        move((error as IRecognitionException & { previousToken?: IToken }).previousToken);
        for (const token of error.resyncedTokens ?? []) move(token);
    }
}

/** Index of the last element that starts before `offset`, or -1. */
function lastStartingBefore(elements: readonly Element[], offset: number): number {
    let low = 0;
    let high = elements.length - 1;
    let found = -1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const cst = elements[middle].$cstNode;
        if (!cst) return -1;
        if (cst.offset < offset) {
            found = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return found;
}

/** Index of the first element that ends after `offset` (its last character lies at or after it), or -1. */
function firstEndingAfter(elements: readonly Element[], offset: number): number {
    let low = 0;
    let high = elements.length - 1;
    let found = -1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const cst = elements[middle].$cstNode;
        if (!cst) return -1;
        if (cst.end > offset) {
            found = middle;
            high = middle - 1;
        } else {
            low = middle + 1;
        }
    }
    return found;
}

/**
 * True when only comments and whitespace lie between the node and the root's previous (next)
 * non-comment node: nothing there was skipped by error recovery. (Whitespace is not in the CST,
 * comments are.)
 */
function blankBefore(root: MutableRoot, node: CstNode): boolean {
    const siblings = root.content;
    const at = siblings.indexOf(node);
    if (at < 0) return false;
    let start = node.offset;
    let i = at - 1;
    for (; i >= 0 && siblings[i].hidden; i--) {
        if (!blank(root._text, siblings[i].end, start)) return false;
        start = siblings[i].offset;
    }
    return blank(root._text, i >= 0 ? siblings[i].end : 0, start);
}

function blankAfter(root: MutableRoot, node: CstNode): boolean {
    const siblings = root.content;
    const at = siblings.indexOf(node);
    if (at < 0) return false;
    let end = node.end;
    let j = at + 1;
    for (; j < siblings.length && siblings[j].hidden; j++) {
        if (!blank(root._text, end, siblings[j].offset)) return false;
        end = siblings[j].end;
    }
    return blank(root._text, end, j < siblings.length ? siblings[j].offset : root._text.length);
}

function blank(text: string, from: number, to: number): boolean {
    return from >= to || /^\s*$/.test(text.slice(from, to));
}

interface Shift {
    offset: number;
    line: number;
    /** Tokens on the line where the declaration ended also move by `column`. */
    oldEndLine: number;
    column: number;
}

function shiftAfter(nodes: readonly CstNode[], shift: Shift): void {
    // Composite nodes cache their line/column range; offsets are read from the leaves. Lines and
    // columns after the window change only with the line count, or on the line the window ended on
    // (leaves come in order: if the first one after the window is not on it, none is).
    const first = nodes.length > 0 ? firstLeaf(nodes[0]) : undefined;
    const positionsMove = shift.line !== 0 || (shift.column !== 0 && first !== undefined && first._startLine === shift.oldEndLine);
    if (positionsMove) {
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
    } else if (shift.offset !== 0) {
        for (const node of nodes) shiftOffsets(node, shift.offset);
    }
}

/**
 * Moves every token of the subtree by `by` characters. Most keystrokes only do this, for every
 * token after the edit (half a 20k-line file on average): a plain recursion, no callback per token.
 */
function shiftOffsets(node: CstNode, by: number): void {
    const content = (node as unknown as Partial<MutableComposite>).content;
    if (content === undefined) {
        (node as unknown as MutableLeaf)._offset += by;
        return;
    }
    for (let i = 0; i < content.length; i++) shiftOffsets(content[i], by);
}

function firstLeaf(node: CstNode): MutableLeaf | undefined {
    let current: CstNode | undefined = node;
    while (current && Array.isArray((current as unknown as MutableComposite).content)) current = (current as unknown as MutableComposite).content[0];
    return current as unknown as MutableLeaf | undefined;
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
