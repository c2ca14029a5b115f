/**
 * Each runtime compiles against its own library: src/ is Node-only (tsconfig.json), the webview
 * is a browser program (src/preview/webview/tsconfig.json). `document` in the language layer, or
 * `process` in the webview, does not compile. Checked with the project's own tsconfig files.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

/** The diagnostics of one virtual file compiled under a project's tsconfig. */
function diagnosticsOf(tsconfig: string, file: string, text: string): string[] {
    const configPath = join(root, tsconfig);
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    assert.ok(config, `${tsconfig} parses`);
    const path = join(root, file);
    const host = ts.createCompilerHost(config.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => name === path ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = name => name === path || fileExists(name);
    const program = ts.createProgram([path], config.options, host);
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(path)).map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('each runtime compiles against its own library', function () {
    this.timeout(120_000);

    it('the language layer cannot use the DOM', () => {
        const errors = diagnosticsOf('tsconfig.json', 'src/language/uses-dom.ts', 'export const title = document.title + window.location.href;\n');
        assert.ok(errors.some(error => /Cannot find name 'document'/.test(error)), JSON.stringify(errors));
        assert.ok(errors.some(error => /Cannot find name 'window'/.test(error)), JSON.stringify(errors));
    });

    it('the webview cannot use Node', () => {
        const errors = diagnosticsOf('src/preview/webview/tsconfig.json', 'src/preview/webview/uses-node.ts', 'export const cwd = process.cwd();\nexport const title = document.title;\n');
        assert.deepEqual(errors.filter(error => !/Cannot find name 'process'/.test(error)), [], 'the DOM is there');
        assert.ok(errors.some(error => /Cannot find name 'process'/.test(error)), JSON.stringify(errors));
    });
});
