/** `eventloom export`, run in-process: what it writes and its exit codes (0 written, 1 model errors, 2 bad arguments). */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { exportMermaid } from '../../src/preview/export/export-mermaid.js';
import { buildFlowGraph } from '../../src/preview/graph/build-flow-graph.js';
import { allElements, FIXTURES, modelsOf, parseXml, readModelFolder } from './preview-test-kit.js';

interface Run {
    code: number;
    out: string[];
    err: string[];
}

describe('eventloom export', () => {
    let cwd: string;
    beforeEach(() => {
        cwd = mkdtempSync(path.join(tmpdir(), 'eventloom-export-'));
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    async function run(...argv: string[]): Promise<Run> {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { cwd, out: line => out.push(line), err: line => err.push(line) });
        return { code, out, err };
    }

    const shop = path.join(FIXTURES, 'shop');

    it('writes a standalone SVG of the whole model', async () => {
        const result = await run('export', shop, '--format', 'svg', '--out', 'flow.svg');
        assert.deepEqual(result, { code: 0, out: ['Wrote flow.svg (svg, 16 nodes, 17 edges).'], err: [] });
        const root = parseXml(readFileSync(path.join(cwd, 'flow.svg'), 'utf8'));
        assert.equal(allElements(root).filter(e => e.attributes['data-node-id']).length, 16);
    });

    it('writes the same Mermaid text the preview exports, filtered by context', async () => {
        const result = await run('export', shop, '--format', 'mermaid', '--out', 'out/warehouse.mmd', '--context', 'Warehouse');
        assert.equal(result.code, 0, result.err.join('\n'));
        const expected = exportMermaid(buildFlowGraph(await modelsOf(readModelFolder(shop)), { context: 'Warehouse' }));
        assert.equal(readFileSync(path.join(cwd, 'out/warehouse.mmd'), 'utf8'), expected);
    });

    it('takes the format from the file name, and fences Mermaid in a Markdown file', async () => {
        const result = await run('export', shop, '--out', 'FLOW.md', '--aggregate', 'Shipment');
        // The Shipment aggregate, its command, event and read model, and the policy issuing its command.
        assert.deepEqual(result.out, ['Wrote FLOW.md (mermaid, 5 nodes, 4 edges).']);
        const text = readFileSync(path.join(cwd, 'FLOW.md'), 'utf8');
        assert.match(text, /^```mermaid\nflowchart LR\n[\s\S]*\n```\n$/);
    });

    it('writes the board as Mermaid eventmodeling and as SVG', async () => {
        const em = await run('export', shop, '--format', 'eventmodeling', '--out', 'board.mmd');
        assert.deepEqual(em, { code: 0, out: ['Wrote board.mmd (eventmodeling, 4 slices, 15 time frames).'], err: [] });
        const text = readFileSync(path.join(cwd, 'board.mmd'), 'utf8');
        assert.match(text, /^eventmodeling\n%% Event model: Shop, Warehouse\n/);
        assert.match(text, /^rf \d+ evt Shop_OrderPlaced$/m);
        const svgRun = await run('export', shop, '--format', 'board-svg', '--out', 'board.svg', '--context', 'Warehouse');
        assert.deepEqual(svgRun, { code: 0, out: ['Wrote board.svg (board-svg, 1 slice).'], err: [] });
        const root = parseXml(readFileSync(path.join(cwd, 'board.svg'), 'utf8'));
        const notes = allElements(root).filter(e => e.attributes['data-note-id']);
        assert.deepEqual(notes.map(e => e.attributes['data-node-id']), ['event:Shop.OrderPlaced', 'policy:Warehouse.PrepareWhenPlaced', 'command:Warehouse.PrepareShipment', 'event:Warehouse.ShipmentPrepared', 'readModel:Warehouse.Backlog']);
    });

    it('warns, with the figures and how to narrow it, when the flowchart is past Mermaid\'s limits', async () => {
        const aggregates = Array.from({ length: 130 }, (_, i) => `aggregate Thing${i} {\n  id thingId: uuid\n  command Make${i} { emits Made${i} }\n  command Break${i} { emits Broke${i} }\n  event Made${i} {}\n  event Broke${i} {}\n}\n`);
        writeFileSync(path.join(cwd, 'big.loom'), `context Big\n${aggregates.join('')}`);
        const result = await run('export', 'big.loom', '--out', 'big.mmd');
        assert.equal(result.code, 0, result.err.join('\n'));
        assert.deepEqual(result.out, ['Wrote big.mmd (mermaid, 650 nodes, 520 edges).']);
        assert.equal(result.err.length, 1);
        assert.match(result.err[0], /^warning: The diagram has 520 edges \(Mermaid draws at most 500\) and \d+ characters \(Mermaid reads at most 50000\): .*Narrow it with --context <name> or --aggregate <name>/);
        const small = await run('export', 'big.loom', '--out', 'one.mmd', '--aggregate', 'Thing1');
        assert.deepEqual(small.err, [], 'one aggregate fits');
    });

    it('writes nothing and exits 1 when the model has errors', async () => {
        writeFileSync(path.join(cwd, 'broken.loom'), 'context Broken\naggregate A {\n  id aId: uuid\n  command Do { emits Missing }\n}\n');
        const result = await run('export', 'broken.loom', '--out', 'flow.svg');
        assert.equal(result.code, 1);
        assert.match(result.err[0], /^broken\.loom:4:22: error: .*Missing/);
        assert.match(result.err.at(-1)!, /nothing was written\.$/);
        assert.ok(!existsSync(path.join(cwd, 'flow.svg')));
    });

    it('exits 2 on unusable arguments, saying what to do', async () => {
        const cases: Array<[string[], RegExp]> = [
            [['export', shop, '--format', 'png', '--out', 'x.png'], /Unknown format "png": use --format svg, mermaid, eventmodeling \(the board as Mermaid\) or board-svg \(the board as SVG\)\./],
            [['export', shop, '--out', 'flow.txt'], /Choose a format with --format svg, mermaid, eventmodeling or board-svg\./],
            [['export', shop, '--format', 'svg'], /Name the file to write with --out/],
            [['export', shop, '--out', 'x.svg', '--context', 'Nope'], /No context named "Nope"\. The model has: Shop, Warehouse\./],
            [['export', shop, '--out', 'x.svg', '--context', 'Warehouse', '--aggregate', 'Order'], /No aggregate "Order" in Warehouse\. Choose one of: Warehouse\.Shipment\./],
            [['export', path.join(cwd, 'missing'), '--out', 'x.svg'], /no such file or folder/]
        ];
        for (const [argv, message] of cases) {
            const result = await run(...argv);
            assert.equal(result.code, 2, `${argv.join(' ')}: ${result.err.join('\n')}`);
            assert.match(result.err.join('\n'), message);
        }
        assert.ok(!existsSync(path.join(cwd, 'x.svg')));
    });

    it('prints help with the options and exit codes, and exits 0', async () => {
        const result = await run('export', '--help');
        assert.equal(result.code, 0);
        const help = result.out.join('\n');
        for (const part of ['--format <format>', '--out <file>', '--context <name>', '--aggregate <name>', 'Exit codes: 0 written, 1']) {
            assert.ok(help.includes(part), `help mentions ${part}:\n${help}`);
        }
    });
});
