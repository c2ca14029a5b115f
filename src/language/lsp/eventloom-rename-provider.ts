/**
 * Rename across files. References may be qualified (`Banking.AccountOpened` from another context):
 * only their name part changes, the context qualifier stays. New names that the grammar would not
 * read back as the same kind of name, or that already name something in the context, are refused
 * with a message instead of producing a broken model.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type CstNode, type DocumentBuilder, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { PrepareRenameParams, Range, RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { isContextDeclaration, isEnumMember, isField, isReadModelKey, isScenario, isStreamId } from '../generated/ast.js';
import { contextNameOf } from '../model-queries.js';
import { qualifiedName } from '../scoping/qualified-names.js';
import { TYPESCRIPT_RESERVED_WORDS } from '../typescript-names.js';
import { kindOf, withArticle } from '../validation/messages.js';
import type { DeclarationIndex } from '../workspace/declaration-index.js';
import { EventloomDocumentBuilder } from '../workspace/eventloom-document-builder.js';

const IDENTIFIER = /^[_a-zA-Z][\w]*$/;

export class EventloomRenameProvider extends DefaultRenameProvider {
    private readonly documents: LangiumDocuments;
    private readonly index: DeclarationIndex;
    private readonly keywords: ReadonlySet<string>;
    private readonly builder: DocumentBuilder;

    constructor(services: LangiumServices & { workspace: { DeclarationIndex: DeclarationIndex } }) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.index = services.workspace.DeclarationIndex;
        this.builder = services.shared.workspace.DocumentBuilder;
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value));
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        const refusal = this.refusal(target, params.newName);
        if (refusal) throw new ResponseError(ErrorCodes.InvalidParams, refusal);
        // The rename request waits for the whole workspace; a quick fix that renames (to PascalCase)
        // asks from inside a code action, while the files an edit affects may still wait for the pause.
        if (this.builder instanceof EventloomDocumentBuilder) await this.builder.dependentsBuilt();
        const changes: Record<string, TextEdit[]> = {};
        for (const reference of this.references.findReferences(target, { includeDeclaration: true })) {
            const uri = reference.sourceUri.toString();
            const range = this.namePartOf(this.documents.getDocument(reference.sourceUri), reference.segment.range);
            (changes[uri] ??= []).push({ range, newText: params.newName });
        }
        return { changes };
    }

    override prepareRename(document: LangiumDocument, params: PrepareRenameParams): Range | undefined {
        const range = this.renameNodeRange(document, params.position);
        if (!range || !this.targetAt(document, params.position)) return range;
        // On `Other.Event` the qualifier is not what gets renamed: select the name part.
        return this.namePartOf(document, this.referenceRangeAt(document, params.position) ?? range);
    }

    /** The declaration a rename at this position is about (declared here or referenced here). */
    private targetAt(document: LangiumDocument, position: RenameParams['position']): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        return leaf ? this.references.findDeclarations(leaf)[0] : undefined;
    }

    /** The whole text of a (possibly qualified) reference around the position. */
    private referenceRangeAt(document: LangiumDocument, position: RenameParams['position']): Range | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        // The leaf is one part of a `QualifiedName`; its container holds the whole name.
        const inQualifiedName = leaf?.grammarSource && AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule)?.name === 'QualifiedName';
        const composite: CstNode | undefined = inQualifiedName ? leaf.container : undefined;
        return composite?.range;
    }

    /** `Banking.AccountOpened` -> the range of `AccountOpened`; a simple name stays as it is. */
    private namePartOf(document: LangiumDocument | undefined, range: Range): Range {
        const text = document?.textDocument.getText(range) ?? '';
        const dot = text.lastIndexOf('.');
        if (dot < 0 || range.start.line !== range.end.line) return range;
        const nameStart = text.length - text.slice(dot + 1).trimStart().length;
        return { start: { line: range.start.line, character: range.start.character + nameStart }, end: range.end };
    }

    private refusal(target: AstNode, newName: string): string | undefined {
        if (isContextDeclaration(target)) {
            return 'Renaming a context is not supported: a context spans several files and other contexts qualify its events. Edit the `context` lines and the `Context.Event` references by hand.';
        }
        if (isScenario(target) || (target as { name?: string }).name === newName) return undefined;
        const kind = kindOf(target);
        if (!IDENTIFIER.test(newName)) {
            return `'${newName}' is not a valid name: use letters, digits and _ only, starting with a letter (for example 'AccountOpened').`;
        }
        const isFieldName = isField(target) || isStreamId(target) || isReadModelKey(target);
        if (isFieldName || isEnumMember(target)) {
            if (isEnumMember(target) && this.keywords.has(newName)) {
                return `'${newName}' is a keyword of the language and cannot name an enum member: choose another name.`;
            }
            return undefined;
        }
        if (this.keywords.has(newName)) {
            return `'${newName}' is a keyword of the language and cannot name ${withArticle(kind)}: choose another name.`;
        }
        if (TYPESCRIPT_RESERVED_WORDS.has(newName)) {
            return `'${newName}' is a reserved word in TypeScript and cannot name ${withArticle(kind)} (the generated code would not compile): choose another name.`;
        }
        const contextName = contextNameOf(target);
        const taken = this.index.declarationsNamed(qualifiedName(contextName, newName));
        if (taken.length > 0) {
            return `Context ${contextName} already has ${withArticle(kindOf({ $type: taken[0].type } as AstNode))} named '${newName}': choose another name.`;
        }
        return undefined;
    }
}
