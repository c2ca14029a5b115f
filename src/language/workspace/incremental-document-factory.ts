/**
 * Re-parses an edited document at declaration granularity: when the edit falls inside a run of
 * top-level declarations (usually one), only those are parsed again and spliced into the document
 * (see parser/declaration-reparse.ts); otherwise the whole text is parsed, as Langium does.
 * The last splice of each document is remembered, so that later phases can tell what changed.
 */
import {
    DefaultLangiumDocumentFactory, DocumentState, type AstNode, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices,
    type Mutable, type ParseResult, type TextDocument, type URI
} from 'langium';
import type { Model } from '../generated/ast.js';
import { reparseDeclarations, type DeclarationSplice } from '../parser/declaration-reparse.js';

export class IncrementalDocumentFactory extends DefaultLangiumDocumentFactory {
    /** Document URI -> the splice of its last re-parse, or undefined when it was parsed in full. */
    private readonly lastSplice = new Map<string, DeclarationSplice | undefined>();
    /** Document URI -> how many times it was parsed (in full or spliced): tells whether AST nodes of an earlier moment are still its nodes. */
    private readonly parses = new Map<string, number>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    /** What the last re-parse of the document replaced; undefined after a full parse. */
    spliceOf(document: LangiumDocument): DeclarationSplice | undefined {
        return this.lastSplice.get(document.uri.toString());
    }

    /** Increases with every parse of the document (a new document, a full re-parse, a splice). */
    parseCount(uri: URI | string): number {
        return this.parses.get(uri.toString()) ?? 0;
    }

    protected override createLangiumDocument<T extends AstNode = AstNode>(
        parseResult: ParseResult<T>, uri: URI, textDocument?: TextDocument, text?: string
    ): LangiumDocument<T> {
        this.lastSplice.delete(uri.toString());
        this.parses.set(uri.toString(), this.parseCount(uri) + 1);
        return super.createLangiumDocument(parseResult, uri, textDocument, text);
    }

    override async update<T extends AstNode = AstNode>(
        document: Mutable<LangiumDocument<T>>, cancellationToken: Cancellation.CancellationToken
    ): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        const old = document.parseResult;
        const oldText = old.value.$cstNode?.root.fullText;
        const textDocument = this.textDocuments?.get(key);
        const text = await this.getUpdatedText(document, textDocument, cancellationToken);
        if (textDocument) {
            Object.defineProperty(document, 'textDocument', { value: textDocument });
        } else {
            const textDocumentGetter = this.createTextDocumentGetter(document.uri, text);
            Object.defineProperty(document, 'textDocument', { get: textDocumentGetter });
        }
        if (oldText !== text) {
            const parser = this.serviceRegistry.getServices(document.uri).parser.LangiumParser;
            const reparsed = oldText === undefined ? undefined : reparseDeclarations(parser, old as unknown as ParseResult<Model>, text);
            this.lastSplice.set(key, reparsed?.splice);
            this.parses.set(key, this.parseCount(key) + 1);
            if (reparsed) {
                document.parseResult = reparsed.parseResult as unknown as LangiumDocument<T>['parseResult'];
            } else {
                document.parseResult = await this.parseAsync(document.uri, text, cancellationToken);
            }
            (document.parseResult.value as Mutable<AstNode>).$document = document;
        } else {
            this.lastSplice.delete(key);
        }
        document.state = DocumentState.Parsed;
        return document;
    }
}
