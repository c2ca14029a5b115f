/**
 * The editor features of the language server, one provider per feature; merged into the
 * Eventloom module (`lsp`) and the shared module (`NodeKindProvider`, used by outline, workspace
 * symbols and completion alike).
 */
import type { Module } from 'langium';
import type { LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import type { DeclarationIndex } from '../workspace/declaration-index.js';
import { EventloomCodeActionProvider } from './code-actions/eventloom-code-action-provider.js';
import { EventloomCodeLensProvider } from './eventloom-code-lens-provider.js';
import { EventloomCompletionProvider } from './eventloom-completion-provider.js';
import { EventloomDocumentSymbolProvider } from './eventloom-document-symbol-provider.js';
import { EventloomFormatter } from './eventloom-formatter.js';
import { EventloomHoverProvider } from './eventloom-hover-provider.js';
import type { HoverNotes } from './hover-notes.js';
import { EventloomNodeKindProvider } from './eventloom-node-kind-provider.js';
import { EventloomRenameProvider } from './eventloom-rename-provider.js';
import { EventloomSemanticTokenProvider } from './eventloom-semantic-token-provider.js';
import { EventloomWorkspaceSymbolProvider } from './eventloom-workspace-symbol-provider.js';

type ServicesWithIndex = LangiumServices & { workspace: { DeclarationIndex: DeclarationIndex }; extensions: { HoverNotes: HoverNotes } };

export const EventloomLspModule: Module<ServicesWithIndex, PartialLangiumServices> = {
    lsp: {
        CompletionProvider: services => new EventloomCompletionProvider(services),
        HoverProvider: services => new EventloomHoverProvider(services),
        RenameProvider: services => new EventloomRenameProvider(services),
        DocumentSymbolProvider: services => new EventloomDocumentSymbolProvider(services),
        Formatter: () => new EventloomFormatter(),
        SemanticTokenProvider: services => new EventloomSemanticTokenProvider(services),
        CodeLensProvider: () => new EventloomCodeLensProvider(),
        CodeActionProvider: services => new EventloomCodeActionProvider(services)
    }
};

export const EventloomSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        NodeKindProvider: () => new EventloomNodeKindProvider(),
        WorkspaceSymbolProvider: services => new EventloomWorkspaceSymbolProvider(services)
    }
};
