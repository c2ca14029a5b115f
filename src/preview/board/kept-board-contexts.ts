/**
 * Each context's part of the board (its lanes and slices, its scenarios' runs), kept while the
 * documents it was built from are unchanged: its own and those of every context it shows or names
 * (an external event's note, the read model a scenario expects, a `Other.Event` not declared yet).
 * A board request after an edit in one context builds that context's part, and the parts of the
 * contexts that read it, again; the scenario check keeps the rules forms the same way.
 */
import type { LangiumDocument } from 'langium';
import type { Model } from '../../language/generated/ast.js';
import { contextNameOf } from '../../language/model-queries.js';
import type { BoardContext } from '../../protocol/board.js';
import { sameStamps, type DocumentStamp, type DocumentStamper } from '../document-stamps.js';
import type { BoardContextStore } from './build-board.js';

interface KeptPart {
    part: BoardContext;
    /** The stamps of the documents of the context and of each context it reads, when it was built. */
    inputs: Map<string, DocumentStamp[]>;
}

export class KeptBoardContexts {
    /** With runs and without (a board that steps scenarios and one that does not are different parts). */
    private readonly kept = { runs: new Map<string, KeptPart>(), plain: new Map<string, KeptPart>() };

    constructor(private readonly stampOf: DocumentStamper) {}

    /** The store for one board of these models; `withRuns`: the board runs its scenarios. */
    store(models: readonly Model[], withRuns: boolean): BoardContextStore {
        const stamps = this.stampsByContext(models);
        const kept = withRuns ? this.kept.runs : this.kept.plain;
        // A context that is gone is forgotten (its name may come back, with other documents).
        for (const name of [...kept.keys()]) {
            if (!stamps.has(name)) kept.delete(name);
        }
        return {
            get: context => {
                const entry = kept.get(context);
                if (!entry) return undefined;
                const unchanged = [...entry.inputs].every(([name, inputs]) => sameStamps(inputs, stamps.get(name) ?? []));
                if (!unchanged) kept.delete(context);
                return unchanged ? entry.part : undefined;
            },
            keep: (context, part, reads) => {
                const names = new Set([context, ...reads]);
                kept.set(context, { part, inputs: new Map([...names].map(name => [name, stamps.get(name) ?? []])) });
            }
        };
    }

    /** Each context's documents' stamps, in URI order. */
    private stampsByContext(models: readonly Model[]): Map<string, DocumentStamp[]> {
        const byContext = new Map<string, LangiumDocument[]>();
        for (const model of models) {
            const document = model.$document;
            if (!document) continue;
            const name = contextNameOf(model);
            const documents = byContext.get(name);
            if (documents) documents.push(document);
            else byContext.set(name, [document]);
        }
        const uri = (document: LangiumDocument) => document.uri.toString();
        return new Map([...byContext].map(([name, documents]) => [name, documents
            .sort((a, b) => uri(a) < uri(b) ? -1 : uri(a) > uri(b) ? 1 : 0)
            .map(this.stampOf)]));
    }
}
