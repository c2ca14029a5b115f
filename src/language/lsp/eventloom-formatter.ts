/**
 * One layout for every model: 2-space indentation (whatever the editor's tab size), declarations with a
 * body one member per line (field-list commas dropped, newlines separate), enums, query
 * parameters and scenario data inline, one space around `=` and after `:` and `,`, at most one
 * blank line between declarations. Comments stay where they are, re-indented with their line.
 * Behaviour (DESIGN §2b): one space around operators, none inside parentheses and around `.`,
 * mappings inline (`{ a: x, b: y }`); an `on` block stays on one line when written on one line
 * (`on E { a = 1, b }`), otherwise one assignment per line; a line break before `else` or after an
 * operator is kept, indented one level.
 */
import { AstUtils, CstUtils, GrammarAST, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type NodeFormatter } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as ast from '../generated/ast.js';

/** A new line, indented one level deeper; keeps one blank line above if there was one or more. */
const memberLine: FormattingAction = { options: {}, moves: [{ tabs: 1, lines: 1 }, { tabs: 1, lines: 2 }] };
/** The first member of a block: directly below its opening brace. */
const firstMemberLine: FormattingAction = { options: {}, moves: [{ tabs: 1, lines: 1 }] };
/** A top-level declaration: on its own line, with at most one blank line above. */
const declarationLine = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));

/** Declarations whose `{ … }` body is laid out one member per line. */
type BlockNode = ast.Aggregate | ast.State | ast.Command | ast.Event | ast.DomainError | ast.ValueType | ast.ReadModel | ast.Policy | ast.Scenario
    | ast.EventHandler;

/** A line break kept where the user put one (a long condition, `else` below it), one level deeper. */
const continuation: FormattingAction = Formatting.fit(Formatting.oneSpace(), { options: {}, moves: [{ tabs: 1, lines: 1 }] });

export class EventloomFormatter extends AbstractFormatter {
    /** Separator commas of multi-line bodies, removed after the whitespace edits are computed. */
    private separatorCommas: CstNode[] = [];
    /** Line breaks above a declaration's comment (Langium's formatter only re-indents comments). */
    private linesAbove: Array<{ after: CstNode; before: CstNode; lines: number }> = [];
    /** The range being formatted (undefined for the whole document). */
    private range: Range | undefined;

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        this.separatorCommas = [];
        this.linesAbove = [];
        this.range = range;
        // The house style is 2 spaces whatever the editor's tab settings (quick fixes write 2 as well).
        return super.doDocumentFormat(document, { ...options, tabSize: 2, insertSpaces: true }, range);
    }

    protected override avoidOverlappingEdits(textDocument: TextDocument, textEdits: TextEdit[]): TextEdit[] {
        const deletions = this.separatorCommas.map(comma => ({ range: comma.range, newText: '' }));
        // Up to the start of the comment's line: its indentation is the comment re-indentation's edit.
        const blankLines = this.linesAbove.map(({ after, before, lines }) => ({
            range: { start: after.range.end, end: { line: before.range.start.line, character: 0 } }, newText: '\n'.repeat(lines)
        })).filter(edit => textDocument.getText(edit.range) !== edit.newText);
        const edits = super.avoidOverlappingEdits(textDocument, textEdits);
        const ownEdits = [...deletions, ...blankLines].filter(edit => this.insideRange(edit.range, this.range));
        return [...edits, ...ownEdits].sort((a, b) => textDocument.offsetAt(a.range.start) - textDocument.offsetAt(b.range.start));
    }

    protected format(node: AstNode): void {
        if (ast.isModel(node)) this.formatModel(node);
        else if (isBlockNode(node)) this.formatBlock(node);
        else if (ast.isEnum(node)) this.formatInlineList(node, this.getNodeFormatter(node));
        else if (ast.isQuery(node)) this.formatQuery(node);
        else if (ast.isObjectLiteral(node)) this.formatInlineList(node, this.getNodeFormatter(node));
        else if (ast.isListLiteral(node)) this.formatListLiteral(node);
        else if (ast.isField(node) || ast.isStreamId(node) || ast.isReadModelKey(node) || ast.isFieldValue(node)) this.formatTyped(node);
        else if (ast.isTypeReference(node)) this.formatTypeReference(node);
        else if (ast.isContextDeclaration(node)) this.spaceKeywords(this.getNodeFormatter(node), node);
        else if (ast.isEventHandler(node)) this.formatInlineHandler(node);
        else if (ast.isMapping(node)) this.formatMapping(node);
        else if (ast.isMappingEntry(node)) this.formatTyped(node);
        else if (ast.isRequirement(node) || ast.isEmit(node) || ast.isIssuedCommand(node) || ast.isUpcast(node)
            || ast.isExpectation(node) || ast.isEventData(node)) this.formatClause(node);
        else if (ast.isFieldAssignment(node)) this.getNodeFormatter(node).property('operator').surround(Formatting.oneSpace());
        else if (isExpression(node)) this.formatExpression(node);
    }

    /** `on E, F { a = 1, b }` written on one line stays so (a multi-line block is a BlockNode). */
    private formatInlineHandler(handler: ast.EventHandler): void {
        const formatter = this.getNodeFormatter(handler);
        this.spaceKeywords(formatter, handler);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        open.prepend(Formatting.oneSpace());
        formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        if (handler.assignments.length === 0) {
            close.prepend(Formatting.noSpace());
            return;
        }
        open.append(Formatting.oneSpace());
        close.prepend(Formatting.oneSpace());
        formatter.nodes(...withoutCommaBefore(handler.assignments)).prepend(Formatting.oneSpace());
    }

    /** `{ field: expr, … }` on one line; `{}` when empty. */
    private formatMapping(mapping: ast.Mapping): void {
        const formatter = this.getNodeFormatter(mapping);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        if (!ast.isMappingEntry(mapping.$container)) open.prepend(Formatting.oneSpace());
        if (mapping.entries.length === 0) {
            close.prepend(Formatting.noSpace());
            return;
        }
        open.append(Formatting.oneSpace());
        close.prepend(Formatting.oneSpace());
        formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        formatter.nodes(...withoutCommaBefore(mapping.entries)).prepend(Formatting.oneSpace());
    }

    /** The keywords of `requires … else E`, `emits E { … }`, `issues C … if …`, `upcast E from 1 { … }`, `expect no R`, `given E v1 { … }`. */
    private formatClause(node: ast.Requirement | ast.Emit | ast.IssuedCommand | ast.Upcast | ast.Expectation | ast.EventData): void {
        const formatter = this.getNodeFormatter(node);
        this.spaceKeywords(formatter, node);
        if (ast.isRequirement(node)) formatter.keyword('else').prepend(continuation).append(Formatting.oneSpace());
        if (ast.isIssuedCommand(node)) formatter.keyword('if').prepend(Formatting.oneSpace()).append(Formatting.oneSpace());
        if (ast.isUpcast(node)) {
            this.formatInlineList(node, formatter);
        }
        if (ast.isEventData(node) && node.version) formatter.property('version').prepend(Formatting.oneSpace());
    }

    private formatExpression(expression: ast.Expression): void {
        const formatter = this.getNodeFormatter(expression);
        // Parentheses belong to the expression they enclose.
        formatter.keywords('(').append(Formatting.noSpace());
        formatter.keywords(')').prepend(Formatting.noSpace());
        if (ast.isBinaryExpression(expression)) {
            formatter.property('operator').prepend(Formatting.oneSpace()).append(continuation);
        } else if (ast.isNotExpression(expression)) {
            formatter.keyword('not').append(Formatting.oneSpace());
        } else if (ast.isNegationExpression(expression)) {
            formatter.keyword('-').append(Formatting.noSpace());
        } else if (ast.isMemberAccess(expression) || ast.isNameExpression(expression)) {
            formatter.keyword('.').surround(Formatting.noSpace());
        } else if (ast.isCountExpression(expression)) {
            formatter.keyword('(').prepend(Formatting.noSpace());
        } else if (ast.isInExpression(expression) || ast.isListExpression(expression)) {
            if (ast.isInExpression(expression)) formatter.keyword('in').surround(Formatting.oneSpace());
            formatter.keyword('[').append(Formatting.noSpace());
            formatter.keyword(']').prepend(Formatting.noSpace());
            formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        }
    }

    /**
     * A blank line before and after every declaration with a body; one-line declarations (enums,
     * queries) may follow each other directly. A comment above a declaration stays attached to
     * it: the blank line goes above the comment.
     */
    private formatModel(model: ast.Model): void {
        const formatter = this.getNodeFormatter(model);
        const content = (model.$cstNode as { content?: CstNode[] } | undefined)?.content ?? [];
        let previous: CstNode | undefined;
        for (let i = 0; i < content.length; i++) {
            const cst = content[i];
            if (cst.hidden) continue;
            const element = cst.astNode;
            if (element === model.context) {
                previous = cst;
                continue;
            }
            if (!previous || !element || element === model) continue;
            const previousIsOneLine = previous.astNode === model.context || isOneLineDeclaration(previous.astNode);
            const wanted = previous.astNode !== model.context && previousIsOneLine && isOneLineDeclaration(element) ? declarationLine : Formatting.newLines(2);
            const comments = leadingComments(content, i, previous);
            if (comments.length === 0) {
                formatter.cst([cst]).prepend(wanted);
            } else {
                formatter.cst([cst]).prepend(declarationLine);
                const existing = comments[0].range.start.line - previous.range.end.line;
                const lines = wanted === declarationLine ? Math.min(Math.max(existing, 1), 2) : 2;
                this.linesAbove.push({ after: previous, before: comments[0], lines });
            }
            previous = cst;
        }
    }

    private formatBlock(node: BlockNode): void {
        const formatter = this.getNodeFormatter(node);
        this.spaceKeywords(formatter, node);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        if (!open.nodes.length) return;
        open.prepend(Formatting.oneSpace());
        if (ast.isEventHandler(node)) this.formatEventList(node, open.nodes[0]);
        const interior = formatter.interior(open, close);
        const members = interior.nodes.filter(n => !n.hidden && !isLeafText(n, ','));
        if (members.length === 0) {
            close.prepend(Formatting.noSpace());
            return;
        }
        for (const member of memberStarts(node, members)) {
            formatter.cst([member]).prepend(member === interior.nodes[0] ? firstMemberLine : memberLine);
        }
        if (ast.isScenario(node)) this.formatScenarioClauses(node);
        // Comments inside the body move with the member below them.
        formatter.cst(interior.nodes.filter(n => n.hidden)).prepend(memberLine);
        const visible = interior.nodes.filter(n => !n.hidden);
        visible.forEach((cst, i) => {
            if (!isLeafText(cst, ',')) return;
            // A comma after a member (a field, a scenario's event) separates lines: drop it.
            // A comma in a name list (`emits A, B`) stays, with one space after it.
            const previous = visible.slice(0, i).reverse().find(n => !isLeafText(n, ','));
            if (previous && previous.astNode !== node && !isListItem(previous)) this.separatorCommas.push(cst);
            else formatter.cst([cst]).prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        });
        close.prepend(Formatting.newLine());
    }

    /** `on A, B {` of a multi-line block: the event list's commas as in any name list (the body's are separators). */
    private formatEventList(handler: ast.EventHandler, open: CstNode): void {
        const commas = handler.$cstNode ? CstUtils.streamCst(handler.$cstNode)
            .filter(cst => cst.astNode === handler && isLeafText(cst, ',') && cst.offset < open.offset).toArray() : [];
        this.getNodeFormatter(handler).cst(commas).prepend(Formatting.noSpace()).append(Formatting.oneSpace());
    }

    private formatScenarioClauses(scenario: ast.Scenario): void {
        const formatter = this.getNodeFormatter(scenario);
        formatter.property('name').prepend(Formatting.oneSpace());
        formatter.keyword('rejected').prepend(Formatting.oneSpace()).append(Formatting.oneSpace());
        const [firstGiven, ...moreGiven] = scenario.given;
        if (firstGiven) formatter.node(firstGiven).prepend(Formatting.oneSpace());
        // Further `given` / `then` events go below the first, one level deeper than the clause.
        if (moreGiven.length) formatter.nodes(...moreGiven).prepend(continuationLine);
        if (scenario.when) formatter.node(scenario.when).prepend(Formatting.oneSpace());
        const [firstThen, ...moreThen] = scenario.then;
        if (firstThen) formatter.node(firstThen).prepend(Formatting.oneSpace());
        if (moreThen.length) formatter.nodes(...moreThen).prepend(continuationLine);
    }

    private formatQuery(query: ast.Query): void {
        const formatter = this.getNodeFormatter(query);
        this.formatInlineList(query, formatter);
        formatter.keyword('returns').prepend(Formatting.oneSpace()).append(Formatting.oneSpace());
        formatter.keyword('[').prepend(Formatting.noSpace());
        formatter.keyword(']').prepend(Formatting.noSpace());
    }

    /** `{ a, b }` on one line (enum members, query parameters, data, an upcast's old fields); `{}` when empty. */
    private formatInlineList(node: ast.Enum | ast.Query | ast.ObjectLiteral | ast.Upcast, formatter: NodeFormatter<AstNode>): void {
        this.spaceKeywords(formatter, node);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        // After a field's `:` the colon already puts the space (two edits at one gap would add two).
        if (!ast.isFieldValue(node.$container) && !ast.isField(node.$container)) open.prepend(Formatting.oneSpace());
        const empty = ast.isEnum(node) ? node.members.length === 0 : ast.isQuery(node) || ast.isUpcast(node) ? node.fields.length === 0 : node.entries.length === 0;
        if (empty) {
            close.prepend(Formatting.noSpace());
            return;
        }
        open.append(Formatting.oneSpace());
        close.prepend(Formatting.oneSpace());
        formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
    }

    private formatListLiteral(list: ast.ListLiteral): void {
        const formatter = this.getNodeFormatter(list);
        formatter.keyword('[').append(Formatting.noSpace());
        formatter.keyword(']').prepend(Formatting.noSpace());
        formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
    }

    /** `name?: Type = default`, `field: value`. */
    private formatTyped(node: ast.Field | ast.StreamId | ast.ReadModelKey | ast.FieldValue | ast.MappingEntry): void {
        const formatter = this.getNodeFormatter(node);
        this.spaceKeywords(formatter, node);
        formatter.keyword('?').prepend(Formatting.noSpace());
        formatter.keyword(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        formatter.keyword('=').surround(Formatting.oneSpace());
    }

    private formatTypeReference(type: ast.TypeReference): void {
        const formatter = this.getNodeFormatter(type);
        formatter.keyword('[').prepend(Formatting.noSpace());
        formatter.keyword(']').prepend(Formatting.noSpace());
    }

    /** One space after a declaration's keywords (`command X`, `event X version 2`, `id x`, `emits A`). */
    private spaceKeywords(formatter: NodeFormatter<AstNode>, node: AstNode): void {
        formatter.cst(ownKeywords(node, SPACED_KEYWORDS)).append(Formatting.oneSpace());
        formatter.cst(ownKeywords(node, new Set(['version']))).prepend(Formatting.oneSpace());
    }
}

/** Keywords followed by one space wherever they introduce a declaration or a clause. */
const SPACED_KEYWORDS: ReadonlySet<string> = new Set([
    'context', 'enum', 'type', 'aggregate', 'id', 'command', 'event', 'version', 'error', 'readmodel', 'key', 'query',
    'policy', 'scenario', 'emits', 'rejects', 'on', 'issues', 'reads', 'requires', 'upcast', 'from', 'expect', 'no'
]);

/**
 * The node's own keyword tokens among `keywords` — not a field *named* `type` or `id` (field
 * names may be keywords), which `NodeFormatter.keyword` would also find.
 */
function ownKeywords(node: AstNode, keywords: ReadonlySet<string>): CstNode[] {
    if (!node.$cstNode) return [];
    return CstUtils.streamCst(node.$cstNode)
        .filter(cst => isLeafCstNode(cst) && cst.astNode === node && keywords.has(cst.text) && keywordOf(cst) !== undefined && !inNameRule(cst))
        .toArray();
}

/** The grammar's name rules, in which a keyword is read as a name. */
const NAME_RULES: ReadonlySet<string> = new Set(['FieldName', 'AssignableName', 'ExpressionName', 'PlainName', 'QualifiedName']);

/** Whether a keyword token is read as a name here (inside one of NAME_RULES). */
function inNameRule(cst: CstNode): boolean {
    const rule = cst.grammarSource && AstUtils.getContainerOfType(cst.grammarSource, GrammarAST.isParserRule);
    return rule !== undefined && NAME_RULES.has(rule.name);
}

/** Keywords that open a clause on a line of their own inside a body. */
const CLAUSE_KEYWORDS = new Set(['emits', 'rejects', 'on', 'issues', 'reads', 'given', 'when', 'then']);

/** A line two levels deeper than the body's own: the second and later events of `given`/`then`. */
const continuationLine: FormattingAction = { options: {}, moves: [{ tabs: 2, lines: 1 }] };

/**
 * The nodes of a body that start a line: child declarations and fields (composite nodes of
 * another AST node) and clause keywords; names after a clause keyword belong to the
 * body's own node and stay on the clause's line. A scenario's event data follows its keyword.
 */
function memberStarts(node: BlockNode, interior: CstNode[]): CstNode[] {
    return interior.filter(cst => {
        const keyword = keywordOf(cst);
        if (keyword) return CLAUSE_KEYWORDS.has(keyword);
        if (ast.isExpectation(cst.astNode)) return true;
        return !ast.isScenario(node) && cst.astNode !== node && !isListItem(cst);
    });
}

/** An item of a clause's name list (`emits A { … }, B`, `issues C if …`): stays on the clause's line. */
function isListItem(cst: CstNode): boolean {
    return ast.isEmit(cst.astNode) || ast.isIssuedCommand(cst.astNode);
}

function isOneLineDeclaration(node: AstNode | undefined): boolean {
    return ast.isEnum(node) || ast.isQuery(node);
}

/** The comments between the previous declaration's line and the node at `index`. */
function leadingComments(content: CstNode[], index: number, previous: CstNode): CstNode[] {
    const comments: CstNode[] = [];
    for (let j = index - 1; j >= 0 && content[j].hidden; j--) {
        if (content[j].range.start.line > previous.range.end.line) comments.unshift(content[j]);
    }
    return comments;
}

function isBlockNode(node: AstNode): node is BlockNode {
    return ast.isAggregate(node) || ast.isState(node) || ast.isCommand(node) || ast.isEvent(node) || ast.isDomainError(node)
        || ast.isValueType(node) || ast.isReadModel(node) || ast.isPolicy(node) || ast.isScenario(node)
        || (ast.isEventHandler(node) && spansLines(node));
}

/**
 * The items after the first that the user separated by whitespace only: one space goes before
 * them (a comma already puts one after itself; two edits in one gap would add two).
 */
function withoutCommaBefore(items: readonly AstNode[]): AstNode[] {
    return items.slice(1).filter(item => {
        const previous = item.$cstNode && CstUtils.getPreviousNode(item.$cstNode, true);
        return !previous || previous.text !== ',';
    });
}

/** An `on` block whose `{` and `}` are on different lines (laid out one assignment per line). */
function spansLines(handler: ast.EventHandler): boolean {
    const braces = handler.$cstNode ? CstUtils.streamCst(handler.$cstNode).filter(cst => cst.astNode === handler && (cst.text === '{' || cst.text === '}')).toArray() : [];
    return braces.length === 2 && braces[0].range.start.line !== braces[1].range.start.line;
}

function isExpression(node: AstNode): node is ast.Expression {
    return ast.reflection.isSubtype(node.$type, ast.Expression.$type);
}

function keywordOf(cst: CstNode): string | undefined {
    return isLeafCstNode(cst) && cst.grammarSource?.$type === 'Keyword' ? cst.text : undefined;
}

function isLeafText(cst: CstNode, text: string): boolean {
    return isLeafCstNode(cst) && cst.text === text;
}
