/** `eventloom validate <files or folders>`: report every diagnostic, then a summary; exit 1 on errors. */
import { checkModel } from './check-model.js';
import { formatProblem, summarize } from './report.js';
import type { CliOutput } from './cli-output.js';

export async function validateCommand(inputs: readonly string[], output: CliOutput): Promise<number> {
    const checked = await checkModel(inputs, output.cwd);
    for (const problem of checked.problems) {
        output.out(formatProblem(problem, output.cwd));
    }
    output.out(summarize(checked.problems, checked.files.length));
    return checked.hasErrors ? 1 : 0;
}
