/**
 * UI end-to-end test of issue 15's last Done-when: the whole 21k-line bench model fits one screen
 * in the preview, and its SVG export is readable when zoomed. The packaged `.vsix` in code-server,
 * the bench model as the workspace; the export is written by the CLI (the same core as the
 * preview's "Export SVG") and opened in Chromium at 100 %, where the browser's own text metrics
 * say whether labels collide. Screenshots: test-results/screenshots/large-*.png — look at them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { DEFAULT_SIZE, generateBenchModel } from '../../bench/model/bench-model.js';
import { launchBrowser, type Browser } from '../harness/browser.js';
import { installExtension, startCodeServer, type CodeServer } from '../harness/code-server.js';
import { REPO_ROOT, SCREENSHOT_DIR, VSIX_PATH } from '../harness/paths.js';
import { createRunFolder } from '../harness/run-folder.js';
import { eventually, Workbench } from './workbench.js';

export async function runLargeModelEndToEnd(): Promise<boolean> {
    if (!fs.existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run package\` first`);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const run = createRunFolder('large-e2e');
    fs.rmSync(run.workspace, { recursive: true, force: true });
    const model = generateBenchModel(DEFAULT_SIZE);
    for (const file of model.files) {
        fs.mkdirSync(path.dirname(path.join(run.workspace, file.path)), { recursive: true });
        fs.writeFileSync(path.join(run.workspace, file.path), file.text);
    }
    console.log(`  the bench model: ${model.files.length} files, ${model.lines} lines`);
    await installExtension(run, VSIX_PATH);
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    const step = async (name: string, action: () => Promise<void>) => {
        const started = Date.now();
        await action();
        console.log(`  ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    };
    try {
        server = await startCodeServer(run);
        browser = await launchBrowser(run);
        const workbench = new Workbench(browser.page);
        await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
        let frame: Frame | undefined;
        await step('open the preview of the 21k-line model, maximized: Fit shows every context\'s frame on one screen', async () => {
            frame = await openMaximizedPreview(workbench, model.files[0].path);
            await frame.locator('#fit').click();
            const { union, canvas, frames } = await framesOnScreen(frame);
            assert.ok(frames >= 10, `${frames} context frames drawn`);
            assert.ok(union.left >= canvas.left - 1 && union.top >= canvas.top - 1 && union.right <= canvas.right + 1 && union.bottom <= canvas.bottom + 1,
                `every frame lies in the canvas: frames ${JSON.stringify(union)}, canvas ${JSON.stringify(canvas)}`);
            // Fit fills the screen instead of leaving most of it empty.
            assert.ok((union.right - union.left) / (canvas.right - canvas.left) > 0.8 || (union.bottom - union.top) / (canvas.bottom - canvas.top) > 0.8,
                `the frames fill the canvas: ${JSON.stringify(union)} in ${JSON.stringify(canvas)}`);
            await browser!.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'large-1-fit.png') });
        });
        await step('export the whole model as SVG and read it at 100 %: no label covers another or a note\'s name', async () => {
            const svgFile = path.join(run.tmp, 'bench-model.svg');
            const exported = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/eventloom.cjs'), 'export', run.workspace, '--out', svgFile], { encoding: 'utf8' });
            assert.equal(exported.status, 0, `eventloom export: ${exported.stderr}`);
            const page = await browser!.context.newPage();
            try {
                await page.setViewportSize({ width: 1440, height: 900 });
                await page.goto(`file://${svgFile}`);
                const report = await readabilityAt100(page);
                console.log(`       ${report.width} × ${report.height} px (${(report.width / report.height).toFixed(2)} : 1), ${report.names} note names, ${report.stubLabels} stub labels`);
                assert.ok(Math.max(report.width / report.height, report.height / report.width) <= 3, `the SVG is ${report.width} × ${report.height}`);
                assert.ok(report.stubLabels > 100, 'the edges between columns are drawn as labelled stubs');
                assert.deepEqual(report.collisions, [], 'labels that collide');
                assert.ok(report.smallestFont >= 9, `the smallest text is ${report.smallestFont} px at 100 %`);
                // Zoomed in where a column's gutter meets a context with read models fed from elsewhere.
                await page.evaluate(([x, y]) => window.scrollTo(x, y), report.aStubLabel);
                await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'large-2-export-100pct.png') });
            } finally {
                await page.close();
            }
        });
        return true;
    } catch (error) {
        await browser?.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'large-failure.png') }).catch(() => undefined);
        console.error(`  FAIL ${(error as Error).message}\n       screenshot: test-results/screenshots/large-failure.png${server ? `\n       code-server log: ${server.logFile}` : ''}`);
        return false;
    } finally {
        await browser?.close();
        await server?.stop();
    }
}

async function openMaximizedPreview(workbench: Workbench, file: string): Promise<Frame> {
    await workbench.waitUntilLoaded();
    const [folder, name] = [path.dirname(file), path.basename(file)];
    if (folder !== '.') await workbench.explorerItem(folder).click();
    await workbench.openFromExplorer(name);
    await workbench.page.keyboard.press('Control+B');
    // The editor title bar's preview button, as the preview e2e clicks it.
    const button = workbench.page.locator('.editor-actions .action-label[aria-label*="Open Flow Preview"]').first();
    await button.waitFor({ timeout: 60_000 });
    await button.click();
    const frame = await previewFrame(workbench);
    // The language server reads 20k lines first: minutes under load.
    await eventually('the whole model\'s frames are drawn', async () => await frame.locator('.context-group').count() >= 10, 300_000);
    // The preview opened beside the editor, in the second group: make it the active one, which the command maximizes
    // (a click inside the webview does not always move the focus to its group).
    await workbench.page.keyboard.press('Control+2');
    await workbench.page.locator('.editor-group-container.active .tab', { hasText: 'Eventloom Flow' }).waitFor({ timeout: 20_000 });
    // The webview may take the focus a moment later and close the palette: try again until the preview fills the window.
    const fills = async () => ((await workbench.page.locator('.webview').first().boundingBox())?.width ?? 0) > 1200;
    for (let attempt = 0; attempt < 5 && !await fills(); attempt++) {
        await workbench.runCommand('View: Toggle Maximize Editor Group').catch(() => undefined);
        await eventually('the preview fills the window', fills, 5_000).catch(() => undefined);
    }
    await eventually('the preview fills the window', fills);
    return previewFrame(workbench);
}

async function previewFrame(workbench: Workbench): Promise<Frame> {
    let found: Frame | undefined;
    await eventually('the flow preview webview is loaded', async () => {
        for (const frame of workbench.page.frames()) {
            if (await frame.locator('#diagram').count().catch(() => 0) > 0) {
                found = frame;
                return true;
            }
        }
        return false;
    }, 60_000);
    return found!;
}

interface Rect { left: number; top: number; right: number; bottom: number }

/** tsx compiles the functions handed to the page with esbuild's keepNames, which calls a `__name` helper the page lacks. */
const KEEP_NAMES_SHIM = 'globalThis.__name ??= (target) => target';

/** Where the contexts' frames are on screen, against the canvas. */
async function framesOnScreen(frame: Frame): Promise<{ union: Rect; canvas: Rect; frames: number }> {
    await frame.evaluate(KEEP_NAMES_SHIM);
    return frame.evaluate(() => {
        const rect = (element: Element) => { const r = element.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
        const frames = [...document.querySelectorAll('.context-group .group-frame')].map(rect);
        const union = frames.reduce((a, b) => ({ left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) }));
        return { union, canvas: rect(document.getElementById('canvas')!), frames: frames.length };
    });
}

/** The exported SVG at 100 %: its size, and which texts the browser draws on top of each other. */
async function readabilityAt100(page: Page): Promise<{ width: number; height: number; names: number; stubLabels: number; collisions: string[]; smallestFont: number; aStubLabel: [number, number] }> {
    await page.evaluate(KEEP_NAMES_SHIM);
    return page.evaluate(() => {
        const svg = document.documentElement as unknown as SVGSVGElement;
        const boxes = (selector: string) => [...document.querySelectorAll(selector)].map(element => ({ element, box: element.getBoundingClientRect() }));
        const names = boxes('.node .name');
        const stubs = boxes('.stub-label');
        const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        const collisions: string[] = [];
        // Stub labels against each other and against the notes' names (sorted sweep: linear enough for thousands).
        const all = [...stubs.map(s => ({ ...s, stub: true })), ...names.map(n => ({ ...n, stub: false }))].sort((a, b) => a.box.top - b.box.top);
        for (let i = 0; i < all.length && collisions.length < 10; i++) {
            for (let j = i + 1; j < all.length && all[j].box.top < all[i].box.bottom; j++) {
                if ((all[i].stub || all[j].stub) && overlap(all[i].box, all[j].box)) collisions.push(`"${all[i].element.textContent}" / "${all[j].element.textContent}"`);
            }
        }
        const fonts = [...document.querySelectorAll('text')].map(text => parseFloat(getComputedStyle(text).fontSize));
        const first = stubs[Math.floor(stubs.length / 2)]?.box;
        return {
            width: svg.width.baseVal.value, height: svg.height.baseVal.value, names: names.length, stubLabels: stubs.length, collisions,
            smallestFont: Math.min(...fonts), aStubLabel: [Math.max(0, (first?.left ?? 0) - 700), Math.max(0, (first?.top ?? 0) - 400)] as [number, number]
        };
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runLargeModelEndToEnd().then(passed => process.exit(passed ? 0 : 1), error => {
        console.error(error);
        process.exit(1);
    });
}
