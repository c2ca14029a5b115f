/**
 * Semantic highlighting for what the TextMate grammar cannot know: whether a name in `emits`,
 * `on`, `given`, … is a command, an event, a read model or an error, and the same for declared
 * names. Standard token types only, so every colour theme styles them.
 */
import { AstUtils, type AstNode, type AstReflection } from 'langium';
import { AbstractSemanticTokenProvider, type LangiumServices, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isTypeReference } from '../generated/ast.js';

/** Token type per declaration type; references are highlighted like the declaration they point to. */
export const TOKEN_TYPE_OF: Readonly<Record<string, string>> = {
    ContextDeclaration: SemanticTokenTypes.namespace,
    Aggregate: SemanticTokenTypes.class,
    Command: SemanticTokenTypes.function,
    Event: SemanticTokenTypes.event,
    DomainError: SemanticTokenTypes.type,
    ReadModel: SemanticTokenTypes.interface,
    Query: SemanticTokenTypes.method,
    Policy: SemanticTokenTypes.macro,
    Enum: SemanticTokenTypes.enum,
    EnumMember: SemanticTokenTypes.enumMember,
    ValueType: SemanticTokenTypes.struct,
    DataType: SemanticTokenTypes.type,
    Field: SemanticTokenTypes.property,
    StreamId: SemanticTokenTypes.property,
    ReadModelKey: SemanticTokenTypes.property
};

export class EventloomSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly reflection: AstReflection;

    constructor(services: LangiumServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = TOKEN_TYPE_OF[node.$type];
        if (declared && 'name' in node && node.$type !== 'Scenario') {
            acceptor({ node, property: 'name' as never, type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        if (isTypeReference(node) && node.primitive) {
            acceptor({ node, property: 'primitive', type: SemanticTokenTypes.type, modifier: SemanticTokenModifiers.defaultLibrary });
        }
        for (const info of AstUtils.streamReferences(node)) {
            const cst = info.reference.$refNode;
            if (!cst) continue;
            const target = 'ref' in info.reference ? info.reference.ref : undefined;
            const type = TOKEN_TYPE_OF[target?.$type ?? this.reflection.getReferenceType(info)];
            if (!type) continue;
            const leaves = leavesOf(cst);
            if (leaves.length === 3 && leaves[1].text === '.') {
                // `Other.Event`: the qualifier is a context, the rest the referenced declaration.
                this.highlightToken({ range: leaves[0].range, type: SemanticTokenTypes.namespace });
                this.highlightToken({ range: leaves[2].range, type });
            } else {
                this.highlightToken({ range: cst.range, type });
            }
        }
    }
}

function leavesOf(cst: NonNullable<AstNode['$cstNode']>): Array<{ text: string; range: NonNullable<AstNode['$cstNode']>['range'] }> {
    const children = (cst as { content?: Array<NonNullable<AstNode['$cstNode']>> }).content;
    if (!children) return [cst];
    return children.filter(child => !child.hidden).flatMap(leavesOf);
}
