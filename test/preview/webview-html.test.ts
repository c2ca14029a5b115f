/** The webview page: a strict CSP with a fresh nonce, no inline script or handler, nothing remote. */
import * as assert from 'node:assert/strict';
import { createNonce, previewHtml } from '../../src/preview/panel/webview-html.js';

const resources = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview.css'
};

describe('preview webview HTML', () => {
    it('allows only the bundle\'s stylesheet and the one script carrying the nonce', () => {
        const html = previewHtml(resources, 'bm9uY2U=');
        const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
        assert.equal(csp, "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net; "
            + "font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-bm9uY2U='");
        const scripts = html.match(/<script[^>]*>/g) ?? [];
        assert.deepEqual(scripts, [`<script nonce="bm9uY2U=" src="${resources.scriptUri}">`]);
        assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
        assert.doesNotMatch(html, /style="/, 'no inline styles');
        assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    });

    it('makes a new random nonce each time', () => {
        const nonces = new Set(Array.from({ length: 20 }, createNonce));
        assert.equal(nonces.size, 20);
        for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
    });
});
