/**
 * The safety net's wording and memory. An exception inside a validator, a scope computation or a
 * custom request is a bug in Eventloom, never the user's fault: the user gets one clear diagnostic
 * (or response error) naming the file and saying so, instead of a stack trace, and the other
 * checks still run.
 */
import { type LangiumDocument, URI } from 'langium';

/** The code of the safety net's diagnostics: not a validation rule (IssueCodes), a bug report. */
export const INTERNAL_ERROR_CODE = 'eventloom.internal-error';

/** The sentence every safety-net message contains; tests and the fuzzer look for it. */
export const BUG_NOTICE = 'This is a bug in Eventloom, not a problem in your model: please report it with this file.';

/** `checksGoOn`: said in diagnostics, where the other checks' findings sit beside this one. */
export function internalErrorMessage(while_: string, file: string | undefined, error: unknown, checksGoOn = true): string {
    const reason = error instanceof Error ? error.message : String(error);
    return `Eventloom failed while ${while_}${file ? ` in ${file}` : ''} (${reason}). ${BUG_NOTICE}${checksGoOn ? ' The other checks still ran.' : ''}`;
}

/** The file name of a document URI, as the messages show it. */
export function fileNameOf(uri: URI | string | undefined): string | undefined {
    if (uri === undefined) return undefined;
    const parsed = typeof uri === 'string' ? URI.parse(uri) : uri;
    return parsed.path.split('/').pop() || parsed.toString();
}

/**
 * Failures that happened outside validation (while computing a document's exported symbols),
 * kept per document until its next validation turns them into diagnostics.
 */
export class InternalFailures {
    private readonly failures = new WeakMap<LangiumDocument, string[]>();

    record(document: LangiumDocument, message: string): void {
        const list = this.failures.get(document) ?? [];
        list.push(message);
        this.failures.set(document, list);
    }

    /** The document's failures since the last call. */
    take(document: LangiumDocument): string[] {
        const list = this.failures.get(document) ?? [];
        this.failures.delete(document);
        return list;
    }
}
