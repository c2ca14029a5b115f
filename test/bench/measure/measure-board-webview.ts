/**
 * The board in the real webview (this tree's bundle and page, its CSP, headless Chromium):
 * - its first draw: from the `graph` message posted with the board until the webview says
 *   `rendered`, and until the frame that shows it has been produced (painted: a task queued from
 *   the next animation frame runs after that frame's style, layout, paint and commit), in wall time
 *   and in the page's main-thread CPU (Chromium's TaskDuration, which the machine's load does not
 *   inflate); also until the animation frame after that one (two frames, as measured before, which
 *   counts up to one frame more than painting took). The message's structured clone (what each
 *   postMessage hop to the webview costs for a board this size) is timed on its own, interleaved
 *   with the clone of the same graph and board as objects (what the panel posted before it packed
 *   them). Median of a few draws, each of a fresh message.
 * - stepping a scenario: picking it in the menu, then each step (to the end, back to the start and
 *   to the end again), from the click until the step's marks and panel are painted (and until the
 *   next frame after that).
 */
import type { CDPSession, Page } from 'playwright-core';
import { ensureChromium } from '../../kit/chromium.js';
import { openWebview } from '../../preview/webview-page.js';
import { percentile } from './stats.js';

export interface DrawFigures {
    renderedMs: number;
    paintedMs: number;
    /** Until the animation frame after the painted one. */
    nextFrameMs: number;
    /** The page's main-thread CPU from the post until painted. */
    paintedCpuMs: number;
    cloneMs: number;
    /** The message's size as JSON, in characters. */
    messageChars: number;
}

export interface BoardWebviewResult extends DrawFigures {
    runs: number;
    /** The structured clone of the same graph and board as objects, interleaved with the draws above. */
    objects?: { cloneMs: number; messageChars: number };
    step?: StepFigures;
}

/** Click -> painted, wall and main-thread CPU. */
export interface StepFigures {
    scenario: string;
    steps: number;
    pickMs: number;
    pickCpuMs: number;
    stepP50Ms: number;
    stepMaxMs: number;
    /** Until the animation frame after the painted one, the slowest step. */
    stepNextFrameMaxMs: number;
    stepCpuP50Ms: number;
    stepCpuMaxMs: number;
}

export interface BoardMessages {
    /** What the panel posts. */
    sent: unknown;
    /** The same as objects (the unpacked form), whose clone is timed for comparison. */
    objects?: unknown;
    /** The scenario slice to step through (its id). */
    stepSlice?: { id: string; title: string; steps: number };
}

/** Undefined when Chromium is missing and cannot be installed here (the bench is not a test: it says so). */
export async function measureBoardWebview(messages: BoardMessages, runs = 3): Promise<BoardWebviewResult | undefined> {
    if (ensureChromium() !== undefined) return undefined;
    const webview = await openWebview({ width: 1200, height: 800 });
    try {
        const { page } = webview;
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        await page.click('#view-toggle');
        // A string, evaluated in the page: the bench's own closures are compiled with helpers the page lacks.
        await page.evaluate(`window.__benchMessages = { sent: ${JSON.stringify(messages.sent)}, objects: ${JSON.stringify(messages.objects ?? null)} }`);
        const sizes = { sent: JSON.stringify(messages.sent).length, objects: messages.objects ? JSON.stringify(messages.objects).length : 0 };
        const samples: DrawSample[] = [];
        const objectClones: number[] = [];
        for (let run = 0; run < runs; run++) {
            // Alternating which goes first, so that both see the same load and the same warm page.
            const cloneObjects = async () => {
                if (messages.objects) objectClones.push(await cloneOnce(page, 'objects'));
            };
            if (run % 2 === 0) await cloneObjects();
            const before = (await webview.sent()).filter(sent => sent.type === 'rendered').length;
            samples.push(await drawOnce(page, cdp, before));
            if (run % 2 === 1) await cloneObjects();
        }
        const step = messages.stepSlice ? await measureStepping(page, cdp, messages.stepSlice) : undefined;
        return {
            ...figures(samples, sizes.sent), runs,
            ...(messages.objects ? { objects: { cloneMs: percentile(objectClones, 50), messageChars: sizes.objects } } : {}),
            ...(step ? { step } : {})
        };
    } finally {
        await webview.close();
    }
}

interface DrawSample { rendered: number; painted: number; nextFrame: number; cpu: number; clone: number }

/** In the page: resolves once the next frame has been painted, then once the frame after it begins; each with the ms since `start`. */
const PAINTED = `const painted = await new Promise(resolve => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0)));
        await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const nextFrame = performance.now() - start;`;

/** The message's structured clone, kept for the post that follows it. */
function cloneOnce(page: Page, which: 'sent' | 'objects'): Promise<number> {
    return page.evaluate(`(() => {
        const start = performance.now();
        window.__benchMessage = structuredClone(window.__benchMessages.${which});
        return performance.now() - start;
    })()`) as Promise<number>;
}

async function drawOnce(page: Page, cdp: CDPSession, renderedBefore: number): Promise<DrawSample> {
    const clone = await cloneOnce(page, 'sent');
    const cpuBefore = await mainThreadCpuMs(cdp);
    const times = await page.evaluate(`(async () => {
        const start = performance.now();
        window.postMessage(window.__benchMessage, '*');
        await new Promise(resolve => {
            const check = () => window.sent.filter(sent => sent.type === 'rendered').length > ${renderedBefore} ? resolve() : setTimeout(check, 1);
            check();
        });
        const rendered = performance.now() - start;
        ${PAINTED}
        return { rendered, painted, nextFrame };
    })()`) as { rendered: number; painted: number; nextFrame: number };
    return { ...times, cpu: await mainThreadCpuMs(cdp) - cpuBefore, clone };
}

/** Picks the scenario in the menu, then steps to its end: each from the input until painted (and the frame after). */
async function measureStepping(page: Page, cdp: CDPSession, slice: NonNullable<BoardMessages['stepSlice']>): Promise<StepFigures | undefined> {
    const painted = async (input: string) => {
        const cpuBefore = await mainThreadCpuMs(cdp);
        const times = await page.evaluate(`(async () => {
            const start = performance.now();
            ${input};
            ${PAINTED}
            return { painted, nextFrame };
        })()`) as { painted: number; nextFrame: number };
        return { ms: times.painted, nextFrame: times.nextFrame, cpu: await mainThreadCpuMs(cdp) - cpuBefore };
    };
    const pick = await painted(`const select = document.getElementById('scenario-select'); select.value = ${JSON.stringify(slice.id)}; select.dispatchEvent(new Event('change'))`);
    if (await page.evaluate(`document.getElementById('scenario-select').value`) !== slice.id) return undefined;
    const steps: Array<{ ms: number; nextFrame: number; cpu: number }> = [];
    // Forward to the end, back to before the first step and forward again: a few more samples of the slowest.
    for (const button of ['step-next', 'step-back', 'step-next']) {
        for (let i = 0; i < slice.steps; i++) steps.push(await painted(`document.getElementById('${button}').click()`));
    }
    const shown = await page.evaluate(`document.querySelector('#step-panel .step-position')?.textContent ?? ''`) as string;
    if (!shown.startsWith(`step ${slice.steps} of ${slice.steps}`)) throw new Error(`stepping "${slice.title}" did not reach its last step: the panel says "${shown}"`);
    const median = (values: number[]) => percentile(values, 50);
    return {
        scenario: slice.title, steps: steps.length, pickMs: pick.ms, pickCpuMs: pick.cpu,
        stepP50Ms: median(steps.map(s => s.ms)), stepMaxMs: Math.max(...steps.map(s => s.ms)), stepNextFrameMaxMs: Math.max(...steps.map(s => s.nextFrame)),
        stepCpuP50Ms: median(steps.map(s => s.cpu)), stepCpuMaxMs: Math.max(...steps.map(s => s.cpu))
    };
}

/** Chromium's main-thread task time of the page so far (the renderer's CPU on its main thread). */
async function mainThreadCpuMs(cdp: CDPSession): Promise<number> {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find(metric => metric.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

function figures(samples: readonly DrawSample[], messageChars: number): DrawFigures {
    const median = (values: number[]) => percentile(values, 50);
    return {
        renderedMs: median(samples.map(s => s.rendered)), paintedMs: median(samples.map(s => s.painted)), nextFrameMs: median(samples.map(s => s.nextFrame)),
        paintedCpuMs: median(samples.map(s => s.cpu)), cloneMs: median(samples.map(s => s.clone)), messageChars
    };
}
