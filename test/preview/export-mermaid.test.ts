/** The Mermaid export: golden file, the shape GitHub renders, and labels that cannot break out. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { escapeMermaidLabel, exportMermaid } from '../../src/preview/export/export-mermaid.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { expectGolden, FIXTURES, modelsOf, readModelFolder } from './preview-test-kit.js';

describe('exportMermaid', () => {
    it('matches the golden file for the shop fixture (contexts as subgraphs)', async () => {
        const graph = buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop'))));
        expectGolden(exportMermaid(graph), 'shop.mmd');
    });

    it('matches the golden file for one context, with the other context\'s event marked', async () => {
        const graph = buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop'))), { context: 'Warehouse' });
        expectGolden(exportMermaid(graph), 'warehouse.mmd');
    });

    it('is a flowchart LR with one node line per node, one arrow per edge and a colour class per kind', async () => {
        const graph = buildFlowGraph(await modelsOf(readModelFolder(path.join(FIXTURES, 'shop'))));
        const lines = exportMermaid(graph).trimEnd().split('\n');
        assert.equal(lines[0], 'flowchart LR');
        const nodeLines = lines.filter(line => /^\s+\w+\["[^"]*"\]:::\w+$/.test(line));
        assert.equal(nodeLines.length, graph.nodes.length);
        assert.equal(lines.filter(line => /^\s+\w+ --> \w+$/.test(line)).length, graph.edges.length);
        assert.deepEqual(lines.filter(line => line.includes('classDef')).map(line => line.trim().split(' ')[1]),
            ['command', 'aggregate', 'event', 'readModel', 'policy', 'query']);
        assert.ok(lines.includes('  classDef command fill:#a8d1ff,stroke:#2f6fb8,color:#1f2328'));
        // Every node id used by an edge is declared.
        const declared = new Set(nodeLines.map(line => line.trim().split('[')[0]));
        for (const line of lines.filter(l => l.includes(' --> '))) {
            for (const id of line.trim().split(' --> ')) assert.ok(declared.has(id), `${id} is declared`);
        }
    });

    it('escapes labels: quotes, angle brackets, ampersands, hashes and line breaks cannot end a label', () => {
        assert.equal(escapeMermaidLabel('"><img src=x onerror=alert(1)>'), '#34;#62;#60;img src=x onerror=alert(1)#62;');
        assert.equal(escapeMermaidLabel('<script>a & b # c</script>'), '#60;script#62;a #38; b #35; c#60;/script#62;');
        assert.equal(escapeMermaidLabel('one\nend\n  x --> y'), 'one end   x --#62; y');
    });

    it('escapes the context name of a file without a context line', async () => {
        const models = await modelsOf({
            'loose.loom': 'aggregate Loose {\n  id looseId: uuid\n  command Go { emits Went }\n  event Went {}\n}\n',
            'other.loom': 'context Other\naggregate A {\n  id aId: uuid\n  command Do { emits Done }\n  event Done {}\n}\n'
        }, { allowErrors: true });
        const text = exportMermaid(buildFlowGraph(models));
        assert.match(text, /subgraph context__no_context_\["#60;no context#62;"\]/);
        assert.doesNotMatch(text.replace(/ --> /g, ' ').replace(/<br\/>/g, ' '), /[<>]/, 'the only markup is the line break Eventloom writes');
    });
});
