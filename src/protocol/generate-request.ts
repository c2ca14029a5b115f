/**
 * The custom LSP request `eventloom/generate`: the language server (which holds the parsed
 * models) generates the workspace's TypeScript into a folder; the extension asks for it. Types
 * only and a request constant: this module must stay light, it never imports ts-morph.
 */
import { RequestType } from 'vscode-languageserver-protocol';

export interface GenerateParams {
    /** Absolute path of the output folder. */
    outDir: string;
    /** Generate even into a folder holding files Eventloom did not write (they are left alone). */
    force?: boolean;
    /** `emmett` also writes app.ts, the application on Emmett (setting `eventloom.generate.runtime`). */
    runtime?: 'none' | 'emmett';
}

export interface GenerateResult {
    written: string[];
    unchanged: string[];
    /** User code kept but marked obsolete (`path: function`, or a whole file). */
    obsolete: string[];
    outDir: string;
}

/**
 * Why Generate refused or failed, as the `data` of the request's `ResponseError`: the client
 * decides what to offer from this, never from the wording of the message.
 */
export type GenerateFailureReason =
    /** No output folder was given. */
    | 'noOutputFolder'
    /** A model has an error (or is still being checked): nothing was written. */
    | 'modelHasErrors'
    /** The workspace has no `.loom` files. */
    | 'noModels'
    /** The output folder holds files Eventloom did not write: `force` would generate anyway. */
    | 'foreignFiles'
    /** The output folder cannot be used (not a folder, another tool's manifest, a path outside it). */
    | 'unusableOutputFolder'
    /** Anything else (an I/O error, a bug). */
    | 'failed';

export interface GenerateFailure {
    reason: GenerateFailureReason;
}

export const GenerateRequest = new RequestType<GenerateParams, GenerateResult, GenerateFailure>('eventloom/generate');

const REASONS: ReadonlySet<string> = new Set<GenerateFailureReason>(['noOutputFolder', 'modelHasErrors', 'noModels', 'foreignFiles', 'unusableOutputFolder', 'failed']);

/** The structured reason of a failed Generate request, read from the `ResponseError` the client rejects with. */
export function generateFailureOf(error: unknown): GenerateFailure | undefined {
    const data = typeof error === 'object' && error !== null ? (error as { data?: unknown }).data : undefined;
    const reason = typeof data === 'object' && data !== null ? (data as { reason?: unknown }).reason : undefined;
    return typeof reason === 'string' && REASONS.has(reason) ? { reason: reason as GenerateFailureReason } : undefined;
}
