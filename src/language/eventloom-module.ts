/**
 * The Eventloom language services: Langium's defaults plus our scoping, linking messages,
 * workspace index and validators, all injected here (no singletons, no module state). Two
 * factories: the language server's (with every editor feature) and a core-only one for the CLI
 * (parse, link, validate: no LSP services at all).
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject, type DefaultSharedCoreModuleContext, type LangiumCoreServices,
    type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { EventloomGeneratedModule, EventloomGeneratedSharedModule, EventloomLanguageMetaData } from './generated/module.js';
import { EventloomLinker } from './linking/eventloom-linker.js';
import { LinkEpochs } from './linking/link-epochs.js';
import { EventloomLspModule, EventloomSharedLspModule } from './lsp/eventloom-lsp-module.js';
import { HoverNotes } from './lsp/hover-notes.js';
import { createEventloomCompletionParser, createEventloomParser } from './parser/eventloom-parser.js';
import { EventloomLexer } from './parser/eventloom-lexer.js';
import { EventloomLexerErrorMessageProvider } from './parser/eventloom-lexer-error-messages.js';
import { EventloomParserErrorMessageProvider } from './parser/eventloom-parser-error-messages.js';
import { InternalFailures } from './safety-net/internal-error.js';
import { EventloomScopeComputation } from './scoping/eventloom-scope-computation.js';
import { EventloomScopeProvider } from './scoping/eventloom-scope-provider.js';
import { BehaviourValidator } from './validation/behaviour-validator.js';
import { EventEffectValidator } from './validation/event-effect-validator.js';
import { EventloomValidationRegistry } from './validation/eventloom-validation-registry.js';
import { EvolutionValidator } from './validation/evolution-validator.js';
import { FlowValidator } from './validation/flow-validator.js';
import { IncrementalDocumentValidator } from './validation/incremental-document-validator.js';
import { LiteralsValidator } from './validation/literals-validator.js';
import { NamesValidator } from './validation/names-validator.js';
import { ReferencesValidator } from './validation/references-validator.js';
import { registerValidators, type EventloomValidators } from './validation/register-validators.js';
import { ScenarioValidator } from './validation/scenario-validator.js';
import { StructureValidator } from './validation/structure-validator.js';
import { DeclarationIndex } from './workspace/declaration-index.js';
import { EventloomDocumentBuilder } from './workspace/eventloom-document-builder.js';
import { DeferredReferenceIndexManager, SynchronousReferenceDescriptionProvider } from './workspace/deferred-reference-index.js';
import { ExportsOnlyIndexManager } from './workspace/exports-only-index-manager.js';
import { ContextSiblingsRevalidation } from './workspace/context-siblings-revalidation.js';
import { EventHandlerIndex } from './workspace/event-handler-index.js';
import { IncrementalDocumentFactory } from './workspace/incremental-document-factory.js';
import { LiveAstNodeDescriptionProvider } from './workspace/live-node-descriptions.js';
import { EventloomDocumentUpdateHandler } from './workspace/document-update-handler.js';

export interface EventloomAddedServices {
    validation: EventloomValidators;
    workspace: {
        InternalFailures: InternalFailures;
        DeclarationIndex: DeclarationIndex;
        ContextSiblingsRevalidation: ContextSiblingsRevalidation;
        EventHandlerIndex: EventHandlerIndex;
        LinkEpochs: LinkEpochs;
    };
    /** Where layers above the language plug in (see `registerScenarioCheck` in src/semantics/). */
    extensions: {
        HoverNotes: HoverNotes;
    };
}

export type EventloomServices = LangiumServices & EventloomAddedServices;

/** Core services only (no LSP): what the CLI needs to parse, link and validate. */
export type EventloomCoreServices = LangiumCoreServices & EventloomAddedServices;

/** Everything Eventloom adds that is not an editor feature: both factories inject it. */
export const EventloomModule: Module<EventloomCoreServices, PartialLangiumCoreServices & EventloomAddedServices> = {
    // Production mode: the parser and the lexer skip chevrotain's grammar self-checks (ambiguity
    // analysis, ~200 ms at every start, printed warnings). They are for whoever changes the
    // grammar: test/language/parser/grammar-self-checks.test.ts runs them.
    LanguageMetaData: () => ({ ...EventloomLanguageMetaData, mode: 'production' }),
    parser: {
        LangiumParser: services => createEventloomParser(services),
        CompletionParser: services => createEventloomCompletionParser(services),
        Lexer: services => new EventloomLexer(services),
        ParserErrorMessageProvider: () => new EventloomParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new EventloomLexerErrorMessageProvider()
    },
    references: {
        ScopeComputation: services => new EventloomScopeComputation(services, services.workspace.InternalFailures),
        ScopeProvider: services => new EventloomScopeProvider(services),
        Linker: services => new EventloomLinker(services, services.workspace.LinkEpochs, () => services.workspace.DeclarationIndex)
    },
    workspace: {
        InternalFailures: () => new InternalFailures(),
        DeclarationIndex: services => new DeclarationIndex(services),
        ContextSiblingsRevalidation: services => new ContextSiblingsRevalidation(services.shared),
        EventHandlerIndex: services => new EventHandlerIndex(services.shared, services.workspace.LinkEpochs),
        LinkEpochs: () => new LinkEpochs(),
        AstNodeDescriptionProvider: services => new LiveAstNodeDescriptionProvider(services)
    },
    extensions: {
        HoverNotes: () => new HoverNotes()
    },
    validation: {
        // The safety net: a bug in a check becomes one diagnostic saying so (see safety-net/); the
        // checks of a declaration whose inputs did not change are not run again (incremental-document-validator.ts).
        ValidationRegistry: services => new EventloomValidationRegistry(services),
        DocumentValidator: services => new IncrementalDocumentValidator(services, services.workspace.InternalFailures, services.workspace.LinkEpochs),
        StructureValidator: () => new StructureValidator(),
        NamesValidator: services => new NamesValidator(services.workspace.DeclarationIndex, services.workspace.AstNodeLocator),
        ReferencesValidator: () => new ReferencesValidator(),
        LiteralsValidator: () => new LiteralsValidator(),
        ScenarioValidator: () => new ScenarioValidator(),
        FlowValidator: () => new FlowValidator(),
        EventEffectValidator: services => new EventEffectValidator(services.workspace.EventHandlerIndex),
        BehaviourValidator: () => new BehaviourValidator(),
        EvolutionValidator: () => new EvolutionValidator()
    }
};

/**
 * Shared services: an edit inside one declaration re-parses only that declaration; an edited
 * document is linked and validated before the documents that refer to it.
 */
export const EventloomSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        DocumentBuilder: services => new EventloomDocumentBuilder(services),
        LangiumDocumentFactory: services => new IncrementalDocumentFactory(services)
    }
};

/** The CLI's part of the shared services: a one-shot build keeps no reference index (nothing it prints needs one). */
export const EventloomSharedOneShotModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        IndexManager: services => new ExportsOnlyIndexManager(services)
    }
};

/**
 * The language server's part of the shared services: saving a file runs the 'slow' checks, which
 * edits skip; the reference index is recorded when the user pauses (or a request needs it).
 */
export const EventloomSharedEditorModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        IndexManager: services => new DeferredReferenceIndexManager(services)
    },
    lsp: {
        DocumentUpdateHandler: services => new EventloomDocumentUpdateHandler(services)
    }
};

/** What the deferred reference index needs of each language: references described without yielding. */
const EventloomEditorWorkspaceModule: Module<LangiumServices, PartialLangiumServices> = {
    workspace: {
        ReferenceDescriptionProvider: services => new SynchronousReferenceDescriptionProvider(services)
    }
};

/** The language server's services: Langium's LSP plus every editor feature of Eventloom. */
export function createEventloomServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Eventloom: EventloomServices;
} {
    const shared = inject(createDefaultSharedModule(context), EventloomGeneratedSharedModule, EventloomSharedModule, EventloomSharedEditorModule, EventloomSharedLspModule);
    const Eventloom = inject(createDefaultModule({ shared }), EventloomGeneratedModule, EventloomModule, EventloomLspModule, EventloomEditorWorkspaceModule);
    finishSetUp(shared, Eventloom, context.connection === undefined);
    return { shared, Eventloom };
}

/**
 * Core services only, for the command line: the same parser, scoping, linker and validators as
 * the language server (so the same diagnostics), without completion, hover, formatting and the
 * rest of the LSP layer, and without the reference index (find references, rename: editor requests).
 */
export function createEventloomCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Eventloom: EventloomCoreServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), EventloomGeneratedSharedModule, EventloomSharedModule, EventloomSharedOneShotModule);
    const Eventloom = inject(createDefaultCoreModule({ shared }), EventloomGeneratedModule, EventloomModule);
    finishSetUp(shared, Eventloom, true);
    return { shared, Eventloom };
}

function finishSetUp(shared: LangiumSharedCoreServices, Eventloom: EventloomCoreServices, withoutClient: boolean): void {
    shared.ServiceRegistry.register(Eventloom);
    registerValidators(Eventloom);
    // Created eagerly: it listens to document updates from the start.
    void Eventloom.workspace.ContextSiblingsRevalidation;
    void Eventloom.workspace.EventHandlerIndex;
    if (withoutClient) {
        // Without a language client nothing sends the workspace configuration: mark it as received.
        shared.workspace.ConfigurationProvider.initialized({});
    }
}
