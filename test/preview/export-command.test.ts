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
        assert.deepEqual(result.out, ['Wrote FLOW.md (mermaid, 4 nodes, 3 edges).']);
        const text = readFileSync(path.join(cwd, 'FLOW.md'), 'utf8');
        assert.match(text, /^```mermaid\nflowchart LR\n[\s\S]*\n```\n$/);
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
            [['export', shop, '--format', 'png', '--out', 'x.png'], /Unknown format "png": use --format svg or --format mermaid\./],
            [['export', shop, '--out', 'flow.txt'], /Choose a format with --format svg or --format mermaid\./],
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
