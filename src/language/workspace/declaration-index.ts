/**
 * Whole-workspace facts the name checks need — every declaration by qualified name, every context
 * by output folder, every element by generated file — kept up to date incrementally: a keystroke
 * re-indexes one document, so only that document's entries are replaced (work proportional to the
 * document, not to the workspace).
 */
import { DocumentState, URI, type AstNodeDescription, type LangiumCoreServices, type LangiumDocuments, type IndexManager } from 'langium';
import type { Model } from '../generated/ast.js';
import { splitQualifiedName } from '../scoping/qualified-names.js';
import { contextFolder, generatedFileOf } from '../typescript-names.js';

/** What one document adds to the index, remembered so that it can be taken out again. */
interface DocumentEntries {
    declarations: readonly AstNodeDescription[];
    contextName: string | undefined;
}

export class DeclarationIndex {
    private readonly indexManager: IndexManager;
    private readonly documents: LangiumDocuments;

    private readonly entries = new Map<string, DocumentEntries>();
    private readonly byQualifiedName = new Map<string, AstNodeDescription[]>();
    /** Output folder -> context name -> the URIs of the documents declaring that context. */
    private readonly contextsByFolder = new Map<string, Map<string, Set<string>>>();
    /** `context/file` -> qualified name -> how many declarations of that name map to the file. */
    private readonly elementsByFile = new Map<string, Map<string, number>>();
    /** Documents whose exports were (re)computed or which were deleted since the last query. */
    private readonly stale = new Set<string>();
    /** Stamp of the latest change of each qualified name's declarations and each generated file's names (see `stampOfName`, `stampOfFile`). */
    private readonly stamps = new Stamps();
    /** Stamp of the latest change of each qualified name's places: the files and paths of its declarations (see `placesStampOfName`). */
    private readonly placesStamps = new Stamps({ logRenewals: true });

    constructor(services: LangiumCoreServices) {
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.IndexedContent, document => {
            this.stale.add(document.uri.toString());
        });
        builder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) this.stale.add(uri.toString());
        });
    }

    /** Every declaration exported under `qualifiedName`, across all files. */
    declarationsNamed(qualifiedName: string): readonly AstNodeDescription[] {
        this.refresh();
        return this.byQualifiedName.get(qualifiedName) ?? [];
    }

    /** Context names, other than `contextName`, whose generated folder is the same. */
    contextsSharingFolderWith(contextName: string): Array<{ name: string; documentUri: string }> {
        this.refresh();
        const sameFolder = this.contextsByFolder.get(contextFolder(contextName)) ?? new Map<string, Set<string>>();
        return [...sameFolder]
            .filter(([name, uris]) => name !== contextName && uris.size > 0)
            .map(([name, uris]) => ({ name, documentUri: [...uris].sort()[0] }));
    }

    /** Qualified names of other elements of the context whose generated file is `file`, sorted. */
    elementsSharingFile(contextName: string, file: string, qualifiedName: string): string[] {
        this.refresh();
        const names = this.elementsByFile.get(fileKey(contextName, file)) ?? new Map<string, number>();
        return [...names.keys()].filter(name => name !== qualifiedName).sort();
    }

    /**
     * Changes whenever `declarationsNamed(qualifiedName)` would answer differently (other
     * descriptions, or another order); 0 while no file declares the name. The name checks keep
     * the result of a declaration while the stamps of the names it looked up are the same.
     */
    stampOfName(qualifiedName: string): number {
        this.refresh();
        return this.stamps.of(qualifiedName);
    }

    /**
     * Changes whenever the stamp of any name or generated file changes (or is dropped): while it is
     * the same, every `stampOfName` answers as before, so a reader holding many names' stamps
     * (the scenario check's kept keys) need not look each one up again.
     */
    get stampsEpoch(): number {
        this.refresh();
        return this.stamps.latest;
    }

    /**
     * Changes whenever the places `declarationsNamed(qualifiedName)` lists change (a file or path
     * added, dropped or moved), but not when a declaration is re-parsed where it was: a keystroke
     * gives the declarations it re-parsed new descriptions, which moves `stampOfName`, not this.
     * For a reader that tells the new nodes from the old ones itself (the scenario check's keys).
     */
    placesStampOfName(qualifiedName: string): number {
        this.refresh();
        return this.placesStamps.of(qualifiedName);
    }

    /** Like `stampsEpoch`, for `placesStampOfName`: while it is the same, no name's places changed. */
    get placesEpoch(): number {
        this.refresh();
        return this.placesStamps.latest;
    }

    /**
     * The names whose places stamp moved since `placesEpoch` was `epoch` (each once), or undefined
     * when that is too long ago to tell: a reader holding many names' stamps from then need look
     * up only these (a keystroke that renames an event moves two).
     */
    placesChangedSince(epoch: number): readonly string[] | undefined {
        this.refresh();
        return this.placesStamps.changedSince(epoch);
    }

    /** Like `stampOfName`, for the names `elementsSharingFile(contextName, file, …)` lists. */
    stampOfFile(contextName: string, file: string): number {
        this.refresh();
        return this.stamps.of(fileKey(contextName, file));
    }

    /**
     * Replaces the entries of every stale document with its current exports. Only what changed is
     * touched: after a splice most descriptions are the very objects indexed before
     * (eventloom-scope-computation.ts keeps them per declaration), so a keystroke costs a pass
     * over the document's descriptions and work for the few names the edit added or removed.
     */
    private refresh(): void {
        if (this.stale.size === 0) return;
        const uris = new Set(this.stale);
        this.stale.clear();
        const current = new Map<string, AstNodeDescription[]>();
        for (const description of this.indexManager.allElements(undefined, uris)) {
            const uri = description.documentUri.toString();
            const list = current.get(uri);
            if (list) list.push(description); else current.set(uri, [description]);
        }
        for (const uri of uris) {
            const document = this.documents.getDocument(URI.parse(uri));
            const exported = document || current.has(uri);
            const contextName = document ? (document.parseResult.value as Model).context?.name : undefined;
            this.replace(uri, exported ? { declarations: current.get(uri) ?? [], contextName } : undefined);
        }
    }

    private replace(uri: string, next: DocumentEntries | undefined): void {
        const previous = this.entries.get(uri);
        if (previous?.contextName !== next?.contextName) {
            if (previous?.contextName) this.removeContext(uri, previous.contextName);
            if (next?.contextName) this.addContext(uri, next.contextName);
        }
        const before = new Set(previous?.declarations ?? []);
        const after = new Set(next?.declarations ?? []);
        const touched = new Set<string>();
        for (const description of before) {
            if (after.has(description)) continue;
            touched.add(description.name);
            this.countFile(description, -1);
        }
        for (const description of after) {
            if (before.has(description)) continue;
            touched.add(description.name);
            this.countFile(description, +1);
        }
        if (touched.size > 0) this.replaceNames(uri, touched, next?.declarations ?? []);
        if (next) this.entries.set(uri, next); else this.entries.delete(uri);
    }

    /**
     * The document's declarations of each touched name, in its export order, placed among the
     * other documents' in a stable order whatever order the documents were re-indexed in: after
     * those of documents that sort before it. One search per name, not a sort per insert (which
     * was quadratic in a file declaring one name thousands of times).
     */
    private replaceNames(uri: string, touched: ReadonlySet<string>, declarations: readonly AstNodeDescription[]): void {
        const own = new Map<string, AstNodeDescription[]>();
        for (const description of declarations) {
            if (!touched.has(description.name)) continue;
            const list = own.get(description.name);
            if (list) list.push(description); else own.set(description.name, [description]);
        }
        for (const name of touched) {
            const before = this.byQualifiedName.get(name) ?? [];
            const others = before.filter(description => description.documentUri.toString() !== uri);
            others.splice(insertionPoint(others, uri), 0, ...(own.get(name) ?? []));
            this.stamps.renew(name, others.length > 0);
            if (!samePlaces(before, others)) this.placesStamps.renew(name, others.length > 0);
            if (others.length > 0) this.byQualifiedName.set(name, others);
            else this.byQualifiedName.delete(name);
        }
    }

    /** Adds (+1) or takes out (-1) a declaration's generated file, if it has one of its own. */
    private countFile(description: AstNodeDescription, delta: 1 | -1): void {
        const split = splitQualifiedName(description.name);
        const file = split && generatedFileOf(description.type, split.name);
        if (!split || !file) return;
        const key = fileKey(split.context, file);
        const names = this.elementsByFile.get(key) ?? new Map<string, number>();
        const count = (names.get(description.name) ?? 0) + delta;
        if (count > 0) names.set(description.name, count);
        else names.delete(description.name);
        if (names.size > 0) this.elementsByFile.set(key, names);
        else this.elementsByFile.delete(key);
        this.stamps.renew(key, names.size > 0);
    }

    private addContext(uri: string, contextName: string): void {
        const folder = contextFolder(contextName);
        const names = this.contextsByFolder.get(folder) ?? new Map<string, Set<string>>();
        names.set(contextName, (names.get(contextName) ?? new Set()).add(uri));
        this.contextsByFolder.set(folder, names);
    }

    private removeContext(uri: string, contextName: string): void {
        const folder = contextFolder(contextName);
        const names = this.contextsByFolder.get(folder);
        const uris = names?.get(contextName);
        uris?.delete(uri);
        if (names && uris?.size === 0) names.delete(contextName);
        if (names?.size === 0) this.contextsByFolder.delete(folder);
    }
}

/** How many renewals `Stamps.changedSince` can look back over at least (half as many, right after dropping the older half). */
const RECENT_RENEWALS = 512;

/** A stamp per key from one counter: `latest` moves on with every key's change (the readers' epochs). */
class Stamps {
    private readonly byKey = new Map<string, number>();
    latest = 0;
    /** The keys of the latest renewals, in order: `recent[i]` was renewed at stamp `recentFrom + i` (kept only when logged). */
    private recent: string[] = [];
    private recentFrom = 1;
    private changedMemo: { since: number; latest: number; keys: readonly string[] } | undefined;

    /** `logRenewals`: keep the log `changedSince` reads (the name stamps, renewed for every re-parsed declaration, have no reader of it). */
    constructor(private readonly options: { readonly logRenewals?: boolean } = {}) {}

    /** The key's stamp; 0 while nothing is indexed under it. */
    of(key: string): number {
        return this.byKey.get(key) ?? 0;
    }

    /** A new stamp for the key; none (0) once nothing is indexed under it. Either way `latest` moves on. */
    renew(key: string, present: boolean): void {
        const stamp = ++this.latest;
        if (present) this.byKey.set(key, stamp);
        else this.byKey.delete(key);
        if (!this.options.logRenewals) return;
        if (this.recent.length === RECENT_RENEWALS) {
            // Halved, not shifted by one: a renewal costs no copy of the whole list.
            this.recent = this.recent.slice(RECENT_RENEWALS / 2);
            this.recentFrom += RECENT_RENEWALS / 2;
        }
        this.recent.push(key);
    }

    /** The keys renewed after stamp `stamp`, each once; undefined when those renewals are no longer all listed. */
    changedSince(stamp: number): readonly string[] | undefined {
        if (stamp >= this.latest) return [];
        if (!this.options.logRenewals) return undefined;
        if (stamp + 1 < this.recentFrom) return undefined;
        // Asked by every kept key of a document with the same stamp: answered once while nothing is renewed.
        const memo = this.changedMemo;
        if (memo?.since === stamp && memo.latest === this.latest) return memo.keys;
        const keys = [...new Set(this.recent.slice(stamp + 1 - this.recentFrom))];
        this.changedMemo = { since: stamp, latest: this.latest, keys };
        return keys;
    }
}

/** Whether two lists of descriptions name the same files and paths, in the same order. */
function samePlaces(a: readonly AstNodeDescription[], b: readonly AstNodeDescription[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i].path !== b[i].path || (a[i].documentUri !== b[i].documentUri && a[i].documentUri.toString() !== b[i].documentUri.toString())) return false;
    }
    return true;
}

/** The elementsByFile key of a generated file of a context. */
function fileKey(contextName: string, file: string): string {
    return `${contextName}/${file}`;
}

/** Where a declaration of the document `uri` goes in a list ordered by document: after every one that does not sort after it. */
function insertionPoint(list: readonly AstNodeDescription[], uri: string): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (list[middle].documentUri.toString().localeCompare(uri) <= 0) low = middle + 1;
        else high = middle;
    }
    return low;
}
