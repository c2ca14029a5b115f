/**
 * Re-parses an edited document at declaration granularity: when the edit falls inside a run of
 * top-level declarations (usually one), only those are parsed again and spliced into the document
 * (see parser/declaration-reparse.ts); otherwise the whole text is parsed, as Langium does.
 * The last splice of each document is remembered, so that later phases can tell what changed, and
 * so are the parses of the document builder's current update (kept links of re-linked dependents).
 */
import {
    DefaultLangiumDocumentFactory, DocumentState, type AstNode, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices,
    type Mutable, type ParseResult, type TextDocument, type URI
} from 'langium';
import type { Model } from '../generated/ast.js';
import { reparseDeclarations, type DeclarationSplice } from '../parser/declaration-reparse.js';

/** One parse of a document: its parse count after it, and its splice (undefined: parsed in full). */
export interface ParseRecord {
    uri: string;
    count: number;
    splice: DeclarationSplice | undefined;
    /** Its place among the parses of all documents. */
    serial: number;
}

/** Parses remembered (a workspace's initial load drops out of the log quickly; keystrokes need the last few). */
const LOG_LIMIT = 2000;

export class IncrementalDocumentFactory extends DefaultLangiumDocumentFactory {
    /** Document URI -> the splice of its last re-parse, or undefined when it was parsed in full. */
    private readonly lastSplice = new Map<string, DeclarationSplice | undefined>();
    /** Document URI -> how many times it was parsed (in full or spliced): tells whether AST nodes of an earlier moment are still its nodes. */
    private readonly parses = new Map<string, number>();
    /** The latest parses of every document, in order (the oldest dropped beyond LOG_LIMIT). */
    private log: ParseRecord[] = [];
    /** Serial of the latest parse (every parse of any document gets the next one). */
    private serial = 0;
    /** Serial of the latest parse before the document builder's current update started. */
    private updateStart = 0;

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

    /** The serial of the latest parse so far (0 before any). */
    get latestSerial(): number {
        return this.serial;
    }

    /** The document builder starts an update: the parses from here on are those of `parsesOfUpdate`. */
    startUpdate(): void {
        this.updateStart = this.serial;
    }

    /** The documents parsed since the current update started, in order (each with its splice, or none after a full parse). */
    parsesOfUpdate(): readonly ParseRecord[] {
        return this.parsesSince(this.updateStart) ?? [];
    }

    /** The parses after the one with serial `serial`, in order; undefined when the log no longer reaches back that far. */
    parsesSince(serial: number): readonly ParseRecord[] | undefined {
        if (serial >= this.serial) return [];
        const first = this.log.length > 0 ? this.log[0].serial : this.serial + 1;
        if (serial + 1 < first) return undefined;
        return this.log.slice(serial + 1 - first);
    }

    /** The document refers to the editor's copy of its text from now on (which its parse was made from, or equals). */
    adoptTextDocument(document: LangiumDocument, textDocument: TextDocument): void {
        Object.defineProperty(document, 'textDocument', { value: textDocument });
    }

    private recordParse(uri: string, splice: DeclarationSplice | undefined): void {
        const count = this.parseCount(uri) + 1;
        this.parses.set(uri, count);
        this.lastSplice.set(uri, splice);
        this.log.push({ uri, count, splice, serial: ++this.serial });
        if (this.log.length > LOG_LIMIT) this.log = this.log.slice(LOG_LIMIT / 2);
    }

    protected override createLangiumDocument<T extends AstNode = AstNode>(
        parseResult: ParseResult<T>, uri: URI, textDocument?: TextDocument, text?: string
    ): LangiumDocument<T> {
        this.recordParse(uri.toString(), undefined);
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
            this.adoptTextDocument(document, textDocument);
        } else {
            const textDocumentGetter = this.createTextDocumentGetter(document.uri, text);
            Object.defineProperty(document, 'textDocument', { get: textDocumentGetter });
        }
        if (oldText !== text) {
            const parser = this.serviceRegistry.getServices(document.uri).parser.LangiumParser;
            const reparsed = oldText === undefined ? undefined : reparseDeclarations(parser, old as unknown as ParseResult<Model>, text);
            this.recordParse(key, reparsed?.splice);
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
