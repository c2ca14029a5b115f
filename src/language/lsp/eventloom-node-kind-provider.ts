/** Symbol and completion kinds per declaration, so outline, workspace symbols and completion show what a name is. */
import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

const KINDS: Record<string, { symbol: SymbolKind; completion: CompletionItemKind }> = {
    ContextDeclaration: { symbol: SymbolKind.Namespace, completion: CompletionItemKind.Module },
    Aggregate: { symbol: SymbolKind.Class, completion: CompletionItemKind.Class },
    StreamId: { symbol: SymbolKind.Key, completion: CompletionItemKind.Field },
    Command: { symbol: SymbolKind.Method, completion: CompletionItemKind.Method },
    Event: { symbol: SymbolKind.Event, completion: CompletionItemKind.Event },
    DomainError: { symbol: SymbolKind.Object, completion: CompletionItemKind.Struct },
    Enum: { symbol: SymbolKind.Enum, completion: CompletionItemKind.Enum },
    EnumMember: { symbol: SymbolKind.EnumMember, completion: CompletionItemKind.EnumMember },
    ValueType: { symbol: SymbolKind.Struct, completion: CompletionItemKind.Struct },
    Field: { symbol: SymbolKind.Field, completion: CompletionItemKind.Field },
    ReadModel: { symbol: SymbolKind.Interface, completion: CompletionItemKind.Interface },
    ReadModelKey: { symbol: SymbolKind.Key, completion: CompletionItemKind.Field },
    Query: { symbol: SymbolKind.Function, completion: CompletionItemKind.Function },
    Policy: { symbol: SymbolKind.Operator, completion: CompletionItemKind.Operator },
    Scenario: { symbol: SymbolKind.Constant, completion: CompletionItemKind.Text }
};

export class EventloomNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return KINDS[typeOf(node)]?.symbol ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return KINDS[typeOf(node)]?.completion ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}
