/**
 * Quick fixes, keyed on the diagnostics' `data.code`: create what an unresolved name refers to,
 * rename to PascalCase, add a missing stream id, add a missing `emits` with a new event, add the
 * missing `context` line, write the `upcast` of a bumped event version, map an emitted event's
 * fields that get no value; and, at the cursor, model a `rejects E` with `requires … else E`.
 */
import { DocumentValidator, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import type { DeclarationIndex } from '../../workspace/declaration-index.js';
import { IssueCodes } from '../../validation/issue-codes.js';
import { addRequiresForRejection } from './add-requires.js';
import { createMissingDeclaration } from './create-missing-declaration.js';
import { addMissingContext, addMissingEmits, addMissingStreamId } from './structure-fixes.js';
import { renameToPascalCase } from './rename-to-pascal-case.js';
import { addUpcastSkeleton } from './upcast-skeleton.js';
import { mapMissingFields } from './map-missing-fields.js';

export type CodeActionServices = LangiumServices & { workspace: { DeclarationIndex: DeclarationIndex } };

export class EventloomCodeActionProvider implements CodeActionProvider {

    constructor(private readonly services: CodeActionServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        return Promise.all(params.context.diagnostics.map(diagnostic => this.fixesFor(document, diagnostic)))
            .then(fixes => [...fixes.flat(), ...this.actionsAt(document, params)]);
    }

    /** What the cursor's place offers without a diagnostic there. */
    private actionsAt(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        return addRequiresForRejection(document, params.range);
    }

    private async fixesFor(document: LangiumDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
        const code = (diagnostic.data as { code?: string } | undefined)?.code;
        switch (code) {
            case DocumentValidator.LinkingError: return createMissingDeclaration(this.services, document, diagnostic);
            case IssueCodes.NotPascalCase: return renameToPascalCase(this.services, document, diagnostic);
            case IssueCodes.MissingStreamId: return addMissingStreamId(document, diagnostic);
            case IssueCodes.MissingContext: return addMissingContext(document, diagnostic);
            case IssueCodes.MissingEmits: return addMissingEmits(this.services, document, diagnostic);
            case IssueCodes.MissingUpcast: return addUpcastSkeleton(document, diagnostic);
            case IssueCodes.EmittedFieldWithoutValue: return mapMissingFields(document, diagnostic);
            default: return [];
        }
    }
}
