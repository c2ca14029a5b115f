/**
 * Benchmark of the board (issue 15), not a test: on the 200-aggregate bench model, the board's
 * first build + layout (what the server adds to a board request), the interpreter runs behind
 * stepping (per scenario), and the aspect ratio of the whole model's exported flow and board SVGs.
 * Goals: board ≤ 300 ms, a step ≤ 50 ms, the flow SVG no more than 3:1.
 *
 *   node --import ./src/polyfills/group-by.mjs --import tsx test/bench/board-bench.ts [--runs 5]
 */
import { parseArgs } from 'node:util';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { layoutBoard } from '../../src/preview/board/layout-board.js';
import { scenarioRunner } from '../../src/preview/board/scenario-steps.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { percentile } from './measure/stats.js';
import { DEFAULT_SIZE, generateBenchModel } from './model/bench-model.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const model = generateBenchModel(DEFAULT_SIZE);
const { shared } = createEventloomServices(EmptyFileSystem);
const documents = await buildDocuments(shared, model.files.map(file => ({ path: `/bench-board/${file.path}`, text: file.text })));
const models = documents.map(document => document.parseResult.value);
console.log(`model: ${model.files.length} files, ${model.lines} lines`);

const time = (what: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = performance.now();
        what();
        times.push(performance.now() - start);
    }
    return percentile(times, 50);
};
const board = layoutBoard(buildBoard(models));
const notes = board.contexts.reduce((n, c) => n + c.slices.reduce((m, s) => m + s.notes.length, 0), 0);
console.log(`board: ${board.contexts.length} contexts, ${notes} notes, ${board.width} × ${board.height} (${(board.width / board.height).toFixed(2)}:1)`);
console.log(`board build + layout: ${time(() => layoutBoard(buildBoard(models))).toFixed(1)} ms (median of ${runs})`);
const withRuns = time(() => layoutBoard(buildBoard(models, {}, { runner: scenarioRunner(models) })));
const scenarios = board.contexts.reduce((n, c) => n + c.slices.filter(s => s.kind === 'scenario').length, 0);
console.log(`board with every scenario run: ${withRuns.toFixed(1)} ms for ${scenarios} scenarios`);
const flow = await layoutFlowGraph(buildFlowGraph(models));
console.log(`flow layout of the whole model: ${flow.width} × ${flow.height} (${(Math.max(flow.width, flow.height) / Math.min(flow.width, flow.height)).toFixed(1)}:1)`);
