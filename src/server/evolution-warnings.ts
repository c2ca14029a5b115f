/**
 * The editor's evolution warnings (DESIGN §2d, issue 14): the same findings as
 * `eventloom evolution --against HEAD`, as warnings on the events they concern, so a change that
 * would break stored events shows before it is committed. Uses the git the user has; a folder
 * that is not a repository (or has no commit yet, or no git) gets nothing. A 'slow' check: it
 * runs on save and full builds, never on a keystroke, and reads HEAD once per commit.
 */
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { EventloomServices } from '../language/eventloom-module.js';
import type { Model } from '../language/generated/ast.js';
import { modelFilesAtRef, repositoryRoot } from '../language/workspace/git-history.js';
import { earlierShapes, evolutionFindings } from '../semantics/evolution/evolution-check.js';
import type { EventShape } from '../semantics/evolution/stored-shape.js';

const run = promisify(execFile);

/** Stored shapes at HEAD, per repository, folders compared and commit. */
class HeadShapes {
    private readonly cache = new Map<string, Promise<EventShape[]>>();

    async at(root: string, folders: readonly string[]): Promise<EventShape[] | undefined> {
        const commit = await run('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: root }).then(result => result.stdout.trim(), () => undefined);
        if (!commit) return undefined;
        const key = `${root}\0${commit}\0${folders.join('\0')}`;
        let shapes = this.cache.get(key);
        if (!shapes) {
            shapes = modelFilesAtRef(folders, 'HEAD', root).then(earlierShapes);
            this.cache.clear();
            this.cache.set(key, shapes);
        }
        return shapes;
    }
}

export function registerEvolutionWarnings(services: EventloomServices): void {
    const documents = services.shared.workspace.LangiumDocuments;
    const head = new HeadShapes();
    const roots = new Map<string, Promise<string | undefined>>();
    const rootOf = (folder: string) => {
        let root = roots.get(folder);
        if (!root) {
            root = repositoryRoot(folder).catch(() => undefined);
            roots.set(folder, root);
        }
        return root;
    };

    const check = async (model: Model, accept: ValidationAcceptor): Promise<void> => {
        const document = AstUtils.getDocument(model);
        if (document.uri.scheme !== 'file') return;
        const root = await rootOf(path.dirname(document.uri.fsPath));
        if (!root) return;
        // The model now: every document of this repository; HEAD: the files of the same folders.
        const current: Model[] = [];
        const folders = new Set<string>();
        for (const other of documents.all) {
            const file = other.uri.fsPath;
            if (other.uri.scheme !== 'file' || !isInside(file, root)) continue;
            current.push(other.parseResult.value as Model);
            folders.add(path.dirname(file));
        }
        let earlier: EventShape[] | undefined;
        try {
            earlier = await head.at(root, [...folders].sort());
        } catch {
            return; // git could not read HEAD: no warnings rather than wrong ones
        }
        if (!earlier) return;
        for (const finding of evolutionFindings(earlier, current, 'HEAD')) {
            const owner = AstUtils.getDocument(finding.node);
            if (owner === document) {
                accept('warning', finding.message, { node: finding.node, property: 'name' });
            } else if (owner.uri.fsPath === document.uri.fsPath && model.context) {
                // A removed event found in HEAD's copy of this file: on the file's context line.
                accept('warning', finding.message, { node: model.context, property: 'name' });
            }
        }
    };
    services.validation.ValidationRegistry.register({ Model: check }, undefined, 'slow');
}

function isInside(file: string, folder: string): boolean {
    const relative = path.relative(folder, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
