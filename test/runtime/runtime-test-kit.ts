/**
 * Set-up for the runtime tests: generate a model with `--runtime emmett` into a scratch package
 * inside the repository (so Emmett resolves from node_modules), write the hand-written bodies a
 * user would write into the generated files (with ts-morph, as an editor would leave them), and
 * import the generated `app.ts`. Plus the stores of each kind, PostgreSQL included.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from 'ts-morph';
import { generateModel } from '../../src/generator/generate-model.js';
import { loadModels, readModelFiles, scratchPackage } from '../generator/generator-test-kit.js';
import { PostgresUnavailable, startPostgres, type PostgresServer } from './postgres-server.js';

/** Function bodies by generated file, by function name. */
export type HandWritten = Record<string, Record<string, string>>;

/** Generates the model (folders or files) into `<scratch>/app/`, fills in the bodies and returns the folder. */
export async function generateApp(models: string | readonly string[], handWritten: HandWritten, imports: Record<string, string> = {}): Promise<string> {
    const root = join(scratchPackage(), 'app');
    const files = Object.assign({}, ...[models].flat().map(readModelFiles)) as Record<string, string>;
    for (const file of generateModel(await loadModels(files), { runtime: 'emmett' })) {
        const path = join(root, file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
    }
    const project = new Project({ skipAddingFilesFromTsConfig: true });
    for (const [file, bodies] of Object.entries(handWritten)) {
        const source = project.addSourceFileAtPath(join(root, file));
        if (imports[file]) source.addStatements(imports[file]);
        for (const [name, body] of Object.entries(bodies)) {
            const fn = source.getFunction(name);
            if (!fn) throw new Error(`${file} has no function ${name}`);
            fn.setBodyText(body);
        }
        source.saveSync();
    }
    return root;
}

/** The generated app module (its exports are typed by the test's own interface). */
export async function importApp<T>(folder: string): Promise<T> {
    return await import(pathToFileURL(join(folder, 'app.ts')).href) as T;
}

/** Deterministic ids that look like uuids (and so hold `-`). */
export function idSequence(prefix: string): () => string {
    let next = 0;
    return () => `${prefix}-0000-4000-8000-${String(++next).padStart(12, '0')}`;
}

export const fixedNow = () => new Date('2026-12-01T10:00:00.000Z');

let postgres: Promise<PostgresServer> | undefined;

/**
 * One PostgreSQL server for the whole run, stopped when mocha exits. Where it cannot be had (not
 * root, not installed) a test skips saying why, except on CI, where it fails.
 */
export async function postgresUrl(context: Mocha.Context): Promise<string> {
    postgres ??= startPostgres();
    try {
        return (await postgres).url;
    } catch (error) {
        if (error instanceof PostgresUnavailable && process.env.CI !== 'true') {
            console.log(`      (skipped: ${error.message})`);
            context.skip();
        }
        throw error;
    }
}

export async function stopPostgres(): Promise<void> {
    const server = await postgres?.catch(() => undefined);
    postgres = undefined;
    await server?.stop();
}
