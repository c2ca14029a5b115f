/**
 * Outline: the file's context at the top with its declarations inside, and each aggregate with its
 * id, commands, events and errors nested below it (Langium's default lists the context as a
 * sibling of everything else).
 */
import type { LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';

export class EventloomDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    override getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const model = document.parseResult.value as Model;
        const elements = model.elements.flatMap(element => this.getSymbol(document, element));
        const context = model.context;
        const nameNode = context && this.nameProvider.getNameNode(context);
        if (!context?.$cstNode || !nameNode || !model.$cstNode) return elements;
        return [{
            ...this.createSymbol(document, context, context.$cstNode, nameNode),
            // The context holds the whole file (even when its line is misplaced below a declaration).
            range: model.$cstNode.range,
            children: elements
        }];
    }
}
