/**
 * `eventloom generate <files or folders> --out <dir> [--check] [--force] [--runtime emmett]`: validates the model,
 * then generates its TypeScript into the folder, merging with what is there (user code is never
 * lost). Writes nothing when the model has errors (exit 1). `--check` writes nothing and exits 1
 * when the output is not up to date, listing the files that would change (for CI).
 */
import * as path from 'node:path';
// The generator is loaded on first use (its own bundle, out/generator.cjs), so that `eventloom
// validate` does not pay for it at start-up; it loads ts-morph (out/ts-morph.cjs) only to merge.
import { loadGenerator } from '../generator/load-generator.js';
import { checkModel } from './check-model.js';
import type { CliOutput } from './cli-output.js';
import { displayPath, formatProblem, summarize } from './report.js';
import { UsageError } from './usage-error.js';
import { countOf } from '../language/wording.js';

export interface GenerateOptions {
    out?: string;
    check?: boolean;
    force?: boolean;
    runtime?: string;
}

const RUNTIME_NAMES = ['none', 'emmett'] as const;

export async function generateCommand(inputs: readonly string[], options: GenerateOptions, output: CliOutput): Promise<number> {
    if (!options.out) throw new UsageError('Name the output folder with --out, for example `--out src/generated`.');
    const outDir = path.resolve(output.cwd, options.out);
    const runtime = options.runtime ?? 'none';
    if (!(RUNTIME_NAMES as readonly string[]).includes(runtime)) {
        throw new UsageError(`Unknown --runtime "${runtime}": use emmett (also writes app.ts, the application on Emmett) or none.`);
    }

    const checked = await checkModel(inputs, output.cwd);
    for (const problem of checked.problems) output.err(formatProblem(problem, output.cwd));
    if (checked.hasModelErrors) {
        output.err(`${summarize(checked.problems, checked.files.length)} Fix the errors first; nothing was generated.`);
        return 1;
    }

    const models = checked.documents.map(document => document.parseResult.value);
    const generator = await loadGenerator();
    let result;
    try {
        result = await generator.generateToFolder(models, outDir, { check: options.check, force: options.force, runtime: runtime as 'none' | 'emmett' });
    } catch (error) {
        if (error instanceof generator.OutputFolderError) throw new UsageError(error.message);
        throw error;
    }
    const shownOut = displayPath(outDir, output.cwd);
    for (const obsolete of result.obsolete) {
        const [file, name] = obsolete.split(': ');
        const what = name ? `${name} is obsolete` : 'the whole file is obsolete';
        output.err(`${path.join(shownOut, file)}: warning: ${what}: its model element was removed or renamed. Its code is kept, commented out; move what you need, then delete it.`);
    }
    for (const kept of result.kept) {
        const [file, name] = kept.split(': ');
        output.err(`${path.join(shownOut, file)}: warning: the model now determines ${name}; your hand-written ${name} is kept as it is. To let Eventloom generate it, remove its @handwritten tag (or the whole function) and generate again.`);
    }
    const changed = [...result.written, ...result.removed];
    if (options.check) {
        for (const file of changed) output.out(`would change: ${path.join(shownOut, file)}`);
        output.out(changed.length === 0
            ? `${shownOut} is up to date (${countOf(result.unchanged.length, 'file')}).`
            : `${countOf(changed.length, 'file')} in ${shownOut} would change: run eventloom generate without --check.`);
        return changed.length === 0 ? 0 : 1;
    }
    for (const file of result.written) output.out(`wrote ${path.join(shownOut, file)}`);
    for (const file of result.removed) output.out(`removed ${path.join(shownOut, file)} (generated, no code of yours in it)`);
    output.out(`Generated into ${shownOut}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.obsolete.length} obsolete.`);
    return 0;
}
