/**
 * Completion of names narrowed beyond what scoping allows, to what makes a valid model at that
 * point: `emits` offers the command's own aggregate's events, `rejects` and `else` its errors, a
 * scenario's `then` the `when` command's events (and `rejected` its errors), `given` the events of the
 * aggregate that handles the `when` command; data literals offer only the fields not given yet;
 * `upcast` its versioned events, versions and the fields to map (`upcast-completion.ts`).
 * The own context's names come first, other contexts' events (qualified) after them.
 */
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, stream, URI, type AstNode, type AstNodeDescription, type LangiumDocument, type LangiumDocuments, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type LangiumServices, type NextFeature } from 'langium/lsp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LangiumParser } from 'langium';
import { CompletionItemKind, CompletionList, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import {
    isAggregate, isCommand, isEventData, isFieldValue, isObjectLiteral, isRequirement, isScenario, isUpcast,
    type Aggregate, type Command, type DomainError, type Event, type Model, type Scenario
} from '../generated/ast.js';
import { aggregateOf, emittedEventsOf, errorsOf, eventsOf } from '../model-queries.js';
import { splitQualifiedName } from '../scoping/qualified-names.js';
import { declarationUse } from './clause-owner.js';
import { missingUpcastVersions, upcastBeingTyped, upcastEventCandidates, withoutCarriedOver } from './upcast-completion.js';
import { deleteMakesSense, describeDataName, generatorKeywordMakesSense, qualifierMakesSense, rankBehaviourCandidates } from './expression-completion.js';

/** Stands in for the name being typed, so that an unfinished line parses. */
const PLACEHOLDER = 'CompletionPlaceholder';

/** The comma-separated name lists of the language (`emits A, B`, `on A, B`, …). */
const REFERENCE_LISTS = new Set(['emits', 'rejects', 'handles', 'triggers', 'issues']);

export class EventloomCompletionProvider extends DefaultCompletionProvider {
    private readonly parser: LangiumParser;
    /** The rank of a name inside behaviour, from its candidates to its item (same request, synchronous). */
    private readonly behaviourRanks = new WeakMap<AstNodeDescription, number>();
    private readonly langiumDocuments: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.parser = services.parser.LangiumParser;
        this.langiumDocuments = services.shared.workspace.LangiumDocuments;
    }

    /**
     * Langium finds what may follow by re-parsing the text from the start of the file up to the
     * cursor: in a 2,000-line file that is most of a full parse per request. A top-level declaration
     * parses the same on its own (the grammar's entry rule takes any sequence of them), so parse
     * only from the start of the declaration around the cursor.
     */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const start = this.enclosingDeclarationStart(document, offset);
        if (start === undefined) return super.findFeaturesAt(document, offset);
        const declaration = document.getText({ start: document.positionAt(start), end: document.positionAt(offset) });
        return super.findFeaturesAt(TextDocument.create(document.uri, document.languageId, document.version, declaration), declaration.length);
    }

    /** Where the top-level declaration containing `offset` starts; undefined outside one (or in the first). */
    private enclosingDeclarationStart(document: TextDocument, offset: number): number | undefined {
        const model = this.langiumDocuments.getDocument(URI.parse(document.uri))?.parseResult.value as Model | undefined;
        if (!model || model.$document?.textDocument.version !== document.version) return undefined;
        const enclosing = model.elements.find(element => element.$cstNode && element.$cstNode.offset < offset && offset <= element.$cstNode.end);
        const start = enclosing?.$cstNode?.offset;
        return start !== undefined && start > 0 ? start : undefined;
    }

    /**
     * After `emits A, ` the grammar also allows a trailing comma followed by the next member, and
     * Langium then offers only what may start a member. Continuing the list is what the user
     * means: offer the names the list takes.
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const continuation = this.referenceListContinuation(document, params.position);
        if (!continuation) return super.getCompletion(document, params);
        const { refInfo, context } = continuation;
        const items: CompletionItem[] = [];
        for (const candidate of this.getReferenceCandidates(refInfo, context)) {
            const item = this.fillCompletionItem(context, this.createReferenceCompletionItem(candidate, refInfo, context));
            if (item) items.push(item);
        }
        return CompletionList.create(items, true);
    }

    private referenceListContinuation(document: LangiumDocument, position: CompletionParams['position']): { refInfo: ReferenceInfo; context: CompletionContext } | undefined {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(position);
        let tokenOffset = offset;
        while (tokenOffset > 0 && /\w/.test(text[tokenOffset - 1])) tokenOffset--;
        let comma = tokenOffset - 1;
        while (comma >= 0 && /\s/.test(text[comma])) comma--;
        if (text[comma] !== ',') return undefined;
        let previous = comma - 1;
        while (previous >= 0 && /\s/.test(text[previous])) previous--;
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, previous);
        const assignment = leaf && GrammarUtils.findAssignment(leaf);
        if (!leaf || !assignment || !REFERENCE_LISTS.has(declarationUse(leaf.astNode, assignment.feature).property)) return undefined;
        const refInfo: ReferenceInfo = { reference: { $refText: '', ref: undefined } as ReferenceInfo['reference'], container: leaf.astNode, property: assignment.feature };
        const context: CompletionContext = {
            document, textDocument: document.textDocument, node: leaf.astNode, features: [],
            tokenOffset, tokenEndOffset: offset, offset, position
        };
        return { refInfo, context };
    }

    protected override getReferenceCandidates(completed: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        // A declaration whose name did not parse (a partial AST) is nothing to complete to, whichever way it was found.
        return this.candidatesFor(completed, context).filter(description => typeof description.name === 'string' && description.name.length > 0);
    }

    private candidatesFor(completed: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const refInfo = this.withOwningContainer(completed);
        if (!refInfo) return stream([]);
        // A declaration whose name did not parse (a partial AST) is nothing to complete to.
        // Read once: a scope's element stream need not be iterable twice.
        const found = withoutCarriedOver(refInfo.container, refInfo.property,
            super.getReferenceCandidates(refInfo, context).filter(description => typeof description.name === 'string' && description.name.length > 0).toArray());
        const candidates = stream(found);
        const behaviour = rankBehaviourCandidates(refInfo.container, refInfo.property, found, context.offset);
        if (behaviour) {
            for (const { description, rank } of behaviour) this.behaviourRanks.set(description, rank);
            return stream(behaviour.map(candidate => candidate.description));
        }
        const { node: container, property } = declarationUse(refInfo.container, refInfo.property);
        if (isUpcast(container) && property === 'event') return stream(upcastEventCandidates(container, found));
        if (isCommand(container) && (property === 'emits' || property === 'rejects')) {
            const repaired = this.repairedAggregateMembers(context, container, property);
            if (repaired) return stream(repaired);
            const aggregate = aggregateOf(container);
            return candidates.filter(d => !splitQualifiedName(d.name) && (!aggregate || (d.node !== undefined && aggregateOf(d.node) === aggregate)));
        }
        if (isRequirement(container) && property === 'error') {
            // `else E` rejects with an error of the command's own aggregate, as `rejects` does.
            const aggregate = aggregateOf(container);
            return candidates.filter(d => !splitQualifiedName(d.name) && (!aggregate || (d.node !== undefined && aggregateOf(d.node) === aggregate)));
        }
        if (isFieldValue(container) && isObjectLiteral(container.$container)) {
            // Fields given elsewhere in the literal; the entry being typed over is not "given".
            const atCursor = (cst: { offset: number; end: number } | undefined) => cst !== undefined && cst.offset <= context.offset && context.offset <= cst.end;
            const given = new Set(container.$container.entries.filter(e => e !== container && !atCursor(e.$cstNode)).map(e => e.field?.$refText));
            return candidates.filter(d => !given.has(d.name));
        }
        const scenario = isScenario(container) ? container : isEventData(container) && isScenario(container.$container) ? container.$container : undefined;
        const whenCommand = scenario?.when?.command?.ref;
        if (scenario && whenCommand) return this.scenarioCandidates(refInfo, scenario, whenCommand, candidates, context.offset);
        return candidates;
    }

    /**
     * `emits ` with nothing after it yet does not parse, and the parser's recovery drops the rest
     * of the file, events included. With a placeholder name at the cursor the text parses again:
     * the aggregate's events (or errors) are read from that parse.
     */
    private repairedAggregateMembers(context: CompletionContext, command: Command, property: 'emits' | 'rejects'): AstNodeDescription[] | undefined {
        if (context.document.parseResult.parserErrors.length === 0) return undefined;
        const text = context.textDocument.getText();
        const repairedText = `${text.slice(0, context.offset)}${PLACEHOLDER}${text.slice(context.offset)}`;
        const model = this.parser.parse<Model>(repairedText).value;
        const aggregateName = aggregateOf(command)?.name;
        const aggregate = model.elements.find((e): e is Aggregate => isAggregate(e) && e.name === aggregateName);
        if (!aggregate) return undefined;
        const members: Array<Event | DomainError> = property === 'emits' ? eventsOf(aggregate) : errorsOf(aggregate);
        return members.map(node => ({
            name: node.name, type: node.$type, node, documentUri: context.document.uri, path: '', nameSegment: undefined, selectionSegment: undefined
        }));
    }

    /**
     * In an unfinished body (`emits` followed by the next line) the parser may read the keyword as
     * a field name, and the node at the cursor is then a field: the list belongs to the node above
     * it that has the property.
     */
    private withOwningContainer(refInfo: ReferenceInfo): ReferenceInfo | undefined {
        let container: AstNode | undefined = refInfo.container;
        while (container && !(refInfo.property in this.astReflection.getTypeMetaData(container.$type).properties)) container = container.$container;
        return container && { ...refInfo, container };
    }

    /** In a scenario whose `when` command is known, only what that command's aggregate can produce. */
    private scenarioCandidates(refInfo: ReferenceInfo, scenario: Scenario, command: Command, candidates: Stream<AstNodeDescription>, offset: number): Stream<AstNodeDescription> {
        // A reference being typed is not in the tree yet: its place relative to `when` tells the slot.
        const afterWhen = offset >= (scenario.when?.$cstNode?.end ?? Number.MAX_SAFE_INTEGER);
        const slot = refInfo.property === 'rejection' ? 'rejection' : isEventData(refInfo.container) ? (afterWhen ? 'then' : 'given') : refInfo.property;
        if (slot === 'rejection') {
            const rejects = new Set(command.rejects.map(r => r.ref));
            return candidates.filter(d => rejects.has(d.node as never));
        }
        if (slot === 'then') {
            const emits = new Set(emittedEventsOf(command));
            return candidates.filter(d => emits.has(d.node as never));
        }
        if (slot === 'given') {
            const aggregate = aggregateOf(command);
            return candidates.filter(d => d.node !== undefined && aggregateOf(d.node) === aggregate);
        }
        return candidates;
    }

    /** `upcast E from `: the grammar wants a number there, which Langium does not complete; the versions still without an upcast are what fits. */
    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        if (assignment?.feature !== 'fromVersion') return super.completionFor(context, next, acceptor);
        const typing = upcastBeingTyped(context.node, context.textDocument.getText().slice(0, context.tokenOffset));
        if (!typing) return;
        for (const version of missingUpcastVersions(typing.aggregate, typing.event, typing.upcast)) {
            acceptor(context, { label: String(version), kind: CompletionItemKind.Value, detail: `version ${version} of ${typing.event.name} has no upcast yet`, sortText: `0${String(version).padStart(4, '0')}` });
        }
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        // Own-context names (unqualified) before other contexts' events; both before keywords ('1').
        const name = description.name ?? '';
        const rank = this.behaviourRanks.get(description);
        if (rank !== undefined) {
            // Inside behaviour: the order of resolution and fit, not the alphabet.
            return { ...item, detail: describeDataName(description.node) ?? detailOf(description), sortText: `0a${String(rank).padStart(6, '0')}` };
        }
        const otherContext = splitQualifiedName(name) !== undefined;
        return { ...item, detail: describeDataName(description.node) ?? detailOf(description), sortText: `0${otherContext ? 'b' : 'a'}${name}` };
    }

    /** `command.` / `state.` / `event.` only where they select something; `now` and `newId` not in an upcast; `delete` not in an aggregate. */
    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (!super.filterKeyword(context, keyword)) return false;
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        if (rule === 'Qualifier') return qualifierMakesSense(context.node, keyword.value);
        if (rule === 'Primary' && (keyword.value === 'now' || keyword.value === 'newId')) return generatorKeywordMakesSense(context.node);
        if (rule === 'DeleteDocument') return deleteMakesSense(context.node);
        return true;
    }
}

/** `event of BankAccount`, `command`, … instead of the AST type name. */
function detailOf(description: AstNodeDescription): string {
    const kind = { DomainError: 'error', ReadModel: 'read model', ValueType: 'type', EnumMember: 'enum member' }[description.type] ?? description.type.toLowerCase();
    const aggregate = description.node && aggregateOf(description.node);
    return aggregate && aggregate !== description.node ? `${kind} of ${aggregate.name}` : kind;
}
