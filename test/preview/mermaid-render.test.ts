/**
 * Every Mermaid export of every template — the whole flow, each context, each aggregate, and the
 * Event Modeling board — parsed and rendered by the real `mermaid` package in Chromium.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../src/preview/board/build-board.js';
import { exportEventModeling } from '../../src/preview/export/export-event-modeling.js';
import { exportMermaid } from '../../src/preview/export/export-mermaid.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { requireChromium } from '../kit/chromium.js';
import { MermaidInChromium } from './mermaid-in-chromium.js';
import { modelsOf, readModelFolder, templates } from './preview-test-kit.js';

describe('Mermaid exports rendered by mermaid in Chromium', function () {
    this.timeout(180_000);
    let mermaid: MermaidInChromium;

    before(async function () {
        requireChromium(this);
        mermaid = await MermaidInChromium.start();
    });
    after(async () => { await mermaid?.close(); });

    for (const template of templates()) {
        const name = path.basename(template);
        it(`renders the ${name} template's flowcharts (whole, per context, per aggregate) with every note and its kind`, async () => {
            const models = await modelsOf(readModelFolder(template));
            const whole = buildFlowGraph(models);
            const views = [whole, ...whole.contexts.map(context => buildFlowGraph(models, { context })), ...whole.aggregates.map(aggregate => buildFlowGraph(models, { aggregate }))];
            for (const graph of views) {
                const rendered = await mermaid.render(exportMermaid(graph));
                const label = `${name} ${JSON.stringify(graph.filter)}`;
                assert.equal(rendered.error, undefined, `${label}: ${rendered.error}`);
                assert.equal(rendered.errorDrawn, false, `${label}: Mermaid drew its error placeholder`);
                const shown = rendered.texts.join('\n');
                for (const node of graph.nodes) assert.ok(shown.includes(node.name), `${label}: ${node.name} is drawn`);
                assert.ok(shown.includes('command'), `${label}: notes are captioned with their kind`);
            }
        });

        it(`renders the ${name} template's Event Modeling board (whole and per context)`, async () => {
            const models = await modelsOf(readModelFolder(template));
            const board = buildBoard(models);
            for (const view of [board, ...board.contexts.map(context => buildBoard(models, { context: context.name }))]) {
                const { text } = exportEventModeling(view, 'Event model');
                const rendered = await mermaid.render(text);
                assert.equal(rendered.error, undefined, `${name}: ${rendered.error}\n${text}`);
                assert.equal(rendered.errorDrawn, false, `${name}: Mermaid drew its error placeholder`);
                const shown = rendered.texts.join('\n');
                for (const note of view.contexts.flatMap(c => c.slices.flatMap(s => s.notes.filter(n => n.kind !== 'rejection')))) {
                    assert.ok(shown.includes(`${note.context}_${note.name}`), `${name}: ${note.name} is drawn`);
                }
                assert.ok(rendered.texts.includes('UI/Automation') && rendered.texts.includes('Events'), `${name}: Mermaid drew its lanes`);
            }
        });
    }

    it('shows Mermaid\'s error placeholder past its default edge limit, which is why the CLI warns', async () => {
        const lines = ['flowchart LR', ...Array.from({ length: 501 }, (_, i) => `  a${i} --> b${i}`)];
        const rendered = await mermaid.render(`${lines.join('\n')}\n`);
        assert.ok(rendered.error !== undefined || rendered.errorDrawn, 'Mermaid refuses 501 edges by default');

    });
});
