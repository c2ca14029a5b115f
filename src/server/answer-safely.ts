/**
 * The safety net of the custom requests: an exception a handler did not mean to throw is a bug in
 * Eventloom. The client then gets one response error that says so (never a bare TypeError
 * message), and the server's log gets its stack, for the bug report.
 */
import { ResponseError } from 'vscode-languageserver';
import { internalErrorMessage } from '../language/safety-net/internal-error.js';

/** JSON-RPC's code for a failure inside the server. */
export const INTERNAL_ERROR = -32603;

/** Errors of the environment (a folder that cannot be written, a full disk) carry an errno code; bugs do not. */
export function isProgrammingError(error: unknown): boolean {
    return error instanceof Error && !(error as NodeJS.ErrnoException).code && !(error instanceof ResponseError);
}

export function bugResponse(while_: string, error: unknown): ResponseError<void> {
    return new ResponseError(INTERNAL_ERROR, internalErrorMessage(while_, undefined, error, false));
}

/** The handler, with every unexpected exception turned into `bugResponse`; its own ResponseErrors pass. */
export function answerSafely<P, R>(while_: string, handler: (params: P) => Promise<R>): (params: P) => Promise<R> {
    return async params => {
        try {
            return await handler(params);
        } catch (error) {
            if (error instanceof ResponseError) throw error;
            throw bugResponse(while_, error);
        }
    };
}
