/**
 * Unresolved references say what was looked for, where, and what to do — with the closest known
 * name when there is one — instead of Langium's generic "Could not resolve reference".
 */
import {
    AstUtils, DefaultLinker, interruptAndCheck, URI, isOperationCancelled, Cancellation, type AstNode, type LangiumDocument, type AstNodeDescription, type IndexManager, type LangiumCoreServices, type LinkingError, type Reference, type ReferenceInfo
} from 'langium';
import { isEnumLiteral, isFieldAssignment, isFieldValue, isMappingEntry, isMemberAccess, isNameExpression, type Model } from '../generated/ast.js';
import { unresolvedInExpression } from './expression-messages.js';
import { contextNameOf, enumOf, expectedTypeOf } from '../model-queries.js';
import { qualifiedName, splitQualifiedName } from '../scoping/qualified-names.js';
import { capitalize, kindOfType } from '../validation/messages.js';
import { fileNameOf, internalErrorMessage } from '../safety-net/internal-error.js';
import { closestName } from './closest-name.js';
import { childNodes } from '../ast-walk.js';
import { KeptLinks } from './kept-links.js';
import type { LinkEpochs } from './link-epochs.js';
import type { DeclarationIndex } from '../workspace/declaration-index.js';
import { IncrementalDocumentFactory } from '../workspace/incremental-document-factory.js';

/** How to declare what each reference type names. */
const DECLARE_BY_TYPE: Record<string, (name: string) => string> = {
    Event: name => `declare \`event ${name} { … }\` in the aggregate that records it`,
    Command: name => `declare \`command ${name} { … emits … }\` in an aggregate`,
    DomainError: name => `declare \`error ${name}\` in the aggregate`,
    ReadModel: name => `declare \`readmodel ${name} { … }\``,
    DataType: name => `declare \`type ${name} { … }\` or \`enum ${name} { … }\`, or use a built-in type (string, int, float, decimal, boolean, timestamp, date, uuid)`
};

/** Unresolved names per file that get suggestions and cross-context hints (see withinSuggestionBudget). */
const SUGGESTION_BUDGET = 200;

/** Built-in types whose values are written as strings. */
const QUOTED_PRIMITIVES: ReadonlySet<string> = new Set(['string', 'timestamp', 'date', 'uuid']);

export class EventloomLinker extends DefaultLinker {
    private readonly indexManager: IndexManager;

    /** The document being linked, with the messages of its unresolved declaration names so far. */
    private linking: { root: AstNode; messages: Map<string, string> } | undefined;

    /** Unresolved references given the friendly message, per model, counted from its last linking. */
    private readonly suggestionsMade = new WeakMap<AstNode, number>();

    /** The links of unchanged declarations across a keystroke (see kept-links.ts); absent without the incremental factory. */
    private readonly keptLinks: KeptLinks | undefined;
    private readonly documentFactory: IncrementalDocumentFactory | undefined;

    /**
     * @param declarationIndex the workspace's declarations by qualified name (lazily: the index
     *   listens to the document builder); without it, names are looked up by scanning every export.
     */
    constructor(services: LangiumCoreServices, private readonly epochs: LinkEpochs, private readonly declarationIndex?: () => DeclarationIndex) {
        super(services);
        this.indexManager = services.shared.workspace.IndexManager;
        const factory = services.shared.workspace.LangiumDocumentFactory;
        if (factory instanceof IncrementalDocumentFactory) {
            this.documentFactory = factory;
            const documents = services.shared.workspace.LangiumDocuments;
            this.keptLinks = new KeptLinks(factory, uri => documents.hasDocument(URI.parse(uri)));
        }
    }

    override unlink(document: LangiumDocument): void {
        if (this.keptLinks?.hold(document)) return;
        super.unlink(document);
    }

    /**
     * After a splice: the new declaration and every declaration with a doubtful link are linked as
     * Langium does, the others get their links back (one with none had nothing to link: after a
     * completed link every reference is resolved); all in document order, so that unresolved
     * references are met (and worded, see withinSuggestionBudget) in the order a full link meets them.
     */
    override async link(document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        const root = document.parseResult.value;
        this.linking = { root, messages: new Map() };
        try {
            await this.linkDocument(document, root, cancelToken);
        } finally {
            this.linking = undefined;
        }
    }

    private async linkDocument(document: LangiumDocument, root: AstNode, cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.suggestionsMade.delete(root);
        const taken = this.keptLinks?.take(document, this.documentFactory?.spliceOf(document));
        const epoch = this.epochs.next();
        if (!taken) {
            // Links left by a linking a keystroke cancelled part-way were made against the files as
            // they were then: Langium would keep them and link only the rest.
            if (document.references.length > 0) super.unlink(document);
            for (const declaration of childNodes(root)) this.epochs.stamp(declaration, epoch);
            return super.link(document, cancelToken);
        }
        AstUtils.streamReferences(root).forEach(reference => this.doLink(reference, document));
        const declarations = childNodes(root);
        let done = 0;
        try {
            for (; done < declarations.length; done++) {
                const declaration = declarations[done];
                if (taken.relink.has(declaration)) {
                    // Listed as met (Langium's doLink skips the list for a reference resolved on access before).
                    const references: Reference[] = [];
                    // Stamped before its links are made, without a list: one cancelled part-way keeps none.
                    this.epochs.stamp(declaration, epoch);
                    for (const node of AstUtils.streamAst(declaration)) {
                        await interruptAndCheck(cancelToken);
                        AstUtils.streamReferences(node).forEach(info => {
                            references.push(info.reference as Reference);
                            this.doLink(info, document);
                        });
                    }
                    this.epochs.stamp(declaration, epoch, references);
                } else {
                    for (const reference of taken.kept.get(declaration) ?? []) document.references.push(reference);
                }
            }
        } catch (error) {
            // Cancelled by a keystroke: the kept links not listed yet are listed, so that the next
            // unlinking (Langium's, the linking being incomplete) unlinks them with the others.
            for (const declaration of declarations.slice(done + 1)) {
                for (const reference of taken.kept.get(declaration) ?? []) document.references.push(reference);
            }
            throw error;
        }
    }

    /** A scope that throws is a bug in Eventloom: the reference says so, instead of a stack trace. */
    override getCandidate(refInfo: ReferenceInfo): AstNodeDescription | LinkingError {
        try {
            return super.getCandidate(refInfo);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            const file = fileNameOf(AstUtils.findRootNode(refInfo.container).$document?.uri);
            return { info: refInfo, message: internalErrorMessage(`resolving '${refInfo.reference.$refText}'`, file, error) };
        }
    }

    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        let message: string;
        try {
            message = this.withinSuggestionBudget(refInfo) ? this.unresolvedMessage(refInfo) : this.plainUnresolvedMessage(refInfo);
        } catch {
            // The friendly wording needs more of the model than a broken one may have.
            message = `Unknown name '${refInfo.reference.$refText}': check the name, or declare it.`;
        }
        return { ...error, message };
    }

    /**
     * The friendly message looks at every candidate in scope and every declaration of the
     * workspace: per unresolved name that is linear, but for a file with thousands of them it
     * would be quadratic. The first SUGGESTION_BUDGET of a parse get it; the rest a plain one.
     */
    private withinSuggestionBudget(refInfo: ReferenceInfo): boolean {
        const root = AstUtils.findRootNode(refInfo.container);
        const used = this.suggestionsMade.get(root) ?? 0;
        this.suggestionsMade.set(root, used + 1);
        return used < SUGGESTION_BUDGET;
    }

    private plainUnresolvedMessage(refInfo: ReferenceInfo): string {
        const type = this.reflection.getReferenceType(refInfo);
        const declare = DECLARE_BY_TYPE[type] ?? (() => 'declare it');
        return `Unknown ${kindOfType(type)} '${refInfo.reference.$refText}': ${declare(refInfo.reference.$refText)}, or fix the name.`;
    }

    private unresolvedMessage(refInfo: ReferenceInfo): string {
        const text = refInfo.reference.$refText;
        const candidates = () => this.scopeProvider.getScope(refInfo).getAllElements().map(d => d.name).toArray();
        const suggestion = () => {
            const near = closestName(text, candidates());
            return near ? ` Did you mean '${near}'?` : '';
        };
        const container = refInfo.container;
        if (isNameExpression(container) || isMemberAccess(container) || isMappingEntry(container) || isFieldAssignment(container)) {
            return unresolvedInExpression(container, text, candidates()) + suggestion();
        }
        if (isFieldValue(container)) {
            const names = candidates();
            const list = names.length > 0 ? `Its fields: ${names.join(', ')}.` : 'It has no fields.';
            return `Unknown field '${text}'. ${list}${suggestion()}`;
        }
        if (isEnumLiteral(container)) {
            const expectedType = expectedTypeOf(container);
            const expectedEnum = enumOf(expectedType);
            if (expectedEnum) {
                const members = expectedEnum.members.map(m => m.name).join(', ');
                return `'${text}' is not a member of enum ${expectedEnum.name} (${members}).${suggestion()}`;
            }
            if (expectedType?.primitive && QUOTED_PRIMITIVES.has(expectedType.primitive)) {
                return `A ${expectedType.primitive} is written in double quotes: "${text}".`;
            }
            return `Unknown value '${text}': it is not an enum member of this context. Use a string in double quotes, a number, true/false or an enum member.${suggestion()}`;
        }
        const type = this.reflection.getReferenceType(refInfo);
        const ownContext = contextNameOf(container);
        // A declaration's name is looked up in the context's scope: the message depends on nothing
        // but the name, its type and the context, and a rename leaves the same name unresolved in
        // every place that used it. Worded once per linking of the document.
        const linking = this.linking?.root === AstUtils.findRootNode(container) ? this.linking : undefined;
        const memoKey = `${type}\n${ownContext}\n${text}`;
        const known = linking?.messages.get(memoKey);
        if (known !== undefined) return known;
        const message = this.unresolvedDeclarationMessage(text, type, ownContext, suggestion);
        linking?.messages.set(memoKey, message);
        return message;
    }

    private unresolvedDeclarationMessage(text: string, type: string, ownContext: string, suggestion: () => string): string {
        const kind = { noun: kindOfType(type), declare: DECLARE_BY_TYPE[type] ?? (() => 'declare it') };
        const qualified = splitQualifiedName(text);
        if (qualified) {
            const contexts = this.contextNames();
            if (!contexts.includes(qualified.context)) {
                const near = closestName(qualified.context, contexts);
                return `There is no context '${qualified.context}' in the model${near ? `. Did you mean '${near}'?` : ': check its name, and that its files are in the workspace or the folders you validate.'}`;
            }
            return `Context '${qualified.context}' has no ${kind.noun} '${qualified.name}'. Check the context and the name; only events can be used from another context.${suggestion()}`;
        }
        const elsewhere = this.contextDeclaring(type, text, ownContext);
        if (elsewhere) {
            return type === 'Event'
                ? `Unknown event '${text}' in context ${ownContext}: it is an event of context ${elsewhere}. Write '${elsewhere}.${text}' to consume it here.`
                : `Unknown ${kind.noun} '${text}' in context ${ownContext}: the ${kind.noun} of that name belongs to context ${elsewhere}, and another context may only consume its events. ${capitalize(kind.declare(text))} of this context instead.`;
        }
        return `Unknown ${kind.noun} '${text}' in context ${ownContext}: ${kind.declare(text)}, or fix the name.${suggestion()}`;
    }

    /** The context names the workspace's files export their declarations under (also `<no context>`, a misplaced `context` line's). */
    private exportingContexts(): string[] {
        const names = new Set<string>();
        for (const document of this.langiumDocuments().all) names.add(contextNameOf(document.parseResult.value));
        return [...names];
    }

    /** Every context some file of the workspace declares. */
    private contextNames(): string[] {
        const names = new Set<string>();
        for (const document of this.langiumDocuments().all) {
            const name = (document.parseResult.value as Model).context?.name;
            if (name) names.add(name);
        }
        return [...names].sort();
    }

    /**
     * Another context that declares `name` with the reference's type, if one does. Looked up by
     * qualified name in each context of the workspace: scanning every exported symbol of the
     * workspace was a third of the edited file's build after a declaration is renamed. When several
     * contexts declare it, the scan says which comes first in the index, as before.
     */
    private contextDeclaring(type: string, name: string, ownContext: string): string | undefined {
        const index = this.declarationIndex?.();
        if (index) {
            const declaring = this.exportingContexts().filter(context => context !== ownContext
                && index.declarationsNamed(qualifiedName(context, name)).some(description => this.reflection.isSubtype(description.type, type)));
            if (declaring.length <= 1) return declaring[0];
        }
        const found = this.indexManager.allElements(type)
            .map(description => splitQualifiedName(description.name))
            .find(split => split !== undefined && split.name === name && split.context !== ownContext);
        return found?.context;
    }
}

