/**
 * The custom LSP request `eventloom/generate`: the language server (which holds the parsed
 * models) generates the workspace's TypeScript into a folder; the extension asks for it. Plain
 * method name and interfaces: this module must stay light, it never imports ts-morph.
 */

export const GENERATE_REQUEST = 'eventloom/generate';

export interface GenerateParams {
    /** Absolute path of the output folder. */
    outDir: string;
    /** Generate even into a folder holding files Eventloom did not write (they are left alone). */
    force?: boolean;
}

export interface GenerateResult {
    written: string[];
    unchanged: string[];
    /** User code kept but marked obsolete (`path: function`, or a whole file). */
    obsolete: string[];
    outDir: string;
}
