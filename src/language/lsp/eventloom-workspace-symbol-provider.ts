/**
 * Workspace symbols: every declaration by its simple name, with its context as the container, so
 * that typing `Opened` finds `Banking.Opened` (Langium's fuzzy match would need the query to
 * start with the context name).
 */
import { interruptAndCheck, type AstNodeDescription, type IndexManager } from 'langium';
import type { FuzzyMatcher, LangiumSharedServices, NodeKindProvider, WorkspaceSymbolProvider } from 'langium/lsp';
import { CancellationToken, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import { splitQualifiedName } from '../scoping/qualified-names.js';

export class EventloomWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    private readonly indexManager: IndexManager;
    private readonly nodeKindProvider: NodeKindProvider;
    private readonly fuzzyMatcher: FuzzyMatcher;

    constructor(services: LangiumSharedServices) {
        this.indexManager = services.workspace.IndexManager;
        this.nodeKindProvider = services.lsp.NodeKindProvider;
        this.fuzzyMatcher = services.lsp.FuzzyMatcher;
    }

    async getSymbols(params: WorkspaceSymbolParams, cancelToken = CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const symbols: WorkspaceSymbol[] = [];
        for (const description of this.indexManager.allElements()) {
            await interruptAndCheck(cancelToken);
            const split = splitQualifiedName(description.name);
            const name = split?.name ?? description.name;
            if (!this.fuzzyMatcher.match(params.query, name) && !this.fuzzyMatcher.match(params.query, description.name)) continue;
            const symbol = this.symbolOf(description, name, split?.context);
            if (symbol) symbols.push(symbol);
        }
        return symbols;
    }

    private symbolOf(description: AstNodeDescription, name: string, containerName: string | undefined): WorkspaceSymbol | undefined {
        const range = description.nameSegment?.range;
        if (!range) return undefined;
        return { name, containerName, kind: this.nodeKindProvider.getSymbolKind(description), location: { uri: description.documentUri.toString(), range } };
    }
}
