/**
 * The board's first draw in the real webview (this tree's bundle and page, its CSP, headless
 * Chromium): from the `graph` message posted with the board until the webview says `rendered`, and
 * until two frames later (painted). The message's structured clone (what postMessage costs for a
 * board this size) is timed on its own. Median of a few draws, each of a fresh message.
 */
import { ensureChromium } from '../../kit/chromium.js';
import { openWebview } from '../../preview/webview-page.js';
import { percentile } from './stats.js';

export interface BoardWebviewResult {
    renderedMs: number;
    paintedMs: number;
    cloneMs: number;
    runs: number;
}

/** Undefined when Chromium is missing and cannot be installed here (the bench is not a test: it says so). */
export async function measureBoardWebview(message: unknown, runs = 3): Promise<BoardWebviewResult | undefined> {
    if (ensureChromium() !== undefined) return undefined;
    const webview = await openWebview({ width: 1200, height: 800 });
    try {
        const { page } = webview;
        await page.click('#view-toggle');
        // A string, evaluated in the page: the bench's own closures are compiled with helpers the page lacks.
        await page.evaluate(`window.__benchMessage = ${JSON.stringify(message)}`);
        const samples: Array<{ rendered: number; painted: number; clone: number }> = [];
        for (let run = 0; run < runs; run++) {
            const before = (await webview.sent()).filter(sent => sent.type === 'rendered').length;
            samples.push(await page.evaluate(`(async () => {
                const clone = performance.now();
                const message = structuredClone(window.__benchMessage);
                const cloneMs = performance.now() - clone;
                const start = performance.now();
                window.postMessage(message, '*');
                await new Promise(resolve => {
                    const check = () => window.sent.filter(sent => sent.type === 'rendered').length > ${before} ? resolve() : setTimeout(check, 1);
                    check();
                });
                const rendered = performance.now() - start;
                await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
                return { rendered, painted: performance.now() - start, clone: cloneMs };
            })()`));
        }
        const median = (values: number[]) => percentile(values, 50);
        return { renderedMs: median(samples.map(s => s.rendered)), paintedMs: median(samples.map(s => s.painted)), cloneMs: median(samples.map(s => s.clone)), runs };
    } finally {
        await webview.close();
    }
}
