/**
 * A workspace edited as in the editor (text documents changed, then `DocumentBuilder.update`), with
 * the scenario check registered, and the same texts validated afresh in new services: the two must
 * report the same scenario diagnostics whatever the check remembered.
 */
import { EmptyFileSystem, URI, type Cancellation, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createEventloomServices, type EventloomServices } from '../../src/language/eventloom-module.js';
import { buildDocuments } from '../../src/language/workspace/load-documents.js';
import { registerScenarioCheck, SCENARIO_FAILS, type ScenarioCheck } from '../../src/semantics/scenario-check.js';

export interface EditedWorkspace {
    readonly check: ScenarioCheck;
    readonly services: EventloomServices;
    /** The current text of each file, by path. */
    readonly texts: Map<string, string>;
    /** The file's new text, as the editor sends it; the update rejects when `cancel` is cancelled before it ends. */
    edit(path: string, text: string, cancel?: Cancellation.CancellationToken): Promise<void>;
    /** The file deleted (as the file watcher reports it). */
    remove(path: string): Promise<void>;
    /** Each file's scenario diagnostics as comparable lines. */
    scenarioDiagnostics(): Record<string, string[]>;
}

export async function openWorkspace(files: Record<string, string>): Promise<EditedWorkspace> {
    const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
    const check = registerScenarioCheck(Eventloom);
    const texts = new Map(Object.entries(files));
    const documents = await buildDocuments(shared, [...texts].map(([path, text]) => ({ path, text })));
    const byPath = new Map([...texts.keys()].map((path, index) => [path, documents[index]] as const));
    const versions = new Map<string, number>();
    return {
        check, texts, services: Eventloom,
        async edit(path, text, cancel) {
            const version = (versions.get(path) ?? 1) + 1;
            versions.set(path, version);
            texts.set(path, text);
            const uri = byPath.get(path)!.uri;
            shared.workspace.TextDocuments?.set(TextDocument.create(uri.toString(), 'eventloom', version, text));
            await shared.workspace.DocumentBuilder.update([uri], [], cancel);
        },
        async remove(path) {
            const uri = byPath.get(path)!.uri;
            texts.delete(path);
            byPath.delete(path);
            shared.workspace.TextDocuments?.delete(uri.toString());
            await shared.workspace.DocumentBuilder.update([], [uri]);
        },
        scenarioDiagnostics: () => Object.fromEntries([...byPath].map(([path]) => [path, scenarioLines(shared.workspace.LangiumDocuments.getDocument(byPath.get(path)!.uri)!)]))
    };
}

/** The scenario diagnostics of these texts validated from scratch by new services. */
export async function freshScenarioDiagnostics(texts: ReadonlyMap<string, string>): Promise<Record<string, string[]>> {
    const { shared, Eventloom } = createEventloomServices(EmptyFileSystem);
    registerScenarioCheck(Eventloom);
    const documents = await buildDocuments(shared, [...texts].map(([path, text]) => ({ path, text })));
    return Object.fromEntries([...texts.keys()].map((path, index) => [path, scenarioLines(documents[index])]));
}

function scenarioLines(document: LangiumDocument): string[] {
    return (document.diagnostics ?? [])
        .filter((diagnostic: Diagnostic) => (diagnostic.data as { code?: string } | undefined)?.code === SCENARIO_FAILS)
        .map(diagnostic => [
            `${position(diagnostic.range.start)}-${position(diagnostic.range.end)}`, String(diagnostic.message),
            ...(diagnostic.relatedInformation ?? []).map(info => `${URI.parse(info.location.uri).path}@${position(info.location.range.start)}: ${info.message}`)
        ].join(' | '))
        .sort();
}

function position(at: { line: number; character: number }): string {
    return `${at.line + 1}:${at.character + 1}`;
}

const SWAPS: Array<[RegExp, string]> = [[/>/g, '<'], [/\+=/g, '-='], [/==/g, '!='], [/Active/g, 'Closed'], [/Open/g, 'Closed']];

/**
 * One edit of the kinds that change what scenarios conclude or what they can resolve: a digit of a
 * number changed, a letter typed into or deleted from a name, an operator or enum member swapped,
 * a new line (everything below moves), a character that breaks the syntax; sometimes the file's
 * original text back (the check's memory of earlier states is then asked for again).
 */
export function scenarioEdit(text: string, original: string, next: () => number): string {
    const pick = next();
    const at = Math.floor(next() * text.length);
    if (pick < 0.08) return original;
    if (pick < 0.3) {
        const digits = [...text.matchAll(/\d/g)];
        const digit = digits[Math.floor(next() * digits.length)];
        if (digit?.index !== undefined) return text.slice(0, digit.index) + String(Math.floor(next() * 10)) + text.slice(digit.index + 1);
    }
    if (pick < 0.5) {
        let word = at;
        while (word < text.length && !/\w/.test(text[word])) word++;
        return next() < 0.4 ? text.slice(0, word) + text.slice(word + 1) : text.slice(0, word) + 'xyZ1'[Math.floor(next() * 4)] + text.slice(word);
    }
    if (pick < 0.75) {
        const [pattern, replacement] = SWAPS[Math.floor(next() * SWAPS.length)];
        const matches = [...text.matchAll(pattern)];
        const match = matches[Math.floor(next() * matches.length)];
        if (match?.index !== undefined) return text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
    }
    if (pick < 0.88) return text.slice(0, at) + '\n' + text.slice(at);
    return text.slice(0, at) + ['{', '}', '"', ',', 'x'][Math.floor(next() * 5)] + text.slice(at);
}
