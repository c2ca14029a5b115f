/**
 * Continuous runs of scenarios (the Test Explorer's "watch" eye): until the run is cancelled, every
 * change that can change an outcome runs the watched scenarios again — an edit of a `.loom` file
 * (as typed: the language server sees unsaved text) or a saved file of the generated code (where
 * the hand-written bodies are). Changes in quick succession make one run, and a change during a
 * run makes one more run after it, never two at once.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../language-client.js';

/** How long typing must pause before the scenarios run again. */
const QUIET_MS = 400;

export function watchScenarios(token: vscode.CancellationToken, outDirs: () => readonly string[], rerun: () => Promise<unknown>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<unknown> | undefined;
    let again = false;
    const start = () => {
        timer = undefined;
        if (token.isCancellationRequested) return;
        if (running) {
            again = true;
            return;
        }
        running = rerun().catch(error => console.error('Eventloom: a continuous scenario run failed:', error)).finally(() => {
            running = undefined;
            if (again) {
                again = false;
                start();
            }
        });
    };
    const changed = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(start, QUIET_MS);
    };
    const isGeneratedCode = (uri: vscode.Uri) => uri.scheme === 'file' && outDirs().some(folder => {
        const relative = path.relative(folder, uri.fsPath);
        return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    });
    const subscriptions = [
        vscode.workspace.onDidChangeTextDocument(event => {
            if (event.document.languageId === LANGUAGE_ID && event.contentChanges.length > 0) changed();
        }),
        vscode.workspace.onDidSaveTextDocument(document => {
            if (isGeneratedCode(document.uri)) changed();
        })
    ];
    return new Promise(resolve => {
        token.onCancellationRequested(() => {
            if (timer) clearTimeout(timer);
            for (const subscription of subscriptions) subscription.dispose();
            resolve();
        });
    });
}
