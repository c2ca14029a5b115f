/**
 * The scenario check's memory: each scenario's diagnostics with the inputs they were computed
 * from (`scenario-inputs.ts`), so that a keystroke re-runs only the scenarios whose inputs changed.
 *
 * Entries live per document and validation: what a document's last two validations did not ask
 * for (a scenario edited away, moved, or deleted with its file) is dropped, so the memory follows the
 * model, not the length of the session — while a character typed and deleted again finds the runs
 * from before it.
 */
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import type { InputKey } from './scenario-inputs.js';

/** One diagnostic of a scenario, as the check accepted it. */
export interface ScenarioDiagnostic {
    readonly message: string;
    readonly range?: Range;
    readonly relatedInformation: readonly DiagnosticRelatedInformation[];
}

interface Entry {
    readonly key: InputKey;
    readonly diagnostics: readonly ScenarioDiagnostic[];
}

export class ScenarioResults {
    /** Entries of each document's validation under way, by the scenario's own input (its first key items). */
    private readonly current = new Map<string, Map<string, Entry>>();
    /** Entries of each document's last two finished validations: an edit undone finds its scenarios' runs still here. */
    private readonly last = new Map<string, Map<string, Entry>>();
    private readonly older = new Map<string, Map<string, Entry>>();

    /** How many scenarios were run, and how many answered from memory (for tests and profiles). */
    readonly counts = { runs: 0, reused: 0 };

    /** A document's validation starts (one cancelled before it ended counts as finished with what it asked for). */
    beginDocument(uri: string): void {
        const unfinished = this.current.get(uri);
        if (unfinished) this.last.set(uri, new Map([...(this.last.get(uri) ?? []), ...unfinished]));
        this.current.set(uri, new Map());
    }

    /** What neither this validation nor the one before asked for is dropped. */
    endDocument(uri: string): void {
        const last = this.last.get(uri);
        if (last) this.older.set(uri, last);
        this.last.set(uri, this.current.get(uri) ?? new Map());
        this.current.delete(uri);
    }

    forget(uri: string): void {
        this.current.delete(uri);
        this.last.delete(uri);
        this.older.delete(uri);
    }

    /** A run that is not remembered (counted all the same). */
    run(run: () => readonly ScenarioDiagnostic[]): readonly ScenarioDiagnostic[] {
        this.counts.runs++;
        return run();
    }

    /** The diagnostics of a run with these inputs, running it only when no run with equal inputs is remembered. */
    diagnostics(uri: string, key: InputKey, run: () => readonly ScenarioDiagnostic[]): readonly ScenarioDiagnostic[] {
        const slot = slotOf(key);
        let current = this.current.get(uri);
        if (!current) {
            current = new Map<string, Entry>();
            this.current.set(uri, current);
        }
        // Asked once per scenario of the document in every validation: no array or closure per call.
        const remembered = withKey(current.get(slot), key) ?? withKey(this.last.get(uri)?.get(slot), key) ?? withKey(this.older.get(uri)?.get(slot), key);
        if (remembered) {
            this.counts.reused++;
            current.set(slot, remembered);
            return remembered.diagnostics;
        }
        this.counts.runs++;
        const diagnostics = run();
        current.set(slot, { key, diagnostics });
        return diagnostics;
    }
}

/** Slots of the keys asked for: a kept key (scenario-inputs.ts) is the same array from one validation to the next. */
const slots = new WeakMap<InputKey, string>();

/** The scenario's own entry (file, position, context, text) names its slot. */
function slotOf(key: InputKey): string {
    let slot = slots.get(key);
    if (slot === undefined) {
        slot = key.slice(0, 4).join('\n');
        slots.set(key, slot);
    }
    return slot;
}

function withKey(entry: Entry | undefined, key: InputKey): Entry | undefined {
    return entry && sameKey(entry.key, key) ? entry : undefined;
}

/** A kept key is the remembered one itself; otherwise item by item (the items of unchanged declarations are the same strings). */
function sameKey(a: InputKey, b: InputKey): boolean {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}
