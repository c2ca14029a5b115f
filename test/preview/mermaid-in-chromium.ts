/**
 * The real `mermaid` package (its browser bundle) in headless Chromium: parses and renders diagram
 * text and reports what Mermaid said, so the exports are checked by the renderer users have.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../kit/chromium.js';
import { REPO_ROOT } from './preview-test-kit.js';

export interface MermaidRendering {
    /** Mermaid's parse or render error, if any. */
    error?: string;
    svg: string;
    /** Mermaid drew its error placeholder (the bomb icon) instead of the diagram. */
    errorDrawn: boolean;
    /** Texts of the rendered SVG, to check what it shows. */
    texts: string[];
}

export class MermaidInChromium {
    private constructor(private readonly browser: Browser, private readonly page: Page) {}

    static async start(): Promise<MermaidInChromium> {
        const browser = await launchChromium();
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
        await page.addScriptTag({ path: path.join(REPO_ROOT, 'node_modules/mermaid/dist/mermaid.min.js') });
        await page.evaluate(() => (window as unknown as { mermaid: { initialize(config: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
        return new MermaidInChromium(browser, page);
    }

    async render(text: string): Promise<MermaidRendering> {
        return this.page.evaluate(async source => {
            const mermaid = (window as unknown as { mermaid: { parse(text: string): Promise<unknown>; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
            try {
                await mermaid.parse(source);
                const { svg } = await mermaid.render(`diagram${Math.floor(Math.random() * 1e9)}`, source);
                const holder = document.getElementById('out')!;
                holder.innerHTML = svg;
                const texts = [...holder.querySelectorAll('text, foreignObject')].map(element => (element.textContent ?? '').trim()).filter(Boolean);
                const errorDrawn = holder.querySelector('.error-icon, .error-text') !== null;
                holder.innerHTML = '';
                return { svg, texts, errorDrawn };
            } catch (error) {
                return { error: error instanceof Error ? error.message : String(error), svg: '', texts: [], errorDrawn: false };
            }
        }, text);
    }

    async close(): Promise<void> {
        await this.browser.close();
    }
}
