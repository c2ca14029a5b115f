/**
 * The Eventloom language services: Langium's defaults plus our scoping, linking messages,
 * workspace index and validators, all injected here (no singletons, no module state).
 */
import { inject, type LangiumCoreServices, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { EventloomGeneratedModule, EventloomGeneratedSharedModule } from './generated/module.js';
import { EventloomLinker } from './linking/eventloom-linker.js';
import { EventloomLspModule, EventloomSharedLspModule } from './lsp/eventloom-lsp-module.js';
import { HoverNotes } from './lsp/hover-notes.js';
import { EventloomLexer } from './parser/eventloom-lexer.js';
import { EventloomLexerErrorMessageProvider } from './parser/eventloom-lexer-error-messages.js';
import { EventloomParserErrorMessageProvider } from './parser/eventloom-parser-error-messages.js';
import { EventloomScopeComputation } from './scoping/eventloom-scope-computation.js';
import { EventloomScopeProvider } from './scoping/eventloom-scope-provider.js';
import { EventEffectValidator } from './validation/event-effect-validator.js';
import { FlowValidator } from './validation/flow-validator.js';
import { LiteralsValidator } from './validation/literals-validator.js';
import { NamesValidator } from './validation/names-validator.js';
import { ReferencesValidator } from './validation/references-validator.js';
import { registerValidators, type EventloomValidators } from './validation/register-validators.js';
import { ScenarioValidator } from './validation/scenario-validator.js';
import { StructureValidator } from './validation/structure-validator.js';
import { DeclarationIndex } from './workspace/declaration-index.js';
import { EventloomDocumentBuilder } from './workspace/eventloom-document-builder.js';
import { ContextSiblingsRevalidation } from './workspace/context-siblings-revalidation.js';
import { EventHandlerIndex } from './workspace/event-handler-index.js';
import { IncrementalDocumentFactory } from './workspace/incremental-document-factory.js';
import { EventloomDocumentUpdateHandler } from './workspace/slow-checks-on-save.js';

export interface EventloomAddedServices {
    validation: EventloomValidators;
    workspace: {
        DeclarationIndex: DeclarationIndex;
        ContextSiblingsRevalidation: ContextSiblingsRevalidation;
        EventHandlerIndex: EventHandlerIndex;
    };
    /** Where layers above the language plug in (see `registerScenarioCheck` in src/semantics/). */
    extensions: {
        HoverNotes: HoverNotes;
    };
}

export type EventloomServices = LangiumServices & EventloomAddedServices;

/** Core services only (no LSP): what the CLI, the generator and the tests need. */
export type EventloomCoreServices = LangiumCoreServices & EventloomAddedServices;

export const EventloomModule: Module<EventloomServices, PartialLangiumServices & EventloomAddedServices> = {
    parser: {
        Lexer: services => new EventloomLexer(services),
        ParserErrorMessageProvider: () => new EventloomParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new EventloomLexerErrorMessageProvider()
    },
    references: {
        ScopeComputation: services => new EventloomScopeComputation(services),
        ScopeProvider: services => new EventloomScopeProvider(services),
        Linker: services => new EventloomLinker(services)
    },
    workspace: {
        DeclarationIndex: services => new DeclarationIndex(services),
        ContextSiblingsRevalidation: services => new ContextSiblingsRevalidation(services.shared),
        EventHandlerIndex: services => new EventHandlerIndex(services.shared)
    },
    extensions: {
        HoverNotes: () => new HoverNotes()
    },
    validation: {
        StructureValidator: () => new StructureValidator(),
        NamesValidator: services => new NamesValidator(services.workspace.DeclarationIndex, services.workspace.AstNodeLocator),
        ReferencesValidator: () => new ReferencesValidator(),
        LiteralsValidator: () => new LiteralsValidator(),
        ScenarioValidator: () => new ScenarioValidator(),
        FlowValidator: () => new FlowValidator(),
        EventEffectValidator: services => new EventEffectValidator(services.workspace.EventHandlerIndex)
    }
};

/**
 * Shared services: an edit inside one declaration re-parses only that declaration; an edited
 * document is linked and validated before the documents that refer to it; saving a file runs the
 * 'slow' checks, which edits skip.
 */
export const EventloomSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new EventloomDocumentBuilder(services),
        LangiumDocumentFactory: services => new IncrementalDocumentFactory(services)
    },
    lsp: {
        DocumentUpdateHandler: services => new EventloomDocumentUpdateHandler(services)
    }
};

export function createEventloomServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Eventloom: EventloomServices;
} {
    const shared = inject(createDefaultSharedModule(context), EventloomGeneratedSharedModule, EventloomSharedModule, EventloomSharedLspModule);
    const Eventloom = inject(createDefaultModule({ shared }), EventloomGeneratedModule, EventloomModule, EventloomLspModule);
    shared.ServiceRegistry.register(Eventloom);
    registerValidators(Eventloom);
    // Created eagerly: it listens to document updates from the start.
    void Eventloom.workspace.ContextSiblingsRevalidation;
    void Eventloom.workspace.EventHandlerIndex;
    if (!context.connection) {
        // Without a language client nothing sends the workspace configuration: mark it as received.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Eventloom };
}
