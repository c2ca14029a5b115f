/**
 * Validation that survives its own bugs. Langium already catches an exception in a check, but it
 * prints the stack on the console (the CLI's stderr, the editor's output channel) and reports
 * "An error occurred during validation: …" as if the model were wrong; an exception outside the
 * checks loses every diagnostic of the document. Here each becomes one error that says it is a bug
 * in Eventloom, on the node being checked, and the remaining checks run.
 */
import {
    AstUtils, DefaultDocumentValidator, isOperationCancelled, ValidationRegistry, type AstNode, type Cancellation, type LangiumCoreServices,
    type LangiumDocument, type MaybePromise, type ParseResult, type ValidationAcceptor, type ValidationCheck, type ValidationOptions
} from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import {
    limitDiagnostics, MAX_DIAGNOSTICS, MAX_SYNTAX_ERRORS, problemsLeftOut, syntaxErrorsLeftOut, unreadableCharactersLeftOut, unresolvedReferencesLeftOut
} from '../validation/diagnostic-limits.js';
import { fileNameOf, INTERNAL_ERROR_CODE, internalErrorMessage, type InternalFailures } from './internal-error.js';

export class SafeValidationRegistry extends ValidationRegistry {
    /**
     * As Langium's, but a check that returns no promise is neither awaited nor wrapped in async
     * functions: per keystroke the checks run on tens of thousands of nodes, and three promises per
     * call were a large part of the validation's cost.
     */
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            let result: MaybePromise<void>;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                this.reportFailure(error, accept, node);
                return;
            }
            return result instanceof Promise ? result.catch(error => this.reportFailure(error, accept, node)) : undefined;
        };
    }

    protected override async handleException(functionality: () => MaybePromise<void>, _messageContext: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            this.reportFailure(error, accept, node);
        }
    }

    private reportFailure(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
        if (isOperationCancelled(error)) throw error;
        const file = fileNameOf(documentUriOf(node));
        accept('error', internalErrorMessage(`checking this ${node.$type}`, file, error), { node, data: { code: INTERNAL_ERROR_CODE } });
    }
}

export class SafeDocumentValidator extends DefaultDocumentValidator {
    constructor(services: LangiumCoreServices, private readonly failures: InternalFailures) {
        super(services);
    }

    // Each kind of diagnostic is cut where it is made (see diagnostic-limits.ts), so each note counts what it left out.

    /** Lexer and parser errors: the first MAX_SYNTAX_ERRORS of each. */
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLexingErrors(parseResult, own, options);
        for (const diagnostic of limitDiagnostics(own, MAX_SYNTAX_ERRORS, unreadableCharactersLeftOut)) diagnostics.push(diagnostic);
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processParsingErrors(parseResult, own, options);
        for (const diagnostic of limitDiagnostics(own, MAX_SYNTAX_ERRORS, syntaxErrorsLeftOut)) diagnostics.push(diagnostic);
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLinkingErrors(document, own, options);
        for (const diagnostic of limitDiagnostics(own, MAX_DIAGNOSTICS, unresolvedReferencesLeftOut)) diagnostics.push(diagnostic);
    }

    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const document = AstUtils.findRootNode(rootNode).$document;
        const earlier = document ? this.failures.take(document).map(message => this.atStart(message)) : [];
        try {
            // Cut here too: Langium adds these with one `push(...all)`, which a few hundred thousand overflow.
            return limitDiagnostics([...earlier, ...await super.validateAst(rootNode, options, cancelToken)], MAX_DIAGNOSTICS, problemsLeftOut);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            return [...earlier, this.atStart(internalErrorMessage('validating the file', fileNameOf(document?.uri), error))];
        }
    }

    /** A failure that belongs to no node: at the start of the file. */
    private atStart(message: string): Diagnostic {
        return {
            severity: DiagnosticSeverity.Error, message, source: this.getSource(),
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            data: { code: INTERNAL_ERROR_CODE }
        };
    }
}

function documentUriOf(node: AstNode) {
    return AstUtils.findRootNode(node).$document?.uri;
}
