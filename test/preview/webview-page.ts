/**
 * The real webview bundle and page (its Content Security Policy included) in headless Chromium,
 * with a stand-in for VS Code's API that records what the webview sends.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { LaidOutBoard } from '../../src/protocol/board.js';
import type { LaidOutFlowGraph } from '../../src/protocol/flow-graph.js';
import { packPreview } from '../../src/protocol/packed-preview.js';
import type { FromWebviewMessage, PreviewState, ToWebviewMessage } from '../../src/protocol/webview-messages.js';
import { previewHtml } from '../../src/preview/panel/webview-html.js';
import { launchChromium } from '../kit/chromium.js';
import { REPO_ROOT } from './preview-test-kit.js';

export interface WebviewPage {
    page: Page;
    /** Every message the webview posted, in order. */
    sent(): Promise<FromWebviewMessage[]>;
    /** What the webview last saved with setState. */
    savedState(): Promise<PreviewState | undefined>;
    /** A graph given as objects (`graph`, `board`) is packed first, as the panel packs it. */
    post(message: ToWebviewMessage | UnpackedGraphMessage): Promise<void>;
    /** Waits until the webview has posted a message of this type more than `after` times. */
    waitForSent(type: FromWebviewMessage['type'], after?: number): Promise<void>;
    /** Requests the page made other than for the page and its bundle. */
    foreignRequests(): string[];
    close(): Promise<void>;
}

/** The `graph` message with the graph and board as objects, as the tests build them. */
export type UnpackedGraphMessage = Omit<Extract<ToWebviewMessage, { type: 'graph' }>, 'preview'> & { graph: LaidOutFlowGraph; board?: LaidOutBoard };

/** The message the panel would post for it. */
export function packed(message: ToWebviewMessage | UnpackedGraphMessage): ToWebviewMessage {
    if (!('graph' in message)) return message;
    const { graph, board, ...rest } = message;
    return { ...rest, preview: packPreview(graph, board) };
}

export async function openWebview(viewport = { width: 1200, height: 800 }): Promise<WebviewPage> {
    const dir = mkdtempSync(path.join(tmpdir(), 'eventloom-webview-'));
    await esbuild.build({ entryPoints: [path.join(REPO_ROOT, 'src/preview/webview/main.ts')], bundle: true, outfile: path.join(dir, 'webview.js'), format: 'iife', platform: 'browser', logLevel: 'warning' });
    const html = previewHtml({ cspSource: 'file:', scriptUri: 'webview.js', styleUri: 'webview.css' }, 'dGVzdA==')
        .replace('<script nonce', '<script nonce="dGVzdA==">window.sent = []; window.saved = undefined; window.acquireVsCodeApi = () => ({ postMessage: m => window.sent.push(m), getState: () => window.saved, setState: s => { window.saved = s; } });</script>\n<script nonce');
    writeFileSync(path.join(dir, 'index.html'), html);
    const browser: Browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    const requests: string[] = [];
    page.on('request', request => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    await page.goto(`file://${path.join(dir, 'index.html')}`);
    const sent = () => page.evaluate(() => (window as unknown as { sent: FromWebviewMessage[] }).sent);
    await page.waitForFunction(() => (window as unknown as { sent: Array<{ type: string }> }).sent.some(m => m.type === 'ready'));
    return {
        page,
        sent,
        savedState: () => page.evaluate(() => (window as unknown as { saved?: PreviewState }).saved),
        post: async message => { await page.evaluate(m => window.postMessage(m, '*'), packed(message)); },
        waitForSent: async (type, after = 0) => {
            await page.waitForFunction(([t, n]) => (window as unknown as { sent: Array<{ type: string }> }).sent.filter(m => m.type === t).length > (n as number), [type, after] as const);
            if (errors.length > 0) throw new Error(`the webview threw: ${errors.join('; ')}`);
        },
        foreignRequests: () => requests.filter(url => !/\/(index\.html|webview\.js|webview\.css)$/.test(url)),
        close: async () => {
            await browser.close();
            rmSync(dir, { recursive: true, force: true });
        }
    };
}
