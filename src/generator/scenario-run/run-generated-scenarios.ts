/**
 * Runs the generated scenarios in this process, as `eventloom test` and the editor's Test Explorer
 * do: each context's `scenarios.ts` and the generated files it imports (with the user's hand-written
 * bodies) are transpiled with the TypeScript compiler that ships inside ts-morph, loaded here on first
 * use (types are not checked: that is tsc's job, and far slower), evaluated as CommonJS in a small
 * module table, and the scenarios are run. Nothing
 * is written and nothing needs installing. A relative import resolves inside the generated files;
 * any other import (a library the user's code uses) is required from the output folder, as Node
 * would from the file itself.
 */
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { loadTsMorph } from '../load-ts-morph.js';

export interface SourceText {
    /** Relative to the output folder, `/`-separated. */
    path: string;
    text: string;
}

export interface ScenarioResult {
    context: string;
    name: string;
    /** `banking.loom:74:1`, relative to the models' folder. */
    source: string;
    /** Undefined when it passed. */
    failure?: { expected: string; actual: string };
    /** The decision's events or rejection and each expected document, as the generated code made them (or the error it threw). */
    outcome?: { decision?: unknown; documents?: readonly unknown[]; error?: string };
}

/** The generated code cannot run: a syntax error or an error while loading a module. */
export interface LoadProblem {
    /** The output file, relative to the output folder. */
    path: string;
    line: number;
    column: number;
    message: string;
    /** The scenarios of the context that could not run because of it. */
    context?: string;
}

export interface ScenarioRun {
    results: ScenarioResult[];
    problems: LoadProblem[];
}

interface GeneratedScenario {
    name: string;
    source: string;
    context: string;
    run: () => { expected: string; actual: string } | undefined;
    outcome?: () => { decision?: unknown; documents: readonly unknown[] };
}

/**
 * `files`: the output folder's TypeScript files. `outDir`: where they are (or would be) on disk,
 * for the libraries the user's code requires.
 */
export function runGeneratedScenarios(files: readonly SourceText[], outDir: string): ScenarioRun {
    const { modules, problems, paths } = loadGeneratedModules(files, outDir);
    const results: ScenarioResult[] = [];
    for (const path of paths.filter(path => /^[^/]+\/scenarios\.ts$/.test(path)).sort()) {
        let scenarios: readonly GeneratedScenario[];
        try {
            scenarios = (modules.load(path) as { scenarios: readonly GeneratedScenario[] }).scenarios;
        } catch (error) {
            problems.push({ ...modules.whereFailed(error), context: path.split('/')[0] });
            continue;
        }
        for (const scenario of scenarios) {
            let failure: ScenarioResult['failure'];
            try {
                failure = scenario.run();
            } catch (error) {
                failure = { expected: 'the scenario to run', actual: `an error: ${error instanceof Error ? error.message : String(error)}` };
            }
            let outcome: ScenarioResult['outcome'];
            try {
                outcome = scenario.outcome?.();
            } catch (error) {
                outcome = { error: error instanceof Error ? error.message : String(error) };
            }
            results.push({ context: scenario.context, name: scenario.name, source: scenario.source, outcome, ...(failure ? { failure } : {}) });
        }
    }
    return { results, problems };
}

/** The generated modules, transpiled and ready to load (`load` throws a `LoadError` for one that does not load). */
export interface GeneratedModules {
    load(path: string): unknown;
    whereFailed(error: unknown): LoadProblem;
}

/**
 * The output folder's TypeScript files (tests aside), each transpiled for loading in this process when
 * first loaded; its syntax errors are added to `problems` then. Only what the scenarios import is
 * transpiled: a model of thousands of aggregates generates megabytes of code, and transpiling all of
 * it took minutes when no scenario needed more than a few files (fuzz case 1365 of seed 20261202).
 */
export function loadGeneratedModules(files: readonly SourceText[], outDir: string): { modules: GeneratedModules; problems: LoadProblem[]; paths: string[] } {
    const problems: LoadProblem[] = [];
    const sources = new Map(files.filter(file => file.path.endsWith('.ts') && !file.path.endsWith('.test.ts')).map(file => [file.path, file.text]));
    return { modules: new ModuleTable(sources, outDir, problems), problems, paths: [...sources.keys()] };
}

/** One file as CommonJS, by the TypeScript compiler inside ts-morph (syntax only: types are not checked). */
function transpile(path: string, text: string, problems: LoadProblem[]): string {
    const { ts } = loadTsMorph();
    const output = ts.transpileModule(text, {
        fileName: path, reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: false, esModuleInterop: true }
    });
    for (const diagnostic of output.diagnostics ?? []) {
        const at = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : { line: 0, character: 0 };
        problems.push({ path, line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') });
    }
    return output.outputText;
}

/** CommonJS modules from the generated sources, each transpiled and evaluated once. */
class ModuleTable implements GeneratedModules {
    private readonly cache = new Map<string, { exports: unknown }>();
    private readonly compiled = new Map<string, string>();
    private readonly loading: string[] = [];

    constructor(private readonly sources: ReadonlyMap<string, string>, private readonly outDir: string, private readonly problems: LoadProblem[]) {}

    private compiledText(path: string): string {
        let text = this.compiled.get(path);
        if (text === undefined) {
            text = transpile(path, this.sources.get(path)!, this.problems);
            this.compiled.set(path, text);
        }
        return text;
    }

    load(path: string): unknown {
        const cached = this.cache.get(path);
        if (cached) return cached.exports;
        const module = { exports: {} as unknown };
        this.cache.set(path, module);
        const outside = createRequire(join(this.outDir, path));
        const require = (specifier: string): unknown => {
            if (specifier.startsWith('./') || specifier.startsWith('../')) {
                const target = posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.js$/, '.ts');
                if (this.sources.has(target)) return this.load(target);
            }
            return outside(specifier);
        };
        this.loading.push(path);
        try {
            // The generated code's own text, evaluated as a CommonJS module would be.
            const evaluate = new Function('exports', 'require', 'module', '__filename', '__dirname', this.compiledText(path));
            evaluate.call(module.exports, module.exports, require, module, join(this.outDir, path), dirname(join(this.outDir, path)));
        } catch (error) {
            this.cache.delete(path);
            if (!(error instanceof LoadError)) throw new LoadError(path, error);
            throw error;
        } finally {
            this.loading.pop();
        }
        return module.exports;
    }

    whereFailed(error: unknown): LoadProblem {
        if (error instanceof LoadError) return { path: error.path, line: 1, column: 1, message: `it does not load: ${error.message}` };
        return { path: '', line: 1, column: 1, message: String(error) };
    }
}

class LoadError extends Error {
    constructor(readonly path: string, cause: unknown) {
        // Node's "Require stack" lines name our loader, not the user's code.
        super((cause instanceof Error ? cause.message : String(cause)).split('\n')[0]);
    }
}
