/**
 * Benchmark of the flow preview (issue 5), not a test: for the 200-aggregate bench model,
 *   - first render of the whole model: graph + layout + drawing + the message to the webview, and
 *     the webview's DOM render in Chromium (when /usr/bin/chromium is there);
 *   - the update after a one-line edit, for the largest context view (about 400 nodes): rebuild of
 *     the edited file, graph + layout + drawing + message, and the webview's re-render.
 * Goals: first render ≤ 1 s, update ≤ 300 ms.
 *
 *   node --import ./src/polyfills/group-by.mjs --import tsx test/bench/preview-bench.ts [--scale 0.5] [--runs 5]
 *
 * `benchPreview()` is exported for `npm run bench` to include.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import type { Model } from '../../src/language/generated/ast.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import type { FlowGraphFilter } from '../../src/protocol/flow-graph.js';
import { packPreview } from '../../src/protocol/packed-preview.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { percentile } from './measure/stats.js';
import { DEFAULT_SIZE, generateBenchModel, type BenchSize } from './model/bench-model.js';
import type { Page } from 'playwright-core';
import { CHROMIUM_BIN, launchChromium } from '../kit/chromium.js';
import { REPO_ROOT } from '../kit/paths.js';


export interface PreviewPhase {
    nodes: number;
    edges: number;
    graphMs: number;
    layoutMs: number;
    /** Serialising the message the webview receives (the webview draws it: counted in its render). */
    messageMs: number;
    /** Webview DOM render in Chromium until the next frame; undefined without Chromium. */
    webviewRenderMs?: number;
    totalMs: number;
}

export interface PreviewBenchResult {
    size: BenchSize;
    workspaceBuildMs: number;
    firstRender: PreviewPhase;
    update: PreviewPhase & { view: FlowGraphFilter; rebuildMs: number };
}

export async function benchPreview(size: BenchSize = DEFAULT_SIZE, runs = 5, log: (line: string) => void = () => undefined): Promise<PreviewBenchResult> {
    const model = generateBenchModel(size);
    const { shared } = createEventloomServices(EmptyFileSystem);
    const folder = '/bench-preview';
    let start = performance.now();
    const documents = await buildDocuments(shared, model.files.map(file => ({ path: `${folder}/${file.path}`, text: file.text })));
    const workspaceBuildMs = performance.now() - start;
    log(`model: ${model.files.length} files, ${model.lines} lines, built in ${workspaceBuildMs.toFixed(0)} ms`);
    let models = documents.map(document => document.parseResult.value);

    const browser = existsSync(CHROMIUM_BIN) ? await WebviewInBrowser.start() : undefined;
    try {
        const firstRuns: PreviewPhase[] = [];
        for (let run = 0; run < runs; run++) firstRuns.push(await renderOnce(models, {}, browser));
        const firstRender = median(firstRuns);
        log(`first render, whole model: ${describePhase(firstRender)}`);

        // The largest context view is the ~400-node filtered view of the issue.
        const contexts = [...new Set(models.map(m => m.context?.name).filter((name): name is string => !!name))];
        const sizes = contexts.map(context => ({ context, nodes: buildFlowGraph(models, { context }).nodes.length }));
        const view = { context: sizes.sort((a, b) => b.nodes - a.nodes)[0].context };
        await renderOnce(models, view, browser);

        // One-line edit in a file of that context: a new optional field in its first event.
        const file = model.files.find(candidate => candidate.text.includes(`context ${view.context}\n`))!;
        const updates: Array<PreviewPhase & { rebuildMs: number }> = [];
        for (let run = 0; run < runs; run++) {
            const edited = file.text.replace(/(event \w+ \{)/, `$1 benchNote${run}?: string,`);
            start = performance.now();
            const [rebuilt] = await buildDocuments(shared, [{ path: `${folder}/${file.path}`, text: edited }]);
            const rebuildMs = performance.now() - start;
            models = models.map(m => m.$document?.uri.toString() === rebuilt.uri.toString() ? rebuilt.parseResult.value : m);
            const phase = await renderOnce(models, view, browser);
            updates.push({ ...phase, rebuildMs, totalMs: phase.totalMs + rebuildMs });
        }
        const update = { ...median(updates), rebuildMs: percentile(updates.map(u => u.rebuildMs), 50), view };
        log(`update after a one-line edit, ${view.context} view: rebuild ${update.rebuildMs.toFixed(0)} ms + ${describePhase(update)}`);
        return { size, workspaceBuildMs, firstRender, update };
    } finally {
        await browser?.close();
    }
}

async function renderOnce(models: Model[], filter: FlowGraphFilter, browser: WebviewInBrowser | undefined): Promise<PreviewPhase> {
    let start = performance.now();
    const graph = buildFlowGraph(models, filter);
    const graphMs = performance.now() - start;
    start = performance.now();
    const laidOut = await layoutFlowGraph(graph);
    const layoutMs = performance.now() - start;
    start = performance.now();
    const message = JSON.stringify({ type: 'graph', preview: packPreview(laidOut) });
    const messageMs = performance.now() - start;
    const webviewRenderMs = browser ? await browser.render(message) : undefined;
    return {
        nodes: graph.nodes.length, edges: graph.edges.length, graphMs, layoutMs, messageMs, webviewRenderMs,
        totalMs: graphMs + layoutMs + messageMs + (webviewRenderMs ?? 0)
    };
}

/** The real webview script and stylesheet in a headless Chromium page, with a stub of the VS Code API. */
class WebviewInBrowser {
    private constructor(private readonly close_: () => Promise<void>, private readonly page: Page) {}

    static async start(): Promise<WebviewInBrowser> {
        const dir = path.join(REPO_ROOT, '.bench/preview-webview');
        mkdirSync(dir, { recursive: true });
        await esbuild.build({ entryPoints: [path.join(REPO_ROOT, 'src/preview/webview/main.ts')], bundle: true, outfile: path.join(dir, 'webview.js'), format: 'iife', platform: 'browser', logLevel: 'warning' });
        const { previewHtml } = await import('../../src/preview/panel/webview-html.js');
        const html = previewHtml({ cspSource: 'file:', scriptUri: 'webview.js', styleUri: 'webview.css' }, 'bench')
            .replace('<script nonce', `<script nonce="bench">window.rendered = () => {}; window.acquireVsCodeApi = () => ({ postMessage: m => { if (m.type === 'rendered') window.rendered(); }, getState: () => undefined, setState: () => {} });</script>\n<script nonce`);
        writeFileSync(path.join(dir, 'index.html'), html);
        const browser = await launchChromium();
        const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
        await page.goto(`file://${path.join(dir, 'index.html')}`);
        return new WebviewInBrowser(() => browser.close(), page);
    }

    /** Posts the graph message and waits for the webview's "rendered" reply and the next two frames. */
    async render(message: string): Promise<number> {
        return this.page.evaluate(async text => {
            const data = JSON.parse(text);
            const start = performance.now();
            const window_ = window as unknown as { rendered: () => void; postMessage: (m: unknown, o: string) => void };
            await new Promise<void>(resolve => {
                window_.rendered = resolve;
                window_.postMessage(data, '*');
            });
            await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            return performance.now() - start;
        }, message);
    }

    close(): Promise<void> {
        return this.close_();
    }
}

function median<T extends PreviewPhase>(phases: T[]): T {
    return [...phases].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(phases.length / 2)];
}

function describePhase(phase: PreviewPhase): string {
    const render = phase.webviewRenderMs === undefined ? 'no Chromium' : `${phase.webviewRenderMs.toFixed(0)} ms webview render`;
    return `${phase.nodes} nodes, ${phase.edges} edges: graph ${phase.graphMs.toFixed(0)} + layout ${phase.layoutMs.toFixed(0)} + message ${phase.messageMs.toFixed(0)} + ${render} = ${phase.totalMs.toFixed(0)} ms`;
}


if (import.meta.url === `file://${process.argv[1]}`) {
    const { values } = parseArgs({ options: { scale: { type: 'string' }, runs: { type: 'string' } } });
    const scale = Number(values.scale ?? 1);
    const scaled = (n: number) => Math.max(1, Math.round(n * scale));
    const size = { ...DEFAULT_SIZE, aggregates: scaled(DEFAULT_SIZE.aggregates), commands: scaled(DEFAULT_SIZE.commands), events: scaled(DEFAULT_SIZE.events), readModels: scaled(DEFAULT_SIZE.readModels) };
    benchPreview(size, Number(values.runs ?? 5), line => console.log(line)).then(result => {
        console.log(`goals: first render ≤ 1000 ms (${result.firstRender.totalMs.toFixed(0)} ms), update ≤ 300 ms (${result.update.totalMs.toFixed(0)} ms)`);
    }, error => {
        console.error(error);
        process.exit(1);
    });
}
