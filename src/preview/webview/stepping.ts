/**
 * Stepping through a scenario on the board: pick a scenario, then step — each given event, the
 * command, the outcome. The notes of the steps done are lit, the current one outlined, the later
 * ones faded; a panel shows what happened, the aggregate's state and the read models' documents
 * after the step, as the model's interpreter computed them (the board's `run`, from the server).
 * A failing scenario is shown failing at the step where the model and the scenario differ.
 */
import type { LaidOutBoardSlice, StepView } from '../../protocol/board.js';
import type { ScenarioAt } from '../../protocol/webview-messages.js';
import { isBoardShown, remarkBoard, remarkSlice } from './board-view.js';
import { page } from './page.js';
import { setView } from './pan-zoom.js';
import { state } from './state.js';
import { boundingBox, freeAreas, stepView, type CanvasRect } from './step-view.js';

export function installStepping(): void {
    page.scenarioSelect.addEventListener('change', () => {
        const slice = page.scenarioSelect.value;
        state.stepping = slice ? { slice, index: -1 } : undefined;
        showStep('picked');
    });
    page.stepNext.addEventListener('click', () => move(1));
    page.stepBack.addEventListener('click', () => move(-1));
    // The panel is over the canvas: pressing, scrolling or clicking in it must not pan, zoom or select the board.
    for (const type of ['pointerdown', 'wheel', 'click', 'mouseover'] as const) page.stepPanel.addEventListener(type, event => event.stopPropagation());
}

/**
 * After the board was drawn: the scenario menu, and the stepping shown again if it still applies —
 * where it was, unless the view was fitted anew (another shape of board, after a resize): then the
 * current step's notes are brought back into view, as a step would.
 */
export function updateStepping(refitted = false): void {
    const slices = scenarioSlices();
    page.stepping.hidden = !isBoardShown() || slices.length === 0;
    const options = slices.map(slice => new Option(`${slice.title}${slice.run?.outcome === 'failed' ? ' ✗' : slice.run?.outcome === 'skipped' ? ' (not run)' : ''}`, slice.id));
    page.scenarioSelect.replaceChildren(new Option('Step through a scenario…', ''), ...options);
    if (state.stepping && !slices.some(slice => slice.id === state.stepping!.slice)) state.stepping = undefined;
    page.scenarioSelect.value = state.stepping?.slice ?? '';
    showStep(refitted ? 'refitted' : 'redrawn');
}

/** Starts stepping through the scenario declared at `at` (before its first step), if the board has it. */
export function startSteppingAt(at: ScenarioAt): void {
    const slice = scenarioSlices().find(candidate => candidate.location?.uri === at.uri && candidate.location.range.start.line === at.line);
    if (!slice) return;
    state.stepping = { slice: slice.id, index: -1 };
    page.scenarioSelect.value = slice.id;
    showStep('picked');
}

function scenarioSlices(): LaidOutBoardSlice[] {
    return isBoardShown() ? state.board!.contexts.flatMap(context => context.slices.filter(slice => slice.kind === 'scenario' && slice.steps)) : [];
}

function move(delta: number): void {
    const slice = currentSlice();
    if (!slice || !state.stepping) return;
    const last = (slice.steps?.length ?? 0) - 1;
    state.stepping.index = Math.max(-1, Math.min(last, state.stepping.index + delta));
    showStep('stepped');
}

function currentSlice(): LaidOutBoardSlice | undefined {
    return scenarioSlices().find(slice => slice.id === state.stepping?.slice);
}

/**
 * Marks the slice's notes for the current step and fills the panel. A scenario just picked is
 * brought into view at a zoom where its notes can be read; a step moves the view only when its
 * notes are out of view or too small, as after a refit; a redraw (the model changed) leaves the view alone.
 */
function showStep(why: 'picked' | 'stepped' | 'redrawn' | 'refitted'): void {
    const slice = currentSlice();
    // The notes' marks follow state.stepping (board-marks.ts); a step changes only its slice's.
    if (why === 'stepped' && slice) remarkSlice(slice.id);
    else remarkBoard();
    if (!slice || !state.stepping) {
        page.stepPanel.hidden = true;
        return;
    }
    const steps = slice.steps ?? [];
    const index = state.stepping.index;
    const run = slice.run;
    page.stepBack.disabled = index < 0;
    page.stepNext.disabled = index >= steps.length - 1;
    fillPanel(slice, index, run?.steps[index]);
    if (why !== 'redrawn') bringIntoView(slice, index, why === 'picked');
}

/** The slice, or the step's notes, readable where the step panel and the minimap leave room (step-view.ts). */
function bringIntoView(slice: LaidOutBoardSlice, index: number, force: boolean): void {
    // Before the first step: the first step's notes.
    const ids = new Set(slice.steps?.[Math.max(0, index)]?.notes ?? []);
    const focus = boundingBox(slice.notes.filter(note => ids.has(note.id))) ?? slice;
    const place = (forced: boolean) => {
        const next = stepView(state.view, slice, focus, freeAreas(canvasSize(), [inCanvas(page.stepPanel), inCanvas(page.minimap)]), forced);
        if (next) setView(next);
        return next !== undefined;
    };
    // Zoomed in, the minimap appears (part of the board is out of view): place again around it.
    if (place(force)) place(false);
}

function canvasSize(): { width: number; height: number } {
    return { width: page.canvas.clientWidth, height: page.canvas.clientHeight };
}

/** Where an element floating over the canvas is, in the canvas's pixels (empty when hidden). */
function inCanvas(element: HTMLElement): CanvasRect {
    const canvas = page.canvas.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return { x: box.left - canvas.left, y: box.top - canvas.top, width: box.width, height: box.height };
}

function fillPanel(slice: LaidOutBoardSlice, index: number, view: StepView | undefined): void {
    const panel = page.stepPanel;
    const steps = slice.steps ?? [];
    const run = slice.run;
    const add = (tag: string, className: string, text: string) => {
        const element = document.createElement(tag);
        element.className = className;
        element.textContent = text;
        panel.append(element);
        return element;
    };
    panel.replaceChildren();
    add('div', 'step-title', `“${slice.title}”`);
    const kind = index < 0 ? 'before the first step' : `step ${index + 1} of ${steps.length}: ${steps[index].kind}`;
    add('div', 'step-position', kind);
    if (!run) add('div', 'step-note', 'The server did not run this scenario.');
    else if (run.outcome === 'skipped') add('div', 'step-note', run.message ?? 'Not run by the model.');
    if (view) {
        add('div', 'step-summary', view.summary);
        if (view.state) table('State after this step', view.state.map(f => [f.field, f.value]));
        for (const document of view.documents) table(`${document.readModel} ${document.key}`, document.fields.map(f => [f.field, f.value]));
    }
    if (run?.outcome === 'failed' && run.failedStep === index) add('div', 'step-failure', `Fails here. ${run.message ?? ''}`);
    else if (run?.outcome === 'passed' && index === steps.length - 1) add('div', 'step-passed', 'The scenario passes.');
    panel.hidden = false;

    function table(caption: string, rows: Array<[string, string]>): void {
        add('div', 'step-caption', caption);
        const list = document.createElement('dl');
        for (const [name, value] of rows) {
            const term = document.createElement('dt');
            term.textContent = name;
            const description = document.createElement('dd');
            description.textContent = value;
            list.append(term, description);
        }
        if (rows.length === 0) add('div', 'step-note', 'no fields');
        panel.append(list);
    }
}
