/** The SVG export: golden file, well-formed XML, standalone, and every model string escaped. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { exportSvg } from '../../src/preview/export/export-svg.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { layoutFlowGraph } from '../../src/preview/layout/layout-flow-graph.js';
import { allElements, expectGolden, FIXTURES, modelsOf, parseXml, readModelFolder } from './preview-test-kit.js';

const HOSTILE_DOC = 'Closes <script>alert(1)</script> and "><img src=x onerror=alert(2)> & more';

describe('exportSvg', () => {
    it('matches the golden file for the shop fixture', async () => {
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop')))));
        expectGolden(exportSvg(graph), 'shop.svg');
    });

    it('is a well-formed, standalone SVG: one note per node, one arrow per edge, a legend, nothing external', async () => {
        const graph = await layoutFlowGraph(buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop')))));
        const text = exportSvg(graph);
        const root = parseXml(text);
        assert.equal(root.name, 'svg');
        assert.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
        const elements = allElements(root);
        const notes = elements.filter(e => e.name === 'g' && (e.attributes.class ?? '').split(' ').includes('node'));
        assert.deepEqual(notes.map(e => e.attributes['data-node-id']).sort(), graph.nodes.map(n => n.id).sort());
        assert.equal(elements.filter(e => e.name === 'path' && (e.attributes.class ?? '').startsWith('edge ')).length, graph.edges.length);
        assert.ok(elements.some(e => e.attributes.class === 'legend'), 'has a legend');
        // Colours are attributes on the shapes (no stylesheet to lose), and nothing is fetched.
        const placeOrder = notes.find(e => e.attributes['data-node-id'] === 'command:Shop.PlaceOrder')!;
        assert.equal(placeOrder.children.find(e => e.name === 'rect')?.attributes.fill, '#a8d1ff');
        assert.ok(!elements.some(e => ['script', 'style', 'image', 'foreignObject', 'a'].includes(e.name)));
        assert.doesNotMatch(text, /href|url\((?!#eventloom-arrow\))|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    });

    it('escapes doc comments and context names: hostile text stays text', async () => {
        const models = await modelsOf({
            'evil.loom': `context Evil
/** ${HOSTILE_DOC} */
aggregate Thing {
  id thingId: uuid
  /** ]]> <!-- --> &amp; '\u0001' */
  command Do { emits Done }
  event Done {}
}`,
            // A file without a context line is drawn under the context name "<no context>".
            'loose.loom': 'aggregate Loose {\n  id looseId: uuid\n  command Go { emits Went }\n  event Went {}\n}\n'
        }, { allowErrors: true });
        const text = exportSvg(await layoutFlowGraph(buildFlowGraph(models)));
        const elements = allElements(parseXml(text));
        assert.ok(!elements.some(e => e.name === 'script' || e.name === 'img'), 'no element came from a model string');
        const titles = elements.filter(e => e.name === 'title').map(e => e.text);
        assert.ok(titles.includes(`Aggregate Evil.Thing\n${HOSTILE_DOC}`), `the doc comment is kept verbatim as text: ${JSON.stringify(titles)}`);
        assert.ok(titles.some(title => title.startsWith('Command Evil.Do\n]]> <!-- --> &amp; \'')), 'CDATA ends, comments and entities stay text');
        assert.ok(titles.includes('Aggregate <no context>.Loose'));
        // eslint-disable-next-line no-control-regex -- the control character is what must not get through
        assert.doesNotMatch(text, /<script|<img|\u0001/);
    });
});
